/** Peru (SUNAT): series, the pe_header blocks, same-day receipts and the 700-soles buyer rule. */
import { COUNTRIES } from '../../data/countries';
import { asList, isObject, listInWords, text, type PlainObject } from '../../shared/values';
import { isIsoDate } from '../dates';
import { isPresent, toNumber } from '../numbers';
import type { Collector, CountryRules } from '../rules/common';

const RETENTION_HEADER_FIELDS = [
	'pe_sunat_retention_system_code',
	'pe_sunat_retention_percent',
	'pe_sunat_total_paid',
] as const;

/** A retention receipt (109): its header block and, for each retained invoice, its payment and what was withheld. */
function checkRetention(additional: PlainObject, body: PlainObject, out: Collector): void {
	if (!isObject(additional.pe_retention_header)) {
		out.warn(
			`header.additional.pe_retention_header is missing (${RETENTION_HEADER_FIELDS.join(', ')}).`,
		);
	} else {
		const block = additional.pe_retention_header;
		const missing = RETENTION_HEADER_FIELDS.filter((field) => !isPresent(block[field]));
		if (missing.length)
			out.warn(
				`header.additional.pe_retention_header has no ${listInWords(missing, 'and')}; Koywe's retention example sends all three.`,
			);
	}
	const retained = asList(body.references).filter(
		(ref) => isObject(ref) && !isPresent(ref.reference_type),
	);
	if (retained.length === 0) {
		out.warn(
			'references is empty: a retention receipt lists each retained invoice there, with its payment in additional.pe_retention_details.',
		);
	}
	asList(body.references).forEach((ref, i) => {
		if (!isObject(ref) || isPresent(ref.reference_type)) return;
		const details = isObject(ref.additional) ? ref.additional.pe_retention_details : undefined;
		if (!isObject(details)) {
			out.warn(
				`references[${i}].additional.pe_retention_details is missing: the payment of the retained invoice and the amount withheld.`,
			);
		}
	});
}

export const peruRules: CountryRules = ({ header, body, info, ctx }, out) => {
	if (!info) return;
	const series = text(header.document_sequence_code);
	if (series === '') {
		out.issue(
			'header.document_sequence_code',
			`header.document_sequence_code (the series, e.g. F001 for invoices, B001 for receipts) is required for every Peruvian document.`,
		);
	} else {
		const prefixes = info.seriesPrefixes;
		if (prefixes && prefixes.indexOf(series.charAt(0).toUpperCase()) === -1) {
			out.warn(
				`header.document_sequence_code "${series}" does not start with ${prefixes.join(' or ')}, as SUNAT series for ${info.englishName.toLowerCase()} do.`,
			);
		}
	}
	const additional = isObject(header.additional) ? header.additional : {};
	if (info.kind !== 'retention' && !isObject(additional.pe_header)) {
		out.warn(
			'header.additional.pe_header is missing; the Peru examples send it with signature_id and operation_type ("0101" internal sale, "0200" export).',
		);
	}
	if (info.kind === 'retention') checkRetention(additional, body, out);
	if (info.id === 100 && !isObject(additional.pe_shipping)) {
		out.warn(
			'header.additional.pe_shipping is missing; remission guides describe the shipment there.',
		);
	}
	if (info.kind === 'receipt') {
		if (
			ctx.today &&
			isIsoDate(ctx.today) &&
			text(header.issue_date) !== '' &&
			text(header.issue_date) !== ctx.today
		) {
			out.warn(
				`header.issue_date ${text(header.issue_date)} is not today (${ctx.today}); SUNAT rejects receipts not dated the day they are issued.`,
			);
		}
		const total = isObject(body.totals) ? toNumber(body.totals.total_amount) : undefined;
		const currency = toNumber(header.currency_id);
		const inSoles = currency === undefined || currency === COUNTRIES.PE.currencyId;
		if (!isPresent(header.receiver_tax_id_code) && inSoles && total !== undefined && total > 700) {
			out.warn(
				`header.receiver_tax_id_code is missing on a receipt of ${total} soles; only receipts under 700 soles may omit the buyer (use PE-DNI or PE-RUC).`,
			);
		}
	}
};
