/**
 * KoyweSandbox: a local HTTP simulator of the Koywe Billing API (under /V1) that misbehaves on command.
 * Node built-ins only. State lives in memory. See README.md in this folder.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { DEMO_ACCOUNTS } from './data';
import {
	DEFAULT_PER_PAGE,
	DocumentStore,
	MAX_PER_PAGE,
	filterDocuments,
	fullDocument,
	inputError,
	isObject,
	listItem,
	prepareDocument,
} from './documents';
import { mipymeGetDocument } from './mipyme';
import type {
	Faults,
	JsonObject,
	ListEnvelope,
	ListItemShape,
	RetryAfterMode,
	SandboxCredentials,
	SandboxOptions,
	SandboxStats,
	StoredDocument,
} from './types';

export const DEMO_CREDENTIALS: SandboxCredentials = {
	clientId: 'demo/001',
	clientSecret: 'sandbox-secret-K7q2ZpX9vL4mW8',
	username: 'demoapi',
	password: 'sandbox-password-R3t6YhN1cB5j',
};

export const DEFAULT_PORT = 8787;
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_AMBIGUOUS_DELAY_MS = 3000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
	latencyMs: 0,
	rateLimit: null,
	forced429: 0,
	forced429RetryAfter: 'seconds',
	forced429RetryAfterSeconds: 1,
	revokeTokensAfterCreates: null,
	ambiguousCreate: null,
	readErrorEvery: null,
	authFailure: false,
	folioLimit: null,
});

const RETRY_AFTER_MODES: readonly RetryAfterMode[] = ['seconds', 'http-date', 'none'];

function isNonNegativeNumber(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isPositiveInteger(v: unknown): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Checks a Partial<Faults> (from code or from POST /__sandbox/faults); throws on anything unknown or mistyped. */
export function validateFaults(input: unknown): Partial<Faults> {
	if (!isObject(input)) throw new Error('faults must be a JSON object');
	const out: Partial<Faults> = {};
	for (const [key, value] of Object.entries(input)) {
		switch (key) {
			case 'latencyMs':
				if (!isNonNegativeNumber(value)) throw new Error('latencyMs must be a number >= 0');
				out.latencyMs = value;
				break;
			case 'forced429':
				if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
					throw new Error('forced429 must be an integer >= 0');
				}
				out.forced429 = value;
				break;
			case 'forced429RetryAfter':
				if (!RETRY_AFTER_MODES.includes(value as RetryAfterMode)) {
					throw new Error('forced429RetryAfter must be seconds, http-date or none');
				}
				out.forced429RetryAfter = value as RetryAfterMode;
				break;
			case 'forced429RetryAfterSeconds':
				if (!isNonNegativeNumber(value)) throw new Error('forced429RetryAfterSeconds must be a number >= 0');
				out.forced429RetryAfterSeconds = value;
				break;
			case 'authFailure':
				if (typeof value !== 'boolean') throw new Error('authFailure must be a boolean');
				out.authFailure = value;
				break;
			case 'revokeTokensAfterCreates':
			case 'readErrorEvery':
				if (value !== null && !isPositiveInteger(value)) throw new Error(`${key} must be null or an integer >= 1`);
				out[key] = value as number | null;
				break;
			case 'folioLimit':
				if (value !== null && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
					throw new Error('folioLimit must be null or an integer >= 0');
				}
				out.folioLimit = value as number | null;
				break;
			case 'rateLimit': {
				if (value === null) {
					out.rateLimit = null;
					break;
				}
				if (!isObject(value)) throw new Error('rateLimit must be null or an object');
				const { perSecond, burst, retryAfter } = value;
				if (!(typeof perSecond === 'number' && perSecond > 0)) throw new Error('rateLimit.perSecond must be > 0');
				if (burst !== undefined && !(typeof burst === 'number' && burst >= 1)) {
					throw new Error('rateLimit.burst must be >= 1');
				}
				const mode = retryAfter === undefined ? 'seconds' : retryAfter;
				if (!RETRY_AFTER_MODES.includes(mode as RetryAfterMode)) {
					throw new Error('rateLimit.retryAfter must be seconds, http-date or none');
				}
				out.rateLimit = {
					perSecond,
					...(burst === undefined ? {} : { burst: burst as number }),
					retryAfter: mode as RetryAfterMode,
				};
				break;
			}
			case 'ambiguousCreate': {
				if (value === null) {
					out.ambiguousCreate = null;
					break;
				}
				if (!isObject(value)) throw new Error('ambiguousCreate must be null or an object');
				const { every, mode, delayMs } = value;
				if (!isPositiveInteger(every)) throw new Error('ambiguousCreate.every must be an integer >= 1');
				if (mode !== '500' && mode !== 'destroy' && mode !== 'delay') {
					throw new Error('ambiguousCreate.mode must be 500, destroy or delay');
				}
				if (delayMs !== undefined && !isNonNegativeNumber(delayMs)) {
					throw new Error('ambiguousCreate.delayMs must be a number >= 0');
				}
				out.ambiguousCreate = { every, mode, ...(delayMs === undefined ? {} : { delayMs: delayMs as number }) };
				break;
			}
			default:
				throw new Error(`unknown fault "${key}"`);
		}
	}
	return out;
}

