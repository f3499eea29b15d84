/**
 * Koywe `currency_id` values (Koywe API reference notes §4.3) and the precision amounts keep in each currency.
 *
 * `decimals` is how precisely the node computes and rounds amounts: the most the tax authorities allow for the
 * currency, so nothing is rounded that need not be. `fewestDecimals` is the coarsest rounding a valid document may
 * still carry (a Colombian document in whole pesos is as valid as one with cents); arithmetic checks tolerate it.
 */

import { findById } from './lookup';

export interface CurrencyInfo {
	/** Koywe `currency_id`. */
	id: number;
	/** ISO 4217 code. */
	code: string;
	name: string;
	/** Decimals amounts are computed and rounded to. */
	decimals: number;
	/** The fewest decimals a valid document in this currency may carry (the tolerance of the arithmetic checks). */
	fewestDecimals: number;
	/** Where the decimals come from. */
	decimalsSource: string;
	/** false = the id (or its decimals) rests on one source or is inferred, not on a code table. */
	verified: boolean;
	/** Why it is not verified. */
	note?: string;
}

// prettier-ignore
export const CURRENCIES: readonly CurrencyInfo[] = [
	{ id: 39, code: 'CLP', name: 'Chilean peso', decimals: 0, fewestDecimals: 0, verified: true,
		decimalsSource: "SII: amounts in pesos are whole numbers (DTE format); every Koywe Chile example" },
	{ id: 28, code: 'COP', name: 'Colombian peso', decimals: 2, fewestDecimals: 0, verified: true,
		decimalsSource: "DIAN: amounts carry up to 2 decimals; Koywe's Colombian answer example has taxes 695.4 and total \"4355.40\" (seed 004); its request examples use whole pesos" },
	{ id: 7, code: 'PEN', name: 'Peruvian sol', decimals: 2, fewestDecimals: 2, verified: false,
		decimalsSource: 'SUNAT: amounts in soles with 2 decimals (UBL 2.1 guide)', note: 'decimals not stated in the Koywe reference notes' },
	{ id: 31, code: 'MXN', name: 'Mexican peso', decimals: 2, fewestDecimals: 2, verified: false,
		decimalsSource: "SAT: CFDI 4.0 amounts use the currency's decimals (catalogue c_Moneda: MXN 2)", note: 'decimals not stated in the Koywe reference notes' },
	{ id: 1, code: 'ARS', name: 'Argentine peso', decimals: 2, fewestDecimals: 2, verified: false,
		decimalsSource: 'ARCA: electronic invoice amounts with 2 decimals', note: 'id inferred: every Argentina example (PM12) sends currency_id 1; no code table' },
	{ id: 5, code: 'USD', name: 'US dollar', decimals: 2, fewestDecimals: 2, verified: true,
		decimalsSource: 'ISO 4217 minor unit; Chilean export example amounts' },
	{ id: 38, code: 'EUR', name: 'Euro', decimals: 2, fewestDecimals: 2, verified: true,
		decimalsSource: 'ISO 4217 minor unit' },
];

/** Currency by Koywe id. */
export function findCurrency(id: number | string): CurrencyInfo | undefined {
	return findById(CURRENCIES, id);
}
