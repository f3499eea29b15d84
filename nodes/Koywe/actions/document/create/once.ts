/**
 * Create at most once. A legal document issued twice cannot be taken back, so every path that could send a
 * second create first asks whether the first one exists:
 * - the memory of this process (n8n's Retry On Fail, a re-executed node, two items with the same reference);
 * - optionally Koywe itself before creating (`Check Before Create`, after a crash or on another instance);
 * - after a create whose outcome is unknown (timeout, 5xx, dropped connection), Koywe again, before any retry.
 * Without a reference none of this is possible: the document is created once and the output warns.
 */
import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { IDEMPOTENCY_REFERENCE } from '../../../data';
import { asObject } from '../../../shared/values';
import { exclusive, forget, recall, referenceKey, remember } from '../../../memory/issuedDocuments';
import {
	backoffDelay,
	credentialSecrets,
	documentId,
	documentRejectedError,
	getDocument,
	isOutcomeUnknown,
	lookUpReference,
	missingDocumentIdError,
	notFoundAfterUnknownOutcome,
	postDocument,
	redact,
} from '../../../transport';
import type { ItemContext } from '../../context';
import { readResult, type CreatedDocument, type FoundBy } from './result';

export interface CreateRequest {
	body: IDataObject;
	/** '' = no reference: created once, without any protection against a second run. */
	reference: string;
	accountId: number;
	generateStamp: boolean;
	checkBeforeCreate: boolean;
}

/** Sends the create and reads Koywe's verdict: a rejection (result status 1) fails the item, nothing was issued. */
async function post(
	this: IExecuteFunctions,
	context: ItemContext,
	request: CreateRequest,
): Promise<CreatedDocument> {
	const response = await postDocument(context, request.body, request.generateStamp);
	const document = asObject(response.body);
	const result = readResult(document);
	if (result.verdict === 'rejected') {
		const secrets = await credentialSecrets.call(this);
		throw documentRejectedError(this.getNode(), context.itemIndex, {
			koyweMessage: redact(result.koyweMessage.slice(0, 500), secrets),
			httpCode: response.statusCode,
			attempts: context.trace.attempts,
		});
	}
	if (documentId(document) === undefined) {
		throw missingDocumentIdError(this.getNode(), context.itemIndex, response.statusCode);
	}
	return { document, result, deduplicated: false, warnings: [] };
}

/** An existing document, returned instead of a second create. */
function found(document: IDataObject, foundBy: FoundBy, warnings: string[]): CreatedDocument {
	return { document, result: readResult(document), deduplicated: true, foundBy, warnings };
}

async function lookUp(context: ItemContext, request: CreateRequest) {
	return await lookUpReference(context, {
		referenceType: IDEMPOTENCY_REFERENCE.reference_type,
		referenceNumber: request.reference,
		accountId: request.accountId,
		purpose: `look up reference ${request.reference}`,
	});
}

async function createProtected(
	this: IExecuteFunctions,
	context: ItemContext,
	request: CreateRequest,
	key: string,
): Promise<CreatedDocument> {
	const { reference } = request;
	const keep = (created: CreatedDocument) => {
		remember(key, { documentId: documentId(created.document) as number, createdAt: Date.now() });
		return created;
	};

	const remembered = recall(key);
	if (remembered) {
		let failure: unknown;
		try {
			const document = await getDocument(context, remembered.documentId, request.generateStamp);
			return found(document, 'memory', []);
		} catch (error) {
			failure = error;
		}
		// A remembered document Koywe no longer has (a deleted draft) is forgotten; any other failure stops here.
		if ((failure as NodeApiError).httpCode !== '404') throw failure;
		forget(key);
	}
	if (request.checkBeforeCreate) {
		const existing = await lookUp(context, request);
		if (existing.document)
			return keep(found(existing.document, 'checkBeforeCreate', existing.warnings));
	}

	const maxCreates = context.settings.retry.maxRetries + 1;
	for (let create = 1; ; create++) {
		let error: unknown;
		try {
			return keep(await post.call(this, context, request));
		} catch (failure) {
			error = failure;
		}
		// Only an unknown outcome may lead to another create, and only after Koywe says it has no such document.
		if (!isOutcomeUnknown(error)) throw error;
		this.logger.info(
			`Koywe: item ${context.itemIndex} create outcome unknown; looking up reference ${reference} before anything else`,
		);
		let existing = await lookUp(context, request);
		if (!existing.document) {
			// Koywe may still be finishing the first request: give it a moment and look once more.
			const waitMs = backoffDelay(create, context.settings.retry);
			await sleep(waitMs, context.settings.signal).catch(() => undefined);
			context.trace.waitedMs += waitMs;
			if (context.settings.signal?.aborted) throw error;
			existing = await lookUp(context, request);
		}
		if (existing.document)
			return keep(found(existing.document, 'reconciliation', existing.warnings));
		if (create >= maxCreates) {
			throw notFoundAfterUnknownOutcome(error as NodeApiError, reference, create);
		}
		this.logger.info(
			`Koywe: item ${context.itemIndex} reference ${reference} not found; creating again`,
		);
	}
}

/**
 * The one door to creating a document. With a reference, items (of this or a parallel execution) that carry the
 * same one take turns, so the second sees the first's document instead of creating its own.
 */
export async function createOnce(
	this: IExecuteFunctions,
	context: ItemContext,
	request: CreateRequest,
): Promise<CreatedDocument> {
	if (!request.reference) return await post.call(this, context, request);
	const key = referenceKey(context.run.identity, request.accountId, request.reference);
	return await exclusive(key, async () => await createProtected.call(this, context, request, key));
}
