/** Chile (SII): dispatch guides, export documents, foreign currencies. */
import {
	CL_GUIDE_TYPES,
	CL_SALE_CLAUSES,
	CL_SALE_MODALITIES,
	CL_SERVICE_INDICATORS,
	CL_TRANSFER_TYPES,
	chileCodesInWords,
	type ChileCode,
} from '../../data/chile';
import { COUNTRIES } from '../../data/countries';
import { isObject, text, type PlainObject } from '../../shared/values';
import { isPresent, toNumber } from '../numbers';
import type { Collector, CountryRules } from '../rules/common';

const isCode = (table: readonly ChileCode[], code: number | undefined) =>
	table.some((entry) => entry.code === code);

/** Export codes outside the documented tables: the tables may be incomplete, so only a warning. */
function checkExportCodes(header: PlainObject, out: Collector): void {
	for (const [field, table] of [
		['service_indicator', CL_SERVICE_INDICATORS],
		['sale_modality', CL_SALE_MODALITIES],
		['sale_clause', CL_SALE_CLAUSES],
	] as const) {
		if (!isPresent(header[field])) continue;
		const code = toNumber(header[field]);
		if (!isCode(table, code)) {
			out.warn(
				`header.${field} ${text(header[field])} is not one of the documented codes (${table.map((e) => `${e.code} ${e.name}`).join(', ')}); it is sent as given.`,
			);
		}
	}
}

export const chileRules: CountryRules = ({ header, body, info }, out) => {
	if (!info) return;
	if (info.kind === 'dispatchGuide') {
		const guideType = toNumber(header.guide_type);
		if (!isPresent(header.guide_type)) {
			out.issue(
				'header.guide_type',
				`header.guide_type is required for a dispatch guide: ${chileCodesInWords(CL_GUIDE_TYPES)}.`,
			);
		} else if (guideType !== undefined && !isCode(CL_GUIDE_TYPES, guideType)) {
			out.issue(
				'header.guide_type',
				`header.guide_type ${guideType} is not a documented dispatch-guide type (1–9: ${chileCodesInWords(CL_GUIDE_TYPES)}).`,
			);
		}
		const internal = guideType === 5;
		const transferType = toNumber(header.transfer_type);
		if (!internal && !isPresent(header.transfer_type)) {
			out.issue(
				'header.transfer_type',
				`header.transfer_type is required for a dispatch guide (unless guide_type is 5, internal transfer): ${chileCodesInWords(CL_TRANSFER_TYPES)}.`,
			);
		} else if (transferType !== undefined && !isCode(CL_TRANSFER_TYPES, transferType)) {
			out.issue(
				'header.transfer_type',
				`header.transfer_type ${transferType} is not a documented transfer type (1–3).`,
			);
		}
	}
	if (
		info.kind === 'exportInvoice' ||
		info.kind === 'exportCreditNote' ||
		info.kind === 'exportDebitNote'
	) {
		const receiverCountry = toNumber(header.receiver_country_id);
		if (receiverCountry === undefined) {
			out.warn(
				'header.receiver_country_id is missing; the Chilean export examples give the destination country (e.g. 89 for the USA).',
			);
		} else if (receiverCountry === COUNTRIES.CL.countryId) {
			out.warn(
				'header.receiver_country_id is Chile (253) on an export document; give the destination country.',
			);
		}
		const lines = Array.isArray(body.details) ? body.details : [];
		lines.forEach((line, i) => {
			if (isObject(line) && Array.isArray(line.taxes) && line.taxes.length > 0) {
				out.warn(
					`details[${i}].taxes is not empty; Chilean export documents carry no taxes (empty taxes array in the examples).`,
				);
			}
		});
	}
	checkExportCodes(header, out);
	const options = isObject(body.options) ? body.options : {};
	const gross = toNumber(options.gross_values) ?? (options.gross_values === true ? 1 : 0);
	if (gross !== 0 && info.kind !== 'receipt' && info.kind !== 'exemptReceipt') {
		out.warn(
			`options.gross_values (prices include VAT) is documented for electronic receipts (37, 41), not for ${info.englishName} (${info.id}).`,
		);
	}
	const currency = toNumber(header.currency_id);
	if (
		currency !== undefined &&
		currency !== COUNTRIES.CL.currencyId &&
		!isPresent(header.exchange_rate_value)
	) {
		out.warn(
			'header.exchange_rate_value is missing for a document in a foreign currency (the export example sends e.g. 934.58 for USD).',
		);
	}
};
