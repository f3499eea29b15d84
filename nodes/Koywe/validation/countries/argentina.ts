/** Argentina (ARCA): point of sale, ar_header, invoice classes A and C, notes. */
import { isNoteKind } from '../../data/documentTypes';
import { findTaxType } from '../../data/taxes';
import { isObject, text } from '../../shared/values';
import { isPresent } from '../numbers';
import type { CountryRules } from '../rules/common';

export const argentinaRules: CountryRules = ({ header, body, info }, out) => {
	if (!info) return;
	if (!isPresent(header.branch_office_code)) {
		out.warn(
			'header.branch_office_code is missing; in Argentina it is the ARCA point of sale (e.g. "12").',
		);
	}
	const additional = isObject(header.additional) ? header.additional : {};
	if (!isObject(additional.ar_header)) {
		out.warn(
			'header.additional.ar_header is missing; the Argentina examples send invoice_concept and receiver_vat_condition_id there.',
		);
	}
	if (
		info.arClass === 'A' &&
		isPresent(header.receiver_tax_id_code) &&
		text(header.receiver_tax_id_type) !== 'AR-CUIT'
	) {
		out.warn(
			`header.receiver_tax_id_type is "${text(header.receiver_tax_id_type)}"; class A documents are issued to a receiver identified by CUIT.`,
		);
	}
	if (info.arClass === 'C') {
		const lines = Array.isArray(body.details) ? body.details : [];
		lines.forEach((line, i) => {
			if (!isObject(line) || !Array.isArray(line.taxes)) return;
			line.taxes.forEach((tax, j) => {
				const taxInfo = isObject(tax) ? findTaxType(text(tax.tax_type_id)) : undefined;
				if (taxInfo && taxInfo.vat)
					out.warn(`details[${i}].taxes[${j}] is VAT, but class C documents carry no VAT.`);
			});
		});
	}
	if (isNoteKind(info.kind) && Array.isArray(body.references)) {
		body.references.forEach((ref, i) => {
			if (
				isObject(ref) &&
				!isPresent(ref.reference_type) &&
				!isPresent(ref.reference_branch_office_code)
			) {
				out.warn(
					`references[${i}].reference_branch_office_code is missing; the Argentina note examples give the point of sale of the referenced document.`,
				);
			}
		});
	}
};
