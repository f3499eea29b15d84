/**
 * Paging through GET /documents in every envelope the sources show, one page at a time.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	PAGE_SIZE,
	documentPages,
	readDocumentPage,
	searchDocuments,
} from '../../../nodes/Koywe/transport';
import { fakeClient } from './fakeClient';

const docs = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => ({ document_id: from + index }));

describe('reading one page', () => {
	test('the OpenAPI envelope: documents with page and page_count', () => {
		const page = readDocumentPage({ documents: docs(1, 2), page: 1, page_count: 3 }, 1, 2);
		expect(page).toEqual({ documents: docs(1, 2), page: 1, pageCount: 3, totalItems: undefined, hasNext: true });
	});

	test('the HAL envelope: _embedded.documents, last page', () => {
		const page = readDocumentPage({ _embedded: { documents: docs(5, 1) }, page: 3, page_count: 3 }, 3, 2);
		expect(page.documents).toEqual(docs(5, 1));
		expect(page.hasNext).toBe(false);
	});

	test('the data envelope: a pagination block with a total', () => {
		const page = readDocumentPage({ data: docs(1, 10), pagination: { current_page: 1, total: 25, per_page: 10 } }, 1, 10);
		expect(page.pageCount).toBe(3);
		expect(page.totalItems).toBe(25);
		expect(page.hasNext).toBe(true);
	});

	test('without counts, a next link or a full page means there may be more', () => {
		expect(readDocumentPage({ documents: docs(1, 1), _links: { next: {} } }, 1, 10).hasNext).toBe(true);
		expect(readDocumentPage({ documents: docs(1, 10) }, 1, 10).hasNext).toBe(true);
		expect(readDocumentPage({ documents: docs(1, 9) }, 1, 10).hasNext).toBe(false);
	});

	test('an empty page or an unknown answer ends the paging', () => {
		expect(readDocumentPage({ documents: [], page: 1, page_count: 5 }, 1, 10).hasNext).toBe(false);
		expect(readDocumentPage('<html>', 1, 10)).toEqual(expect.objectContaining({ documents: [], hasNext: false }));
	});

	test('entries that are not documents are left out', () => {
		expect(readDocumentPage({ documents: [null, 7, { document_id: 1 }] }, 1, 10).documents).toEqual([{ document_id: 1 }]);
	});
});

describe('paging', () => {
	const threePages = (call: { qs?: IDataObject }) => {
		const page = Number(call.qs?.page);
		return { documents: docs((page - 1) * 2 + 1, page < 3 ? 2 : 1), page, page_count: 3 };
	};

	test('pages come one at a time, and the next one is asked for only when it is wanted', async () => {
		const client = fakeClient(threePages);
		const pages = documentPages(client, { qs: { reference_number: 'X' }, pageSize: 2, purpose: 'list' });
		const first = await pages.next();
		expect(first.value).toEqual(expect.objectContaining({ page: 1, documents: docs(1, 2) }));
		expect(client.calls).toHaveLength(1);
		expect(client.calls[0]).toEqual(
			expect.objectContaining({ method: 'GET', path: '/documents', idempotent: true, qs: { reference_number: 'X', page: 1, per_page: 2 } }),
		);
		const rest: number[] = [];
		for await (const page of pages) rest.push(page.page as number);
		expect(rest).toEqual([2, 3]);
		expect(client.calls).toHaveLength(3);
	});

	test('a search with a limit stops asking once it has enough', async () => {
		const client = fakeClient(threePages);
		const found = await searchDocuments(client, { referenceNumber: 'X', limit: 3, purpose: 'find' });
		expect(found.map((document) => document.document_id)).toEqual([1, 2, 3]);
		expect(client.calls).toHaveLength(2);
		expect(client.calls[0].qs).toEqual({ reference_number: 'X', page: 1, per_page: 3 });
	});

	test('a search without a limit reads every page, in pages of the largest size', async () => {
		const client = fakeClient(threePages);
		const found = await searchDocuments(client, { referenceType: 802, referenceNumber: 'X', purpose: 'find' });
		expect(found).toHaveLength(5);
		expect(client.calls[0].qs).toEqual({ reference_type: 802, reference_number: 'X', page: 1, per_page: PAGE_SIZE });
	});
});
