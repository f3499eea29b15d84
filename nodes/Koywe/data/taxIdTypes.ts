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
	/** false = the meaning is inferred from usage rather than stated. */
	verified: boolean;
}

// prettier-ignore
export const TAX_ID_TYPES: readonly TaxIdTypeInfo[] = [
	{ code: 'CL-RUT', country: 'CL', label: 'Chile – RUT', example: '76399932-7', verified: true },
	{ code: 'CO-NIT', country: 'CO', label: 'Colombia – NIT', example: '860517022-2', verified: true },
	{ code: 'CO-NOP', country: 'CO', label: 'Colombia – foreign receiver id', example: '872055616', verified: false },
	{ code: 'PE-RUC', country: 'PE', label: 'Peru – RUC', example: '20610383727', verified: true },
	{ code: 'PE-DNI', country: 'PE', label: 'Peru – DNI (personal id)', example: '12345678', verified: true },
	{ code: 'MX-RFC', country: 'MX', label: 'Mexico – RFC', example: 'EKU9003173C9', verified: true },
	{ code: 'AR-CUIT', country: 'AR', label: 'Argentina – CUIT', example: '20357265992', verified: true },
	{ code: 'US-EIN', country: 'US', label: 'USA – EIN', example: '12-3456789', verified: true },
	{ code: 'US-SSN', country: 'US', label: 'USA – SSN', example: '123-45-6789', verified: true },
];

/** Generic Chilean RUT used when a receipt being credited has no buyer data. */
export const CL_GENERIC_RUT = '66666666-6';
/** Generic Mexican RFCs: nationals without RFC and foreigners. */
export const MX_GENERIC_RFC_NATIONAL = 'XAXX010101000';
export const MX_GENERIC_RFC_FOREIGN = 'XEXX010101000';

/** Tax-id type by code (exact match, as the API expects it). */
export function findTaxIdType(code: string): TaxIdTypeInfo | undefined {
	return TAX_ID_TYPES.find((t) => t.code === code);
}