interface Bucket {
	tokens: number;
	updatedAt: number;
}

interface TokenInfo {
	expiresAt: number;
	bucket: Bucket | null;
}

type Counters = Omit<SandboxStats, 'documentsStored' | 'duplicates'>;

function zeroCounters(): Counters {
	return {
		requests: 0,
		authCalls: 0,
		createAttempts: 0,
		creates: 0,
		rateLimited: 0,
		unauthorized: 0,
		serverErrors: 0,
		reads: 0,
		maxInFlight: 0,
	};
}

function retryAfterHeader(mode: RetryAfterMode, seconds: number): Record<string, string> {
	if (mode === 'none') return {};
	if (mode === 'seconds') return { 'Retry-After': String(seconds) };
	// HTTP-date has one-second resolution: round up so the date is never earlier than the wait.
	const at = Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000;
	return { 'Retry-After': new Date(at).toUTCString() };
}

export class KoyweSandbox {
	private server: Server | null = null;
	private readonly host: string;
	private readonly requestedPort: number;
	private port = 0;
	readonly credentials: SandboxCredentials;
	readonly accounts: Record<keyof typeof DEMO_ACCOUNTS, number> = { ...DEMO_ACCOUNTS };
	private readonly tokenTtlSeconds: number;
	private readonly initialEnvelope: ListEnvelope;
	private readonly initialItemShape: ListItemShape;
	private envelope: ListEnvelope;
	private itemShape: ListItemShape;
	private readonly initialFaults: Partial<Faults>;
	private faults: Faults;
	private tokens = new Map<string, TokenInfo>();
	private readonly store = new DocumentStore();
	private counters: Counters = zeroCounters();
	private inFlight = 0;
	private readCounter = 0;
	private ambiguousCounter = 0;
	private createsSinceArm = 0;
	private revokeArmed = false;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly sockets = new Set<Socket>();

	constructor(options: SandboxOptions = {}) {
		this.host = options.host ?? '127.0.0.1';
		this.requestedPort = options.port ?? 0;
		this.credentials = { ...(options.credentials ?? DEMO_CREDENTIALS) };
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
		if (!(this.tokenTtlSeconds > 0)) throw new Error('tokenTtlSeconds must be > 0');
		this.initialEnvelope = options.listEnvelope ?? 'documents';
		this.initialItemShape = options.listItemShape ?? 'simplified';
		this.envelope = this.initialEnvelope;
		this.itemShape = this.initialItemShape;
		this.initialFaults = validateFaults(options.faults ?? {});
		this.faults = { ...DEFAULT_FAULTS };
		this.setFaults(this.initialFaults);
	}

	/** `http://127.0.0.1:PORT` (control endpoints live here, outside /V1). */
	get origin(): string {
		if (!this.server) throw new Error('KoyweSandbox is not started');
		const host = this.host === '0.0.0.0' || this.host === '::' ? '127.0.0.1' : this.host;
		return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
	}

	/** `http://127.0.0.1:PORT/V1` */
	get baseUrl(): string {
		return `${this.origin}/V1`;
	}

	get listenPort(): number {
		return this.port;
	}

	async start(): Promise<this> {
		if (this.server) return this;
		const server = createServer((req, res) => {
			void this.handle(req, res).catch((error: unknown) => {
				if (!res.headersSent) {
					this.send(res, 500, { error: 'Internal server error', detail: String(error) });
				} else {
					res.destroy();
				}
			});
		});
		server.keepAliveTimeout = 5000;
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.requestedPort, this.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = null;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		await closed;
	}

