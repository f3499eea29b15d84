/**
 * What one queue-mode scenario did, from three independent sources:
 *  - n8n's database: every execution of the scenario's workflow, its status (success / error / crashed), what the
 *    webhook received and what the Koywe node output or failed with;
 *  - the sandbox: the documents stored for the scenario's references (issued once, twice, never) and its counters;
 *  - the meter: every API request with the n8n process that sent it (per-worker /auth, 429s, creates, tokens).
 * Which worker ran which execution comes from the workers' "Worker started execution <id>" log lines.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { SandboxStats, StoredDocument } from '../../sandbox';
import type { MeteredRequest } from './meter';
import type { Delivery } from './scenarios';
import type { PgClient } from './services';

type Json = Record<string, unknown>;

export interface ExecutionRecord {
	id: string;
	status: string;
	startedAt: number | undefined;
	stoppedAt: number | undefined;
	worker: string;
	reference?: string;
	delivery?: number;
	/** json of the Koywe node's first output item. */
	output?: Json;
	/** The error the execution failed with (node error, else workflow error). */
	error?: string;
}

export interface WorkerFigures {
	executions: number;
	createAttempts: number;
	/** Creates Koywe stored and answered (201). */
	created: number;
	auth: number;
	rateLimited: number;
	unauthorized: number;
	serverErrors: number;
	/** Distinct bearer tokens the worker sent. */
	tokens: number;
}

export interface Measured {
	key: string;
	title: string;
	workers: number;
	sent: number;
	accepted: number;
	webhookFailures: string[];
	references: number;
	executions: { total: number; success: number; error: number; crashed: number; other: number };
	/** Not finished when the harness stopped waiting. */
	unfinished: number;
	failures: Array<{ id: string; worker: string; reference?: string; message: string }>;
	docs: { stored: number; referencesIssued: number; duplicates: number };
	auth: number;
	authUnattributed: number;
	rateLimited: number;
	unauthorized: number;
	serverErrors: number;
	/** Distinct tokens used by creates during the scenario. */
	createTokens: number;
	/** Token lifetimes a worker may log in for: 1 if no token existed yet, plus one per revocation. */
	tokenLifetimes: number;
	perWorker: Record<string, WorkerFigures>;
	throughput?: { docsPerSecond: number; ratio: number; windowMs: number };
	redelivery: { second: number; secondDeduplicated: number; crossWorker?: number };
	overlap: Array<{ group: string; pairs: number; duplicates: number; crossWorker: number }>;
	sandboxDelta: Record<string, number>;
	timings: { sendMs: number; settleMs: number; totalMs: number };
}

export type Flatted = { parse(text: string): unknown };

export function flattedOf(n8nDir: string): Flatted {
	return createRequire(path.join(n8nDir, 'package.json'))('flatted') as Flatted;
}

function get(obj: unknown, ...keys: Array<string | number>): unknown {
	let cur: unknown = obj;
	for (const k of keys) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string | number, unknown>)[k];
	}
	return cur;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Status counts of a workflow's executions. */
