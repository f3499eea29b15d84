/** The header rules every country shares: document type, issue date, tax ids and names. */
import { COUNTRIES, type CountryCode } from '../../data/countries';
import {
	DOCUMENT_TYPE_RANGES,
	findDocumentType,
	findNonIssuingDocumentType,
	type DocumentTypeInfo,
} from '../../data/documentTypes';
import { CL_GENERIC_RUT, TAX_ID_TYPES, findTaxIdType } from '../../data/taxIdTypes';
import { text, type PlainObject } from '../../shared/values';
import { isDateText, isIsoDate } from '../dates';
import { isPresent, toNumber } from '../numbers';
import { checkTaxId } from '../taxIds';
import type { ValidationContext } from '../types';
import { docLabel, validIdsText, type Collector } from './common';

/** "CL-RUT, CO-NIT, …": every tax-id type of the table, for messages. */
const KNOWN_TAX_ID_TYPES = TAX_ID_TYPES.map((type) => type.code).join(', ');

/** Resolves the document type against the context country; returns the type whose rules apply. */
export function checkDocumentType(
	header: PlainObject,
	ctx: ValidationContext,
	out: Collector,
): DocumentTypeInfo | undefined {
	const path = 'header.document_type_id';
	if (!isPresent(header.document_type_id)) {
		const hint = ctx.country
			? ` Valid ${COUNTRIES[ctx.country].name} ids: ${validIdsText(ctx.country)}.`
			: '';
		out.issue(path, `${path} is required: the Koywe id of the document to issue.${hint}`);
		return undefined;
	}
	const id = toNumber(header.document_type_id);
	if (id === undefined || !Number.isInteger(id)) return undefined; // reported by the schema
	const info = findDocumentType(id);
	const country = ctx.country;
	if (info) {
		if (country && info.country !== country) {
			out.issue(
				path,
				`${path} ${id} is a ${COUNTRIES[info.country].name} document type (${info.name}), but the account is in ${COUNTRIES[country].name}. Valid ${COUNTRIES[country].name} ids: ${validIdsText(country)}.`,
			);
			return undefined;
		}
		if (info.warnOnUse) {
			out.warn(`${path} ${id} (${info.name}): ${info.warnOnUse}; it is sent as is.`);
		}
		return info;
	}
	const nonIssuing = findNonIssuingDocumentType(id);
	if (nonIssuing) {
		const target = country ?? nonIssuing.country;
		const why = nonIssuing.received
			? 'the id of a received document'
			: 'not an electronic type that can be issued';
		out.issue(
			path,
			`${path} ${id} (${nonIssuing.description}) is ${why}. To issue in ${COUNTRIES[target].name} use one of: ${validIdsText(target)}.`,
		);
		return undefined;
	}
	if (country) {
		const range = DOCUMENT_TYPE_RANGES[country];
		if (id >= range.from && id <= range.to && range.tolerated.indexOf(id) === -1) {
			out.issue(
				path,
				`${path} ${id} is not a known ${COUNTRIES[country].name} document type. Use one of: ${validIdsText(country)}.`,
			);
			return undefined;
		}
	}
	out.warn(
		`${path} ${id} is not in this node's document type table; country rules for it were skipped and it is sent as is.`,
	);
	return undefined;
}

export function checkIssueDate(header: PlainObject, out: Collector): void {
	const path = 'header.issue_date';
	if (!isPresent(header.issue_date)) {
		out.issue(path, `${path} is required, written YYYY-MM-DD (e.g. 2025-01-14).`);
		return;
	}
	const value =
		typeof header.issue_date === 'string' ? header.issue_date.trim() : header.issue_date;
	if (!isDateText(value)) {
		out.issue(
			path,
			`${path} must be written YYYY-MM-DD, e.g. 2025-01-14 (got "${String(header.issue_date)}").`,
		);
	} else if (!isIsoDate(value)) {
		out.issue(path, `${path} "${value}" is not a real calendar date.`);
	}
}

export function checkTaxIds(
	header: PlainObject,
	info: DocumentTypeInfo | undefined,
	country: CountryCode | undefined,
	out: Collector,
): void {
	for (const party of ['issuer', 'receiver'] as const) {
		const codePath = `header.${party}_tax_id_code`;
		const typePath = `header.${party}_tax_id_type`;
		const code = header[`${party}_tax_id_code`];
		const type = header[`${party}_tax_id_type`];
		if (party === 'receiver' && info && info.requiresReceiver && !isPresent(code)) {
			const generic =
				info.country === 'CL' && info.kind === 'creditNote'
					? ` (a credit note for a receipt without buyer data may use the generic RUT ${CL_GENERIC_RUT})`
					: '';
			out.issue(
				codePath,
				`${codePath} is required for ${docLabel(info)}: set the receiver's tax id and ${typePath}${generic}.`,
			);
		}
		if (!isPresent(code)) continue;
		if (!isPresent(type)) {
			const suggestion = country ? ` (e.g. ${COUNTRIES[country].defaultTaxIdType})` : '';
			out.issue(typePath, `${typePath} is required when ${codePath} is given${suggestion}.`);
			continue;
		}
		const typeText = text(type);
		const typeInfo = findTaxIdType(typeText);
		if (!typeInfo) {
			out.warn(
				`${typePath} "${typeText}" is not a tax-id type known to this node (${KNOWN_TAX_ID_TYPES}); its format was not checked.`,
			);
			continue;
		}
		const found = checkTaxId(typeText, String(code));
		if (found.warning) out.warn(`${codePath}: ${found.warning}`);
		if (!found.issue) continue;
		// A foreign party's id follows its own country's rules, which Koywe and the issuing country's tax authority
		// do not check the way this node would (Koywe's export examples send codes in no domestic format): only the
		// issuing country's own ids are refused for their format and check digit.
		if (country && typeInfo.country !== country) {
			out.warn(
				`${codePath}: ${found.issue} It is a foreign party's id (${typeText} on a ${COUNTRIES[country].name} document), so it is sent as given.`,
			);
		} else {
			out.issue(codePath, `${codePath}: ${found.issue}`);
		}
	}
	if (info && info.requiresReceiver) {
		const path = 'header.receiver_legal_name';
		if (!isPresent(header.receiver_legal_name)) {
			if (info.country === 'AR')
				out.warn(`${path} is missing; the Argentina examples always send the receiver's name.`);
			else out.issue(path, `${path} is required for ${docLabel(info)}.`);
		}
	}
}
