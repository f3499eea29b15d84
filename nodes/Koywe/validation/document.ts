/**
 * Pre-send validation of a `POST /documents` body.
 *
 * Principle: a false rejection of a valid document is a serious bug. Only what the Koywe documentation states
 * (or what can never be valid, like a wrong check digit) becomes an issue; everything that is merely unusual
 * becomes a warning. Arithmetic mismatches are warnings unless `strictTotals` is set.
 */

import type { ZodIssue } from 'zod';
import { COUNTRIES, countryByCountryId, type CountryCode } from '../data/countries';
import {
	DOCUMENT_TYPE_RANGES,
	documentTypesFor,
	findDocumentType,
	findNonIssuingDocumentType,
	isNoteKind,
	type DocumentTypeInfo,
} from '../data/documentTypes';
import { CL_REFERENCE_TYPES } from '../data/referenceCodes';
import { findTaxType } from '../data/taxes';
import { TAX_ID_TYPES, findTaxIdType } from '../data/taxIdTypes';
import { isDateText, isIsoDate } from './dates';
import { formatPath, isPresent, toNumber } from './numbers';
import { DocumentBodySchema } from './schemas';
import { validateTaxId } from './taxIds';
import { findTotalsMismatches } from './totals';
import type { ValidationContext, ValidationIssue, ValidationResult } from './types';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function zodIssueToValidationIssue(issue: ZodIssue): ValidationIssue {
	const path = formatPath(issue.path);
	const where = path === '' ? 'The document body' : path;
	let message: string;
	if (issue.code === 'invalid_type') {
		const expected =
			issue.expected === 'array'
				? 'a list (JSON array)'
				: issue.expected === 'object'
					? 'an object'
					: issue.expected;
		message = `${where} must be ${expected} (got ${issue.received}).`;
	} else {
		message = `${where} ${issue.message}`;
	}
	return { path, message };
}

function docLabel(info: DocumentTypeInfo): string {
	return `${info.englishName} (document_type_id ${info.id})`;
}

function validIdsText(country: CountryCode): string {
	return documentTypesFor(country)
		.map((d) => `${d.id} ${d.name}`)
		.join(', ');
}

/** "CL-RUT, CO-NIT, …": every tax-id type of the table, for messages. */
const KNOWN_TAX_ID_TYPES = TAX_ID_TYPES.map((type) => type.code).join(', ');

interface Collector {
	issue(path: string, message: string): void;
	warn(message: string): void;
}

