import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, jsonParse, sleep } from 'n8n-workflow';

import { COUNTRIES, IDEMPOTENCY_REFERENCE, isCountryCode, type CountryCode } from '../../data';
import { exclusive, forget, recall, referenceKey, remember } from '../../memory/issuedDocuments';
import { fileBaseName, filesToBinary, splitDocument } from '../../output';
import {
	backoffDelay,
	carriesReference,
	credentialSecrets,
	documentId,
	documentRejectedError,
	getDocument,
	lookUpReference,
	postDocument,
	isOutcomeUnknown,
	missingDocumentIdError,
	notFoundAfterUnknownOutcome,
	redact,
} from '../../transport';
import { computeTotals, validateDocumentBody } from '../../validation';
import type { ItemContext } from '../context';
import { buildGuidedBody, todayIn } from './create.body';

export { description } from './create.description';

const REFERENCE_TYPE = IDEMPOTENCY_REFERENCE.reference_type;
const REFERENCE_CODE = IDEMPOTENCY_REFERENCE.reference_code;

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function fixedCollectionValues(value: unknown, key: string): IDataObject[] {
	const list = asObject(value)[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

interface CreateParameters {
	country: CountryCode;
	documentType: number;
	accountId: number;
	reference: string;
	options: IDataObject;
}

/** Reads JSON that may arrive as an object (expression) or as text (pasted), and says where it is broken. */
function parseJsonParameter(
	this: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			const parsed = jsonParse<unknown>(value);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				return parsed as IDataObject;
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: "${name}" is not valid JSON`,
				{
					itemIndex,
					description: `${(error as Error).message}. Paste a JSON object, or map one with an expression such as {{ $json.body }}.`,
				},
			);
		}
	}
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: "${name}" must be a JSON object`,
		{
			itemIndex,
			description:
				'Give an object like {"header": {...}, "details": [...]}, not a list or a plain value.',
		},
	);
}

/** Adds the caller's reference as Koywe reference 802 (code 5), unless the body already carries it. */
function withIdempotencyReference(body: IDataObject, reference: string): IDataObject {
	const references = Array.isArray(body.references) ? [...(body.references as IDataObject[])] : [];
	if (!carriesReference({ references }, REFERENCE_TYPE, reference)) {
		references.push({
			reference_type: REFERENCE_TYPE,
			reference_number: reference,
			reference_code: REFERENCE_CODE,
			description: 'Transaction ID',
		});
	}
	return { ...body, references };
}

/** The 802 reference already present in a JSON body, if any. */
function referenceInBody(body: IDataObject): string | undefined {
	const references = Array.isArray(body.references) ? (body.references as IDataObject[]) : [];
	const found = references.find(
		(reference) => String(reference?.reference_type) === String(REFERENCE_TYPE),
	);
	const number = found?.reference_number;
	return number === undefined || number === null || String(number).trim() === ''
		? undefined
		: String(number).trim();
}

function buildBody(
	this: IExecuteFunctions,
	params: CreateParameters,
	itemIndex: number,
): { body: IDataObject; reference: string } {
	const node = this.getNode();
	const inputMode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	let body: IDataObject;
	if (inputMode === 'json') {
		const parsed = parseJsonParameter.call(
			this,
			this.getNodeParameter('documentJson', itemIndex, '{}'),
			'Document JSON',
			itemIndex,
		);
		body = { ...parsed, header: { ...asObject(parsed.header) } };
		const header = body.header as IDataObject;
		for (const [key, value, label] of [
			['account_id', params.accountId, 'Account ID'],
			['document_type_id', params.documentType, 'Document Type'],
		] as const) {
			if (header[key] === undefined || header[key] === null || header[key] === '') {
				if (value) header[key] = value;
			} else if (value && String(header[key]) !== String(value)) {
				throw new NodeOperationError(
					node,
					`Item ${itemIndex}: header.${key} in the JSON is ${String(header[key])} but ${label} is ${value}`,
					{
						itemIndex,
						description: `Make them agree: change ${label} or header.${key}. Nothing was sent.`,
					},
				);
			}
		}
	} else {
		const extraHeader = parseJsonParameter.call(
			this,
			asObject(this.getNodeParameter('additionalFields', itemIndex, {})).headerJson ?? '{}',
			'Extra Header JSON',
			itemIndex,
		);
		body = buildGuidedBody({
			country: params.country,
			accountId: params.accountId,
			documentType: params.documentType,
			issueDate: String(this.getNodeParameter('issueDate', itemIndex, '')),
			receiverTaxId: String(this.getNodeParameter('receiverTaxId', itemIndex, '')),
			receiverTaxIdType: String(this.getNodeParameter('receiverTaxIdType', itemIndex, '')),
			receiverLegalName: String(this.getNodeParameter('receiverLegalName', itemIndex, '')),
			receiver: asObject(this.getNodeParameter('receiver', itemIndex, {})),
			lineItems: fixedCollectionValues(this.getNodeParameter('lineItems', itemIndex, {}), 'item'),
			references: fixedCollectionValues(
				this.getNodeParameter('references', itemIndex, {}),
				'reference',
			),
			additionalFields: asObject(this.getNodeParameter('additionalFields', itemIndex, {})),
			extraHeader,
		});
		if (params.options.computeTotals !== false) body = computeTotals(body, params.country);
	}

	let reference = params.reference;
	const inBody = referenceInBody(body);
	if (reference && inBody && inBody !== reference) {
		throw new NodeOperationError(
			node,
			`Item ${itemIndex}: Reference is "${reference}" but the body already carries reference 802 "${inBody}"`,
			{
				itemIndex,
				description:
					'Use one transaction ID: clear Reference or change the body. Nothing was sent.',
			},
		);
	}
	reference = reference || inBody || '';
	if (reference) body = withIdempotencyReference(body, reference);

	const options = asObject(body.options);
	if (params.options.draftOnly === true) options.draft_only = 1;
	if (params.options.sendEmail !== undefined && params.country === 'CO') {
		options.send_email = params.options.sendEmail === true ? 1 : 0;
	}
	if (Object.keys(options).length) body.options = options;
	return { body, reference };
}

interface CreateOutcome {
	document: IDataObject;
	deduplicated: boolean;
	/** How the existing document was found: in this process's memory, by a check before creating, or after an unknown outcome. */
	foundBy?: 'memory' | 'checkBeforeCreate' | 'reconciliation';
	warnings: string[];
}

/** Finds the document that carries the reference (verified on the full document), or undefined. */
async function lookUpByReference(
	context: ItemContext,
	accountId: number,
	reference: string,
	warnings: string[],
): Promise<IDataObject | undefined> {
	const found = await lookUpReference(context, {
		referenceType: REFERENCE_TYPE,
		referenceNumber: reference,
		accountId,
		purpose: `look up reference ${reference}`,
	});
	warnings.push(...found.warnings);
	return found.document;
}

function koyweResultStatus(document: IDataObject): number | undefined {
	const status = asObject(document.result).status;
	if (status === undefined || status === null || status === '') return undefined;
	const number = Number(status);
	return Number.isFinite(number) ? number : undefined;
}

/** Sends the create, and handles Koywe's `result.status` (1 = rejected, nothing issued). */
async function createDocument(
	this: IExecuteFunctions,
	context: ItemContext,
	body: IDataObject,
	generateStamp: boolean,
): Promise<IDataObject> {
	const response = await postDocument(context, body, generateStamp);
	const document = asObject(response.body);
	if (koyweResultStatus(document) === 1) {
		const koyweMessage = redact(
			String(asObject(document.result).error_message ?? '').slice(0, 500),
			await credentialSecrets.call(this),
		);
		throw documentRejectedError(this.getNode(), context.itemIndex, {
			koyweMessage,
			httpCode: response.statusCode,
			attempts: context.trace.attempts,
		});
	}
	if (documentId(document) === undefined) {
		throw missingDocumentIdError(this.getNode(), context.itemIndex, response.statusCode);
	}
	return document;
}

/**
 * Creates the document at most once per reference: memory of this process, optional look-up before creating,
 * and, when the outcome of a create is unknown, a look-up by reference before any second attempt.
 */
async function createOnce(
	this: IExecuteFunctions,
	context: ItemContext,
	params: CreateParameters,
	body: IDataObject,
	reference: string,
): Promise<CreateOutcome> {
	const warnings: string[] = [];
	const key = referenceKey(context.run.identity, params.accountId, reference);
	const generateStamp = params.options.generateStamp === true;

	const remembered = recall(key);
	if (remembered) {
		let failure: unknown;
		try {
			const document = await getDocument(context, remembered.documentId, generateStamp);
			return { document, deduplicated: true, foundBy: 'memory', warnings };
		} catch (error) {
			failure = error;
		}
		// A remembered document Koywe no longer has (deleted draft) is forgotten; any other failure stops here.
		if ((failure as NodeApiError).httpCode !== '404') throw failure;
		forget(key);
	}
	if (params.options.checkBeforeCreate === true) {
		const existing = await lookUpByReference(context, params.accountId, reference, warnings);
		if (existing) {
			remember(key, { documentId: documentId(existing) as number, createdAt: Date.now() });
			return { document: existing, deduplicated: true, foundBy: 'checkBeforeCreate', warnings };
		}
	}

	const maxCreates = context.settings.retry.maxRetries + 1;
	for (let create = 1; ; create++) {
		let error: unknown;
		try {
			const document = await createDocument.call(this, context, body, generateStamp);
			remember(key, { documentId: documentId(document) as number, createdAt: Date.now() });
			return { document, deduplicated: false, warnings };
		} catch (failure) {
			error = failure;
		}
		{
			if (!isOutcomeUnknown(error)) throw error;
			this.logger.info(
				`Koywe: item ${context.itemIndex} create outcome unknown; looking up reference ${reference} before anything else`,
			);
			let existing = await lookUpByReference(context, params.accountId, reference, warnings);
			if (!existing) {
				// Koywe may still be finishing the first request: give it a moment and look once more.
				const waitMs = backoffDelay(create, context.settings.retry);
				await sleep(waitMs, context.settings.signal).catch(() => undefined);
				context.trace.waitedMs += waitMs;
				if (context.settings.signal?.aborted) throw error;
				existing = await lookUpByReference(context, params.accountId, reference, warnings);
			}
			if (existing) {
				remember(key, { documentId: documentId(existing) as number, createdAt: Date.now() });
				return { document: existing, deduplicated: true, foundBy: 'reconciliation', warnings };
			}
			if (create >= maxCreates) {
				throw notFoundAfterUnknownOutcome(error as NodeApiError, reference, create);
			}
			this.logger.info(
				`Koywe: item ${context.itemIndex} reference ${reference} not found; creating again`,
			);
		}
	}
}

export async function execute(
	this: IExecuteFunctions,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const node = this.getNode();
	const country = String(this.getNodeParameter('country', itemIndex, 'CL'));
	if (!isCountryCode(country)) {
		throw new NodeOperationError(node, `Item ${itemIndex}: unknown country "${country}"`, {
			itemIndex,
			description: 'Use CL, CO, PE, MX or AR.',
		});
	}
	const params: CreateParameters = {
		country,
		documentType: Number(this.getNodeParameter('documentType', itemIndex, 0)),
		accountId: Number(this.getNodeParameter('accountId', itemIndex, 0)),
		reference: String(this.getNodeParameter('reference', itemIndex, '') ?? '').trim(),
		options: context.options,
	};
	if (!(params.accountId > 0)) {
		throw new NodeOperationError(node, `Item ${itemIndex}: Account ID is missing`, {
			itemIndex,
			description:
				'Set the Koywe account_id of the issuing company (for the Chilean sandbox demo account: 423).',
		});
	}
	const { body, reference } = buildBody.call(this, params, itemIndex);
	if (reference) context.annotations.reference = reference;
	const rawReference = this.getNode().parameters.reference;
	if (
		!reference &&
		typeof rawReference === 'string' &&
		rawReference.startsWith('=') &&
		rawReference.trim() !== '='
	) {
		// An expression that was meant to give a reference but gave nothing would silently switch off the protection
		// against issuing the same document twice.
		throw new NodeOperationError(
			node,
			`Item ${itemIndex}: the Reference expression evaluated to an empty value`,
			{
				itemIndex,
				description: `"${rawReference.slice(1, 120)}" gave nothing for this item, so it could not be protected against being issued twice. Map a field that exists on every item (e.g. {{ $json.orderId }}), or clear Reference to issue without one. Nothing was sent.`,
			},
		);
	}
	const { issues, warnings } = validateDocumentBody(body, {
		country,
		strictTotals: params.options.strictTotals === true,
		today: todayIn(country),
	});
	if (issues.length) {
		const first = issues[0];
		const error = new NodeOperationError(
			node,
			`Item ${itemIndex}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''}`,
			{
				itemIndex,
				description: `Nothing was sent to Koywe. Fix: ${issues.map((issue) => issue.message).join(' | ')}`,
			},
		);
		Object.assign(error.context, {
			validationIssues: issues.map((issue) => ({ path: issue.path, message: issue.message })),
		});
		throw error;
	}

	if (params.options.validateOnly === true) {
		return [
			{
				json: {
					valid: true,
					validateOnly: true,
					reference: reference || undefined,
					warnings,
					body,
				},
			},
		];
	}

	let outcome: CreateOutcome;
	if (!reference) {
		outcome = {
			document: await createDocument.call(
				this,
				context,
				body,
				params.options.generateStamp === true,
			),
			deduplicated: false,
			warnings: [],
		};
	} else {
		const key = referenceKey(context.run.identity, params.accountId, reference);
		outcome = await exclusive(
			key,
			async () => await createOnce.call(this, context, params, body, reference),
		);
	}

	const { json, files } = splitDocument(outcome.document);
	const allWarnings = [...warnings, ...outcome.warnings];
	if (koyweResultStatus(outcome.document) === 2) {
		const reason = redact(
			String(asObject(outcome.document.result).error_message ?? ''),
			await credentialSecrets.call(this),
		);
		allWarnings.push(
			`Koywe created the document but did not send it to ${COUNTRIES[country].taxBureau} (result status 2${reason ? `: ${reason}` : ''}). The document exists (document_id ${String(json.document_id)}): do not create it again; fix the cause and send it from Koywe.`,
		);
	}
	if (!reference) {
		allWarnings.push(
			'No Reference was set: if this workflow is re-run, this document cannot be recognised and may be issued again.',
		);
	}
	Object.assign(json, {
		deduplicated: outcome.deduplicated,
		...(outcome.foundBy ? { found_by: outcome.foundBy } : {}),
		reference: reference || null,
		attempts: context.trace.attempts,
		waited_ms: context.trace.waitedMs,
		rate_limited: context.trace.rateLimited,
		warnings: allWarnings,
	});
	const output: INodeExecutionData = { json };
	if (params.options.downloadFiles === true) {
		const binary = await filesToBinary.call(this, files, fileBaseName(country, json));
		if (binary) output.binary = binary;
	}
	return [output];
}
