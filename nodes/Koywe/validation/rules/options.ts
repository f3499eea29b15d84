/** Koywe's `options` block: 1/0 flags, and options that only one country reads. */
import { COUNTRIES, type CountryCode } from '../../data/countries';
import { isObject, text, type PlainObject } from '../../shared/values';
import { isPresent } from '../numbers';
import type { Collector } from './common';

export function checkOptions(
	body: PlainObject,
	country: CountryCode | undefined,
	out: Collector,
): void {
	if (!isObject(body.options)) return;
	const options = body.options;
	for (const key of Object.keys(options)) {
		if (typeof options[key] === 'boolean')
			out.warn(
				`options.${key} is ${String(options[key])}; Koywe documents 1/0 for this option, send ${options[key] ? 1 : 0}.`,
			);
	}
	if (
		isPresent(options.rounding_type) &&
		['net', 'gross'].indexOf(text(options.rounding_type)) === -1
	) {
		out.warn(
			`options.rounding_type "${text(options.rounding_type)}" is not one of the documented values "net" or "gross".`,
		);
	}
	if (country && country !== 'CL') {
		for (const key of ['draft_only', 'draft_preview', 'pdf_transfer_copy', 'gross_values']) {
			if (isPresent(options[key]))
				out.warn(
					`options.${key} is a Chile-only option; it probably has no effect in ${COUNTRIES[country].name}.`,
				);
		}
	}
	if (country && country !== 'CO' && isPresent(options.send_email)) {
		out.warn(
			`options.send_email is documented for Colombia only; it probably has no effect in ${COUNTRIES[country].name}.`,
		);
	}
}
