/**
 * The body Create sends, built from the parameters by pure functions: no n8n context, no UI file, defaults from
 * data/. Every problem with the parameters comes back as an issue (nothing throws), so the item reports them
 * all at once and nothing is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	COUNTRY_CODES,
	IDEMPOTENCY_REFERENCE,
	findDocumentType,
	isCountryCode,
	type CountryCode,
} from '../../../data';
import { asList, asObject, listInWords, text } from '../../../shared/values';
import { carriesReference } from '../../../transport';
import { computeTotals, todayIn } from '../../../validation';
import type { InputIssue } from '../../issues';
import { buildGuidedBody } from './guided';
import { parseJsonObject } from './json';
import type { CreateInput } from './parameters';

export interface BuiltBody {
	/** Set when the parameters could be turned into a body (even if `issues` are reported about it). */
	body?: IDataObject;
	/** Checked country; undefined when the Country parameter is not one of the five. */
	country?: CountryCode;
	/** The reference the document is protected by: the Reference parameter, or the body's own 802 ('' = none). */
	reference: string;
	issues: InputIssue[];
}

const REFERENCE_TYPE = IDEMPOTENCY_REFERENCE.reference_type;

/**
 * JSON mode: the body as given; Account ID and Document Type fill the header where it has none, and must agree
 * with it where it has one (a mapped body for another company must never be issued under this account).
 */
function jsonBody(input: CreateInput, issues: InputIssue[]): IDataObject | undefined {
	const parsed = parseJsonObject(
		input.documentJson,
		'documentJson',
		'Document JSON',
		'{"header": {...}, "details": [...]}',
	);
	if (parsed.issue) {
		issues.push(parsed.issue);
		return undefined;
	}
	const header: IDataObject = { ...asObject(parsed.value.header) };
	for (const [key, value] of identityFields(input)) {
		const given = header[key];
		if (given === undefined || given === null || given === '') {
			if (value) header[key] = value;
		}
	}
	issues.push(...identityMismatches(header, input, 'JSON', 'header'));
	return { ...parsed.value, header };
}

/** The header fields that say who issues what: they must agree with Account ID and Document Type. */
function identityFields(input: CreateInput) {
	return [
		['account_id', input.accountId, 'Account ID'],
		['document_type_id', input.documentType, 'Document Type'],
	] as const;
}

/** A JSON header (or Extra Header JSON) for another company or document type must never be issued as this one. */
function identityMismatches(
	header: IDataObject,
	input: CreateInput,
	where: string,
	path: string,
): InputIssue[] {
	const issues: InputIssue[] = [];
	for (const [key, value, label] of identityFields(input)) {
		const given = header[key];
		if (given === undefined || given === null || given === '') continue;
		if (value && String(given) !== String(value)) {
			issues.push({
				path: `${path}.${key}`,
				message: `header.${key} in the ${where} is ${String(given)} but ${label} is ${value}`,
				hint: `Make them agree: change ${label} or header.${key}.`,
			});
		}
	}
	return issues;
}

function guidedBody(
	input: CreateInput,
	country: CountryCode,
	issues: InputIssue[],
): IDataObject | undefined {
	const extraHeader = parseJsonObject(
		input.extraHeaderJson ?? '{}',
		'additionalFields.headerJson',
		'Extra Header JSON',
	);
	if (extraHeader.issue) {
		issues.push(extraHeader.issue);
		return undefined;
	}
	issues.push(
		...identityMismatches(
			extraHeader.value,
			input,
			'Extra Header JSON',
			'additionalFields.headerJson',
		),
	);
	return buildGuidedBody(
		{
			...(input.guided as NonNullable<CreateInput['guided']>),
			country,
			accountId: input.accountId,
			documentType: input.documentType,
			extraHeader: extraHeader.value,
			today: todayIn(country, input.now),
		},
		issues,
	);
}

/**
 * Guided totals, once Koywe's options are in the body (Prices Include VAT changes how they are computed). A
 * retention receipt's totals mean something else (what was paid and withheld), so they are never computed.
 */
function withGuidedTotals(
	body: IDataObject,
	input: CreateInput,
	country: CountryCode,
): IDataObject {
	if (!input.options.computeTotals) return body;
	if (findDocumentType(input.documentType)?.kind === 'retention') return body;
	return computeTotals(body, country);
}

/**
 * A Chilean RUT's check digit K is written in capitals (10000013-k is sent as 10000013-K), in either input mode:
 * the check digit is the same letter, and the SII's documents carry it upper-case.
 */
