import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../actions/common';

/** Largest page Koywe is asked for while paging through a search. */
export const PAGE_SIZE = 100;

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export interface DocumentPage {
	documents: IDataObject[];
	page?: number;
	pageCount?: number;
	totalItems?: number;
	hasNext: boolean;
}

/**
 * Reads a `GET /documents` answer in any of the envelopes the sources show: `documents` at the top (OpenAPI),
 * HAL `_embedded.documents` (or `_embedded.items`), or `data` with a `pagination` block.
 */
export function readDocumentPage(
	body: unknown,
	requestedPage: number,
	pageSize: number,
): DocumentPage {
	const root = asObject(body);
	const embedded = asObject(root._embedded);
	const list = [root.documents, embedded.documents, embedded.items, root.data, root.items].find(
		Array.isArray,
	) as IDataObject[] | undefined;
	const documents = (list ?? []).filter((entry) => entry && typeof entry === 'object');
	const pagination = asObject(root.pagination);
	const number = (value: unknown) => {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : undefined;
	};
	const page = number(root.page ?? pagination.current_page ?? pagination.page) ?? requestedPage;
	const totalItems = number(root.total_items ?? pagination.total ?? pagination.total_items);
	const perPage = number(root.page_size ?? pagination.per_page) ?? pageSize;
	let pageCount = number(root.page_count ?? pagination.page_count ?? pagination.total_pages);
	if (pageCount === undefined && totalItems !== undefined && perPage > 0)
		pageCount = Math.ceil(totalItems / perPage);
	const links = asObject(root._links);
	const hasNext =
		pageCount !== undefined
			? page < pageCount
			: links.next !== undefined
				? true
				: documents.length >= pageSize;
	return { documents, page, pageCount, totalItems, hasNext: hasNext && documents.length > 0 };
}

export interface SearchOptions {
	referenceType?: string | number;
	referenceNumber?: string;
	filters?: IDataObject;
	/** Stop after this many documents (undefined = all). */
	limit?: number;
	purpose: string;
}

/** Pages through `GET /documents` with the given filters. */
export async function searchDocuments(
	context: ItemContext,
	options: SearchOptions,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	const pageSize =
		options.limit !== undefined ? Math.min(PAGE_SIZE, Math.max(1, options.limit)) : PAGE_SIZE;
	for (let page = 1; page <= 1000; page++) {
		const qs: IDataObject = { ...(options.filters ?? {}), page, per_page: pageSize };
		if (options.referenceType !== undefined && options.referenceType !== '')
			qs.reference_type = options.referenceType;
		if (options.referenceNumber !== undefined) qs.reference_number = options.referenceNumber;
		const response = await context.send({
			method: 'GET',
			path: '/documents',
			qs,
			idempotent: true,
			purpose: options.purpose,
		});
		const result = readDocumentPage(response.body, page, pageSize);
		found.push(...result.documents);
		if (options.limit !== undefined && found.length >= options.limit)
			return found.slice(0, options.limit);
		if (!result.hasNext) break;
	}
	return found;
}

export async function getDocument(
	context: ItemContext,
	documentId: string | number,
	generateStamp = false,
): Promise<IDataObject> {
	const response = await context.send({
		method: 'GET',
		path: `/documents/${encodeURIComponent(String(documentId))}`,
		qs: generateStamp ? { generate_stamp: 1 } : undefined,
		idempotent: true,
		purpose: `get document ${documentId}`,
	});
	return asObject(response.body);
}

/**
 * Whether a document carries the reference (type + number). `undefined` when the document does not show its
 * references (the flat list shape), so the caller must read the full document to be sure.
 */
export function carriesReference(
	document: IDataObject,
	referenceType: number,
	referenceNumber: string,
): boolean | undefined {
	if (!Array.isArray(document.references)) return document.references === null ? false : undefined;
	return (document.references as IDataObject[]).some(
		(reference) =>
			String(reference?.reference_type ?? '') === String(referenceType) &&
			String(reference?.reference_number ?? '') === referenceNumber,
	);
}

export function documentAccountId(document: IDataObject): unknown {
	return asObject(document.header).account_id ?? document.account_id;
}

export function documentId(document: IDataObject): string | number | undefined {
	const id = document.document_id;
	return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}