/** Resolves the document type against the context country; returns the type whose rules apply. */
function checkDocumentType(
	header: Obj,
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
		if (!info.verified) {
			out.warn(
				`${path} ${id} (${info.name}) is not described by any Koywe source; it is sent as is.`,
			);
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

function checkIssueDate(header: Obj, out: Collector): void {
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

function checkTaxIds(
	header: Obj,
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
					? ' (a credit note for a receipt without buyer data may use the generic RUT 66666666-6)'
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
		const typeText = str(type);
		if (!findTaxIdType(typeText)) {
			out.warn(
				`${typePath} "${typeText}" is not a tax-id type known to this node (${KNOWN_TAX_ID_TYPES}); its format was not checked.`,
			);
			continue;
		}
		const problem = validateTaxId(typeText, String(code));
		if (problem) out.issue(codePath, `${codePath}: ${problem}`);
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

function checkReferences(body: Obj, info: DocumentTypeInfo | undefined, out: Collector): void {
	const refs = Array.isArray(body.references) ? body.references : [];
	const isNote = info ? isNoteKind(info.kind) : false;
	if (info && info.requiresReferences && refs.length === 0) {
		out.issue(
			'references',
			`references is required for ${docLabel(info)}: add one entry pointing to the corrected document, with document_type_id, reference_number or reference_document_id, reference_code and description.`,
		);
	}
	let pointsToDocument = false;
	refs.forEach((ref, i) => {
		if (!isObj(ref)) return;
		const at = `references[${i}]`;
		const hasNumber = isPresent(ref.reference_number);
		const hasId = isPresent(ref.reference_document_id);
		if (hasNumber && hasId) {
			out.issue(
				`${at}.reference_document_id`,
				`${at}.reference_number and ${at}.reference_document_id are both set; send only one (reference_document_id for a document issued in Koywe, reference_number for its folio or an external number).`,
			);
		} else if (!hasNumber && !hasId) {
			out.issue(
				`${at}.reference_number`,
				`${at}.reference_number is missing: give reference_number (the folio or external number) or reference_document_id (the Koywe document id).`,
			);
		}
		if (!isPresent(ref.reference_code)) {
			const message = `${at}.reference_code is missing; it says why the document is referenced (e.g. 1 cancels, 3 corrects amounts; Peru "01"/"03").`;
			if (isNote) out.issue(`${at}.reference_code`, message);
			else out.warn(message);
		}
		if (!isPresent(ref.description)) {
			out.warn(
				`${at}.description is missing; Koywe's specification marks it as required (a short reason, e.g. "Anula factura").`,
			);
		}
		if (isPresent(ref.reference_type)) {
			const type = toNumber(ref.reference_type);
			if (type !== undefined && !CL_REFERENCE_TYPES.some((t) => t.code === type)) {
				out.warn(
					`${at}.reference_type ${type} is not one of the documented non-tax reference types 801–815.`,
				);
			}
			if (isPresent(ref.reference_code) && str(ref.reference_code) !== '5') {
				out.warn(
					`${at}.reference_type is set, so reference_code is expected to be 5 (reference to a non-tax document), not ${str(ref.reference_code)}.`,
				);
			}
		} else {
			pointsToDocument = true;
			if (isNote && !isPresent(ref.document_type_id)) {
				out.warn(
					`${at}.document_type_id is missing; the examples give the type of the referenced document (e.g. 82 for a Colombian invoice).`,
				);
			}
		}
		if (isPresent(ref.reference_date) && !isIsoDate(str(ref.reference_date))) {
			out.warn(
				`${at}.reference_date "${str(ref.reference_date)}" is not a date written YYYY-MM-DD.`,
			);
		}
	});
	if (info && info.requiresReferences && refs.length > 0 && !pointsToDocument) {
		// A note must say which document it corrects. Non-tax references (801–815, e.g. the 802 transaction ID this
		// node adds) do not, and would otherwise hide the missing one.
		const message = `references: ${docLabel(info)} only has non-tax references (reference_type 801–815); add one pointing to the corrected document (document_type_id with reference_number or reference_document_id, and reference_code).`;
		if (isNote) out.issue('references', message);
		else out.warn(message);
	}
}

function checkDetails(
	body: Obj,
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
		if (!isObj(line)) return; // reported by the schema
		if (!isPresent(line.line_description)) {
			out.issue(
				`${at}.line_description`,
				`${at}.line_description is required (the item name, at most 100 characters).`,
			);
		} else if (str(line.line_description).length > 100) {
			out.issue(
				`${at}.line_description`,
				`${at}.line_description has ${str(line.line_description).length} characters; the limit is 100. Move the rest to long_description.`,
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
			const decimals = /\.(\d+)$/.exec(typeof raw === 'number' ? String(raw) : str(raw));
			if (decimals && decimals[1].length > 6)
				out.warn(`${at}.${field} has more than 6 decimals; Koywe accepts up to 6.`);
		}
		if (!isPresent(line.unit_measure)) {
			const additional = isObj(line.additional) ? line.additional : {};
			const mxDetail = isObj(additional.mx_detail) ? additional.mx_detail : {};
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
			if (!isObj(tax)) return;
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

function checkTotalsPresence(body: Obj, info: DocumentTypeInfo | undefined, out: Collector): void {
	// Guides and transfer CFDIs move goods; their amounts may legitimately be absent.
	if (
		info &&
		['dispatchGuide', 'remissionGuide', 'transfer', 'retention'].indexOf(info.kind) !== -1
	)
		return;
	const gross =
		isObj(body.options) &&
		(toNumber(body.options.gross_values) ?? (body.options.gross_values === true ? 1 : 0)) !== 0;
	if (!isObj(body.totals)) {
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
			if (isObj(line) && !isPresent(line.total_amount_line)) {
				out.issue(
					`details[${i}].total_amount_line`,
					`details[${i}].total_amount_line is missing (the line amount including modifiers and taxes).`,
				);
			}
		});
	}
}

function checkOptions(body: Obj, country: CountryCode | undefined, out: Collector): void {
	if (!isObj(body.options)) return;
	const options = body.options;
	for (const key of Object.keys(options)) {
		if (typeof options[key] === 'boolean')
			out.warn(
				`options.${key} is ${String(options[key])}; Koywe documents 1/0 for this option, send ${options[key] ? 1 : 0}.`,
			);
	}
	if (
		isPresent(options.rounding_type) &&
		['net', 'gross'].indexOf(str(options.rounding_type)) === -1
	) {
		out.warn(
			`options.rounding_type "${str(options.rounding_type)}" is not one of the documented values "net" or "gross".`,
		);
	}
	if (country && country !== 'CL') {
		for (const key of ['draft_only', 'draft_preview', 'pdf_transfer_copy', 'gross_values']) {
			if (isPresent(options[key]))
				out.warn(
					`options.${key} is a Chile-only option; it probably has no effect in ${COUNTRIES[country].name}.`,
				);
		}
	}
	if (country && country !== 'CO' && isPresent(options.send_email)) {
		out.warn(
			`options.send_email is documented for Colombia only; it probably has no effect in ${COUNTRIES[country].name}.`,
		);
	}
}

function checkChile(header: Obj, body: Obj, info: DocumentTypeInfo, out: Collector): void {
	if (info.kind === 'dispatchGuide') {
		const guideType = toNumber(header.guide_type);
		if (!isPresent(header.guide_type)) {
			out.issue(
				'header.guide_type',
				'header.guide_type is required for a dispatch guide: 1 sale, 2 sale to be made, 3 consignment, 4 free delivery, 5 internal transfer, 6 other non-sale transfer, 7 return, 8 export transfer, 9 export sale.',
			);
		} else if (guideType !== undefined && (guideType < 1 || guideType > 9)) {
			out.issue(
				'header.guide_type',
				`header.guide_type ${guideType} is not a documented dispatch-guide type (1–9).`,
			);
		}
		const internal = guideType === 5;
		const transferType = toNumber(header.transfer_type);
		if (!internal && !isPresent(header.transfer_type)) {
			out.issue(
				'header.transfer_type',
				'header.transfer_type is required for a dispatch guide (unless guide_type is 5, internal transfer): 1 by the receiver, 2 by the issuer to the receiver, 3 by the issuer to other premises.',
			);
		} else if (transferType !== undefined && (transferType < 1 || transferType > 3)) {
			out.issue(
				'header.transfer_type',
				`header.transfer_type ${transferType} is not a documented transfer type (1–3).`,
			);
		}
	}
	if (
		info.kind === 'exportInvoice' ||
		info.kind === 'exportCreditNote' ||
		info.kind === 'exportDebitNote'
	) {
		const receiverCountry = toNumber(header.receiver_country_id);
		if (receiverCountry === undefined) {
			out.warn(
				'header.receiver_country_id is missing; the Chilean export examples give the destination country (e.g. 89 for the USA).',
			);
		} else if (receiverCountry === COUNTRIES.CL.countryId) {
			out.warn(
				'header.receiver_country_id is Chile (253) on an export document; give the destination country.',
			);
		}
		const lines = Array.isArray(body.details) ? body.details : [];
		lines.forEach((line, i) => {
			if (isObj(line) && Array.isArray(line.taxes) && line.taxes.length > 0) {
				out.warn(
					`details[${i}].taxes is not empty; Chilean export documents carry no taxes (empty taxes array in the examples).`,
				);
			}
		});
	}
	const currency = toNumber(header.currency_id);
	if (
		currency !== undefined &&
		currency !== COUNTRIES.CL.currencyId &&
		!isPresent(header.exchange_rate_value)
	) {
		out.warn(
			'header.exchange_rate_value is missing for a document in a foreign currency (the export example sends e.g. 934.58 for USD).',
		);
	}
}

function checkColombia(header: Obj, info: DocumentTypeInfo | undefined, out: Collector): void {
	if (!isPresent(header.receiver_tax_id_code)) return;
	const type = str(header.receiver_tax_id_type);
	const receiverCountry = toNumber(header.receiver_country_id);
	const foreign =
		type === 'CO-NOP' ||
		(receiverCountry !== undefined && receiverCountry !== COUNTRIES.CO.countryId);
	if (!foreign && !isPresent(header.receiver_county_id)) {
		const message =
			'header.receiver_county_id is required for a Colombian receiver: the DIAN municipality code (e.g. "496"), used instead of receiver_city/receiver_district. For a foreign receiver use receiver_tax_id_type CO-NOP and its receiver_country_id.';
		// POS documents are often issued to walk-in buyers, and types outside the table (e.g. the support
		// document) are undocumented: for those a missing municipality is only a warning.
		if (!info || info.kind === 'pos' || info.kind === 'posCreditNote') out.warn(message);
		else out.issue('header.receiver_county_id', message);
	}
	if (
		type === 'CO-NOP' &&
		(receiverCountry === undefined || receiverCountry === COUNTRIES.CO.countryId)
	) {
		out.warn(
			"header.receiver_country_id should be the foreign receiver's country (e.g. 89 for the USA) when receiver_tax_id_type is CO-NOP.",
		);
	}
}

function checkPeru(
	header: Obj,
	body: Obj,
	info: DocumentTypeInfo,
	ctx: ValidationContext,
	out: Collector,
): void {
	const series = str(header.document_sequence_code);
	if (series === '') {
		out.issue(
			'header.document_sequence_code',
			`header.document_sequence_code (the series, e.g. F001 for invoices, B001 for receipts) is required for every Peruvian document.`,
		);
	} else {
		const prefixes = info.seriesPrefixes;
		if (prefixes && prefixes.indexOf(series.charAt(0).toUpperCase()) === -1) {
			out.warn(
				`header.document_sequence_code "${series}" does not start with ${prefixes.join(' or ')}, as SUNAT series for ${info.englishName.toLowerCase()} do.`,
			);
		}
	}
	const additional = isObj(header.additional) ? header.additional : {};
	if (info.kind !== 'retention' && !isObj(additional.pe_header)) {
		out.warn(
			'header.additional.pe_header is missing; the Peru examples send it with signature_id and operation_type ("0101" internal sale, "0200" export).',
		);
	}
	if (info.kind === 'retention' && !isObj(additional.pe_retention_header)) {
		out.warn(
			'header.additional.pe_retention_header is missing (retention system code, percent and total paid).',
		);
	}
	if (info.id === 100 && !isObj(additional.pe_shipping)) {
		out.warn(
			'header.additional.pe_shipping is missing; remission guides describe the shipment there.',
		);
	}
	if (info.kind === 'receipt') {
		if (
			ctx.today &&
			isIsoDate(ctx.today) &&
			str(header.issue_date) !== '' &&
			str(header.issue_date) !== ctx.today
		) {
			out.warn(
				`header.issue_date ${str(header.issue_date)} is not today (${ctx.today}); SUNAT rejects receipts not dated the day they are issued.`,
			);
		}
		const total = isObj(body.totals) ? toNumber(body.totals.total_amount) : undefined;
		const currency = toNumber(header.currency_id);
		const inSoles = currency === undefined || currency === COUNTRIES.PE.currencyId;
		if (!isPresent(header.receiver_tax_id_code) && inSoles && total !== undefined && total > 700) {
			out.warn(
				`header.receiver_tax_id_code is missing on a receipt of ${total} soles; only receipts under 700 soles may omit the buyer (use PE-DNI or PE-RUC).`,
			);
		}
	}
}

const LEGAL_FORM_SUFFIX =
	/\b(S\.?\s?A\.?\s?(DE\s+C\.?\s?V\.?)?|S\.?\s?DE\s+R\.?\s?L\.?(\s+DE\s+C\.?\s?V\.?)?|S\.?\s?C\.?|A\.?\s?C\.?|S\.?\s?A\.?\s?P\.?\s?I\.?(\s+DE\s+C\.?\s?V\.?)?|SAPI(\s+DE\s+CV)?|SA\s+DE\s+CV)\.?\s*$/i;

function checkMexico(header: Obj, info: DocumentTypeInfo, out: Collector): void {
	if (info.kind === 'transfer') return;
	const rfc = str(header.receiver_tax_id_code).toUpperCase();
	const generic = rfc === 'XAXX010101000' || rfc === 'XEXX010101000';
	if (rfc === '' || generic) return;
	if (!isPresent(header.receiver_postalcode)) {
		out.warn(
			"header.receiver_postalcode is missing; CFDI 4.0 needs the receiver's fiscal postal code exactly as registered with SAT.",
		);
	}
	if (!isPresent(header.receiver_activity)) {
		out.warn(
			"header.receiver_activity is missing; CFDI 4.0 needs the receiver's SAT fiscal regime (e.g. 601, 616).",
		);
	}
	const name = str(header.receiver_legal_name);
	if (name !== '' && LEGAL_FORM_SUFFIX.test(name)) {
		out.warn(
			`header.receiver_legal_name "${name}" seems to end with the company type (e.g. S.A. de C.V.); SAT expects the name without it.`,
		);
	}
}

function checkArgentina(header: Obj, body: Obj, info: DocumentTypeInfo, out: Collector): void {
	if (!isPresent(header.branch_office_code)) {
		out.warn(
			'header.branch_office_code is missing; in Argentina it is the ARCA point of sale (e.g. "12").',
		);
	}
	const additional = isObj(header.additional) ? header.additional : {};
	if (!isObj(additional.ar_header)) {
		out.warn(
			'header.additional.ar_header is missing; the Argentina examples send invoice_concept and receiver_vat_condition_id there.',
		);
	}
	if (
		info.arClass === 'A' &&
		isPresent(header.receiver_tax_id_code) &&
		str(header.receiver_tax_id_type) !== 'AR-CUIT'
	) {
		out.warn(
			`header.receiver_tax_id_type is "${str(header.receiver_tax_id_type)}"; class A documents are issued to a receiver identified by CUIT.`,
		);
	}
	if (info.arClass === 'C') {
		const lines = Array.isArray(body.details) ? body.details : [];
		lines.forEach((line, i) => {
			if (!isObj(line) || !Array.isArray(line.taxes)) return;
			line.taxes.forEach((tax, j) => {
				const taxInfo = isObj(tax) ? findTaxType(str(tax.tax_type_id)) : undefined;
				if (taxInfo && taxInfo.vat)
					out.warn(`details[${i}].taxes[${j}] is VAT, but class C documents carry no VAT.`);
			});
		});
	}
	if (isNoteKind(info.kind) && Array.isArray(body.references)) {
		body.references.forEach((ref, i) => {
			if (
				isObj(ref) &&
				!isPresent(ref.reference_type) &&
				!isPresent(ref.reference_branch_office_code)
			) {
				out.warn(
					`references[${i}].reference_branch_office_code is missing; the Argentina note examples give the point of sale of the referenced document.`,
				);
			}
		});
	}
}

/**
 * Validates a Koywe `POST /documents` body before it is sent.
 * `issues` block sending; `warnings` are remarks. Unknown keys are allowed everywhere.
 */
export function validateDocumentBody(body: unknown, ctx: ValidationContext = {}): ValidationResult {
	const issues: ValidationIssue[] = [];
	const warnings: string[] = [];
	const out: Collector = {
		issue: (path, message) => issues.push({ path, message }),
		warn: (message) => warnings.push(message),
	};
	if (!isObj(body)) {
		out.issue('', 'The document body must be a JSON object with header, details and totals.');
		return { issues, warnings };
	}
	const parsed = DocumentBodySchema.safeParse(body);
	if (!parsed.success)
		for (const zi of parsed.error.issues) issues.push(zodIssueToValidationIssue(zi));

	const header = isObj(body.header) ? body.header : undefined;
	if (!header) {
		if (body.header === undefined || body.header === null) {
			out.issue(
				'header',
				'header is missing: it holds document_type_id, issue_date, issuer and receiver.',
			);
		}
	}
	const h: Obj = header ?? {};
	const info = header ? checkDocumentType(h, ctx, out) : undefined;
	const country: CountryCode | undefined =
		ctx.country ?? info?.country ?? countryByCountryId(toNumber(h.issuer_country_id) ?? -1);

	if (header) {
		checkIssueDate(h, out);
		if (!isPresent(h.account_id))
			out.warn('header.account_id is missing; documents are issued under the account given there.');
		checkTaxIds(h, info, country, out);
	}
	checkDetails(body, info, country, out);
	checkReferences(body, info, out);
	checkOptions(body, country, out);

	if (info && header) {
		if (info.country === 'CL') checkChile(h, body, info, out);
		if (info.country === 'CO') checkColombia(h, info, out);
		if (info.country === 'PE') checkPeru(h, body, info, ctx, out);
		if (info.country === 'MX') checkMexico(h, info, out);
		if (info.country === 'AR') checkArgentina(h, body, info, out);
	} else if (header && country === 'CO') {
		checkColombia(h, undefined, out);
	}

	// Totals: presence and arithmetic are warnings unless strictTotals.
	const totalsFindings: ValidationIssue[] = [];
	const totalsOut: Collector = {
		issue: (path, message) => totalsFindings.push({ path, message }),
		warn: out.warn,
	};
	checkTotalsPresence(body, info, totalsOut);
	if (!info || info.kind !== 'retention')
		totalsFindings.push(...findTotalsMismatches(body, country));
	for (const finding of totalsFindings) {
		if (ctx.strictTotals) issues.push(finding);
		else warnings.push(finding.message);
	}
	return { issues, warnings };
}
