/**
 * Document arithmetic: fill computed amounts (computeTotals) and report amounts that do not add up
 * (checkTotals / findTotalsMismatches).
 *
 * Rounding rule (documented here once, used everywhere in this file):
 * - Amounts are rounded half away from zero to the decimals the tax authority allows for the document currency
 *   (data/currencies.ts): CLP to whole pesos, COP, PEN, MXN, ARS, USD and EUR to 2 decimals. A document in a
 *   foreign currency (e.g. a Chilean export invoice in USD) uses that currency's decimals.
 * - Line net = quantity × unit_price + modifier, rounded once. The modifier is `modifier_amount` (an absolute
 *   amount, negative = discount) or, when that is zero/absent, `modifier_percentage` percent of
 *   quantity × unit_price.
 * - Line tax = line net × tax_percentage / 100, rounded per tax (Argentina: on `tax_base_amount`, which is the
 *   line net). Withholdings have negative percentages and therefore negative amounts.
 * - Lines without taxes (exempt) count in the net amount with no tax.
 * - Document taxes: Chile and Argentina compute each tax on the sum of the bases of that tax and rate
 *   (SII's header IVA and ARCA's per-rate VAT work that way); Colombia, Peru and Mexico add the line taxes
 *   (DIAN, SUNAT and CFDI carry taxes per line). Either way the total is net + taxes.
 * - With `options.gross_values` (prices include VAT, Chilean receipts) the line total is
 *   quantity × unit_price + modifier and the net is derived from it.
 */

import { COUNTRIES, type CountryCode } from '../data/countries';
import { findTaxType } from '../data/taxes';
import { asList, isObject, type PlainObject } from '../shared/values';
import type { ValidationIssue } from './types';
import {
	decimalsFor,
	fewestDecimalsFor,
	formatNumber,
	isPresent,
	roundHalfUp,
	toNumber,
} from './numbers';

function deepCopy<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as unknown as T;
	if (isObject(value)) {
		const out: PlainObject = {};
		for (const key of Object.keys(value)) out[key] = deepCopy(value[key]);
		return out as T;
	}
	return value;
}

function isTruthyFlag(value: unknown): boolean {
	const n = toNumber(value);
	if (n !== undefined) return n !== 0;
	return value === true;
}

/** quantity × unit_price plus the line modifier, unrounded; undefined when quantity or price is not a number. */
export function lineAmountBeforeTaxes(line: unknown): number | undefined {
	if (!isObject(line)) return undefined;
	const qty = toNumber(line.quantity);
	const price = toNumber(line.unit_price);
	if (qty === undefined || price === undefined) return undefined;
	const gross = qty * price;
	const amount = toNumber(line.modifier_amount) ?? 0;
	const percent = toNumber(line.modifier_percentage) ?? 0;
	const modifier = amount !== 0 ? amount : (gross * percent) / 100;
	return gross + modifier;
}

interface TaxRate {
	percentage: number;
	fixed: boolean;
}

/** Rate of one tax entry: its own tax_percentage, else the table rate; `fixed` for fixed-amount types. */
function taxRate(tax: PlainObject): TaxRate | undefined {
	const info = isPresent(tax.tax_type_id) ? findTaxType(String(tax.tax_type_id)) : undefined;
	if (info && info.kind === 'fixedAmount') return { percentage: 0, fixed: true };
	const given = toNumber(tax.tax_percentage);
	if (given !== undefined) return { percentage: given, fixed: false };
	// A rate the sources disagree on (Peru 412) is never filled in: the caller must say which one applies.
	if (info && info.percentage !== undefined && !info.rateConflict)
		return { percentage: info.percentage, fixed: false };
	return undefined;
}

function applyGlobalAdjustments(
	body: PlainObject,
	taxableNet: number,
	exemptNet: number,
): { taxable: number; exempt: number } {
	let taxable = 0;
	let exempt = 0;
	for (const entry of asList(body.globals_discounts_surcharges)) {
		if (!isObject(entry)) continue;
		const code = String(entry.discount_surcharge_code ?? '').toUpperCase();
		const value = Math.abs(toNumber(entry.discount_surcharge_value) ?? 0);
		const isPercent = String(entry.discount_surcharge_type ?? '').trim() === '%';
		const onExempt = code === 'DE' || code === 'RE';
		const base = onExempt ? exemptNet : taxableNet;
		const magnitude = isPercent ? (base * value) / 100 : value;
		const signed = code.charAt(0) === 'D' ? -magnitude : magnitude;
		if (onExempt) exempt += signed;
		else taxable += signed;
	}
	return { taxable, exempt };
}

