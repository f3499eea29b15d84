/**
 * Mexico (SAT, CFDI 4.0): the receiver's fiscal postal code, regime and legal name; the SAT keys of each line; the
 * global invoice to the general public (InformacionGlobal).
 */
import {
	MX_BIMONTHLY_PERIODICITY,
	MX_DEFAULT_PRODUCT_KEY,
	MX_DEFAULT_UNIT_KEY,
	MX_GLOBAL_MONTHS,
	MX_GLOBAL_PERIODICITIES,
} from '../../data/mexico';
import { MX_GENERIC_RFC_FOREIGN, MX_GENERIC_RFC_NATIONAL } from '../../data/taxIdTypes';
import { asList, isObject, text, type PlainObject } from '../../shared/values';
import { isPresent, toNumber } from '../numbers';
import type { Collector, CountryRules } from '../rules/common';

const LEGAL_FORM_SUFFIX =
	/\b(S\.?\s?A\.?\s?(DE\s+C\.?\s?V\.?)?|S\.?\s?DE\s+R\.?\s?L\.?(\s+DE\s+C\.?\s?V\.?)?|S\.?\s?C\.?|A\.?\s?C\.?|S\.?\s?A\.?\s?P\.?\s?I\.?(\s+DE\s+C\.?\s?V\.?)?|SAPI(\s+DE\s+CV)?|SA\s+DE\s+CV)\.?\s*$/i;

const MX_HEADER = 'header.additional.mx_header';
const GLOBAL_FIELDS = ['global_periodicity', 'global_month', 'global_year'] as const;

/** SAT's name for the general public, without accents and case. */
const isGeneralPublic = (name: string) =>
	name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/\s+/g, ' ')
		.trim() === 'PUBLICO EN GENERAL';

/** "04", 4 and "4" are the same SAT code. */
const satCode = (value: unknown) => text(value).padStart(2, '0');

function mxDetailOf(line: unknown): PlainObject {
	if (!isObject(line) || !isObject(line.additional)) return {};
	return isObject(line.additional.mx_detail) ? line.additional.mx_detail : {};
}

/** The SAT keys of each line: c_ClaveProdServ is 8 digits, c_ClaveUnidad 1–3 capitals or digits. */
function checkLineKeys(body: PlainObject, out: Collector): void {
	asList(body.details).forEach((line, i) => {
		const mxDetail = mxDetailOf(line);
		const at = `details[${i}].additional.mx_detail`;
		const product = text(mxDetail.product_service_identifier);
		if (product && !/^\d{8}$/.test(product)) {
			out.warn(
				`${at}.product_service_identifier "${product}" is not a SAT product/service key (c_ClaveProdServ: 8 digits, e.g. ${MX_DEFAULT_PRODUCT_KEY}).`,
			);
		}
		const unit = text(mxDetail.measure_unit_code);
		if (unit && !/^[A-Z0-9]{1,3}$/.test(unit)) {
			out.warn(
				`${at}.measure_unit_code "${unit}" is not a SAT unit key (c_ClaveUnidad: up to 3 capitals or digits, e.g. ${MX_DEFAULT_UNIT_KEY}, H87, ACT).`,
			);
		}
	});
}

