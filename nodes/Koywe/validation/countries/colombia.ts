/** Colombia (DIAN): the receiver's municipality, foreign receivers. Applies to types outside the table too. */
import { COUNTRIES } from '../../data/countries';
import { findTaxIdType } from '../../data/taxIdTypes';
import { text } from '../../shared/values';
import { isPresent, toNumber } from '../numbers';
import type { CountryRules } from '../rules/common';

export const colombiaRules: CountryRules = ({ header, info }, out) => {
	if (!isPresent(header.receiver_tax_id_code)) return;
	const type = text(header.receiver_tax_id_type);
	const receiverCountry = toNumber(header.receiver_country_id);
	const typeCountry = findTaxIdType(type)?.country;
	const foreign =
		type === 'CO-NOP' ||
		(typeCountry !== undefined && typeCountry !== 'CO') ||
		(receiverCountry !== undefined && receiverCountry !== COUNTRIES.CO.countryId);
	if (!foreign && !isPresent(header.receiver_county_id)) {
		const message =
			'header.receiver_county_id is required for a Colombian receiver: the DIAN municipality code (e.g. "496"), used instead of receiver_city/receiver_district. For a foreign receiver use receiver_tax_id_type CO-NOP and its receiver_country_id.';
		// POS documents are often issued to walk-in buyers, and types outside the table (e.g. the support
		// document) are undocumented: for those a missing municipality is only a warning.
		if (!info || info.kind === 'pos' || info.kind === 'posCreditNote') out.warn(message);
		else out.issue('header.receiver_county_id', message);
	}
	if (
		type === 'CO-NOP' &&
		(receiverCountry === undefined || receiverCountry === COUNTRIES.CO.countryId)
	) {
		out.warn(
			"header.receiver_country_id should be the foreign receiver's country (e.g. 89 for the USA) when receiver_tax_id_type is CO-NOP.",
		);
	}
};