export async function executionStatuses(db: PgClient, workflowId: string): Promise<Record<string, number>> {
	const { rows } = await db.query<{ status: string; n: string }>(
		'SELECT status, count(*) AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status',
		[workflowId],
	);
	return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Waits until `expected` executions of the workflow exist and none is still new/running/waiting. */
export async function waitForExecutions(
	db: PgClient,
	workflowId: string,
	expected: number,
	timeoutMs: number,
	progress: (statuses: Record<string, number>) => void,
	/** A reason to stop waiting early (e.g. an n8n process died: its running executions will not finish). */
	abort: () => string | undefined = () => undefined,
): Promise<{ done: boolean; statuses: Record<string, number>; aborted?: string }> {
	const deadline = Date.now() + timeoutMs;
	let lastReport = 0;
	let abortAt: number | undefined;
	for (;;) {
		const statuses = await executionStatuses(db, workflowId);
		const total = Object.values(statuses).reduce((a, b) => a + b, 0);
		const finished = Object.entries(statuses).reduce((a, [s, n]) => a + (FINISHED.has(s) ? n : 0), 0);
		if (total >= expected && finished === total) return { done: true, statuses };
		if (Date.now() > deadline) return { done: false, statuses };
		const reason = abort();
		// Give the others 15 s to finish what they run, then stop waiting for the dead one.
		if (reason) abortAt ??= Date.now() + 15_000;
		if (reason && abortAt !== undefined && Date.now() > abortAt) return { done: false, statuses, aborted: reason };
		if (Date.now() - lastReport > 5000) {
			progress(statuses);
			lastReport = Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Every execution of the workflow, with what its webhook received and what the Koywe node did. */
export async function readExecutions(
	db: PgClient,
	flatted: Flatted,
	workflowId: string,
	workerOf: Map<string, string>,
	nodeName: string,
	webhookName: string,
): Promise<ExecutionRecord[]> {
	const { rows } = await db.query<{ id: string | number; status: string; startedAt: Date | null; stoppedAt: Date | null; data: string | null }>(
		`SELECT e.id, e.status, e."startedAt", e."stoppedAt", d.data
		   FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		  WHERE e."workflowId" = $1 ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => {
		const id = String(row.id);
		const record: ExecutionRecord = {
			id,
			status: row.status,
			startedAt: row.startedAt ? new Date(row.startedAt).getTime() : undefined,
			stoppedAt: row.stoppedAt ? new Date(row.stoppedAt).getTime() : undefined,
			worker: workerOf.get(id) ?? 'unknown',
		};
		if (!row.data) return record;
		let data: unknown;
		try {
			data = flatted.parse(row.data);
		} catch {
			record.error = 'execution data unreadable';
			return record;
		}
		const runData = get(data, 'resultData', 'runData');
		const body = get(runData, webhookName, 0, 'data', 'main', 0, 0, 'json', 'body') as Json | undefined;
		if (body) {
			record.reference = typeof body.reference === 'string' ? body.reference : undefined;
			record.delivery = typeof body.delivery === 'number' ? body.delivery : undefined;
		}
		const task = get(runData, nodeName, 0);
		const output = get(task, 'data', 'main', 0, 0, 'json') as Json | undefined;
		if (output) record.output = output;
		const nodeError = get(task, 'error') as Json | undefined;
		const runError = get(data, 'resultData', 'error') as Json | undefined;
		const error = nodeError ?? runError;
		if (error) {
			const description = typeof error.description === 'string' && error.description ? ` — ${error.description}` : '';
			record.error = `${String(error.message ?? 'error')}${description}`.replace(/\s+/g, ' ').slice(0, 400);
		}
		return record;
	});
}

/** The 802 references of the stored documents, with how many documents each has. */
export function documentsByReference(documents: StoredDocument[], prefix: string): Map<string, number[]> {
	const map = new Map<string, number[]>();
	for (const doc of documents) {
		for (const ref of doc.references ?? []) {
			if (String(ref.reference_type) !== '802') continue;
			const number = String(ref.reference_number);
			if (!number.startsWith(prefix)) continue;
			const list = map.get(number) ?? [];
			list.push(doc.document_id);
			map.set(number, list);
		}
	}
	return map;
}

function emptyFigures(): WorkerFigures {
	return { executions: 0, createAttempts: 0, created: 0, auth: 0, rateLimited: 0, unauthorized: 0, serverErrors: 0, tokens: 0 };
}

export interface MeasureInput {
	key: string;
	title: string;
	workerNames: string[];
	deliveries: Delivery[];
	answers: Array<{ status: number; error?: string }>;
	prefix: string;
	executions: ExecutionRecord[];
	unfinished: number;
	documents: StoredDocument[];
	requests: MeteredRequest[];
	sandboxBefore: SandboxStats;
	sandboxAfter: SandboxStats;
	tokenLifetimes: number;
	rateLimitPerSecond?: number;
	timings: Measured['timings'];
}

const isCreate = (r: MeteredRequest) => r.method === 'POST' && r.path === '/V1/documents';
const isAuth = (r: MeteredRequest) => r.method === 'POST' && r.path === '/V1/auth';

export function measure(input: MeasureInput): Measured {
	const { executions, requests } = input;
	const references = new Set(input.deliveries.map((d) => d.reference));
	const byRef = documentsByReference(input.documents, input.prefix);
	let duplicates = 0;
	let issued = 0;
	let stored = 0;
	for (const ref of references) {
		const docs = byRef.get(ref) ?? [];
		stored += docs.length;
		if (docs.length > 0) issued++;
		duplicates += Math.max(0, docs.length - 1);
	}
	const statusCount = (s: string) => executions.filter((e) => e.status === s).length;
	const perWorker: Record<string, WorkerFigures> = {};
	for (const name of input.workerNames) perWorker[name] = emptyFigures();
	const figures = (name: string) => (perWorker[name] ??= emptyFigures());
	for (const e of executions) figures(e.worker).executions++;
	const tokensBy = new Map<string, Set<string>>();
	for (const r of requests) {
		const f = figures(r.source);
		if (isAuth(r)) f.auth++;
		if (isCreate(r)) {
			f.createAttempts++;
			if (r.status === 201) f.created++;
		}
		if (r.status === 429) f.rateLimited++;
		if (r.status === 401) f.unauthorized++;
		if (r.status >= 500 || r.status === 0) f.serverErrors++;
		if (r.token) {
			const set = tokensBy.get(r.source) ?? new Set<string>();
			set.add(r.token);
			tokensBy.set(r.source, set);
		}
	}
	for (const [name, set] of tokensBy) figures(name).tokens = set.size;
	// Drop rows of processes that did nothing (e.g. the main, which only enqueues in queue mode).
	for (const [name, f] of Object.entries(perWorker)) {
		if (!input.workerNames.includes(name) && Object.values(f).every((v) => v === 0)) delete perWorker[name];
	}

	const creates = requests.filter(isCreate);
	const stored201 = creates.filter((r) => r.status === 201).sort((a, b) => a.doneAt - b.doneAt);
	let throughput: Measured['throughput'];
	if (input.rateLimitPerSecond && stored201.length > 1) {
		const windowMs = stored201[stored201.length - 1].doneAt - Math.min(...creates.map((r) => r.at));
		const docsPerSecond = stored201.length / (windowMs / 1000);
		throughput = { docsPerSecond, ratio: docsPerSecond / input.rateLimitPerSecond, windowMs };
	}

	const byReference = new Map<string, ExecutionRecord[]>();
	for (const e of executions) {
		if (!e.reference) continue;
		const list = byReference.get(e.reference) ?? [];
		list.push(e);
		byReference.set(e.reference, list);
	}
	const seconds = executions.filter((e) => e.delivery === 2);
	const pairs = [...byReference.values()].filter((list) => list.length === 2);
	const redelivery: Measured['redelivery'] = {
		second: seconds.length,
		secondDeduplicated: seconds.filter((e) => e.output?.deduplicated === true).length,
		crossWorker: pairs.length ? pairs.filter((list) => list[0].worker !== list[1].worker).length : undefined,
	};

	const overlap: Measured['overlap'] = [];
	const groups = new Map<string, string[]>();
	for (const d of input.deliveries) {
		if (!d.group || d.delivery !== 1) continue;
		groups.set(d.group, [...(groups.get(d.group) ?? []), d.reference]);
	}
	for (const [group, refs] of groups) {
		overlap.push({
			group,
			pairs: refs.length,
			duplicates: refs.reduce((a, ref) => a + Math.max(0, (byRef.get(ref)?.length ?? 0) - 1), 0),
			crossWorker: refs.filter((ref) => {
				const list = byReference.get(ref) ?? [];
				return list.length === 2 && list[0].worker !== list[1].worker;
			}).length,
		});
	}

	const sandboxDelta: Record<string, number> = {};
	for (const [k, v] of Object.entries(input.sandboxAfter)) {
		if (typeof v === 'number' && k !== 'maxInFlight') sandboxDelta[k] = v - Number((input.sandboxBefore as unknown as Json)[k] ?? 0);
	}

	return {
		key: input.key,
		title: input.title,
		workers: input.workerNames.length,
		sent: input.deliveries.length,
		accepted: input.answers.filter((a) => a.status === 200).length,
		webhookFailures: input.answers.filter((a) => a.status !== 200).map((a) => a.error ?? `HTTP ${a.status}`),
		references: references.size,
		executions: {
			total: executions.length,
			success: statusCount('success'),
			error: statusCount('error'),
			crashed: statusCount('crashed'),
			other: executions.length - statusCount('success') - statusCount('error') - statusCount('crashed'),
		},
		unfinished: input.unfinished,
		failures: executions
			.filter((e) => e.status !== 'success')
			.map((e) => ({ id: e.id, worker: e.worker, reference: e.reference, message: e.error ?? `status ${e.status}` })),
		docs: { stored, referencesIssued: issued, duplicates },
		auth: requests.filter(isAuth).length,
		authUnattributed: requests.filter((r) => isAuth(r) && r.source === 'unknown').length,
		rateLimited: requests.filter((r) => r.status === 429).length,
		unauthorized: requests.filter((r) => r.status === 401).length,
		serverErrors: requests.filter((r) => r.status >= 500 || r.status === 0).length,
		createTokens: new Set(creates.map((r) => r.token).filter(Boolean)).size,
		tokenLifetimes: input.tokenLifetimes,
		perWorker,
		throughput,
		redelivery,
		overlap,
		sandboxDelta,
		timings: input.timings,
	};
}
