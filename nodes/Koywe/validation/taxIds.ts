/**
 * Tax-id checks per `*_tax_id_type`. A check gives an `issue` (the id can never be valid: wrong format, wrong check
 * digit, a number no tax authority issues), a `warning` (unusual but possibly valid), or nothing. Each is one
 * sentence saying what is wrong and what the expected format is. Unknown types are never rejected.
 *
 * Check-digit rules implemented (all public algorithms of the respective tax bureaus):
 * - CL-RUT: modulo 11 with weights 2..7 repeating from the right; 11 -> "0", 10 -> "K".
 * - CO-NIT: DIAN weights 3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71 from the right;
 *   remainder 0 or 1 is the digit itself, otherwise 11 - remainder.
 * - PE-RUC and AR-CUIT: weights 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 on the first ten digits; 11 - (sum mod 11),
 *   where RUC maps 10 -> 0 and 11 -> 1, and CUIT maps 11 -> 0 (10 never occurs in a valid CUIT).
 * - MX-RFC: format only (the homoclave check digit is not verified; SAT's own test RFCs are accepted).
 */

import { AR_CUIT_PREFIXES, PE_RUC_PREFIXES } from '../data/taxIdTypes';
import { listInWords } from '../shared/values';

/** What a tax-id check found: `issue` blocks sending, `warning` is a remark; neither = acceptable. */
export interface TaxIdCheck {
	issue?: string;
	warning?: string;
}

const OK: TaxIdCheck = {};
const issue = (message: string): TaxIdCheck => ({ issue: message });

/** Only zeros: passes every modulo-11 check digit, yet no tax authority issues it. */
const ALL_ZEROS = /^0+$/;

function cleanInput(code: unknown): string {
	if (code === undefined || code === null) return '';
	return String(code);
}

function weightedSum(digits: string, weights: readonly number[]): number {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) sum += Number(digits.charAt(i)) * weights[i];
	return sum;
}

/** Expected Chilean RUT check digit ('0'–'9' or 'K') for the number part. */
export function rutCheckDigit(body: string): string {
	let sum = 0;
	let factor = 2;
	for (let i = body.length - 1; i >= 0; i--) {
		sum += Number(body.charAt(i)) * factor;
		factor = factor === 7 ? 2 : factor + 1;
	}
	const r = 11 - (sum % 11);
	if (r === 11) return '0';
	if (r === 10) return 'K';
	return String(r);
}

/** Expected Colombian NIT verification digit for the number part. */
export function nitCheckDigit(body: string): number {
	const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
	let sum = 0;
	for (let i = 0; i < body.length; i++)
		sum += Number(body.charAt(body.length - 1 - i)) * weights[i];
	const r = sum % 11;
	return r > 1 ? 11 - r : r;
}

const MOD11_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Expected Peruvian RUC check digit (11th digit) for the first ten digits. */
export function rucCheckDigit(first10: string): number {
	const r = 11 - (weightedSum(first10, MOD11_WEIGHTS) % 11);
	if (r === 10) return 0;
	if (r === 11) return 1;
	return r;
}

/** Expected Argentine CUIT check digit for the first ten digits; null when no valid digit exists (result 10). */
export function cuitCheckDigit(first10: string): number | null {
	const r = 11 - (weightedSum(first10, MOD11_WEIGHTS) % 11);
	if (r === 11) return 0;
	if (r === 10) return null;
	return r;
}

