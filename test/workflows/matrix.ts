/**
 * Helpers for the "never twice, never lost" fault matrix and the secret scan: one-output-per-item checks,
 * document accounting against the sandbox, a token watcher on the credential store, and a small HTTP proxy in
 * front of the sandbox that can answer instead of it (a 500 that was NOT committed) or rewrite its answers, and
 * that records every token the sandbox hands out.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CredentialStore, RunResult } from '../harness/engine';
import type { KoyweSandbox, SandboxStats } from '../sandbox';

// ------------------------------------------------------------------ assertions

/** Every input item has exactly one output item, paired with its own index, in input order. */
export function expectOneOutputPerItem(result: RunResult, count: number): void {
	expect(result.items).toHaveLength(count);
	expect(result.items.map((item) => (item.pairedItem as { item: number } | undefined)?.item)).toEqual(
		Array.from({ length: count }, (_, index) => index),
	);
}

export function errorItems(result: RunResult): INodeExecutionData[] {
	return result.items.filter((item) => item.json.error !== undefined);
}

export function successItems(result: RunResult): INodeExecutionData[] {
	return result.items.filter((item) => item.json.error === undefined);
}

export function foundBy(result: RunResult, how: string): INodeExecutionData[] {
	return result.items.filter((item) => item.json.found_by === how);
}

/** The 802 (idempotency) references carried by each stored document. */
export function storedReferences(sandbox: KoyweSandbox): string[] {
	return sandbox.documents().flatMap((doc) =>
		(doc.references ?? [])
			.filter((reference) => String(reference.reference_type) === '802')
			.map((reference) => String(reference.reference_number)),
	);
}

/**
 * Koywe holds exactly one document per reference requested (`expected` = unique references that should exist),
 * and the sandbox counts no duplicate.
 */
export function expectStoredOncePerReference(sandbox: KoyweSandbox, expected: number): SandboxStats {
	const stats = sandbox.stats();
	expect(stats.duplicates).toBe(0);
	expect(stats.documentsStored).toBe(expected);
	const references = storedReferences(sandbox);
	expect(new Set(references).size).toBe(references.length);
	return stats;
}

/** Every successful output names a distinct document, and each is one the sandbox really stored. */
export function expectDistinctDocuments(sandbox: KoyweSandbox, outputs: INodeExecutionData[]): void {
	const ids = outputs.map((item) => item.json.document_id);
	expect(new Set(ids).size).toBe(ids.length);
	const stored = new Set(sandbox.documents().map((doc) => doc.document_id));
	for (const id of ids) expect(stored.has(id as number)).toBe(true);
}

/** Documents without a reference cannot be told apart by Koywe; the test bodies differ in their net amount. */
export function storedNetAmounts(sandbox: KoyweSandbox): number[] {
	return sandbox.documents().map((doc) => Number((doc.totals as IDataObject).net_amount));
}

// ------------------------------------------------------------------ tokens

/** Records every access token ever written into the credential store (n8n persists what preAuthentication returns). */
export function watchStoreTokens(store: CredentialStore): Set<string> {
	const seen = new Set<string>();
	let current = store.data;
	const note = (data: IDataObject) => {
		if (typeof data?.accessToken === 'string' && data.accessToken) seen.add(data.accessToken);
	};
	note(current);
	Object.defineProperty(store, 'data', {
		configurable: true,
		enumerable: true,
		get: () => current,
		set: (value: CredentialStore['data']) => {
			current = value;
			note(value);
		},
	});
	return seen;
}

// ------------------------------------------------------------------ secret scan

/** Walks any value and returns every string in it (keys too), skipping the keys given (e.g. the workflow node). */
export function stringsIn(value: unknown, skipKeys: string[] = [], seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return [];
	if (typeof value !== 'object' && typeof value !== 'function') return [String(value)];
	if (seen.has(value)) return [];
	seen.add(value);
	const out: string[] = [];
	if (Buffer.isBuffer(value)) return [value.toString('latin1')];
	if (value instanceof Error) out.push(value.message, String(value.stack ?? ''));
	const object = value as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(object)) {
		if (skipKeys.includes(key)) continue;
		let child: unknown;
		try {
			child = object[key];
		} catch {
			continue;
		}
		out.push(key, ...stringsIn(child, skipKeys, seen));
	}
	return out;
}

export interface Secret {
	name: string;
	value: string;
}

/** A workflow node definition (name, type, parameters) as n8n copies it into errors and the execution stack. */
function isWorkflowNode(value: unknown): boolean {
	const node = value as IDataObject | null;
	return !!node && typeof node === 'object' && typeof node.type === 'string' && 'parameters' in node;
}

/**
 * The run data as n8n persists it, with the workflow node definitions n8n copies into it (`error.node` and the
 * execution stack after a failure) replaced by their name: those hold the parameters exactly as the user typed
 * them into the workflow, which n8n stores with the workflow anyway. Everything the node produced stays.
 */
export function runDataWithoutWorkflowNodes(result: RunResult): string {
	return JSON.stringify(result.run.data, (key, value: unknown) =>
		key === 'node' && isWorkflowNode(value) ? `[workflow node ${String((value as IDataObject).name)}]` : value,
	);
}

/** JSON paths (a.b.0.c) under `value` whose string contains `needle`. */
export function pathsContaining(value: unknown, needle: string, path = '$'): string[] {
	if (typeof value === 'string') return value.includes(needle) ? [path] : [];
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
		pathsContaining(child, needle, `${path}.${key}`),
	);
}