/**
 * Returns a copy of `body` with the computed amounts filled in: every line's `taxes[].tax_amount`
 * (and Argentina's `tax_base_amount`), `total_taxes` and `total_amount_line`, and `totals.net_amount`,
 * `taxes_amount`, `total_amount` (Argentina also `vat_amount` and `other_taxes_amount`).
 *
 * Computed fields are overwritten (this is meant for guided input where the user gives no amounts); all
 * other keys, known or unknown, are kept. A missing tax_percentage is taken from the tax table when the type
 * has a fixed rate; fixed-amount taxes keep the caller's tax_amount. Global discounts/surcharges
 * (DA/RA on taxed lines, DE/RE on exempt lines, `$` amount or `%`) change the document totals, taxes in
 * proportion, following the Chilean semantics those codes come from. The input is not modified.
 */
export function computeTotals<T>(body: T, country: CountryCode): T {
	if (!isObject(body)) return body;
	const out = deepCopy(body) as PlainObject;
	const header = isObject(out.header) ? out.header : {};
	const decimals = decimalsFor(country, header.currency_id) ?? 2;
	const round = (v: number): number => roundHalfUp(v, decimals);
	const grossMode = isObject(out.options) && isTruthyFlag(out.options.gross_values);

	let netSum = 0;
	let lineTaxSum = 0;
	let taxableNet = 0;
	let exemptNet = 0;
	let fixedTaxSum = 0;
	let vatSum = 0;
	let otherTaxSum = 0;
	const groups = new Map<string, { percentage: number; base: number; vat: boolean }>();

	for (const line of asList(out.details)) {
		if (!isObject(line)) continue;
		const before = lineAmountBeforeTaxes(line) ?? 0;
		const taxes = asList(line.taxes).filter(isObject);
		const rates = taxes.map((tax) => taxRate(tax));
		let net: number;
		if (grossMode) {
			const pctSum = rates.reduce((s, r) => s + (r && !r.fixed ? r.percentage : 0), 0);
			net = round(before / (1 + pctSum / 100));
		} else {
			net = round(before);
		}
		const lineTotalGross = round(before);

		let lineTaxes = 0;
		taxes.forEach((tax, i) => {
			const rate = rates[i];
			const info = isPresent(tax.tax_type_id) ? findTaxType(String(tax.tax_type_id)) : undefined;
			let amount: number;
			if (!rate || rate.fixed) {
				amount = round(toNumber(tax.tax_amount) ?? 0);
				fixedTaxSum += amount;
			} else {
				if (!isPresent(tax.tax_percentage)) tax.tax_percentage = rate.percentage;
				amount = round((net * rate.percentage) / 100);
				const key = `${String(tax.tax_type_id)}|${rate.percentage}`;
				const group = groups.get(key) ?? {
					percentage: rate.percentage,
					base: 0,
					vat: info?.vat === true,
				};
				group.base += net;
				groups.set(key, group);
			}
			if (grossMode && i === taxes.length - 1 && rates.every((r) => r && !r.fixed)) {
				// Gross prices: the taxes are whatever separates the net from the VAT-included line total.
				amount = round(lineTotalGross - net - lineTaxes);
			}
			tax.tax_amount = amount;
			if (country === 'AR') tax.tax_base_amount = net;
			if (info?.vat) vatSum += amount;
			else otherTaxSum += amount;
			lineTaxes += amount;
		});
		lineTaxes = round(lineTaxes);
		line.total_taxes = lineTaxes;
		line.total_amount_line = grossMode ? lineTotalGross : round(net + lineTaxes);
		netSum += net;
		lineTaxSum += lineTaxes;
		if (taxes.length > 0) taxableNet += net;
		else exemptNet += net;
	}

	const adjust = applyGlobalAdjustments(out, taxableNet, exemptNet);
	const hasGlobals = adjust.taxable !== 0 || adjust.exempt !== 0;
	const taxableFactor = taxableNet !== 0 ? (taxableNet + adjust.taxable) / taxableNet : 1;

	let taxesAmount: number;
	if (COUNTRIES[country].taxTotalsByGroup || hasGlobals) {
		let groupTaxes = 0;
		vatSum = 0;
		otherTaxSum = fixedTaxSum;
		groups.forEach((group) => {
			const amount = round((round(group.base * taxableFactor) * group.percentage) / 100);
			groupTaxes += amount;
			if (group.vat) vatSum += amount;
			else otherTaxSum += amount;
		});
		taxesAmount = round(groupTaxes + fixedTaxSum);
	} else {
		taxesAmount = round(lineTaxSum);
	}
	const netAmount = round(netSum + adjust.taxable + adjust.exempt);

	const totals: PlainObject = isObject(out.totals) ? out.totals : {};
	if (grossMode) {
		// Prices include VAT: the total is the sum of the line totals; net_amount is left out (OAS: omit it).
		let grossTotal = 0;
		for (const line of asList(out.details))
			if (isObject(line)) grossTotal += toNumber(line.total_amount_line) ?? 0;
		totals.total_amount = round(grossTotal + adjust.taxable + adjust.exempt);
		totals.taxes_amount = round((totals.total_amount as number) - netAmount);
	} else {
		totals.net_amount = netAmount;
		totals.taxes_amount = taxesAmount;
		totals.total_amount = round(netAmount + taxesAmount);
	}
	if (country === 'AR') {
		totals.vat_amount = round(vatSum);
		totals.other_taxes_amount = round(otherTaxSum);
	}
	out.totals = totals;
	return out as T;
}

