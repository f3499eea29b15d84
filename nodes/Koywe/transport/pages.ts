import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/values';
import type { KoyweClient } from './types';

/** Largest page Koywe is asked for while paging through a list. */
export const PAGE_SIZE = 100;

/** Safety stop: a server that always says "there is more" must not keep an item paging forever. */
export const MAX_PAGES = 1000;

export interface DocumentPage {
	documents: IDataObject[];
	page?: number;
	pageCount?: number;
	totalItems?: number;
	hasNext: boolean;
}

function finiteNumber(value: unknown): number | undefined {
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
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
	const page =
		finiteNumber(root.page ?? pagination.current_page ?? pagination.page) ?? requestedPage;
	const totalItems = finiteNumber(root.total_items ?? pagination.total ?? pagination.total_items);
	const perPage = finiteNumber(root.page_size ?? pagination.per_page) ?? pageSize;
	let pageCount = finiteNumber(root.page_count ?? pagination.page_count ?? pagination.total_pages);
	if (pageCount === undefined && totalItems !== undefined && perPage > 0) {
		pageCount = Math.ceil(totalItems / perPage);
	}
	// Without a page count, a `next` link or a full page means there may be more.
	const links = asObject(root._links);
	const hasNext =
		pageCount !== undefined
			? page < pageCount
			: links.next !== undefined
				? true
				: documents.length >= pageSize;
	return { documents, page, pageCount, totalItems, hasNext: hasNext && documents.length > 0 };
}

export interface PageQuery {
	/** Filters for `GET /documents`; `page` and `per_page` are added. */
	qs: IDataObject;
	pageSize?: number;
	purpose: string;
}

/**
 * Pages through `GET /documents`, one page at a time: a caller that streams (Get Many) holds only the page it is
 * on; a caller that needs a few documents stops early and no further page is asked for.
 */
export async function* documentPages(
	client: KoyweClient,
	query: PageQuery,
): AsyncGenerator<DocumentPage, void, undefined> {
	const pageSize = query.pageSize ?? PAGE_SIZE;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const response = await client.send({
			method: 'GET',
			path: '/documents',
			qs: { ...query.qs, page, per_page: pageSize },
			idempotent: true,
			purpose: query.purpose,
		});
		const result = readDocumentPage(response.body, page, pageSize);
		yield result;
		if (!result.hasNext) return;
	}
}
