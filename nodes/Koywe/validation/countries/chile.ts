/** Chile (SII): dispatch guides, export documents, foreign currencies. */
import { COUNTRIES } from '../../data/countries';
import { isObject } from '../../shared/values';
import { isPresent, toNumber } from '../numbers';
import type { CountryRules } from '../rules/common';

export const chileRules: CountryRules = ({ header, body, info }, out) => {
	if (!info) return;
	if (info.kind === 'dispatchGuide') {
		const guideType = toNumber(header.guide_type);
		if (!isPresent(header.guide_type)) {
			out.issue(
				'header.guide_type',
				'header.guide_type is required for a dispatch guide: 1 sale, 2 sale to be made, 3 consignment, 4 free delivery, 5 internal transfer, 6 other non-sale transfer, 7 return, 8 export transfer, 9 export sale.',
			);
		} else if (guideType !== undefined && (guideType < 1 || guideType > 9)) {
			out.issue(
				'header.guide_type',
				`header.guide_type ${guideType} is not a documented dispatch-guide type (1–9).`,
			);
		}
		const internal = guideType === 5;
		const transferType = toNumber(header.transfer_type);
		if (!internal && !isPresent(header.transfer_type)) {
			out.issue(
				'header.transfer_type',
				'header.transfer_type is required for a dispatch guide (unless guide_type is 5, internal transfer): 1 by the receiver, 2 by the issuer to the receiver, 3 by the issuer to other premises.',
			);
		} else if (transferType !== undefined && (transferType < 1 || transferType > 3)) {
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
