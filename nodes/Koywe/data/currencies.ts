/** Koywe `currency_id` values (Koywe API reference notes §4.3). */

import { findById } from './lookup';

export interface CurrencyInfo {
	/** Koywe `currency_id`. */
	id: number;
	/** ISO 4217 code. */
	code: string;
	name: string;
	/** Decimals used when rounding amounts in this currency. */
	decimals: number;
	/** false = id inferred from examples, not from a code table. */
	verified: boolean;
}

// prettier-ignore
export const CURRENCIES: readonly CurrencyInfo[] = [
	{ id: 39, code: 'CLP', name: 'Chilean peso', decimals: 0, verified: true },
	{ id: 28, code: 'COP', name: 'Colombian peso', decimals: 0, verified: true },
	{ id: 7, code: 'PEN', name: 'Peruvian sol', decimals: 2, verified: true },
	{ id: 31, code: 'MXN', name: 'Mexican peso', decimals: 2, verified: true },
	{ id: 1, code: 'ARS', name: 'Argentine peso', decimals: 2, verified: false },
	{ id: 5, code: 'USD', name: 'US dollar', decimals: 2, verified: true },
	{ id: 38, code: 'EUR', name: 'Euro', decimals: 2, verified: true },
];

/** Currency by Koywe id. */
export function findCurrency(id: number | string): CurrencyInfo | undefined {
	return findById(CURRENCIES, id);
}
