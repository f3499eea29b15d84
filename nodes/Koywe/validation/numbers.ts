/** Lenient number handling shared by the schemas, the rules and the totals. */

import { COUNTRIES, type CountryCode } from '../data/countries';
import { findCurrency, type CurrencyInfo } from '../data/currencies';

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when a value is given: not undefined, null or an empty/blank string. */
export function isPresent(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string' && value.trim() === '') return false;
	return true;
}

/** True for finite numbers and for strings holding a plain decimal number with a dot ("82", "-2.85"). */
export function isNumericLike(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value === 'string') return NUMERIC.test(value.trim());
	return false;
}

/** The number in a number or numeric string; undefined for anything else (including ''). */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
	return undefined;
}

/**
 * Rounds half away from zero ("half-up" on the magnitude, so -2.5 -> -3 like 2.5 -> 3) to `decimals` places.
 * The product is first cut to 15 significant digits so binary noise (1.005 * 100 = 100.49999…) does not
 * push a half down.
 */
export function roundHalfUp(value: number, decimals: number): number {
	if (!Number.isFinite(value)) return value;
	const factor = Math.pow(10, decimals);
	const scaled = Number((Math.abs(value) * factor).toPrecision(15));
	const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
	return rounded === 0 ? 0 : rounded;
}

/** The currency of a document: its `currency_id` when known, otherwise the country's local currency. */
function documentCurrency(
	country: CountryCode | undefined,
	currencyId?: unknown,
): CurrencyInfo | undefined {
	const id = toNumber(currencyId);
	const given = id === undefined ? undefined : findCurrency(id);
	return given ?? (country ? findCurrency(COUNTRIES[country].currencyId) : undefined);
}

/**
 * Decimals amounts of a document are computed and rounded to: those of its currency when `currency_id` is a known
 * currency (so a Chilean export invoice in USD uses 2), otherwise those of the country's local currency, otherwise
 * undefined.
 */
export function decimalsFor(
	country: CountryCode | undefined,
	currencyId?: unknown,
): number | undefined {
	return documentCurrency(country, currencyId)?.decimals;
}

/**
 * The coarsest rounding a valid document of this currency may carry (COP: whole pesos, although DIAN allows
 * cents): what arithmetic checks tolerate.
 */
export function fewestDecimalsFor(
	country: CountryCode | undefined,
	currencyId?: unknown,
): number | undefined {
	return documentCurrency(country, currencyId)?.fewestDecimals;
}

/** Characters as a person counts them (code points): an emoji is one character, not two UTF-16 units. */
export function characterCount(value: string): number {
	return Array.from(value).length;
}

/** Readable number for messages (at most 6 decimals, no trailing zeros). */
export function formatNumber(value: number): string {
	return String(Number(value.toFixed(6)));
}

/** 'details[2].unit_price' style path from zod-like path segments. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
	let out = '';
	for (const seg of segments) {
		if (typeof seg === 'number') out += `[${seg}]`;
		else out += out === '' ? seg : `.${seg}`;
	}
	return out;
}
