/**
 * Handlers of /V1/documents, /V1/documents/{id} and /V1/mipyme_get_document.
 */
import type { SandboxCore } from './core';
import { DEFAULT_AMBIGUOUS_DELAY_MS } from './faults';
import { filterDocuments } from './filters';
import { parseJson } from './http';
import { mipymeGetDocument } from './mipyme';
import { pageLinks, parsePaging } from './paging';
import type { Exchange } from './router';
import { fullDocument, listItem } from './shapes';
import { inputError, prepareDocument } from './validate';

export function wantsStamp(url: URL): boolean {
	const v = url.searchParams.get('generate_stamp');
	return v === '1' || v === 'true';
}

export function mipyme(core: SandboxCore, x: Exchange): void {
	const parsed = parseJson(x.raw);
	core.send(x.res, 200, mipymeGetDocument(parsed.ok ? parsed.value : undefined));
}

export async function createDocument(core: SandboxCore, x: Exchange): Promise<void> {
	const { res, req, url } = x;
	const parsed = parseJson(x.raw);
	if (!parsed.ok) {
		core.send(res, 400, { error: 'Invalid input: the body is not valid JSON' });
		return;
	}
	const origin = core.origin;
	let outcome = prepareDocument(parsed.value, core.accounts, origin);
	if (
		outcome.kind === 'ok' &&
		outcome.prepared.forcedNumber !== null &&
		!outcome.prepared.draft &&
		core.store.folioInUse(outcome.prepared.accountId, outcome.prepared.type.id, outcome.prepared.forcedNumber)
	) {
		outcome = inputError(
			outcome.prepared.body,
			`document_number ${outcome.prepared.forcedNumber} was already used for document type ${outcome.prepared.type.id}`,
			origin,
		);
	}
	if (outcome.kind === 'bad-request') {
		core.send(res, 400, { error: outcome.error });
		return;
	}
	if (outcome.kind === 'input-error') {
		// Koywe reports input errors in result.status 1; nothing is stored. HTTP 200 marks "not created".
		core.send(res, 200, outcome.answer);
		return;
	}

	const doc = core.store.commit(outcome.prepared, core.faults.folioLimit);
	core.counters.creates++;
	const fc = core.faultCounters;
	if (fc.revokeArmed && core.faults.revokeTokensAfterCreates !== null) {
		fc.createsSinceArm++;
		if (fc.createsSinceArm >= core.faults.revokeTokensAfterCreates) {
			fc.revokeArmed = false;
			core.tokens.clear();
		}
	}
	const answer = fullDocument(doc, origin, { include: true, stamp: wantsStamp(url) });

	const ambiguous = core.faults.ambiguousCreate;
	if (ambiguous) {
		fc.ambiguous++;
		if (fc.ambiguous % ambiguous.every === 0) {
			doc.ambiguous = ambiguous.mode;
			if (ambiguous.mode === '500') {
				core.send(res, 500, { error: 'Internal server error' }, { 'X-Sandbox-Fault': 'ambiguousCreate' });
				return;
			}
			if (ambiguous.mode === 'destroy') {
				core.counters.serverErrors++;
				req.socket.destroy();
				return;
			}
			await core.timers.sleep(ambiguous.delayMs ?? DEFAULT_AMBIGUOUS_DELAY_MS);
			if (!core.running) return;
		}
	}
	core.send(res, 201, answer);
}

export function listDocuments(core: SandboxCore, x: Exchange): void {
	const { res } = x;
	const q = x.url.searchParams;
	const paging = parsePaging(q);
	if (!paging.ok) {
		core.send(res, 400, { error: paging.error });
		return;
	}
	const { page, perPage } = paging;
	const filtered = filterDocuments(core.store.all(), q);
	if (!filtered.ok) {
		core.send(res, 400, { error: filtered.error });
		return;
	}
	const total = filtered.documents.length;
	const pageCount = Math.ceil(total / perPage);
	const items = filtered.documents
		.slice((page - 1) * perPage, page * perPage)
		.map((d) => listItem(d, core.itemShape, core.origin));

	if (core.envelope === 'data') {
		core.send(res, 200, { data: items, pagination: { total, per_page: perPage, current_page: page } });
		return;
	}
	const list = core.envelope === 'hal' ? { _embedded: { documents: items } } : { documents: items };
	core.send(res, 200, {
		_links: pageLinks(`${core.baseUrl}/documents`, q, page, perPage, pageCount),
		...list,
		page_count: pageCount,
		page_size: perPage,
		total_items: total,
		page,
	});
}

/** The stored document for a path id, or a 404 answer (and undefined). */
export function findDocument(core: SandboxCore, x: Exchange) {
	const id = /^\d+$/.test(x.params[0]) ? Number(x.params[0]) : NaN;
	const doc = Number.isNaN(id) ? undefined : core.store.get(id);
	if (!doc) core.send(x.res, 404, { error: 'Document not found' });
	return doc;
}

export function getDocument(core: SandboxCore, x: Exchange): void {
	const doc = findDocument(core, x);
	if (doc) core.send(x.res, 200, fullDocument(doc, core.origin, { include: true, stamp: wantsStamp(x.url) }));
}
