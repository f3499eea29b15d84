/**
 * Tax-id checks per `*_tax_id_type`. Each check returns null when the id is acceptable, otherwise one sentence
 * saying what is wrong and what the expected format is. Unknown types are never rejected.
 *
 * Check-digit rules implemented (all public algorithms of the respective tax bureaus):
 * - CL-RUT: modulo 11 with weights 2..7 repeating from the right; 11 -> "0", 10 -> "K".
 * - CO-NIT: DIAN weights 3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71 from the right;
 *   remainder 0 or 1 is the digit itself, otherwise 11 - remainder.
 * - PE-RUC and AR-CUIT: weights 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 on the first ten digits; 11 - (sum mod 11),
 *   where RUC maps 10 -> 0 and 11 -> 1, and CUIT maps 11 -> 0 (10 never occurs in a valid CUIT).
 * - MX-RFC: format only (the homoclave check digit is not verified; SAT's own test RFCs are accepted).
 */

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

function validateRut(code: string): string | null {
	const example = 'e.g. 76399932-7';
	if (code.trim() !== code)
		return `RUT "${code}" has leading or trailing spaces; write it as digits, hyphen, check digit (${example}).`;
	if (code.indexOf('.') !== -1)
		return `RUT "${code}" contains dots; write it without dots, ${example}.`;
	if (/\s/.test(code)) return `RUT "${code}" contains spaces; write it without spaces, ${example}.`;
	if (/^\d{2,9}[\dkK]$/.test(code)) {
		return `RUT "${code}" has no hyphen before the check digit; write it as ${code.slice(0, -1)}-${code.slice(-1).toUpperCase()} (${example}).`;
	}
	const m = /^(\d{1,8})-([\dkK])$/.exec(code);
	if (!m)
		return `RUT "${code}" is not in the expected format: up to 8 digits, a hyphen and the check digit 0–9 or K (${example}).`;
	const expected = rutCheckDigit(m[1]);
	if (m[2].toUpperCase() !== expected) {
		return `RUT "${code}" has a wrong check digit: for ${m[1]} it must be ${expected} (${m[1]}-${expected}).`;
	}
	return null;
}

function validateNit(code: string): string | null {
	const example = 'e.g. 860517022-2 or 860517022';
	if (code.trim() !== code)
		return `NIT "${code}" has leading or trailing spaces; write digits only, optionally with "-" and the verification digit (${example}).`;
	if (code.indexOf('.') !== -1 || code.indexOf(',') !== -1)
		return `NIT "${code}" contains separators; write it without dots or commas, ${example}.`;
	const m = /^(\d{1,15})(?:-(\d))?$/.exec(code);
	if (!m)
		return `NIT "${code}" is not in the expected format: digits only, optionally followed by "-" and one verification digit (${example}).`;
	if (m[2] !== undefined) {
		const expected = nitCheckDigit(m[1]);
		if (Number(m[2]) !== expected) {
			return `NIT "${code}" has a wrong verification digit: for ${m[1]} DIAN's digit is ${expected} (${m[1]}-${expected}).`;
		}
	}
	return null;
}

function validateRuc(code: string): string | null {
	const example = 'e.g. 20610383727';
	if (!/^\d{11}$/.test(code))
		return `RUC "${code}" must be exactly 11 digits without spaces or separators (${example}).`;
	const prefix = code.slice(0, 2);
	if (['10', '15', '17', '20'].indexOf(prefix) === -1) {
		return `RUC "${code}" starts with ${prefix}; a RUC starts with 10, 15, 17 or 20 (${example}).`;
	}
	const expected = rucCheckDigit(code.slice(0, 10));
	if (Number(code.charAt(10)) !== expected) {
		return `RUC "${code}" has a wrong check digit: the last digit must be ${expected} (${code.slice(0, 10)}${expected}).`;
	}
	return null;
}

function validateDni(code: string): string | null {
	if (!/^\d{8}$/.test(code)) return `DNI "${code}" must be exactly 8 digits (e.g. 12345678).`;
	return null;
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

function validateRfc(code: string): string | null {
	const example = 'e.g. EKU9003173C9 (company) or XAXX010101000 (generic)';
	if (/[\s-]/.test(code))
		return `RFC "${code}" contains spaces or hyphens; write it as one word, ${example}.`;
	if (code !== code.toUpperCase())
		return `RFC "${code}" must be written in capital letters (${code.toUpperCase()}).`;
	const m = /^([A-ZÑ&]{3,4})(\d{6})([A-Z\d]{2}[\dA])$/.exec(code);
	if (!m) {
		return `RFC "${code}" is not in the expected format: 3 letters (company) or 4 letters (person), the date YYMMDD and a 3-character homoclave, ${example}.`;
	}
	if (!isValidYymmdd(m[2]))
		return `RFC "${code}" contains ${m[2]}, which is not a valid date (YYMMDD).`;
	return null;
}

function validateCuit(code: string): string | null {
	const example = 'e.g. 20357265992 or 20-35726599-2';
	if (!/^(\d{11}|\d{2}-\d{8}-\d)$/.test(code)) {
		return `CUIT "${code}" must be 11 digits, optionally written as XX-XXXXXXXX-X (${example}).`;
	}
	const digits = code.replace(/-/g, '');
	const expected = cuitCheckDigit(digits.slice(0, 10));
	if (expected === null)
		return `CUIT "${code}" cannot be valid: no check digit exists for ${digits.slice(0, 10)}.`;
	if (Number(digits.charAt(10)) !== expected) {
		return `CUIT "${code}" has a wrong check digit: the last digit must be ${expected} (${digits.slice(0, 10)}${expected}).`;
	}
	return null;
}

const VALIDATORS: Readonly<Record<string, (code: string) => string | null>> = {
	'CL-RUT': validateRut,
	'CO-NIT': validateNit,
	'CO-NOP': () => null,
	'PE-RUC': validateRuc,
	'PE-DNI': validateDni,
	'MX-RFC': validateRfc,
	'AR-CUIT': validateCuit,
};

/**
 * Checks a tax id for its type. Returns null when acceptable (or the type is not one this module knows),
 * otherwise a message saying what is wrong and the expected format.
 */
export function validateTaxId(type: string, code: string): string | null {
	const value = cleanInput(code);
	if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(VALIDATORS, type))
		return null;
	const validator = VALIDATORS[type];
	if (value.trim() === '') return `The ${type} tax id is empty.`;
	return validator(value);
}