function withNormalisedTaxIds(body: IDataObject): IDataObject {
	const header = asObject(body.header);
	let normalised: IDataObject | undefined;
	for (const party of ['issuer', 'receiver']) {
		const key = `${party}_tax_id_code`;
		const code = header[key];
		if (text(header[`${party}_tax_id_type`]) !== 'CL-RUT' || typeof code !== 'string') continue;
		if (/-k$/.test(code))
			normalised = { ...(normalised ?? header), [key]: `${code.slice(0, -1)}K` };
	}
	return normalised ? { ...body, header: normalised } : body;
}

/** The 802 reference already present in a body, if any. */
export function referenceInBody(body: IDataObject): string | undefined {
	const found = asList<IDataObject>(body.references).find(
		(reference) => String(reference?.reference_type) === String(REFERENCE_TYPE),
	);
	const number = text(found?.reference_number);
	return number === '' ? undefined : number;
}

/** Adds the caller's reference as Koywe reference 802 (code 5), unless the body already carries it. */
export function withIdempotencyReference(body: IDataObject, reference: string): IDataObject {
	const references = [...asList<IDataObject>(body.references)];
	if (!carriesReference({ references }, REFERENCE_TYPE, reference)) {
		references.push({
			reference_type: REFERENCE_TYPE,
			reference_number: reference,
			reference_code: IDEMPOTENCY_REFERENCE.reference_code,
			description: 'Transaction ID',
		});
	}
	return { ...body, references };
}

/** Koywe's `options` block from the node's options (only what the user turned on). */
function withKoyweOptions(
	body: IDataObject,
	input: CreateInput,
	country: CountryCode,
): IDataObject {
	const options = { ...asObject(body.options) };
	const chosen = input.options;
	if (chosen.draftOnly) options.draft_only = 1;
	// send_email is a Colombian option, gross_values and pdf_transfer_copy Chilean ones; elsewhere Koywe ignores
	// them, so they are not sent.
	if (chosen.sendEmail !== undefined && country === 'CO') {
		options.send_email = chosen.sendEmail ? 1 : 0;
	}
	if (chosen.grossValues && country === 'CL') options.gross_values = 1;
	if (chosen.pdfTransferCopy && country === 'CL') options.pdf_transfer_copy = 1;
	if (chosen.roundingType) options.rounding_type = chosen.roundingType;
	if (chosen.templateId && chosen.templateId > 0) options.template_id = chosen.templateId;
	return Object.keys(options).length ? { ...body, options } : body;
}

export function buildCreateBody(input: CreateInput): BuiltBody {
	const issues: InputIssue[] = [];
	if (!isCountryCode(input.country)) {
		issues.push({
			path: 'country',
			message: `unknown country "${input.country}"`,
			hint: `Use ${listInWords(COUNTRY_CODES)}.`,
		});
		return { reference: '', issues };
	}
	const country = input.country;
	if (!(input.accountId > 0)) {
		issues.push({
			path: 'accountId',
			message: 'Account ID is missing',
			hint: 'Set the Koywe account_id of the issuing company (for the Chilean sandbox demo account: 423).',
		});
	}
	const given =
		input.mode === 'json' ? jsonBody(input, issues) : guidedBody(input, country, issues);
	if (!given) return { country, reference: input.reference, issues };
	const withOptions = withKoyweOptions(withNormalisedTaxIds(given), input, country);
	const built =
		input.mode === 'fields' ? withGuidedTotals(withOptions, input, country) : withOptions;

	// The reference is what makes a re-run find the document instead of issuing it again: one transaction ID
	// only, from the Reference parameter or the body's own 802 reference.
	const inBody = referenceInBody(built);
	if (input.reference && inBody && inBody !== input.reference) {
		issues.push({
			path: 'reference',
			message: `Reference is "${input.reference}" but the body already carries reference 802 "${inBody}"`,
			hint: 'Use one transaction ID: clear Reference or change the body.',
		});
	}
	const reference = input.reference || inBody || '';
	if (!reference && input.referenceExpression !== undefined) {
		// An expression that was meant to give a reference but gave nothing would silently switch off the
		// protection against issuing the same document twice.
		issues.push({
			path: 'reference',
			message: 'the Reference expression evaluated to an empty value',
			hint: `"${input.referenceExpression.slice(0, 119)}" gave nothing for this item, so it could not be protected against being issued twice. Map a field that exists on every item (e.g. {{ $json.orderId }}), or clear Reference to issue without one.`,
		});
	}
	const body = reference ? withIdempotencyReference(built, reference) : built;
	return { body, country, reference, issues };
}
