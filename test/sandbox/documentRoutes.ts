/**
 * Handlers of /V1/documents, /V1/documents/{id} and /V1/mipyme_get_document.
 */
import type { SandboxCore } from './core';
import { DEFAULT_AMBIGUOUS_DELAY_MS, DEFAULT_LATE_COMMIT_MS } from './faults';
import { filterDocuments } from './filters';
import { parseJson } from './http';
import { mipymeGetDocument } from './mipyme';
import { pageLinks, parsePaging } from './paging';
import type { Exchange } from './router';
import { fullDocument, listItem, previewDocument } from './shapes';
import type { AmbiguousCreateFault, StoredDocument } from './types';
import { inputError, prepareDocument } from './validate';
import type { PreparedDocument } from './validate';
import { startVerdict, syncRefusal } from './verdicts';

export function wantsStamp(url: URL): boolean {
	const v = url.searchParams.get('generate_stamp');
	return v === '1' || v === 'true';
}

export function mipyme(core: SandboxCore, x: Exchange): void {
	const parsed = parseJson(x.raw);
	core.send(x.res, 200, mipymeGetDocument(parsed.ok ? parsed.value : undefined));
}

/** The document will be issued (not a draft, a preview, nor stored without folio because folios ran out). */
function willIssue(core: SandboxCore, p: PreparedDocument): boolean {
	if (p.draft || p.preview) return false;
	const limit = core.faults.folioLimit;
	return limit === null || core.store.foliosIssued(p.accountId, p.type.id) < limit;
}

function folioTaken(core: SandboxCore, p: PreparedDocument): boolean {
	return p.forcedNumber !== null && !p.draft && core.store.folioInUse(p.accountId, p.type.id, p.forcedNumber);
}

function folioTakenError(core: SandboxCore, p: PreparedDocument) {
	return inputError(
		p.body,
		`document_number ${p.forcedNumber} was already used for document type ${p.type.id}`,
		core.origin,
	);
}

/**
 * Stores a prepared document and does what follows a commit: counts it (API creates only), revokes tokens when
 * revokeTokensAfterCreates says so, and starts its tax-bureau verdict when `verdicts` is set (API creates only).
 */
export function commitDocument(
	core: SandboxCore,
	p: PreparedDocument,
	source: StoredDocument['source'] = 'api',
): StoredDocument {
	const doc = core.store.commit(p, core.faults.folioLimit, source);
	if (source === 'api') {
		core.counters.creates++;
		const fc = core.faultCounters;
		if (fc.revokeArmed && core.faults.revokeTokensAfterCreates !== null) {
			fc.createsSinceArm++;
			if (fc.createsSinceArm >= core.faults.revokeTokensAfterCreates) {
				fc.revokeArmed = false;
				core.tokens.clear();
			}
		}
	}
	if (source === 'api') startVerdict(core, doc);
	return doc;
}

export async function createDocument(core: SandboxCore, x: Exchange): Promise<void> {
	const { res, req, url } = x;
	const parsed = parseJson(x.raw);
	if (!parsed.ok) {
		core.send(res, 400, { error: 'Invalid input: the body is not valid JSON' });
		return;
	}
	let outcome = prepareDocument(parsed.value, core.accounts, core.origin);
	if (outcome.kind === 'ok' && folioTaken(core, outcome.prepared)) outcome = folioTakenError(core, outcome.prepared);
	if (outcome.kind === 'ok' && willIssue(core, outcome.prepared)) {
		// A synchronous tax bureau (verdicts setting) that rejects: nothing is created.
		const refusal = syncRefusal(core, outcome.prepared.country);
		if (refusal !== null) outcome = inputError(outcome.prepared.body, refusal, core.origin);
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
	const prepared = outcome.prepared;
	if (prepared.preview) {
		// Sandbox choice: 200 like every answer that created nothing.
		core.counters.previews++;
		core.send(res, 200, previewDocument(prepared, core.origin));
		return;
	}

	const ambiguous = core.faults.ambiguousCreate;
	let misbehave = false;
	if (ambiguous) {
		core.faultCounters.ambiguous++;
		misbehave = core.faultCounters.ambiguous % ambiguous.every === 0;
	}
	if (ambiguous && misbehave && ambiguous.mode === 'late-commit') {
		await lateCommit(core, x, prepared, ambiguous);
		return;
	}
	const doc = commitDocument(core, prepared);
	const answer = fullDocument(doc, core.origin, { include: true, stamp: wantsStamp(url) });
	if (ambiguous && misbehave) {
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
	core.send(res, 201, answer);
}

/**
 * ambiguousCreate mode late-commit: the document is stored commitDelayMs after the request, and answered
 * answerDelayMs after it (never when null). Until it is stored, GET and the list do not see it.
 */
async function lateCommit(core: SandboxCore, x: Exchange, p: PreparedDocument, fault: AmbiguousCreateFault): Promise<void> {
	const epoch = core.epoch;
	let answer: { status: number; body: unknown } | undefined;
	core.timers.schedule(fault.commitDelayMs ?? DEFAULT_LATE_COMMIT_MS, () => {
		if (!core.running || core.epoch !== epoch) return;
		if (folioTaken(core, p)) {
			answer = { status: 200, body: folioTakenError(core, p).answer };
			return;
		}
		const doc = commitDocument(core, p);
		doc.ambiguous = 'late-commit';
		answer = { status: 201, body: fullDocument(doc, core.origin, { include: true, stamp: wantsStamp(x.url) }) };
	});
	if (fault.answerDelayMs === null || fault.answerDelayMs === undefined) return;
	await core.timers.sleep(fault.answerDelayMs);
	if (!core.running || !answer) return;
	core.send(x.res, answer.status, answer.body);
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
	growList(core, filtered.documents);

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

/**
 * listGrowth fault: after a page was read, copies of the newest document that matched are stored, as if someone
 * were issuing documents while the client pages.
 */
function growList(core: SandboxCore, matched: StoredDocument[]): void {
	const growth = core.faults.listGrowth;
	if (!growth || matched.length === 0) return;
	const newest = matched.reduce((a, b) => (a.document_id > b.document_id ? a : b));
	for (let i = 0; i < growth.perPage && core.faultCounters.listGrowth < (growth.max ?? 0); i++) {
		core.store.insertCopy(newest, 'listGrowth');
		core.faultCounters.listGrowth++;
		core.counters.listGrowthInserts++;
	}
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