/** The global invoice to the general public: CFDI 4.0's InformacionGlobal, from mx_header's global_* fields. */
function checkGlobalInvoice(header: PlainObject, body: PlainObject, out: Collector): void {
	const additional = isObject(header.additional) ? header.additional : {};
	const mxHeader = isObject(additional.mx_header) ? additional.mx_header : {};
	const given = GLOBAL_FIELDS.filter((field) => isPresent(mxHeader[field]));
	const rfc = text(header.receiver_tax_id_code).toUpperCase();
	const generalPublic =
		rfc === MX_GENERIC_RFC_NATIONAL && isGeneralPublic(text(header.receiver_legal_name));
	if (given.length === 0) {
		if (generalPublic) {
			out.warn(
				`${MX_HEADER}.global_periodicity, global_month and global_year are missing: an invoice to ${MX_GENERIC_RFC_NATIONAL} "PUBLICO EN GENERAL" is a global invoice, which SAT requires to say the period it covers (CFDI 4.0 InformacionGlobal).`,
			);
		}
		return;
	}
	if (!generalPublic) {
		out.warn(
			`${MX_HEADER}.${given[0]} is given, but the receiver is not ${MX_GENERIC_RFC_NATIONAL} "PUBLICO EN GENERAL": SAT accepts the global invoice data only on a global invoice to the general public.`,
		);
	}
	const missing = GLOBAL_FIELDS.filter((field) => given.indexOf(field) === -1);
	if (missing.length) {
		out.issue(
			`${MX_HEADER}.${missing[0]}`,
			`${MX_HEADER}.${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: a global invoice needs its periodicity, month and year together (CFDI 4.0 InformacionGlobal).`,
		);
	}
	const periodicity = isPresent(mxHeader.global_periodicity)
		? satCode(mxHeader.global_periodicity)
		: undefined;
	if (periodicity && !MX_GLOBAL_PERIODICITIES.some((p) => p.code === periodicity)) {
		out.issue(
			`${MX_HEADER}.global_periodicity`,
			`${MX_HEADER}.global_periodicity "${text(mxHeader.global_periodicity)}" is not a SAT periodicity (${MX_GLOBAL_PERIODICITIES.map((p) => `${p.code} ${p.name}`).join(', ')}).`,
		);
	}
	const month = isPresent(mxHeader.global_month) ? satCode(mxHeader.global_month) : undefined;
	if (month) {
		const known = MX_GLOBAL_MONTHS.some((m) => m.code === month);
		const twoMonths = Number(month) >= 13;
		if (!known) {
			out.issue(
				`${MX_HEADER}.global_month`,
				`${MX_HEADER}.global_month "${text(mxHeader.global_month)}" is not a SAT month: 01–12, or 13–18 for two-month periods.`,
			);
		} else if (periodicity === MX_BIMONTHLY_PERIODICITY && !twoMonths) {
			out.issue(
				`${MX_HEADER}.global_month`,
				`${MX_HEADER}.global_month ${month} is a single month, but global_periodicity ${periodicity} (two months) needs a two-month period, 13–18 (13 January–February … 18 November–December).`,
			);
		} else if (periodicity && periodicity !== MX_BIMONTHLY_PERIODICITY && twoMonths) {
			out.issue(
				`${MX_HEADER}.global_month`,
				`${MX_HEADER}.global_month ${month} is a two-month period, which SAT accepts only with global_periodicity ${MX_BIMONTHLY_PERIODICITY} (two months); use a month 01–12.`,
			);
		}
	}
	const year = toNumber(mxHeader.global_year);
	const issueYear = Number(text(header.issue_date).slice(0, 4));
	if (isPresent(mxHeader.global_year) && (year === undefined || !Number.isInteger(year))) {
		out.issue(
			`${MX_HEADER}.global_year`,
			`${MX_HEADER}.global_year "${text(mxHeader.global_year)}" must be a year such as 2026.`,
		);
	} else if (year !== undefined && issueYear > 0 && (year > issueYear || year < issueYear - 1)) {
		out.warn(
			`${MX_HEADER}.global_year ${year} is neither the year of the issue date (${issueYear}) nor the one before; SAT expects the year the sales took place.`,
		);
	}
	// SAT's rules for the concepts of a global invoice: product key 01010101, unit ACT (one line per ticket).
	asList(body.details).forEach((line, i) => {
		const mxDetail = mxDetailOf(line);
		const product = text(mxDetail.product_service_identifier) || MX_DEFAULT_PRODUCT_KEY;
		const unit = text(mxDetail.measure_unit_code);
		if (product !== MX_DEFAULT_PRODUCT_KEY || unit !== 'ACT') {
			out.warn(
				`details[${i}]: the lines of a global invoice use the SAT product key ${MX_DEFAULT_PRODUCT_KEY} and the unit key ACT${unit ? '' : ` (mx_detail.measure_unit_code is missing, so Koywe assumes ${MX_DEFAULT_UNIT_KEY})`}.`,
			);
		}
	});
}

export const mexicoRules: CountryRules = ({ header, body, info }, out) => {
	if (!info) return;
	checkLineKeys(body, out);
	checkGlobalInvoice(header, body, out);
	if (info.kind === 'transfer') return;
	const rfc = text(header.receiver_tax_id_code).toUpperCase();
	const generic = rfc === MX_GENERIC_RFC_NATIONAL || rfc === MX_GENERIC_RFC_FOREIGN;
	if (rfc === '' || generic) return;
	if (!isPresent(header.receiver_postalcode)) {
		out.warn(
			"header.receiver_postalcode is missing; CFDI 4.0 needs the receiver's fiscal postal code exactly as registered with SAT.",
		);
	}
	if (!isPresent(header.receiver_activity)) {
		out.warn(
			"header.receiver_activity is missing; CFDI 4.0 needs the receiver's SAT fiscal regime (e.g. 601, 616).",
		);
	}
	const name = text(header.receiver_legal_name);
	if (name !== '' && LEGAL_FORM_SUFFIX.test(name)) {
		out.warn(
			`header.receiver_legal_name "${name}" seems to end with the company type (e.g. S.A. de C.V.); SAT expects the name without it.`,
		);
	}
};
