/**
 * Koywe `tax_type_id` values per country (Koywe API reference notes §4.7).
 *
 * Sign convention used by Koywe: a positive `tax_percentage` adds to the document total, a negative one is a
 * withholding that reduces it. `percentage` below is the signed value to send, when the type has a fixed rate.
 * The Chilean and Colombian lists are incomplete (only the ids seen in examples are known).
 *
 * Sources: the Mexican and Peruvian ids come from one source only, the code tables of Koywe's white-label copy
 * (ROW, reference notes §4.7), so they are `verified: false`; Chile 387 and Colombia 388 appear in Koywe's docs,
 * its Postman collection and the seed examples. Each entry names its source.
 */

import type { CountryCode } from './countries';
import { findById } from './lookup';

/**
 * fixedAmount = the tax is a money amount (not a rate); percentage = fixed rate; variable = the rate or amount
 * is given in the request.
 */
export type TaxKind = 'fixedAmount' | 'percentage' | 'variable';

export interface TaxTypeInfo {
	id: number;
	country: CountryCode;
	name: string;
	/** Signed rate in percent (negative for withholdings) when the type has a fixed rate. */
	percentage?: number;
	withholding: boolean;
	kind: TaxKind;
	/** Value-added tax (IVA/IGV). Used for Argentina's `totals.vat_amount` and the "no VAT on Invoice C" check. */
	vat?: boolean;
	/** false = the name or rate rests on one source only, or is inferred. */
	verified: boolean;
	/** Where the id, name and rate come from. */
	source: string;
	/**
	 * The sources disagree on the rate: it is never filled in for the user (a guided line must give it) and any
	 * rate sent is accepted as given.
	 */
	rateConflict?: string;
}

/** The only source of most ids: the code tables of Koywe's white-label copy (reference notes §4.7). */
const ROW = "ROW's table of codes (Koywe's white-label copy), reference notes §4.7";
const EXAMPLES = "Koywe's docs, Postman collection and seed examples";

const pct = (
	id: number,
	country: CountryCode,
	name: string,
	percentage: number,
	extra: Partial<TaxTypeInfo> = {},
): TaxTypeInfo => ({
	id,
	country,
	name,
	percentage,
	withholding: percentage < 0 || Object.is(percentage, -0),
	kind: 'percentage',
	verified: false,
	source: ROW,
	...extra,
});

const variable = (
	id: number,
	country: CountryCode,
	name: string,
	extra: Partial<TaxTypeInfo> = {},
): TaxTypeInfo => ({
	id,
	country,
	name,
	withholding: false,
	kind: 'variable',
	verified: false,
	source: ROW,
	...extra,
});

// prettier-ignore
export const TAX_TYPES: readonly TaxTypeInfo[] = [
	// Chile: only IVA is documented.
	pct(387, 'CL', 'IVA 19%', 19, { vat: true, verified: true, source: EXAMPLES }),

	// Colombia: IVA plus one withholding id seen in the "taxes and withholdings" example (sent with -2.85%).
	pct(388, 'CO', 'IVA 19%', 19, { vat: true, verified: true, source: EXAMPLES }),
	variable(397, 'CO', 'Withholding (id 397)', { withholding: true, source: "one Colombian example (seed 004), sent at -2.85%; name not documented" }),

	// Mexico (SAT).
	pct(360, 'MX', 'IVA 0%', 0, { vat: true }),
	pct(361, 'MX', 'IVA 8%', 8, { vat: true }),
	pct(362, 'MX', 'IVA 16%', 16, { vat: true }),
	pct(363, 'MX', 'Retención IVA 0%', -0, { withholding: true }),
	pct(364, 'MX', 'Retención IVA 8%', -8),
	pct(365, 'MX', 'Retención IVA 16%', -16),
	pct(366, 'MX', 'Retención ISR 10%', -10),
	pct(367, 'MX', 'IEPS 0%', 0),
	pct(368, 'MX', 'IEPS 3%', 3),
	pct(369, 'MX', 'IEPS 6%', 6),
	pct(370, 'MX', 'IEPS 7%', 7),
	pct(371, 'MX', 'IEPS 8%', 8),
	pct(372, 'MX', 'IEPS 25%', 25),
	pct(373, 'MX', 'IEPS 30%', 30),
	pct(374, 'MX', 'IEPS 53%', 53),
	pct(375, 'MX', 'IEPS 160%', 160),
	{ id: 376, country: 'MX', name: 'IEPS cuota (fixed amount)', withholding: false, kind: 'fixedAmount', verified: false, source: ROW },
	...[377, 378, 379, 380, 381, 382, 383, 384, 385, 386].map(
		(id): TaxTypeInfo => variable(id, 'MX', `Retención IEPS (id ${id})`, { withholding: true }),
	),

	// Peru (SUNAT).
	pct(412, 'PE', 'IGV (id 412)', 16, {
		vat: true,
		rateConflict: "Koywe's table of codes gives 16 %, one of its own examples sends 18 %",
	}),
	pct(413, 'PE', 'IGV 18%', 18, { vat: true }),
	pct(414, 'PE', 'IGV 0%', 0, { vat: true }),
	...[415, 416, 417, 418, 419, 420, 421, 422, 423, 424].map(
		(id): TaxTypeInfo => variable(id, 'PE', `ISC (variant, id ${id})`),
	),
	pct(425, 'PE', 'Exportación', 0),
	pct(426, 'PE', 'Operaciones gratuitas', 0),
	pct(427, 'PE', 'Exonerado', 0),
	pct(428, 'PE', 'Inafecto', 0),
	variable(429, 'PE', 'Otros conceptos'),

	// Argentina: ids and rates from the examples; names inferred from the rates.
	pct(474, 'AR', 'IVA 21%', 21, { vat: true, source: 'Argentina examples (PM12); name inferred from the rate' }),
	pct(475, 'AR', 'IVA 10.5%', 10.5, { vat: true, source: 'Argentina examples (PM12); name inferred from the rate' }),
	variable(484, 'AR', 'Tax id 484 (sent with 8% and 5.2% in examples)', { source: 'Argentina examples (PM12); name not documented' }),
];

/** Tax types of one country. */
export function taxesFor(country: CountryCode): TaxTypeInfo[] {
	return TAX_TYPES.filter((tax) => tax.country === country);
}

/** Tax type by id (any country). */
export function findTaxType(id: number | string): TaxTypeInfo | undefined {
	return findById(TAX_TYPES, id);
}