/**
 * Arithmetic cross-checks of a document body. Each finding names the field, the value found and the value
 * expected. Tolerance: one unit of the coarsest rounding a valid document of the currency may carry (1 peso in
 * CLP and COP, 1 cent in PEN) for line values; for document totals one unit per line (line-by-line rounding may
 * legitimately drift that far). When the currency and country are both unknown the unit is 1.
 */
export function findTotalsMismatches(body: unknown, country?: CountryCode): ValidationIssue[] {
	const findings: ValidationIssue[] = [];
	if (!isObject(body)) return findings;
	const header = isObject(body.header) ? body.header : {};
	const decimals = decimalsFor(country, header.currency_id) ?? 0;
	const unit = Math.pow(10, -(fewestDecimalsFor(country, header.currency_id) ?? 0));
	const tolerance = unit + 1e-9;
	const grossMode = isObject(body.options) && isTruthyFlag(body.options.gross_values);
	const lines = asList(body.details);
	const sumTolerance = unit * Math.max(1, lines.length) + 1e-9;
	const off = (a: number, b: number, tol: number): boolean => Math.abs(a - b) > tol;
	const f = formatNumber;

	let netSum = 0;
	let lineTaxSum = 0;
	let lineTotalSum = 0;
	let linesComplete = true;
	const groups = new Map<string, { percentage: number; base: number }>();

	lines.forEach((line, i) => {
		const at = `details[${i}]`;
		if (!isObject(line)) {
			linesComplete = false;
			return;
		}
		const before = lineAmountBeforeTaxes(line);
		if (before === undefined) {
			linesComplete = false;
			return;
		}
		const taxes = asList(line.taxes).filter(isObject);
		const rates = taxes.map((tax) => taxRate(tax));
		const pctSum = rates.reduce((s, r) => s + (r && !r.fixed ? r.percentage : 0), 0);
		const net = grossMode ? before / (1 + pctSum / 100) : before;

		let taxSum = 0;
		let taxesComplete = true;
		taxes.forEach((tax, j) => {
			const amount = toNumber(tax.tax_amount);
			const rate = rates[j];
			if (amount === undefined) {
				taxesComplete = false;
				return;
			}
			taxSum += amount;
			if (!rate || rate.fixed) return;
			const base = toNumber(tax.tax_base_amount) ?? net;
			const expected = (base * rate.percentage) / 100;
			const key = `${String(tax.tax_type_id)}|${rate.percentage}`;
			const group = groups.get(key) ?? { percentage: rate.percentage, base: 0 };
			group.base += base;
			groups.set(key, group);
			if (!grossMode && off(amount, expected, tolerance)) {
				findings.push({
					path: `${at}.taxes[${j}].tax_amount`,
					message: `${at}.taxes[${j}].tax_amount is ${f(amount)}, but ${f(rate.percentage)}% of ${f(base)} is ${f(roundHalfUp(expected, decimals))}.`,
				});
			}
		});
		if (!taxesComplete) linesComplete = false;

		const totalTaxes = toNumber(line.total_taxes);
		if (taxesComplete && totalTaxes !== undefined && off(totalTaxes, taxSum, tolerance)) {
			findings.push({
				path: `${at}.total_taxes`,
				message: `${at}.total_taxes is ${f(totalTaxes)}, but its taxes[].tax_amount add up to ${f(taxSum)}.`,
			});
		}
		const lineTaxes = taxes.length > 0 && taxesComplete ? taxSum : (totalTaxes ?? 0);
		const expectedLineTotal = grossMode ? before : net + lineTaxes;
		const lineTotal = toNumber(line.total_amount_line);
		if (lineTotal !== undefined && off(lineTotal, expectedLineTotal, tolerance)) {
			const how = grossMode
				? 'quantity × unit_price + modifier (prices include VAT)'
				: 'quantity × unit_price + modifier + taxes';
			findings.push({
				path: `${at}.total_amount_line`,
				message: `${at}.total_amount_line is ${f(lineTotal)}, but ${how} is ${f(roundHalfUp(expectedLineTotal, decimals))}.`,
			});
		}
		netSum += net;
		lineTaxSum += lineTaxes;
		lineTotalSum += expectedLineTotal;
	});

	const totals = isObject(body.totals) ? body.totals : undefined;
	if (!totals) return findings;
	const netAmount = toNumber(totals.net_amount);
	const taxesAmount = toNumber(totals.taxes_amount);
	const totalAmount = toNumber(totals.total_amount);
	const hasGlobals = asList(body.globals_discounts_surcharges).length > 0;

	// Line sums vs document totals (skipped when global discounts/surcharges change the document amounts).
	if (linesComplete && lines.length > 0 && !hasGlobals) {
		if (!grossMode && netAmount !== undefined && off(netAmount, netSum, sumTolerance)) {
			findings.push({
				path: 'totals.net_amount',
				message: `totals.net_amount is ${f(netAmount)}, but the lines' quantity × unit_price + modifier add up to ${f(roundHalfUp(netSum, decimals))}.`,
			});
		}
		if (!grossMode && taxesAmount !== undefined && off(taxesAmount, lineTaxSum, sumTolerance)) {
			let groupTaxes = 0;
			groups.forEach((g) => (groupTaxes += roundHalfUp((g.base * g.percentage) / 100, decimals)));
			if (off(taxesAmount, groupTaxes, sumTolerance)) {
				findings.push({
					path: 'totals.taxes_amount',
					message: `totals.taxes_amount is ${f(taxesAmount)}, but the line taxes add up to ${f(roundHalfUp(lineTaxSum, decimals))}.`,
				});
			}
		}
		if (grossMode && totalAmount !== undefined && off(totalAmount, lineTotalSum, sumTolerance)) {
			findings.push({
				path: 'totals.total_amount',
				message: `totals.total_amount is ${f(totalAmount)}, but the line totals add up to ${f(roundHalfUp(lineTotalSum, decimals))}.`,
			});
		}
	}

	// net + taxes = total (Argentina may also add exempt and non-taxed amounts, or split VAT and other taxes).
	if (netAmount !== undefined && taxesAmount !== undefined && totalAmount !== undefined) {
		const expected = netAmount + taxesAmount;
		const candidates = [expected];
		if (country === 'AR' || isPresent(totals.exempt_amount) || isPresent(totals.non_taxed_amount)) {
			const extra =
				(toNumber(totals.exempt_amount) ?? 0) + (toNumber(totals.non_taxed_amount) ?? 0);
			const split = (toNumber(totals.vat_amount) ?? 0) + (toNumber(totals.other_taxes_amount) ?? 0);
			candidates.push(expected + extra, netAmount + split + extra);
		}
		if (candidates.every((c) => off(totalAmount, c, tolerance))) {
			findings.push({
				path: 'totals.total_amount',
				message: `totals.total_amount is ${f(totalAmount)}, but totals.net_amount + totals.taxes_amount is ${f(roundHalfUp(expected, decimals))}.`,
			});
		}
	}
	return findings;
}

/** Same as findTotalsMismatches, as plain messages (each names the field and both numbers). */
export function checkTotals(body: unknown, country?: CountryCode): string[] {
	return findTotalsMismatches(body, country).map((finding) => finding.message);
}
