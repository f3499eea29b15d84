/** Argentina (ARCA): point of sale, ar_header, invoice classes A and C, notes. */
import { AR_INVOICE_CONCEPTS, AR_SERVICE_DATE_FIELDS } from '../../data/argentina';
import { isNoteKind } from '../../data/documentTypes';
import { findTaxType } from '../../data/taxes';
import { isObject, listInWords, text, type PlainObject } from '../../shared/values';
import { isIsoDate } from '../dates';
import { isPresent, toNumber } from '../numbers';
import type { Collector, CountryRules } from '../rules/common';

const AR_HEADER = 'header.additional.ar_header';

/** ARCA requires the service period and the payment due date for concepts 2 and 3 (services). */
function checkServiceDates(arHeader: PlainObject, out: Collector): void {
	const concept = toNumber(arHeader.invoice_concept);
	const info = AR_INVOICE_CONCEPTS.find((entry) => entry.code === concept);
	if (isPresent(arHeader.invoice_concept) && !info) {
		out.warn(
			`${AR_HEADER}.invoice_concept ${text(arHeader.invoice_concept)} is not one of ARCA's concepts (${AR_INVOICE_CONCEPTS.map((c) => `${c.code} ${c.name}`).join(', ')}).`,
		);
	}
	for (const field of AR_SERVICE_DATE_FIELDS) {
		if (isPresent(arHeader[field]) && !isIsoDate(text(arHeader[field])))
			out.warn(
				`${AR_HEADER}.${field} "${text(arHeader[field])}" is not a date written YYYY-MM-DD.`,
			);
	}
	if (info?.services) {
		const missing = AR_SERVICE_DATE_FIELDS.filter((field) => !isPresent(arHeader[field]));
		if (missing.length) {
			out.issue(
				`${AR_HEADER}.${missing[0]}`,
				`${AR_HEADER}.${listInWords(missing, 'and')} ${missing.length > 1 ? 'are' : 'is'} required for invoice_concept ${concept} (${info.name}): ARCA refuses a services invoice without the service period and the payment due date.`,
			);
		}
	}
	const from = text(arHeader.service_date_from);
	const to = text(arHeader.service_date_to);
	if (isIsoDate(from) && isIsoDate(to) && to < from) {
		out.issue(
			`${AR_HEADER}.service_date_to`,
			`${AR_HEADER}.service_date_to ${to} is before service_date_from ${from}: the service period must end on or after its start.`,
		);
	}
}

export const argentinaRules: CountryRules = ({ header, body, info }, out) => {
	if (!info) return;
	if (!isPresent(header.branch_office_code)) {
		out.warn(
			'header.branch_office_code is missing; in Argentina it is the ARCA point of sale (e.g. "12").',
		);
	}
	const additional = isObject(header.additional) ? header.additional : {};
	if (!isObject(additional.ar_header)) {
		out.warn(
			'header.additional.ar_header is missing; the Argentina examples send invoice_concept and receiver_vat_condition_id there.',
		);
	} else {
		checkServiceDates(additional.ar_header, out);
	}
	if (
		info.arClass === 'A' &&
		isPresent(header.receiver_tax_id_code) &&
		text(header.receiver_tax_id_type) !== 'AR-CUIT'
	) {
		out.warn(
			`header.receiver_tax_id_type is "${text(header.receiver_tax_id_type)}"; class A documents are issued to a receiver identified by CUIT.`,
		);
	}
	if (info.arClass === 'C') {
		const lines = Array.isArray(body.details) ? body.details : [];
		lines.forEach((line, i) => {
			if (!isObject(line) || !Array.isArray(line.taxes)) return;
			line.taxes.forEach((tax, j) => {
				const taxInfo = isObject(tax) ? findTaxType(text(tax.tax_type_id)) : undefined;
				if (taxInfo && taxInfo.vat)
					out.warn(`details[${i}].taxes[${j}] is VAT, but class C documents carry no VAT.`);
			});
		});
	}
	if (isNoteKind(info.kind) && Array.isArray(body.references)) {
		body.references.forEach((ref, i) => {
			if (
				isObject(ref) &&
				!isPresent(ref.reference_type) &&
				!isPresent(ref.reference_branch_office_code)
			) {
				out.warn(
					`references[${i}].reference_branch_office_code is missing; the Argentina note examples give the point of sale of the referenced document.`,
				);
			}
		});
	}
};