	/** Current faults (a copy). */
	getFaults(): Faults {
		return JSON.parse(JSON.stringify(this.faults)) as Faults;
	}

	setFaults(patch: Partial<Faults>): void {
		const valid = validateFaults(patch);
		this.faults = { ...this.faults, ...valid };
		if ('rateLimit' in valid) for (const info of this.tokens.values()) info.bucket = null;
		if ('revokeTokensAfterCreates' in valid) {
			this.createsSinceArm = 0;
			this.revokeArmed = valid.revokeTokensAfterCreates !== null;
		}
		if ('ambiguousCreate' in valid) this.ambiguousCounter = 0;
		if ('readErrorEvery' in valid) this.readCounter = 0;
	}

	/** Switch the list envelope / item shape at run time (also POST /__sandbox/config). */
	setListFormat(format: { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape }): void {
		if (format.listEnvelope !== undefined) {
			if (!['documents', 'hal', 'data'].includes(format.listEnvelope)) {
				throw new Error('listEnvelope must be documents, hal or data');
			}
			this.envelope = format.listEnvelope;
		}
		if (format.listItemShape !== undefined) {
			if (!['simplified', 'full'].includes(format.listItemShape)) {
				throw new Error('listItemShape must be simplified or full');
			}
			this.itemShape = format.listItemShape;
		}
	}

	stats(): SandboxStats {
		return {
			...this.counters,
			documentsStored: this.store.size,
			duplicates: this.store.duplicates(),
		};
	}

	resetStats(): void {
		this.counters = zeroCounters();
		this.counters.maxInFlight = this.inFlight;
	}

	/** Forget documents, folios, tokens and stats; faults and list format go back to the start options. */
	reset(): void {
		this.store.reset();
		this.tokens.clear();
		this.resetStats();
		this.faults = { ...DEFAULT_FAULTS };
		this.revokeArmed = false;
		this.createsSinceArm = 0;
		this.readCounter = 0;
		this.ambiguousCounter = 0;
		this.setFaults(this.initialFaults);
		this.envelope = this.initialEnvelope;
		this.itemShape = this.initialItemShape;
	}

	/** Deep copies of the stored documents, in creation order. */
	documents(): StoredDocument[] {
		return JSON.parse(JSON.stringify(this.store.all())) as StoredDocument[];
	}

	/** Every issued token becomes invalid (next authenticated call answers 401). */
	revokeAllTokens(): void {
		this.tokens.clear();
	}

	// ------------------------------------------------------------------ plumbing

