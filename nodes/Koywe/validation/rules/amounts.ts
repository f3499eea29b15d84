/**
 * Amounts that would be silently wrong on a legal document: a line or a total below zero (no document, not even a
 * credit note, carries negative amounts: a discount larger than the line is a mistake), and numbers far beyond
 * what any document holds (a mapping that gives 1e300). Both are refused in either input mode.
 */
import { AMOUNT_LIMIT, PERCENTAGE_LIMIT } from '../../data/limits';
import { asList, isObject, type PlainObject } from '../../shared/values';
import { formatNumber, toNumber } from '../numbers';
import { lineAmountBeforeTaxes } from '../totals';
import type { Collector } from './common';

/** Amount fields of each block, checked against AMOUNT_LIMIT. */
const LINE_AMOUNTS = ['modifier_amount', 'total_taxes', 'total_amount_line'] as const;
const TAX_AMOUNTS = ['tax_amount', 'tax_base_amount'] as const;
const TOTALS = [
	'net_amount',
	'taxes_amount',
	'total_amount',
	'vat_credit_construction_company',
	'non_taxed_amount',
	'exempt_amount',
	'vat_amount',
	'other_taxes_amount',
] as const;

/** −500 with a real minus sign, as a person writes it. */
const signed = (value: number) => (value < 0 ? `−${formatNumber(-value)}` : formatNumber(value));

/** Refuses an absurdly large amount; true when reported. */
function checkMagnitude(value: unknown, path: string, out: Collector): boolean {
	const number = toNumber(value);
	if (number === undefined || Math.abs(number) < AMOUNT_LIMIT) return false;
	out.issue(
		path,
		`${path} is ${String(value)}: amounts must stay below 10^15, within the 15 significant digits totals are computed with. A value this large is a mapping mistake.`,
	);
	return true;
}

function checkRate(value: unknown, path: string, out: Collector): void {
	const number = toNumber(value);
	if (number === undefined || Math.abs(number) <= PERCENTAGE_LIMIT) return;
	out.issue(
		path,
		`${path} is ${String(value)} %: no tax, discount or surcharge rate comes near ±${PERCENTAGE_LIMIT} % (the highest documented is 160 %). A value this large is a mapping mistake.`,
	);
}

/** A line whose discount exceeds it; true when reported. */
function checkNegativeLine(line: PlainObject, at: string, out: Collector): boolean {
	const amount = lineAmountBeforeTaxes(line);
	if (amount === undefined || amount >= -1e-9) return false;
	const quantity = toNumber(line.quantity) ?? 0;
	const price = toNumber(line.unit_price) ?? 0;
	const gross = quantity * price;
	const byAmount = (toNumber(line.modifier_amount) ?? 0) !== 0;
	const field = byAmount ? 'modifier_amount' : 'modifier_percentage';
	const discount = byAmount
		? `the discount (${formatNumber(Math.abs(toNumber(line.modifier_amount) ?? 0))})`
		: `the discount of ${formatNumber(Math.abs(toNumber(line.modifier_percentage) ?? 0))} %`;
	out.issue(
		`${at}.${field}`,
		`${at}.${field}: ${discount} is larger than quantity × unit_price (${formatNumber(gross)}), so the line would be ${signed(amount)}. A document's amounts are never negative (a credit note's neither): lower the discount.`,
	);
	return true;
}

/** The first amount of a line that is absurdly large (given, or quantity × unit_price); true when reported. */
function lineTooLarge(line: PlainObject, at: string, out: Collector): boolean {
	for (const field of ['quantity', 'unit_price'] as const)
		if (checkMagnitude(line[field], `${at}.${field}`, out)) return true;
	// Each below the bound, together above it (10^8 × 10^8).
	const before = lineAmountBeforeTaxes(line);
	if (before !== undefined && Math.abs(before) >= AMOUNT_LIMIT) {
		out.issue(
			`${at}.unit_price`,
			`${at}: quantity × unit_price is ${formatNumber(before)}: amounts must stay below 10^15, within the 15 significant digits totals are computed with. A value this large is a mapping mistake.`,
		);
		return true;
	}
	for (const field of LINE_AMOUNTS)
		if (checkMagnitude(line[field], `${at}.${field}`, out)) return true;
	for (const [j, tax] of asList(line.taxes).entries()) {
		if (!isObject(tax)) continue;
		for (const field of TAX_AMOUNTS)
			if (checkMagnitude(tax[field], `${at}.taxes[${j}].${field}`, out)) return true;
	}
	return false;
}

export function checkAmounts(body: PlainObject, out: Collector): void {
	let negativeLine = false;
	let tooLarge = false;
	asList(body.details).forEach((line, i) => {
		if (!isObject(line)) return;
		const at = `details[${i}]`;
		checkRate(line.modifier_percentage, `${at}.modifier_percentage`, out);
		asList(line.taxes).forEach((tax, j) => {
			if (isObject(tax)) checkRate(tax.tax_percentage, `${at}.taxes[${j}].tax_percentage`, out);
		});
		// One problem per line: the first amount that is too large explains the others computed from it.
		if (lineTooLarge(line, at, out)) {
			tooLarge = true;
			return;
		}
		if (checkNegativeLine(line, at, out)) {
			negativeLine = true;
			return;
		}
		const lineTotal = toNumber(line.total_amount_line);
		if (lineTotal !== undefined && lineTotal < 0) {
			negativeLine = true;
			out.issue(
				`${at}.total_amount_line`,
				`${at}.total_amount_line is ${signed(lineTotal)}: a line's amount is never negative (withholdings larger than the line?).`,
			);
		}
	});
	asList(body.globals_discounts_surcharges).forEach((entry, i) => {
		if (isObject(entry))
			checkMagnitude(
				entry.discount_surcharge_value,
				`globals_discounts_surcharges[${i}].discount_surcharge_value`,
				out,
			);
	});
	const header = isObject(body.header) ? body.header : {};
	checkMagnitude(header.exchange_rate_value, 'header.exchange_rate_value', out);

	if (!isObject(body.totals)) return;
	const totals = body.totals;
	// A line already reported explains its totals; a global discount larger than the document does not.
	if (!tooLarge) {
		for (const field of TOTALS) if (checkMagnitude(totals[field], `totals.${field}`, out)) break;
	}
	if (negativeLine || tooLarge) return;
	for (const field of ['net_amount', 'total_amount'] as const) {
		const value = toNumber(totals[field]);
		if (value !== undefined && value < 0) {
			out.issue(
				`totals.${field}`,
				`totals.${field} is ${signed(value)}: a document's amounts are never negative (a credit note's neither). Check the discounts.`,
			);
		}
	}
}