function validateRut(code: string): TaxIdCheck {
	const example = 'e.g. 76399932-7';
	if (code.trim() !== code)
		return issue(
			`RUT "${code}" has leading or trailing spaces; write it as digits, hyphen, check digit (${example}).`,
		);
	if (code.indexOf('.') !== -1)
		return issue(`RUT "${code}" contains dots; write it without dots, ${example}.`);
	if (/\s/.test(code))
		return issue(`RUT "${code}" contains spaces; write it without spaces, ${example}.`);
	if (/^\d{2,9}[\dkK]$/.test(code)) {
		return issue(
			`RUT "${code}" has no hyphen before the check digit; write it as ${code.slice(0, -1)}-${code.slice(-1).toUpperCase()} (${example}).`,
		);
	}
	const m = /^(\d{1,8})-([\dkK])$/.exec(code);
	if (!m)
		return issue(
			`RUT "${code}" is not in the expected format: up to 8 digits, a hyphen and the check digit 0–9 or K (${example}).`,
		);
	if (ALL_ZEROS.test(m[1]))
		return issue(`RUT "${code}" is not a real RUT: its number is all zeros (${example}).`);
	const expected = rutCheckDigit(m[1]);
	if (m[2].toUpperCase() !== expected) {
		return issue(
			`RUT "${code}" has a wrong check digit: for ${m[1]} it must be ${expected} (${m[1]}-${expected}).`,
		);
	}
	return OK;
}

function validateNit(code: string): TaxIdCheck {
	const example = 'e.g. 860517022-2 or 860517022';
	if (code.trim() !== code)
		return issue(
			`NIT "${code}" has leading or trailing spaces; write digits only, optionally with "-" and the verification digit (${example}).`,
		);
	if (code.indexOf('.') !== -1 || code.indexOf(',') !== -1)
		return issue(`NIT "${code}" contains separators; write it without dots or commas, ${example}.`);
	const m = /^(\d{1,15})(?:-(\d))?$/.exec(code);
	if (!m)
		return issue(
			`NIT "${code}" is not in the expected format: digits only, optionally followed by "-" and one verification digit (${example}).`,
		);
	if (ALL_ZEROS.test(m[1]))
		return issue(`NIT "${code}" is not a real NIT: its number is all zeros (${example}).`);
	if (m[2] !== undefined) {
		const expected = nitCheckDigit(m[1]);
		if (Number(m[2]) !== expected) {
			return issue(
				`NIT "${code}" has a wrong verification digit: for ${m[1]} DIAN's digit is ${expected} (${m[1]}-${expected}).`,
			);
		}
	}
	return OK;
}

function validateRuc(code: string): TaxIdCheck {
	const example = 'e.g. 20610383727';
	if (!/^\d{11}$/.test(code))
		return issue(
			`RUC "${code}" must be exactly 11 digits without spaces or separators (${example}).`,
		);
	const prefix = code.slice(0, 2);
	const issued: readonly string[] = PE_RUC_PREFIXES.issued;
	const unconfirmed: readonly string[] = PE_RUC_PREFIXES.unconfirmed;
	if (issued.indexOf(prefix) === -1 && unconfirmed.indexOf(prefix) === -1) {
		return issue(
			`RUC "${code}" starts with ${prefix}; a RUC starts with ${listInWords(issued)} (${example}).`,
		);
	}
	const expected = rucCheckDigit(code.slice(0, 10));
	if (Number(code.charAt(10)) !== expected) {
		return issue(
			`RUC "${code}" has a wrong check digit: the last digit must be ${expected} (${code.slice(0, 10)}${expected}).`,
		);
	}
	if (unconfirmed.indexOf(prefix) !== -1) {
		return {
			warning: `RUC "${code}" starts with ${prefix}, a prefix SUNAT does not document (it issues ${listInWords(issued)}); several validators accept it, so it is sent as given.`,
		};
	}
	return OK;
}

function validateDni(code: string): TaxIdCheck {
	if (!/^\d{8}$/.test(code))
		return issue(`DNI "${code}" must be exactly 8 digits (e.g. 12345678).`);
	return OK;
}

function isValidYymmdd(yymmdd: string): boolean {
	const yy = Number(yymmdd.slice(0, 2));
	const mm = Number(yymmdd.slice(2, 4));
	const dd = Number(yymmdd.slice(4, 6));
	if (mm < 1 || mm > 12 || dd < 1) return false;
	const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
	if (dd > days) return false;
	// 29 February: the two-digit year must be a leap year in 19xx or 20xx (00 counts: 2000 was a leap year).
	if (mm === 2 && dd === 29) return yy % 4 === 0;
	return true;
}

