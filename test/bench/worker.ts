/**
 * One benchmark task, in its own process (forked by run.ts with --expose-gc). The sandbox runs in another child
 * process, so process.cpuUsage() here is the client's CPU only: the n8n engine, the node and its HTTP client (or the
 * raw undici client).
 *
 * The node runs in n8n-core's real WorkflowExecute (test/harness/engine.ts), fed by a source node that emits the
 * items, exactly as the engine tests run it.
 */
import { performance } from 'node:perf_hooks';

import { jsonParse, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { todayIn } from '../../nodes/Koywe/validation';
import { IDEMPOTENCY_REFERENCE } from '../../nodes/Koywe/data';
import { carriesReference } from '../../nodes/Koywe/transport';
import { clearMemory } from '../../nodes/Koywe/memory/issuedDocuments';
import { validateDocumentBody } from '../../nodes/Koywe/validation';
import { CredentialStore, runKoywe, type RunResult } from '../harness/engine';
import { DEMO_CREDENTIALS, createFromItems, invoiceItems } from '../workflows/fixtures';
import type { SandboxStats } from '../sandbox';
import { sandboxClient, type SandboxProcess } from './sandboxProcess';
import type { FaultsTask, OverheadTask, ScalingTask, Task, ThroughputTask } from './scenarios';

// ---------------------------------------------------------------------------------------------------- results

export interface NodeRun {
	documents: number;
	wallMs: number;
	cpuMs: number;
	status: string;
	outputItems: number;
	/** Error items (the node runs with "continue on error"), and items with neither a document nor `valid: true`. */
	errors: number;
	firstError?: string;
	/** Sum of the items' rate_limited counters (429s the node saw). */
	rateLimitedSeen: number;
	/** Items whose document was found by reference after an unknown outcome. */
	reconciled: number;
	deduplicated: number;
	peakHeapDeltaBytes?: number;
	peakRssDeltaBytes?: number;
}

export interface ThroughputResult {
	kind: 'throughput';
	task: ThroughputTask;
	run: NodeRun;
	stats: SandboxStats;
	docsPerSecond: number;
	ratioOfLimit: number;
}

export interface RawRun {
	wallMs: number;
	cpuMs: number;
	errors: number;
}

export interface OverheadRound {
	order: 'node-first' | 'raw-first';
	node: NodeRun;
	/** undici with keep-alive (5 connections reused): the floor. */
	raw: RawRun;
	/** undici opening a new connection for every request, as n8n's HTTP helper does: shows what that costs. */
	rawNewConnection: RawRun;
	/** The node with validateOnly: the engine and the node's per-item work without any HTTP. */
	validateOnly: NodeRun;
	ratio: number;
}

export interface PureCpu {
	/** ms of CPU per document, warm (mean over the passes after the first). */
	validateMsPerDoc: number;
	buildMsPerDoc: number;
	/** todayIn(country): the date in the country's time zone the node computes per item for validation. */
	todayMsPerDoc: number;
	totalMsPerDoc: number;
	/** The first pass, before the JIT has warmed up. */
	coldTotalMsPerDoc: number;
	passes: number;
	bodyBytes: number;
}

export interface OverheadResult {
	kind: 'overhead';
	task: OverheadTask;
	rounds: OverheadRound[];
	median: {
		nodeWallMs: number;
		rawWallMs: number;
		rawNewConnectionWallMs: number;
		validateOnlyWallMs: number;
		ratio: number;
		nodeCpuMsPerDoc: number;
		rawCpuMsPerDoc: number;
		rawNewConnectionCpuMsPerDoc: number;
		validateOnlyCpuMsPerDoc: number;
	};

	/** Requests the sandbox saw per phase (node vs raw must be equal: one POST per document). */
	requests: { node: number; raw: number; nodeAuthCalls: number; rawAuthCalls: number };
	/** One node/raw pair per extra sandbox latency. */
	atLatency: Array<{ latencyMs: number; nodeWallMs: number; rawWallMs: number; ratio: number; errors: number }>;
	/** True when the raw client sent byte-for-byte the JSON the node produced (validateOnly output). */
	bodiesFromNode: boolean;
	duplicates: number;
	pure: PureCpu;
}

export interface ScalingResult {
	kind: 'scaling';
	task: ScalingTask;
	run: NodeRun;
	stats: SandboxStats;
	baseline: { heapUsedBytes: number; rssBytes: number };
}

export interface FaultsResult {
	kind: 'faults';
	task: FaultsTask;
	/** Clean runs before and after the faulty one; cleanWallMs is their mean. */
	cleanRuns: NodeRun[];
	cleanWallMs: number;
	faulty: NodeRun;
	stats: SandboxStats;
	/** Documents the faulty run stored, and the distinct 802 references among them. */
	stored: number;
	uniqueReferences: number;
	duplicates: number;
	ambiguousAnswers: number;
	extraRequests: number;
}

export type TaskResult = ThroughputResult | OverheadResult | ScalingResult | FaultsResult;

export type WorkerMessage =
	| { type: 'progress'; text: string }
	| { type: 'result'; result: TaskResult }
	| { type: 'error'; message: string };

export interface WorkerInput {
	task: Task;
	origin: string;
}

// ---------------------------------------------------------------------------------------------------- helpers

function send(message: WorkerMessage): Promise<void> {
	return new Promise((resolve) => {
		if (!process.send) {
			process.stdout.write(`${JSON.stringify(message)}\n`);
			resolve();
			return;
		}
		process.send(message, () => resolve());
	});
}

function progress(text: string): Promise<void> {
	return send({ type: 'progress', text });
}

const gc = (globalThis as { gc?: () => void }).gc;
function collect() {
	if (gc) {
		gc();
		gc();
	}
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function storeFor(sandbox: SandboxProcess): CredentialStore {
	return new CredentialStore({
		baseUrl: sandbox.baseUrl,
		clientId: DEMO_CREDENTIALS.clientId,
		clientSecret: DEMO_CREDENTIALS.clientSecret,
		username: DEMO_CREDENTIALS.username,
		password: DEMO_CREDENTIALS.password,
	});
}

/** The node's own defaults for retries (what a user gets), with the pacing the task asks for. */
function nodeOptions(concurrency: number, maxRequestsPerSecond: number, extra: IDataObject = {}): INodeParameters {
	return createFromItems({
		concurrency,
		maxRequestsPerSecond,
		maxRetries: 3,
		retryBaseSeconds: 30,
		retryMaxSeconds: 120,
		requestTimeoutSeconds: 60,
		...extra,
	}) as INodeParameters;
}

/** Samples heapUsed and rss every 10 ms while a run goes on. */
class MemorySampler {
	private timer?: NodeJS.Timeout;
	peakHeap = 0;
	peakRss = 0;

	start() {
		this.sample();
		this.timer = setInterval(() => this.sample(), 10);
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.sample();
	}

	private sample() {
		const { heapUsed, rss } = process.memoryUsage();
		if (heapUsed > this.peakHeap) this.peakHeap = heapUsed;
		if (rss > this.peakRss) this.peakRss = rss;
	}
}

interface NodeRunOptions {
	sandbox: SandboxProcess;
	store: CredentialStore;
	items: IDataObject[];
	parameters: INodeParameters;
	memory?: boolean;
}

async function runNode(options: NodeRunOptions): Promise<{ run: NodeRun; result: RunResult }> {
	let sampler: MemorySampler | undefined;
	let baseline = { heapUsed: 0, rss: 0 };
	if (options.memory) {
		collect();
		baseline = process.memoryUsage();
		sampler = new MemorySampler();
		sampler.start();
	}
	const cpu = process.cpuUsage();
	const started = performance.now();
	const result = await runKoywe({
		parameters: options.parameters,
		items: options.items,
		store: options.store,
		settings: { onError: 'continueRegularOutput' },
	});
	const wallMs = performance.now() - started;
	const cpuMs = cpuMsSince(cpu);
	sampler?.stop();

	let errors = 0;
	let firstError: string | undefined;
	let rateLimitedSeen = 0;
	let reconciled = 0;
	let deduplicated = 0;
	for (const item of result.items) {
		const json = item.json;
		// An error item carries `error`; a create yields a document, a validateOnly run `valid: true`.
		if (json.error !== undefined || (json.document_id === undefined && json.valid !== true)) {
			errors++;
			firstError ??= String(json.error ?? JSON.stringify(json)).slice(0, 300);
		}
		rateLimitedSeen += Number(json.rate_limited ?? 0);
		if (json.found_by === 'reconciliation') reconciled++;
		if (json.deduplicated === true) deduplicated++;
	}
	if (result.status !== 'success' || result.items.length !== options.items.length) {
		errors += Math.max(0, options.items.length - result.items.length);
		firstError ??= result.error?.message ?? `status ${result.status}`;
	}
	return {
		result,
		run: {
			documents: options.items.length,
			wallMs,
			cpuMs,
			status: result.status,
			outputItems: result.items.length,
			errors,
			firstError,
			rateLimitedSeen,
			reconciled,
			deduplicated,
			...(sampler
				? {
						peakHeapDeltaBytes: sampler.peakHeap - baseline.heapUsed,
						peakRssDeltaBytes: sampler.peakRss - baseline.rss,
					}
				: {}),
		},
	};
}

// ---------------------------------------------------------------------------------------------------- raw client

/** The floor: a bare undici client, `concurrency` requests in flight, one /auth, the same JSON bodies. */
class RawClient {
	private readonly agent: Agent;
	private token = '';

	constructor(
		private readonly baseUrl: string,
		concurrency: number,
	) {
		// Idle connections are dropped after 1 s, well before the sandbox's 5 s keep-alive timeout, so a POST is
		// never written to a socket the server is closing (undici does not retry a POST).
		this.agent = new Agent({ connections: concurrency, keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	}

	async login(): Promise<void> {
		const response = await request(`${this.baseUrl}/auth`, {
			method: 'POST',
			dispatcher: this.agent,
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({
				grant_type: 'password',
				client_id: DEMO_CREDENTIALS.clientId,
				client_secret: DEMO_CREDENTIALS.clientSecret,
				username: DEMO_CREDENTIALS.username,
				password: DEMO_CREDENTIALS.password,
			}),
		});
		const body = (await response.body.json()) as { access_token?: string };
		if (response.statusCode !== 200 || !body.access_token) throw new Error(`raw login failed: ${response.statusCode}`);
		this.token = body.access_token;
	}

	/**
	 * Sends every body once (POST /documents), `concurrency` at a time; returns how many did not answer 201.
	 * `newConnection`: close the connection after each request (no keep-alive), like n8n's HTTP helper.
	 */
	async createAll(bodies: IDataObject[], concurrency: number, newConnection = false): Promise<number> {
		let next = 0;
		let errors = 0;
		const worker = async () => {
			while (next < bodies.length) {
				const body = bodies[next++];
				const response = await request(`${this.baseUrl}/documents`, {
					method: 'POST',
					dispatcher: this.agent,
					headers: {
						'content-type': 'application/json',
						accept: 'application/json',
						authorization: `Bearer ${this.token}`,
					},
					body: JSON.stringify(body),
					reset: newConnection,
				});
				const answer = (await response.body.json()) as IDataObject;
				if (response.statusCode !== 201 || answer.document_id === undefined) errors++;
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
		return errors;
	}

	async close(): Promise<void> {
		await this.agent.close();
	}
}

// ---------------------------------------------------------------------------------------------------- tasks

async function throughput(task: ThroughputTask, sandbox: SandboxProcess): Promise<ThroughputResult> {
	const { run } = await runNode({
		sandbox,
		store: storeFor(sandbox),
		items: invoiceItems(task.documents, `R${task.rate}`),
		parameters: nodeOptions(task.concurrency, task.rate),
	});
	const stats = await sandbox.stats();
	const docsPerSecond = (task.documents - run.errors) / (run.wallMs / 1000);
	return { kind: 'throughput', task, run, stats, docsPerSecond, ratioOfLimit: docsPerSecond / task.rate };
}

/** Exactly the JSON the node would send for these items: its validateOnly output `body`. */
async function nodeBodies(store: CredentialStore, items: IDataObject[]): Promise<IDataObject[]> {
	const result = await runKoywe({
		parameters: createFromItems({ validateOnly: true }) as INodeParameters,
		items,
		store,
	});
	if (result.status !== 'success' || result.items.length !== items.length) {
		throw new Error(`validateOnly run failed: ${result.error?.message ?? result.status}`);
	}
	return result.items.map((item) => item.json.body as IDataObject);
}

/** Copy of the node's reference step (create.operation.ts withIdempotencyReference, not exported). */
function withReference(body: IDataObject, reference: string): IDataObject {
	const references = Array.isArray(body.references) ? [...(body.references as IDataObject[])] : [];
	if (!carriesReference({ references }, IDEMPOTENCY_REFERENCE.reference_type, reference)) {
		references.push({
			reference_type: IDEMPOTENCY_REFERENCE.reference_type,
			reference_number: reference,
			reference_code: IDEMPOTENCY_REFERENCE.reference_code,
			description: 'Transaction ID',
		});
	}
	return { ...body, references };
}

/**
 * CPU of the node's pure per-item work, outside the engine: parsing the document JSON (as when it is pasted as
 * text), copying the header, adding the 802 reference, the date in the country's time zone (todayIn) and
 * validateDocumentBody (zod schema, tax-id check digits, country rules, totals), as create.operation.ts does.
 */
function pureCpu(items: IDataObject[], passes: number): PureCpu {
	const texts = items.map((item) => JSON.stringify(item.body));
	const references = items.map((item) => String(item.reference));
	let bodies: IDataObject[] = [];
	let dates: string[] = [];
	const build = () => {
		bodies = texts.map((text, index) => {
			const parsed = jsonParse<IDataObject>(text);
			const body = { ...parsed, header: { ...(parsed.header as IDataObject) } };
			return withReference(body, references[index]);
		});
	};
	const today = () => {
		dates = bodies.map(() => todayIn('CL'));
	};
	let issues = 0;
	const validate = () => {
		bodies.forEach((body, index) => {
			issues += validateDocumentBody(body, { country: 'CL', strictTotals: false, today: dates[index] }).issues.length;
		});
	};
	const timed = (fn: () => void) => {
		const start = process.cpuUsage();
		fn();
		return cpuMsSince(start);
	};
	const cold = timed(build) + timed(today) + timed(validate);
	let buildMs = 0;
	let todayMs = 0;
	let validateMs = 0;
	for (let pass = 0; pass < passes; pass++) {
		buildMs += timed(build);
		todayMs += timed(today);
		validateMs += timed(validate);
	}
	if (issues > 0) throw new Error(`validateDocumentBody reported ${issues} issues on the benchmark documents`);
	const docs = items.length * passes;
	return {
		validateMsPerDoc: validateMs / docs,
		buildMsPerDoc: buildMs / docs,
		todayMsPerDoc: todayMs / docs,
		totalMsPerDoc: (validateMs + buildMs + todayMs) / docs,
		coldTotalMsPerDoc: cold / items.length,
		passes,
		bodyBytes: Math.round(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / texts.length),
	};
}

async function overhead(task: OverheadTask, sandbox: SandboxProcess): Promise<OverheadResult> {
	const store = storeFor(sandbox);
	const parameters = nodeOptions(task.concurrency, 0);
	const validateOnlyParameters = nodeOptions(task.concurrency, 0, { validateOnly: true });
	const raw = new RawClient(sandbox.baseUrl, task.concurrency);

	// Warm-up (JIT, connections) and the two logins: neither side logs in during the measured rounds.
	await progress(`warm-up: ${task.warmup} documents through the node and the raw client; both log in`);
	const warm = await runNode({ sandbox, store, items: invoiceItems(task.warmup, 'WN'), parameters });
	if (warm.run.errors) throw new Error(`warm-up failed: ${warm.run.firstError}`);
	await raw.login();
	await raw.createAll(await nodeBodies(store, invoiceItems(task.warmup, 'WR')), task.concurrency);
	await raw.createAll(await nodeBodies(store, invoiceItems(task.warmup, 'WC')), task.concurrency, true);
	await runNode({ sandbox, store, items: invoiceItems(task.warmup, 'WV'), parameters: validateOnlyParameters });

	const rounds: OverheadRound[] = [];
	const requests = { node: 0, raw: 0, nodeAuthCalls: 0, rawAuthCalls: 0 };
	for (let round = 1; round <= task.rounds; round++) {
		// Same-length references (N1-0001 / R1-0001 / C1-0001), so the bodies are the same size.
		const nodeItems = invoiceItems(task.documents, `N${round}`);
		const rawBodies = await nodeBodies(store, invoiceItems(task.documents, `R${round}`));
		const newConnectionBodies = await nodeBodies(store, invoiceItems(task.documents, `C${round}`));
		const order = round % 2 === 1 ? 'node-first' : 'raw-first';
		let nodeRun: NodeRun | undefined;
		let rawRun: RawRun | undefined;
		const doNode = async () => {
			collect();
			await sandbox.resetStats();
			nodeRun = (await runNode({ sandbox, store, items: nodeItems, parameters })).run;
			const stats = await sandbox.stats();
			requests.node += stats.requests;
			requests.nodeAuthCalls += stats.authCalls;
		};
		const rawRunOf = async (bodies: IDataObject[], newConnection: boolean): Promise<RawRun> => {
			collect();
			const cpu = process.cpuUsage();
			const started = performance.now();
			const errors = await raw.createAll(bodies, task.concurrency, newConnection);
			return { wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu), errors };
		};
		const doRaw = async () => {
			await sandbox.resetStats();
			rawRun = await rawRunOf(rawBodies, false);
			const stats = await sandbox.stats();
			requests.raw += stats.requests;
			requests.rawAuthCalls += stats.authCalls;
		};
		if (order === 'node-first') {
			await doNode();
			await doRaw();
		} else {
			await doRaw();
			await doNode();
		}
		const rawNewConnection = await rawRunOf(newConnectionBodies, true);
		collect();
		const validateOnly = (
			await runNode({ sandbox, store, items: invoiceItems(task.documents, `V${round}`), parameters: validateOnlyParameters })
		).run;
		const entry: OverheadRound = {
			order,
			node: nodeRun!,
			raw: rawRun!,
			rawNewConnection,
			validateOnly,
			ratio: nodeRun!.wallMs / rawRun!.wallMs,
		};
		rounds.push(entry);
		await progress(
			`round ${round}/${task.rounds}: node ${(entry.node.wallMs / 1000).toFixed(2)} s, raw ${(entry.raw.wallMs / 1000).toFixed(2)} s (new connection per request ${(rawNewConnection.wallMs / 1000).toFixed(2)} s), ratio ${entry.ratio.toFixed(2)}`,
		);
	}
	const atLatency: OverheadResult['atLatency'] = [];
	for (const [index, latencyMs] of task.extraLatenciesMs.entries()) {
		await sandbox.setFaults({ latencyMs });
		const nodeItems = invoiceItems(task.documents, `L${index + 1}`);
		const rawBodies = await nodeBodies(store, invoiceItems(task.documents, `M${index + 1}`));
		collect();
		const node = (await runNode({ sandbox, store, items: nodeItems, parameters })).run;
		collect();
		const started = performance.now();
		const rawErrors = await raw.createAll(rawBodies, task.concurrency);
		const rawWallMs = performance.now() - started;
		atLatency.push({ latencyMs, nodeWallMs: node.wallMs, rawWallMs, ratio: node.wallMs / rawWallMs, errors: node.errors + rawErrors });
		await progress(
			`latency ${latencyMs} ms: node ${(node.wallMs / 1000).toFixed(2)} s, raw ${(rawWallMs / 1000).toFixed(2)} s, ratio ${(node.wallMs / rawWallMs).toFixed(2)}`,
		);
	}
	await sandbox.setFaults({ latencyMs: task.latencyMs });
	await raw.close();

	await progress(`CPU of validation + body building: ${task.cpuPasses} passes over ${task.documents} bodies`);
	const pure = pureCpu(invoiceItems(task.documents, 'P1'), task.cpuPasses);
	const stats = await sandbox.stats();
	const perDoc = (ms: number) => ms / task.documents;
	return {
		kind: 'overhead',
		task,
		rounds,
		median: {
			nodeWallMs: median(rounds.map((r) => r.node.wallMs)),
			rawWallMs: median(rounds.map((r) => r.raw.wallMs)),
			rawNewConnectionWallMs: median(rounds.map((r) => r.rawNewConnection.wallMs)),
			validateOnlyWallMs: median(rounds.map((r) => r.validateOnly.wallMs)),
			ratio: median(rounds.map((r) => r.ratio)),
			nodeCpuMsPerDoc: median(rounds.map((r) => perDoc(r.node.cpuMs))),
			rawCpuMsPerDoc: median(rounds.map((r) => perDoc(r.raw.cpuMs))),
			rawNewConnectionCpuMsPerDoc: median(rounds.map((r) => perDoc(r.rawNewConnection.cpuMs))),
			validateOnlyCpuMsPerDoc: median(rounds.map((r) => perDoc(r.validateOnly.cpuMs))),
		},
		requests,
		atLatency,
		bodiesFromNode: true,
		duplicates: stats.duplicates,
		pure,
	};
}

async function scaling(task: ScalingTask, sandbox: SandboxProcess): Promise<ScalingResult> {
	const store = storeFor(sandbox);
	const parameters = nodeOptions(task.concurrency, 0);
	const warm = await runNode({ sandbox, store, items: invoiceItems(task.warmup, 'W'), parameters });
	if (warm.run.errors) throw new Error(`warm-up failed: ${warm.run.firstError}`);
	clearMemory();
	const items = invoiceItems(task.documents, 'S');
	collect();
	const { heapUsed, rss } = process.memoryUsage();
	await sandbox.resetStats();
	const { run } = await runNode({ sandbox, store, items, parameters, memory: true });
	const stats = await sandbox.stats();
	return { kind: 'scaling', task, run, stats, baseline: { heapUsedBytes: heapUsed, rssBytes: rss } };
}

async function faults(task: FaultsTask, sandbox: SandboxProcess): Promise<FaultsResult> {
	const store = storeFor(sandbox);
	const parameters = nodeOptions(task.concurrency, 0);
	const warm = await runNode({ sandbox, store, items: invoiceItems(100, 'W'), parameters });
	if (warm.run.errors) throw new Error(`warm-up failed: ${warm.run.firstError}`);
	// Clean, faulty, clean: the clean reference is the mean of the runs on both sides of the faulty one.
	await progress(`clean run 1: ${task.documents} documents, no fault`);
	collect();
	const clean1 = (await runNode({ sandbox, store, items: invoiceItems(task.documents, 'C'), parameters })).run;
	const before = await sandbox.stats();

	await sandbox.setFaults({ ambiguousCreate: { every: task.every, mode: '500' } });
	await sandbox.resetStats();
	await progress(`faulty run: ${task.documents} documents, every ${task.every}th create answers 500 after committing`);
	collect();
	const faulty = (await runNode({ sandbox, store, items: invoiceItems(task.documents, 'F'), parameters })).run;
	const stats = await sandbox.stats();
	const documents = await sandbox.documents();
	const fromFaultyRun = documents.slice(before.documentsStored);

	await sandbox.setFaults({ ambiguousCreate: null });
	await progress(`clean run 2: ${task.documents} documents, no fault`);
	collect();
	const clean2 = (await runNode({ sandbox, store, items: invoiceItems(task.documents, 'D'), parameters })).run;

	const references = new Set<string>();
	for (const doc of fromFaultyRun) {
		for (const reference of doc.references ?? []) {
			if (String(reference.reference_type) === String(IDEMPOTENCY_REFERENCE.reference_type)) {
				references.add(String(reference.reference_number));
			}
		}
	}
	return {
		kind: 'faults',
		task,
		cleanRuns: [clean1, clean2],
		cleanWallMs: (clean1.wallMs + clean2.wallMs) / 2,
		faulty,
		stats,
		stored: fromFaultyRun.length,
		uniqueReferences: references.size,
		duplicates: stats.duplicates,
		ambiguousAnswers: fromFaultyRun.filter((doc) => doc.ambiguous !== null).length,
		extraRequests: stats.requests - task.documents,
	};
}

async function main(input: WorkerInput): Promise<TaskResult> {
	const sandbox = sandboxClient(input.origin);
	clearMemory();
	switch (input.task.kind) {
		case 'throughput':
			return await throughput(input.task, sandbox);
		case 'overhead':
			return await overhead(input.task, sandbox);
		case 'scaling':
			return await scaling(input.task, sandbox);
		case 'faults':
			return await faults(input.task, sandbox);
	}
}

if (require.main === module) {
	process.once('message', (input: WorkerInput) => {
		main(input).then(
			async (result) => {
				await send({ type: 'result', result });
				process.exit(0);
			},
			async (error: unknown) => {
				await send({ type: 'error', message: (error as Error)?.stack ?? String(error) });
				process.exit(1);
			},
		);
	});
}
