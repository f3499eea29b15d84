/**
 * Codes used in `references[]` (Koywe API reference notes §4.6).
 *
 * - `reference_code` generic list (numbers 1–7) used by Chile and Colombia.
 * - Peru sends SUNAT-style two-digit strings ("01", "03"); Argentina's examples send "01".
 * - `reference_type` 801–815: Chilean non-tax references, always together with reference_code 5.
 *
 * Sources: the generic codes and the Chilean reference types are listed in the OAS; Peru's "01"/"03" and
 * Argentina's "01" appear in the Postman examples (PM, PM12); the other Peruvian codes are SUNAT's catalogues 9 and
 * 10, not a Koywe source (`verified: false`).
 */

import type { CountryCode } from './countries';

export interface ReferenceCodeInfo {
	code: number | string;
	name: string;
	/** Countries where the code is used; empty = generic. */
	countries: readonly CountryCode[];
	/** false = meaning taken from the tax bureau's catalogue, not from a Koywe source. */
	verified: boolean;
}

// prettier-ignore
export const GENERIC_REFERENCE_CODES: readonly ReferenceCodeInfo[] = [
	{ code: 1, name: 'Cancels the referenced document', countries: [], verified: true },
	{ code: 2, name: 'Corrects text of the referenced document', countries: [], verified: true },
	{ code: 3, name: 'Corrects amounts or quantities', countries: [], verified: true },
	{ code: 4, name: 'Adjustment (set)', countries: [], verified: true },
	{ code: 5, name: 'Reference to a non-tax document (use with reference_type)', countries: [], verified: true },
	{ code: 6, name: 'Reference to a dispatch guide', countries: [], verified: true },
	{ code: 7, name: 'Global reference to a document type for this client', countries: [], verified: true },
];

/** Peru: SUNAT credit-note reasons (two-digit strings). Only "01" appears in a Koywe example. */
// prettier-ignore
export const PE_CREDIT_NOTE_REFERENCE_CODES: readonly ReferenceCodeInfo[] = [
	{ code: '01', name: 'Anulación de la operación', countries: ['PE'], verified: true },
	{ code: '02', name: 'Anulación por error en el RUC', countries: ['PE'], verified: false },
	{ code: '03', name: 'Corrección por error en la descripción', countries: ['PE'], verified: false },
	{ code: '04', name: 'Descuento global', countries: ['PE'], verified: false },
	{ code: '05', name: 'Descuento por ítem', countries: ['PE'], verified: false },
	{ code: '06', name: 'Devolución total', countries: ['PE'], verified: false },
	{ code: '07', name: 'Devolución por ítem', countries: ['PE'], verified: false },
	{ code: '08', name: 'Bonificación', countries: ['PE'], verified: false },
	{ code: '09', name: 'Disminución en el valor', countries: ['PE'], verified: false },
	{ code: '10', name: 'Otros conceptos', countries: ['PE'], verified: false },
];

/** Peru: SUNAT debit-note reasons. Only "03" appears in a Koywe example. */
// prettier-ignore
export const PE_DEBIT_NOTE_REFERENCE_CODES: readonly ReferenceCodeInfo[] = [
	{ code: '01', name: 'Intereses por mora', countries: ['PE'], verified: false },
	{ code: '02', name: 'Aumento en el valor', countries: ['PE'], verified: false },
	{ code: '03', name: 'Penalidades u otros conceptos', countries: ['PE'], verified: true },
];

/** Argentina: only "01" is seen in the examples; its exact meaning is not documented. */
// prettier-ignore
export const AR_REFERENCE_CODES: readonly ReferenceCodeInfo[] = [
	{ code: '01', name: 'Reference code 01 (used in the Argentina note examples)', countries: ['AR'], verified: false },
];

export interface ReferenceTypeInfo {
	/** Chilean `reference_type` (SII non-tax reference document code). */
	code: number;
	name: string;
}

/** Chile non-tax references; send them with reference_code 5. 802 is the one used for idempotency. */
// prettier-ignore
export const CL_REFERENCE_TYPES: readonly ReferenceTypeInfo[] = [
	{ code: 801, name: 'Orden de compra' },
	{ code: 802, name: 'Nota de pedido' },
	{ code: 803, name: 'Contrato' },
	{ code: 804, name: 'Resolución' },
	{ code: 805, name: 'Proceso ChileCompra' },
	{ code: 806, name: 'Ficha ChileCompra' },
	{ code: 807, name: 'DUS' },
	{ code: 808, name: 'B/L (conocimiento de embarque)' },
	{ code: 809, name: 'AWB (guía aérea)' },
	{ code: 810, name: 'MIC/DTA' },
	{ code: 811, name: 'Carta de porte' },
	{ code: 812, name: 'Resolución del SNA' },
	{ code: 813, name: 'Pasaporte' },
	{ code: 814, name: 'Certificado de depósito Bolsa de Productos de Chile' },
	{ code: 815, name: 'Vale de prenda Bolsa de Productos de Chile' },
];

/** reference_type + reference_code pair used to make document creation idempotent. */
export const IDEMPOTENCY_REFERENCE = { reference_type: 802, reference_code: 5 } as const;

/**
 * Reference codes offered for a country. Peru's credit and debit notes use different catalogues, so the
 * note direction picks one; other countries ignore it.
 */
export function referenceCodesFor(
	country: CountryCode,
	note: 'credit' | 'debit' = 'credit',
): ReferenceCodeInfo[] {
	if (country === 'PE')
		return note === 'debit'
			? [...PE_DEBIT_NOTE_REFERENCE_CODES]
			: [...PE_CREDIT_NOTE_REFERENCE_CODES];
	if (country === 'AR') return [...AR_REFERENCE_CODES];
	return [...GENERIC_REFERENCE_CODES];
}
