/** `details[]` (the lines) and the presence of the computed amounts. */
import { COUNTRIES, type CountryCode } from '../../data/countries';
import type { DocumentTypeInfo } from '../../data/documentTypes';
import { findTaxType } from '../../data/taxes';
import { isObject, text, type PlainObject } from '../../shared/values';
import { isPresent, toNumber } from '../numbers';
import type { Collector } from './common';

export function checkDetails(
	body: PlainObject,
	info: DocumentTypeInfo | undefined,
	country: CountryCode | undefined,
	out: Collector,
): void {
	const details = body.details;
	if (!Array.isArray(details) || details.length === 0) {
		if (info && info.kind === 'retention') return;
		if (details !== undefined && details !== null && !Array.isArray(details)) return; // reported by the schema
		out.issue(
			'details',
			'details must contain at least one line (quantity, line_description, unit_measure, unit_price).',
		);
		return;
	}
	details.forEach((line, i) => {
		const at = `details[${i}]`;
		if (!isObject(line)) return; // reported by the schema
		if (!isPresent(line.line_description)) {
			out.issue(
				`${at}.line_description`,
				`${at}.line_description is required (the item name; Koywe's specification allows 100 characters).`,
			);
		}
		if (!isPresent(line.quantity)) {
			out.issue(`${at}.quantity`, `${at}.quantity is required and must be greater than 0.`);
		} else {
			const qty = toNumber(line.quantity);
			if (qty !== undefined && qty <= 0)
				out.issue(`${at}.quantity`, `${at}.quantity must be greater than 0 (got ${qty}).`);
		}
		if (!isPresent(line.unit_price)) {
			out.issue(`${at}.unit_price`, `${at}.unit_price is required (0 or more).`);
		} else {
			const price = toNumber(line.unit_price);
			if (price !== undefined && price < 0) {
				out.issue(
					`${at}.unit_price`,
					`${at}.unit_price must not be negative (got ${price}); give discounts with modifier_amount or modifier_percentage.`,
				);
			}
		}
		for (const field of ['quantity', 'unit_price'] as const) {
			const raw = line[field];
			const decimals = /\.(\d+)$/.exec(typeof raw === 'number' ? String(raw) : text(raw));
			if (decimals && decimals[1].length > 6)
				out.warn(`${at}.${field} has more than 6 decimals; Koywe accepts up to 6.`);
		}
		if (!isPresent(line.unit_measure)) {
			const additional = isObject(line.additional) ? line.additional : {};
			const mxDetail = isObject(additional.mx_detail) ? additional.mx_detail : {};
			const example = country
				? ` (e.g. ${COUNTRIES[country].defaultUnitMeasure})`
				: ' (e.g. UN, NIU, UNI)';
			if (isPresent(mxDetail.measure_unit_code))
				out.warn(`${at}.unit_measure is missing (mx_detail.measure_unit_code is given).`);
			else out.issue(`${at}.unit_measure`, `${at}.unit_measure is required${example}.`);
		}
		const modAmount = toNumber(line.modifier_amount) ?? 0;
		const modPercent = toNumber(line.modifier_percentage) ?? 0;
		if (modAmount !== 0 && modPercent !== 0) {
			out.issue(
				`${at}.modifier_percentage`,
				`${at}.modifier_amount (${modAmount}) and ${at}.modifier_percentage (${modPercent}) are both set; use only one and set the other to 0 or leave it out.`,
			);
		}
		const taxes = Array.isArray(line.taxes) ? line.taxes : [];
		taxes.forEach((tax, j) => {
			const tp = `${at}.taxes[${j}]`;
			if (!isObject(tax)) return;
			for (const field of ['tax_type_id', 'tax_percentage', 'tax_amount'] as const) {
				if (!isPresent(tax[field]))
					out.issue(
						`${tp}.${field}`,
						`${tp}.${field} is required in every tax entry (tax_type_id, tax_percentage, tax_amount).`,
					);
			}
			const typeId = toNumber(tax.tax_type_id);
			if (typeId === undefined || !country) return;
			const taxInfo = findTaxType(typeId);
			if (taxInfo && taxInfo.country !== country) {
				out.warn(
					`${tp}.tax_type_id ${typeId} is a ${COUNTRIES[taxInfo.country].name} tax (${taxInfo.name}), but the document is for ${COUNTRIES[country].name}.`,
				);
			} else if (!taxInfo && (country === 'MX' || country === 'PE')) {
				out.warn(`${tp}.tax_type_id ${typeId} is not in the ${COUNTRIES[country].name} tax table.`);
			}
		});
	});
}

export function checkTotalsPresence(
	body: PlainObject,
	info: DocumentTypeInfo | undefined,
	out: Collector,
): void {
	// Guides and transfer CFDIs move goods; their amounts may legitimately be absent.
	if (
		info &&
		['dispatchGuide', 'remissionGuide', 'transfer', 'retention'].indexOf(info.kind) !== -1
	)
		return;
	const gross =
		isObject(body.options) &&
		(toNumber(body.options.gross_values) ?? (body.options.gross_values === true ? 1 : 0)) !== 0;
	if (!isObject(body.totals)) {
		if (body.totals === undefined || body.totals === null)
			out.issue('totals', 'totals is missing: send net_amount, taxes_amount and total_amount.');
		return;
	}
	const totals = body.totals;
	if (!gross && !isPresent(totals.net_amount))
		out.issue('totals.net_amount', 'totals.net_amount is missing.');
	if (!isPresent(totals.total_amount))
		out.issue('totals.total_amount', 'totals.total_amount is missing.');
	if (Array.isArray(body.details)) {
		body.details.forEach((line, i) => {
			if (isObject(line) && !isPresent(line.total_amount_line)) {
				out.issue(
					`details[${i}].total_amount_line`,
					`details[${i}].total_amount_line is missing (the line amount including modifiers and taxes).`,
				);
			}
		});
	}
}