/**
 * Everything a person or a log collector could see after a run: output items (JSON and binary), the error with
 * message, description and all its own properties (except `node`, the workflow definition), the whole run data
 * as n8n persists it (see runDataWithoutWorkflowNodes), and the node's log lines.
 */
export function visibleAfterRun(result: RunResult): Record<string, string> {
	return {
		outputs: JSON.stringify(result.outputs),
		errorMessage: String(result.error?.message ?? ''),
		errorDescription: String(result.error?.description ?? ''),
		errorObject: result.error ? stringsIn(result.error, ['node']).join('\n') : '',
		runData: runDataWithoutWorkflowNodes(result),
		logs: result.logs.join('\n'),
	};
}

/**
 * Where each secret shows up: a list of "secret in place" strings, empty when nothing leaked. A secret counts as
 * leaked when it appears whole, or when a distinctive slice of it (its first and last 12 characters) does, so a
 * truncated echo is caught too.
 */
export function findLeaks(places: Record<string, string>, secrets: Secret[]): string[] {
	const leaks: string[] = [];
	for (const secret of secrets) {
		if (!secret.value || secret.value.length < 8) throw new Error(`secret ${secret.name} is too short to scan for`);
		const needles = [secret.value];
		if (secret.value.length >= 24) needles.push(secret.value.slice(0, 12), secret.value.slice(-12));
		for (const [place, text] of Object.entries(places)) {
			if (needles.some((needle) => text.includes(needle))) leaks.push(`${secret.name} in ${place}`);
		}
	}
	return leaks;
}

// ------------------------------------------------------------------ proxy

export interface ProxiedRequest {
	method: string;
	/** Path with query, as the node sent it (e.g. `/V1/documents?generate_stamp=1`). */
	url: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
	/** 0-based position among all requests the proxy received. */
	index: number;
}

export interface UpstreamAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/**
 * What the proxy does with one request:
 * - `pass`: forward it to the sandbox and relay the answer;
 * - `destroy`: close the connection without forwarding (nothing reached Koywe);
 * - `{ status, body }`: answer this instead of forwarding (nothing reached Koywe);
 * - `{ rewrite }`: forward, then relay what `rewrite` returns instead of the sandbox's answer.
 */
export type ProxyAction =
	| 'pass'
	| 'destroy'
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { rewrite: (answer: UpstreamAnswer, request: ProxiedRequest) => UpstreamAnswer };

export type ProxyHook = (request: ProxiedRequest) => ProxyAction;

export class FaultProxy {
	/** Every access_token and refresh_token the sandbox answered to /auth. */
	readonly issuedTokens = new Set<string>();
	readonly requests: ProxiedRequest[] = [];
	hook: ProxyHook = () => 'pass';
	private server: Server | null = null;
	private readonly sockets = new Set<Socket>();
	private port = 0;

	constructor(private readonly target: KoyweSandbox) {}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/V1`;
	}

	async start(): Promise<this> {
		const server = createServer((req, res) => {
			void this.handle(req, res).catch(() => res.destroy());
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = null;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = req.url ?? '/';
		const request: ProxiedRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			url,
			path: url.split('?')[0].replace(/\/+$/, ''),
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			index: this.requests.length,
		};
		this.requests.push(request);
		const action = this.hook(request);
		if (action === 'destroy') {
			req.socket.destroy();
			return;
		}
		if (action !== 'pass' && 'status' in action) {
			const text = action.body === undefined ? '' : JSON.stringify(action.body);
			res.writeHead(action.status, { 'Content-Type': 'application/json', ...(action.headers ?? {}) });
			res.end(text);
			return;
		}
		const upstream = await this.forward(request).catch(() => undefined);
		if (!upstream) {
			// The sandbox dropped the connection: drop ours too, so the node sees the same thing.
			req.socket.destroy();
			return;
		}
		if (request.path.endsWith('/auth')) this.noteTokens(upstream.body);
		const answer = action !== 'pass' && 'rewrite' in action ? action.rewrite(upstream, request) : upstream;
		if (res.destroyed || res.writableEnded) return;
		const headers = { ...answer.headers };
		delete headers['content-length'];
		delete headers['transfer-encoding'];
		delete headers.connection;
		delete headers['keep-alive'];
		res.writeHead(answer.status, headers);
		res.end(answer.body);
	}

	private noteTokens(body: string): void {
		try {
			const parsed = JSON.parse(body) as IDataObject;
			for (const key of ['access_token', 'refresh_token']) {
				if (typeof parsed[key] === 'string') this.issuedTokens.add(parsed[key] as string);
			}
		} catch {
			// not JSON: nothing issued
		}
	}

	private forward(request: ProxiedRequest): Promise<UpstreamAnswer> {
		const target = new URL(this.target.origin);
		return new Promise((resolve, reject) => {
			const headers = { ...request.headers, host: target.host };
			delete headers.connection;
			const outgoing = httpRequest(
				{ host: target.hostname, port: Number(target.port), method: request.method, path: request.url, headers },
				(response) => {
					const parts: Buffer[] = [];
					response.on('data', (chunk: Buffer) => parts.push(chunk));
					response.on('end', () => {
						const flat: Record<string, string> = {};
						for (const [key, value] of Object.entries(response.headers)) {
							if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
						}
						resolve({ status: response.statusCode ?? 502, headers: flat, body: Buffer.concat(parts).toString('utf8') });
					});
					response.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			outgoing.end(request.body);
		});
	}
}

export async function startProxy(target: KoyweSandbox): Promise<FaultProxy> {
	return await new FaultProxy(target).start();
}

export const isCreate = (request: ProxiedRequest): boolean => request.method === 'POST' && request.path === '/V1/documents';