	private sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	private send(
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
		contentType = 'application/json; charset=utf-8',
	): void {
		if (res.writableEnded || res.destroyed) return;
		if (status === 401) this.counters.unauthorized++;
		if (status === 429) this.counters.rateLimited++;
		if (status >= 500) this.counters.serverErrors++;
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': contentType,
			'Content-Length': String(Buffer.byteLength(text)),
			...headers,
		});
		res.end(text);
	}

	private readBody(req: IncomingMessage): Promise<{ raw: string; tooLarge: boolean }> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			let tooLarge = false;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_BODY_BYTES) tooLarge = true;
				else chunks.push(chunk);
			});
			req.on('end', () => resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge }));
			req.on('error', reject);
		});
	}

	private parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
		if (raw.trim() === '') return { ok: true, value: undefined };
		try {
			return { ok: true, value: JSON.parse(raw) as unknown };
		} catch {
			return { ok: false };
		}
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/__sandbox/')) {
			const { raw } = await this.readBody(req);
			this.handleControl(method, url.pathname, raw, res);
			return;
		}

		this.counters.requests++;
		this.inFlight++;
		if (this.inFlight > this.counters.maxInFlight) this.counters.maxInFlight = this.inFlight;
		let done = false;
		const finish = () => {
			if (!done) {
				done = true;
				this.inFlight--;
			}
		};
		res.on('close', finish);
		res.on('finish', finish);

		const { raw, tooLarge } = await this.readBody(req);
		await this.sleep(this.faults.latencyMs);
		if (!this.server) return;

		const path = url.pathname.replace(/\/+$/, '');
		const isCreate = method === 'POST' && path === '/V1/documents';
		if (isCreate) this.counters.createAttempts++;
		if (tooLarge) {
			this.send(res, 413, { error: 'Request body too large' });
			return;
		}

		if (path === '/V1/auth') {
			if (method !== 'POST') return this.methodNotAllowed(res, 'POST');
			this.handleAuth(req, raw, res);
			return;
		}

		const docMatch = /^\/V1\/documents\/([^/]+)$/.exec(path);
		const known =
			path === '/V1/documents' || path === '/V1/mipyme_get_document' || docMatch !== null;
		if (!known) {
			this.send(res, 404, { error: 'Not found' });
			return;
		}
		const allowed = path === '/V1/documents' ? ['GET', 'POST'] : docMatch ? ['GET'] : ['POST'];
		if (!allowed.includes(method)) return this.methodNotAllowed(res, allowed.join(', '));

		if (!this.gate(req, res)) return;

		if (method === 'GET') {
			this.counters.reads++;
			if (this.faults.readErrorEvery !== null) {
				this.readCounter++;
				if (this.readCounter % this.faults.readErrorEvery === 0) {
					this.send(res, 503, { error: 'Service temporarily unavailable' }, { 'X-Sandbox-Fault': 'readErrorEvery' });
					return;
				}
			}
		}

		const parsed = this.parseJson(raw);
		if (path === '/V1/mipyme_get_document') {
			this.send(res, 200, mipymeGetDocument(parsed.ok ? parsed.value : undefined));
			return;
		}
		if (path === '/V1/documents' && method === 'POST') {
			if (!parsed.ok) {
				this.send(res, 400, { error: 'Invalid input: the body is not valid JSON' });
				return;
			}
			await this.handleCreate(parsed.value, url, req, res);
			return;
		}
		if (path === '/V1/documents') {
			this.handleList(url, res);
			return;
		}
		const id = /^\d+$/.test(docMatch![1]) ? Number(docMatch![1]) : NaN;
		const doc = Number.isNaN(id) ? undefined : this.store.get(id);
		if (!doc) {
			this.send(res, 404, { error: 'Document not found' });
			return;
		}
		this.send(res, 200, fullDocument(doc, this.origin, { include: true, stamp: this.wantsStamp(url) }));
	}

	private methodNotAllowed(res: ServerResponse, allow: string): void {
		this.send(res, 405, { error: 'Method not allowed' }, { Allow: allow });
	}

	private wantsStamp(url: URL): boolean {
		const v = url.searchParams.get('generate_stamp');
		return v === '1' || v === 'true';
	}

	/** Bearer check, then forced 429s, then the per-token bucket. Answers and returns false when blocked. */
	private gate(req: IncomingMessage, res: ServerResponse): boolean {
		const header = req.headers.authorization ?? '';
		const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
		const info = m ? this.tokens.get(m[1]) : undefined;
		if (!m || !info || Date.now() >= info.expiresAt) {
			if (m && info) this.tokens.delete(m[1]);
			this.send(res, 401, { error: 'Invalid or expired token' }, { 'WWW-Authenticate': 'Bearer realm="Service"' });
			return false;
		}
		if (this.faults.forced429 > 0) {
			this.faults.forced429--;
			this.send(
				res,
				429,
				{ error: 'Too Many Requests', detail: 'Rate limit exceeded' },
				{
					...retryAfterHeader(this.faults.forced429RetryAfter, this.faults.forced429RetryAfterSeconds),
					'X-Sandbox-Fault': 'forced429',
				},
			);
			return false;
		}
		const limit = this.faults.rateLimit;
		if (limit) {
			const capacity = limit.burst ?? Math.max(1, limit.perSecond);
			const now = Date.now();
			if (!info.bucket) info.bucket = { tokens: capacity, updatedAt: now };
			const b = info.bucket;
			b.tokens = Math.min(capacity, b.tokens + ((now - b.updatedAt) / 1000) * limit.perSecond);
			b.updatedAt = now;
			if (b.tokens >= 1) {
				b.tokens -= 1;
			} else {
				const wait = Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
				this.send(
					res,
					429,
					{ error: 'Too Many Requests', detail: 'Rate limit exceeded' },
					{ ...retryAfterHeader(limit.retryAfter, wait), 'X-Sandbox-Fault': 'rateLimit' },
				);
				return false;
			}
		}
		return true;
	}

	// ------------------------------------------------------------------ /auth

	private handleAuth(req: IncomingMessage, raw: string, res: ServerResponse): void {
		this.counters.authCalls++;
		const problem = (status: number, error: string, title: string, detail: string, headers = {}) =>
			this.send(
				res,
				status,
				{ type: 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2', title, status, detail, error },
				headers,
				'application/problem+json',
			);
		let body: JsonObject | undefined;
		const contentType = String(req.headers['content-type'] ?? '');
		if (contentType.includes('application/x-www-form-urlencoded')) {
			body = Object.fromEntries(new URLSearchParams(raw));
		} else {
			const parsed = this.parseJson(raw);
			if (parsed.ok && isObject(parsed.value)) body = parsed.value;
		}
		if (!body) {
			problem(400, 'invalid_request', 'invalid_request', 'The request body must be a JSON object');
			return;
		}
		const fields = ['grant_type', 'client_id', 'client_secret', 'username', 'password'];
		const missing = fields.filter((f) => typeof body![f] !== 'string' || (body![f] as string) === '');
		if (missing.length > 0) {
			problem(400, 'invalid_request', 'invalid_request', `Missing or invalid parameters: ${missing.join(', ')}`);
			return;
		}
		if (body.grant_type !== 'password') {
			problem(400, 'unsupported_grant_type', 'unsupported_grant_type', 'Only the password grant type is supported');
			return;
		}
		if (this.faults.authFailure) {
			problem(401, 'invalid_grant', 'invalid_grant', 'Invalid username and password combination', {
				'X-Sandbox-Fault': 'authFailure',
			});
			return;
		}
		const c = this.credentials;
		if (body.client_id !== c.clientId || body.client_secret !== c.clientSecret) {
			problem(401, 'invalid_client', 'invalid_client', 'The client credentials are invalid');
			return;
		}
		if (body.username !== c.username || body.password !== c.password) {
			problem(401, 'invalid_grant', 'invalid_grant', 'Invalid username and password combination');
			return;
		}
		const token = randomBytes(20).toString('hex');
		this.tokens.set(token, { expiresAt: Date.now() + this.tokenTtlSeconds * 1000, bucket: null });
		this.send(res, 200, {
			access_token: token,
			expires_in: Math.max(1, Math.ceil(this.tokenTtlSeconds)),
			token_type: 'Bearer',
			scope: 'billing',
			refresh_token: randomBytes(20).toString('hex'),
		});
	}

	// ------------------------------------------------------------------ documents

	private async handleCreate(body: unknown, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
		const origin = this.origin;
		let outcome = prepareDocument(body, this.accounts, origin);
		if (
			outcome.kind === 'ok' &&
			outcome.prepared.forcedNumber !== null &&
			!outcome.prepared.draft &&
			this.store.folioInUse(outcome.prepared.accountId, outcome.prepared.type.id, outcome.prepared.forcedNumber)
		) {
			outcome = inputError(
				outcome.prepared.body,
				`document_number ${outcome.prepared.forcedNumber} was already used for document type ${outcome.prepared.type.id}`,
				origin,
			);
		}
		if (outcome.kind === 'bad-request') {
			this.send(res, 400, { error: outcome.error });
			return;
		}
		if (outcome.kind === 'input-error') {
			// Koywe reports input errors in result.status 1; nothing is stored. HTTP 200 marks "not created".
			this.send(res, 200, outcome.answer);
			return;
		}

		const doc = this.store.commit(outcome.prepared, this.faults.folioLimit);
		this.counters.creates++;
		if (this.revokeArmed && this.faults.revokeTokensAfterCreates !== null) {
			this.createsSinceArm++;
			if (this.createsSinceArm >= this.faults.revokeTokensAfterCreates) {
				this.revokeArmed = false;
				this.revokeAllTokens();
			}
		}
		const answer = fullDocument(doc, origin, { include: true, stamp: this.wantsStamp(url) });

		const ambiguous = this.faults.ambiguousCreate;
		if (ambiguous) {
			this.ambiguousCounter++;
			if (this.ambiguousCounter % ambiguous.every === 0) {
				doc.ambiguous = ambiguous.mode;
				if (ambiguous.mode === '500') {
					this.send(res, 500, { error: 'Internal server error' }, { 'X-Sandbox-Fault': 'ambiguousCreate' });
					return;
				}
				if (ambiguous.mode === 'destroy') {
					this.counters.serverErrors++;
					req.socket.destroy();
					return;
				}
				await this.sleep(ambiguous.delayMs ?? DEFAULT_AMBIGUOUS_DELAY_MS);
				if (!this.server) return;
			}
		}
		this.send(res, 201, answer);
	}

	private handleList(url: URL, res: ServerResponse): void {
		const q = url.searchParams;
		const intParam = (name: string, fallback: number): number | string => {
			const v = q.get(name);
			if (v === null || v.trim() === '') return fallback;
			if (!/^\d+$/.test(v.trim()) || Number(v) < 1) return `Invalid input: ${name} must be an integer >= 1`;
			return Number(v);
		};
		const page = intParam('page', 1);
		const perPageRaw = intParam('per_page', DEFAULT_PER_PAGE);
		if (typeof page === 'string' || typeof perPageRaw === 'string') {
			this.send(res, 400, { error: typeof page === 'string' ? page : perPageRaw });
			return;
		}
		const perPage = Math.min(perPageRaw, MAX_PER_PAGE);
		const filtered = filterDocuments(this.store.all(), q);
		if (!filtered.ok) {
			this.send(res, 400, { error: filtered.error });
			return;
		}
		const total = filtered.documents.length;
		const pageCount = Math.ceil(total / perPage);
		const items = filtered.documents
			.slice((page - 1) * perPage, page * perPage)
			.map((d) => listItem(d, this.itemShape, this.origin));

		const href = (p: number) => {
			const params = new URLSearchParams(q);
			params.set('page', String(p));
			params.set('per_page', String(perPage));
			return { href: `${this.baseUrl}/documents?${params.toString()}` };
		};
		const links: JsonObject = { self: href(page), first: href(1), last: href(Math.max(1, pageCount)) };
		if (page > 1) links.prev = href(Math.min(page - 1, Math.max(1, pageCount)));
		if (page < pageCount) links.next = href(page + 1);

		if (this.envelope === 'data') {
			this.send(res, 200, { data: items, pagination: { total, per_page: perPage, current_page: page } });
			return;
		}
		const list = this.envelope === 'hal' ? { _embedded: { documents: items } } : { documents: items };
		this.send(res, 200, {
			_links: links,
			...list,
			page_count: pageCount,
			page_size: perPage,
			total_items: total,
			page,
		});
	}

	// ------------------------------------------------------------------ control API (no auth, outside /V1)

	private handleControl(method: string, path: string, raw: string, res: ServerResponse): void {
		const route = `${method} ${path.replace(/\/+$/, '')}`;
		const parsed = this.parseJson(raw);
		try {
			switch (route) {
				case 'GET /__sandbox/stats':
					return this.send(res, 200, this.stats());
				case 'POST /__sandbox/reset-stats':
					this.resetStats();
					return this.send(res, 200, this.stats());
				case 'GET /__sandbox/faults':
					return this.send(res, 200, this.getFaults());
				case 'POST /__sandbox/faults':
					if (!parsed.ok) throw new Error('body is not valid JSON');
					this.setFaults(validateFaults(parsed.value ?? {}));
					return this.send(res, 200, this.getFaults());
				case 'POST /__sandbox/config':
					if (!parsed.ok || !isObject(parsed.value ?? {})) throw new Error('body must be a JSON object');
					this.setListFormat((parsed.value ?? {}) as { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape });
					return this.send(res, 200, { listEnvelope: this.envelope, listItemShape: this.itemShape });
				case 'POST /__sandbox/reset':
					this.reset();
					return this.send(res, 200, { ok: true });
				case 'POST /__sandbox/revoke-tokens':
					this.revokeAllTokens();
					return this.send(res, 200, { ok: true });
				case 'GET /__sandbox/documents':
					return this.send(res, 200, this.documents());
				default:
					return this.send(res, 404, { error: `Unknown control endpoint ${route}` });
			}
		} catch (error) {
			this.send(res, 400, { error: (error as Error).message });
		}
	}
}

export async function startSandbox(options?: SandboxOptions): Promise<KoyweSandbox> {
	return new KoyweSandbox(options).start();
}
