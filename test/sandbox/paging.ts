/**
 * Page parameters and HAL-ish links shared by the paginated lists.
 */
import type { JsonObject } from './types';

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 10;

export type Paging = { ok: true; page: number; perPage: number } | { ok: false; error: string };

/** `page` (default 1) and `per_page` (default 10, capped at 100); anything but an integer >= 1 is an error. */
export function parsePaging(q: URLSearchParams): Paging {
	const intParam = (name: string, fallback: number): number | string => {
		const v = q.get(name);
		if (v === null || v.trim() === '') return fallback;
		if (!/^\d+$/.test(v.trim()) || Number(v) < 1) return `Invalid input: ${name} must be an integer >= 1`;
		return Number(v);
	};
	const page = intParam('page', 1);
	const perPage = intParam('per_page', DEFAULT_PER_PAGE);
	if (typeof page === 'string') return { ok: false, error: page };
	if (typeof perPage === 'string') return { ok: false, error: perPage };
	return { ok: true, page, perPage: Math.min(perPage, MAX_PER_PAGE) };
}

/** `_links` with self, first, last, and prev/next when they exist; every href keeps the query. */
export function pageLinks(
	collectionUrl: string,
	q: URLSearchParams,
	page: number,
	perPage: number,
	pageCount: number,
): JsonObject {
	const href = (p: number) => {
		const params = new URLSearchParams(q);
		params.set('page', String(p));
		params.set('per_page', String(perPage));
		return { href: `${collectionUrl}?${params.toString()}` };
	};
	const links: JsonObject = { self: href(page), first: href(1), last: href(Math.max(1, pageCount)) };
	if (page > 1) links.prev = href(Math.min(page - 1, Math.max(1, pageCount)));
	if (page < pageCount) links.next = href(page + 1);
	return links;
}
