/** `globals_discounts_surcharges[]`: the documented codes (DA, DE, RA, RE) and types ($, %). */
import { GLOBAL_MODIFIER_CODES, GLOBAL_MODIFIER_TYPES } from '../../data/globalDiscounts';
import { asList, isObject, text, type PlainObject } from '../../shared/values';
import { isPresent, toNumber } from '../numbers';
import type { Collector } from './common';

const CODES = GLOBAL_MODIFIER_CODES.map(
	(entry) => `${entry.code} ${entry.name.toLowerCase()}`,
).join(', ');

export function checkGlobalDiscounts(body: PlainObject, out: Collector): void {
	asList(body.globals_discounts_surcharges).forEach((entry, i) => {
		if (!isObject(entry)) return;
		const at = `globals_discounts_surcharges[${i}]`;
		const code = text(entry.discount_surcharge_code).toUpperCase();
		if (!GLOBAL_MODIFIER_CODES.some((known) => known.code === code)) {
			out.warn(
				`${at}.discount_surcharge_code "${text(entry.discount_surcharge_code)}" is not one of the documented codes (${CODES}); the computed totals treat it as a surcharge on taxed lines.`,
			);
		}
		const type = text(entry.discount_surcharge_type);
		if (!GLOBAL_MODIFIER_TYPES.some((known) => known.code === type)) {
			out.warn(
				`${at}.discount_surcharge_type "${type}" is not one of the documented types: "%" (percentage) or "$" (amount).`,
			);
		}
		const value = toNumber(entry.discount_surcharge_value);
		if (!isPresent(entry.discount_surcharge_value)) {
			out.warn(`${at}.discount_surcharge_value is missing.`);
		} else if (value !== undefined && value < 0) {
			out.warn(
				`${at}.discount_surcharge_value is negative; give it positive, the code says whether it is a discount or a surcharge.`,
			);
		}
	});
}