function validateRfc(code: string): TaxIdCheck {
	const example = 'e.g. EKU9003173C9 (company) or XAXX010101000 (generic)';
	if (/[\s-]/.test(code))
		return issue(`RFC "${code}" contains spaces or hyphens; write it as one word, ${example}.`);
	if (code !== code.toUpperCase())
		return issue(`RFC "${code}" must be written in capital letters (${code.toUpperCase()}).`);
	const m = /^([A-ZÑ&]{3,4})(\d{6})([A-Z\d]{2}[\dA])$/.exec(code);
	if (!m) {
		return issue(
			`RFC "${code}" is not in the expected format: 3 letters (company) or 4 letters (person), the date YYMMDD and a 3-character homoclave, ${example}.`,
		);
	}
	if (!isValidYymmdd(m[2]))
		return issue(`RFC "${code}" contains ${m[2]}, which is not a valid date (YYMMDD).`);
	return OK;
}

function validateCuit(code: string): TaxIdCheck {
	const example = 'e.g. 20357265992 or 20-35726599-2';
	if (!/^(\d{11}|\d{2}-\d{8}-\d)$/.test(code)) {
		return issue(
			`CUIT "${code}" must be 11 digits, optionally written as XX-XXXXXXXX-X (${example}).`,
		);
	}
	const digits = code.replace(/-/g, '');
	if (ALL_ZEROS.test(digits))
		return issue(`CUIT "${code}" is not a real CUIT: it is all zeros (${example}).`);
	const prefix = digits.slice(0, 2);
	const issued: readonly string[] = AR_CUIT_PREFIXES.issued;
	const countryCuits: readonly string[] = AR_CUIT_PREFIXES.countryCuits;
	if (issued.indexOf(prefix) === -1 && countryCuits.indexOf(prefix) === -1) {
		return issue(
			`CUIT "${code}" starts with ${prefix}; ARCA issues CUITs starting with ${listInWords(issued)} (${example}).`,
		);
	}
	const expected = cuitCheckDigit(digits.slice(0, 10));
	if (expected === null)
		return issue(
			`CUIT "${code}" cannot be valid: no check digit exists for ${digits.slice(0, 10)}.`,
		);
	if (Number(digits.charAt(10)) !== expected) {
		return issue(
			`CUIT "${code}" has a wrong check digit: the last digit must be ${expected} (${digits.slice(0, 10)}${expected}).`,
		);
	}
	if (countryCuits.indexOf(prefix) !== -1) {
		return {
			warning: `CUIT "${code}" starts with ${prefix}: a CUIT país, which ARCA assigns to a foreign country's persons or entities for export invoices (class E); check it is on ARCA's list.`,
		};
	}
	return OK;
}

const VALIDATORS: Readonly<Record<string, (code: string) => TaxIdCheck>> = {
	'CL-RUT': validateRut,
	'CO-NIT': validateNit,
	'CO-NOP': () => OK,
	'PE-RUC': validateRuc,
	'PE-DNI': validateDni,
	'MX-RFC': validateRfc,
	'AR-CUIT': validateCuit,
};

/**
 * Checks a tax id for its type: an `issue` when it can never be valid, a `warning` when it is unusual; nothing when
 * acceptable or when the type is not one this module knows.
 */
export function checkTaxId(type: string, code: string): TaxIdCheck {
	const value = cleanInput(code);
	if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(VALIDATORS, type))
		return OK;
	if (value.trim() === '') return issue(`The ${type} tax id is empty.`);
	return VALIDATORS[type](value);
}

/**
 * The blocking problem of a tax id for its type, or null when it may be sent (possibly with a warning, see
 * checkTaxId), or when the type is not one this module knows.
 */
export function validateTaxId(type: string, code: string): string | null {
	return checkTaxId(type, code).issue ?? null;
}
