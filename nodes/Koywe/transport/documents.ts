import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/values';
import { PAGE_SIZE, documentPages } from './pages';
import type { KoyweClient, KoyweResponse } from './types';

export interface SearchOptions {
	referenceType?: string | number;
	referenceNumber?: string;
	filters?: IDataObject;
	/** Stop after this many documents (undefined = all). */
	limit?: number;
	purpose: string;
}

/** The documents `GET /documents` lists for the given filters, up to `limit`. */
export async function searchDocuments(
	client: KoyweClient,
	options: SearchOptions,
): Promise<IDataObject[]> {
	const { limit } = options;
	const qs: IDataObject = { ...(options.filters ?? {}) };
	if (options.referenceType !== undefined && options.referenceType !== '') {
		qs.reference_type = options.referenceType;
	}
	if (options.referenceNumber !== undefined) qs.reference_number = options.referenceNumber;
	const pageSize = limit !== undefined ? Math.min(PAGE_SIZE, Math.max(1, limit)) : PAGE_SIZE;
	const found: IDataObject[] = [];
	for await (const page of documentPages(client, { qs, pageSize, purpose: options.purpose })) {
		found.push(...page.documents);
		if (limit !== undefined && found.length >= limit) return found.slice(0, limit);
	}
	return found;
}

/** One document by its Koywe `document_id`, in the full shape (header, details, references, files). */
export async function getDocument(
	client: KoyweClient,
	documentId: string | number,
	generateStamp = false,
): Promise<IDataObject> {
	const response = await client.send({
		method: 'GET',
		path: `/documents/${encodeURIComponent(String(documentId))}`,
		qs: generateStamp ? { generate_stamp: 1 } : undefined,
		idempotent: true,
		purpose: `get document ${documentId}`,
	});
	return asObject(response.body);
}

/**
 * Sends one `POST /documents`. Not idempotent: when its outcome is unknown the request loop does not resend it
 * and the caller must look the document up by its reference first.
 */
export async function postDocument(
	client: KoyweClient,
	body: IDataObject,
	generateStamp: boolean,
): Promise<KoyweResponse> {
	return await client.send({
		method: 'POST',
		path: '/documents',
		qs: generateStamp ? { generate_stamp: 1 } : undefined,
		body,
		idempotent: false,
		purpose: 'create the document',
	});
}

export function documentAccountId(document: IDataObject): unknown {
	return asObject(document.header).account_id ?? document.account_id;
}

export function documentId(document: IDataObject): string | number | undefined {
	const id = document.document_id;
	return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}
