/**
 * Chilean header codes for export documents (46, 47, 48) and dispatch guides (54): Koywe API reference notes §4.10,
 * from the OAS header descriptions. The Create form's dropdowns and the validation messages are generated from
 * these tables.
 */

export interface ChileCode {
	code: number;
	name: string;
}

/** `service_indicator`: what kind of service an export (or services) invoice bills. */
// prettier-ignore
export const CL_SERVICE_INDICATORS: readonly ChileCode[] = [
	{ code: 1, name: 'Periodic household services' },
	{ code: 2, name: 'Other periodic services' },
	{ code: 3, name: 'Services invoice' },
	{ code: 4, name: 'Hospitality services' },
	{ code: 5, name: 'International land transport' },
];

/** `sale_modality`: how an export is sold. */
// prettier-ignore
export const CL_SALE_MODALITIES: readonly ChileCode[] = [
	{ code: 1, name: 'Agreed sale (a firme)' },
	{ code: 2, name: 'Under condition' },
	{ code: 3, name: 'Free consignment' },
	{ code: 4, name: 'Consignment with a minimum sale' },
	{ code: 9, name: 'No payment' },
];

/** `sale_clause`: the Incoterm of an export. */
// prettier-ignore
export const CL_SALE_CLAUSES: readonly ChileCode[] = [
	{ code: 1, name: 'CIF' },
	{ code: 2, name: 'CFR' },
	{ code: 3, name: 'EXW' },
	{ code: 4, name: 'FAS' },
	{ code: 5, name: 'FOB' },
	{ code: 6, name: 'S/CL' },
	{ code: 8, name: 'Other' },
	{ code: 9, name: 'DDP' },
	{ code: 10, name: 'FCA' },
	{ code: 11, name: 'CPT' },
	{ code: 12, name: 'CIP' },
	{ code: 17, name: 'DAT' },
	{ code: 18, name: 'DAP' },
];

/** `guide_type` of a dispatch guide (required). */
// prettier-ignore
export const CL_GUIDE_TYPES: readonly ChileCode[] = [
	{ code: 1, name: 'Sale' },
	{ code: 2, name: 'Sale to be made' },
	{ code: 3, name: 'Consignment' },
	{ code: 4, name: 'Free delivery' },
	{ code: 5, name: 'Internal transfer' },
	{ code: 6, name: 'Other non-sale transfer' },
	{ code: 7, name: 'Return guide' },
	{ code: 8, name: 'Export transfer (not a sale)' },
	{ code: 9, name: 'Export sale' },
];

/** `transfer_type` of a dispatch guide (required unless guide_type is 5, internal transfer). */
// prettier-ignore
export const CL_TRANSFER_TYPES: readonly ChileCode[] = [
	{ code: 1, name: 'By the receiver' },
	{ code: 2, name: "By the issuer to the receiver's premises" },
	{ code: 3, name: 'By the issuer to other premises' },
];

/** "1 sale, 2 sale to be made, …" for messages. */
export function chileCodesInWords(table: readonly ChileCode[]): string {
	return table.map((entry) => `${entry.code} ${entry.name.toLowerCase()}`).join(', ');
}
