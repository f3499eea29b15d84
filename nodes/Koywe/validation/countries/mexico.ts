/** Mexico (SAT, CFDI 4.0): the receiver's fiscal postal code, regime and legal name. */
import { MX_GENERIC_RFC_FOREIGN, MX_GENERIC_RFC_NATIONAL } from '../../data/taxIdTypes';
import { text } from '../../shared/values';
import { isPresent } from '../numbers';
import type { CountryRules } from '../rules/common';

const LEGAL_FORM_SUFFIX =
	/\b(S\.?\s?A\.?\s?(DE\s+C\.?\s?V\.?)?|S\.?\s?DE\s+R\.?\s?L\.?(\s+DE\s+C\.?\s?V\.?)?|S\.?\s?C\.?|A\.?\s?C\.?|S\.?\s?A\.?\s?P\.?\s?I\.?(\s+DE\s+C\.?\s?V\.?)?|SAPI(\s+DE\s+CV)?|SA\s+DE\s+CV)\.?\s*$/i;

export const mexicoRules: CountryRules = ({ header, info }, out) => {
	if (!info) return;
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
