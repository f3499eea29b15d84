/** Tax-id types accepted in `issuer_tax_id_type` / `receiver_tax_id_type` (Koywe API reference notes §4.5). */

import type { CountryCode } from './countries';

export type TaxIdTypeCode =
	'CL-RUT' | 'CO-NIT' | 'CO-NOP' | 'PE-RUC' | 'PE-DNI' | 'MX-RFC' | 'AR-CUIT' | 'US-EIN' | 'US-SSN';

export interface TaxIdTypeInfo {
	code: TaxIdTypeCode;
	/** Country that issues the id ('US' for the two US types, which are also used for foreign receivers). */
	country: CountryCode | 'US';
	label: string;
	/** A valid-looking example value (documented test data where available). */
	example: string;
	/** How the code is written, for the form's hint. */
	format: string;
	/** false = the meaning is inferred from usage rather than stated. */
	verified: boolean;
	/** Where the type comes from (reference notes §4.5). */
	source: string;
}

// prettier-ignore
export const TAX_ID_TYPES: readonly TaxIdTypeInfo[] = [
	{ code: 'CL-RUT', country: 'CL', label: 'Chile – RUT', example: '76399932-7', format: 'digits, a hyphen and the check digit (0–9 or K), without dots', verified: true, source: "Koywe's Chile table, OAS" },
	{ code: 'CO-NIT', country: 'CO', label: 'Colombia – NIT', example: '860517022-2', format: 'digits, optionally a hyphen and the DIAN verification digit, without dots', verified: true, source: 'OAS, Postman collection' },
	{ code: 'CO-NOP', country: 'CO', label: 'Colombia – foreign receiver id', example: '872055616', format: "the foreign buyer's own id, as written in its country", verified: false, source: "one Colombian example (receiver_country_id 89); the name is inferred from that use" },
	{ code: 'PE-RUC', country: 'PE', label: 'Peru – RUC', example: '20610383727', format: '11 digits (10… persons, 20… companies)', verified: true, source: "ROW's Peru table, Postman collection" },
	{ code: 'PE-DNI', country: 'PE', label: 'Peru – DNI (personal id)', example: '12345678', format: '8 digits', verified: true, source: "Koywe's Peru create page" },
	{ code: 'MX-RFC', country: 'MX', label: 'Mexico – RFC', example: 'EKU9003173C9', format: '12 characters (companies) or 13 (persons), in capitals, without spaces or hyphens', verified: true, source: "ROW's Mexico table, Koywe's Mexico create page" },
	{ code: 'AR-CUIT', country: 'AR', label: 'Argentina – CUIT', example: '20357265992', format: '11 digits, optionally written XX-XXXXXXXX-X', verified: true, source: 'PM12 examples, the Argentina account page' },
	{ code: 'US-EIN', country: 'US', label: 'USA – EIN', example: '12-3456789', format: 'as issued in the USA (e.g. 12-3456789)', verified: true, source: 'OAS, Postman collection (also foreign receivers in CL/PE/MX)' },
	{ code: 'US-SSN', country: 'US', label: 'USA – SSN', example: '123-45-6789', format: 'as issued in the USA (e.g. 123-45-6789)', verified: true, source: 'OAS, Postman collection' },
];

/**
 * First two digits of a Peruvian RUC. `issued`: SUNAT's documented kinds (10 persons with a DNI, 15 and 17 other
 * natural persons, 20 legal entities). `unconfirmed`: 16 is accepted by several SUNAT validators, but no SUNAT
 * or Koywe source confirms it, so a RUC starting with it is sent with a warning (issue 12). verified: false.
 */
export const PE_RUC_PREFIXES = {
	issued: ['10', '15', '17', '20'],
	unconfirmed: ['16'],
} as const;

/**
 * First two digits of an Argentine CUIT. `issued`: the prefixes ARCA assigns (20, 23, 24, 27 persons; 30, 33, 34
 * entities; issue 12). `countryCuits`: ARCA's "CUIT país" numbers (50, 51, 55), which stand for a foreign person or
 * entity of a given country on export invoices (class E); only ARCA's own list says which ones exist, so they are
 * sent with a warning. Source: ARCA's CUIT rules; not in the Koywe reference notes (verified: false).
 */
export const AR_CUIT_PREFIXES = {
	issued: ['20', '23', '24', '27', '30', '33', '34'],
	countryCuits: ['50', '51', '55'],
} as const;

/** Generic Chilean RUT used when a receipt being credited has no buyer data. */
export const CL_GENERIC_RUT = '66666666-6';
/** Generic Mexican RFCs: nationals without RFC and foreigners. */
export const MX_GENERIC_RFC_NATIONAL = 'XAXX010101000';
export const MX_GENERIC_RFC_FOREIGN = 'XEXX010101000';

/** Tax-id type by code (exact match, as the API expects it). */
export function findTaxIdType(code: string): TaxIdTypeInfo | undefined {
	return TAX_ID_TYPES.find((t) => t.code === code);
}
