/**
 * KoyweSandbox: a local HTTP simulator of the Koywe Billing API (under /V1) that misbehaves on command.
 * Node built-ins only. State lives in memory. See README.md in this folder.
 *
 * This file is the public face (options, start/stop, control methods) and the request entry; the parts live in
 * router.ts (routes), pipeline.ts (auth and fault checks), auth.ts, documentRoutes.ts, control.ts, faults.ts,
 * store.ts, validate.ts, filters.ts, shapes.ts and paging.ts.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { DEFAULT_TOKEN_TTL_SECONDS, DEMO_CREDENTIALS } from './auth';
import { handleControl } from './control';
import type { ControlTarget } from './control';
import { SandboxCore } from './core';
import { DEMO_ACCOUNTS } from './data';
import { DEFAULT_FAULTS, validateFaults } from './faults';
import { readBody } from './http';
import { documentRead, gate } from './pipeline';
import { matchRoute } from './router';
import { zeroCounters } from './stats';
import type { Faults, ListEnvelope, ListItemShape, SandboxCredentials, SandboxOptions, SandboxStats, StoredDocument } from './types';

export { DEFAULT_TOKEN_TTL_SECONDS, DEMO_CREDENTIALS } from './auth';
export { DEFAULT_AMBIGUOUS_DELAY_MS, DEFAULT_FAULTS, validateFaults } from './faults';

export const DEFAULT_PORT = 8787;

export class KoyweSandbox implements ControlTarget {
	private server: Server | null = null;
	private readonly host: string;
	private readonly requestedPort: number;
	private port = 0;
	readonly credentials: SandboxCredentials;
	readonly accounts: Record<keyof typeof DEMO_ACCOUNTS, number> = { ...DEMO_ACCOUNTS };
	private readonly initialEnvelope: ListEnvelope;
	private readonly initialItemShape: ListItemShape;
	private readonly initialFaults: Partial<Faults>;
	private readonly core: SandboxCore;
	private readonly sockets = new Set<Socket>();

	constructor(options: SandboxOptions = {}) {
		this.host = options.host ?? '127.0.0.1';
		this.requestedPort = options.port ?? 0;
		this.credentials = { ...(options.credentials ?? DEMO_CREDENTIALS) };
		const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
		if (!(tokenTtlSeconds > 0)) throw new Error('tokenTtlSeconds must be > 0');
		this.initialEnvelope = options.listEnvelope ?? 'documents';
		this.initialItemShape = options.listItemShape ?? 'simplified';
		this.initialFaults = validateFaults(options.faults ?? {});
		this.core = new SandboxCore(this.accounts, this.credentials, tokenTtlSeconds, {
			envelope: this.initialEnvelope,
			itemShape: this.initialItemShape,
		});
		this.setFaults(this.initialFaults);
	}

	/** `http://127.0.0.1:PORT` (control endpoints live here, outside /V1). */
	get origin(): string {
		if (!this.server) throw new Error('KoyweSandbox is not started');
		return this.core.origin;
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
					this.core.send(res, 500, { error: 'Internal server error', detail: String(error) });
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
		const host = this.host === '0.0.0.0' || this.host === '::' ? '127.0.0.1' : this.host;
		this.core.origin = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
		this.core.running = true;
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = null;
		this.core.running = false;
		this.core.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		await closed;
	}

	/** Current faults (a copy). */
	getFaults(): Faults {
		return JSON.parse(JSON.stringify(this.core.faults)) as Faults;
	}

	setFaults(patch: Partial<Faults>): void {
		const valid = validateFaults(patch);
		this.core.faults = { ...this.core.faults, ...valid };
		if ('rateLimit' in valid) this.core.tokens.resetBuckets();
		this.core.faultCounters.rearm(valid);
	}

	/** Switch the list envelope / item shape at run time (also POST /__sandbox/config). */
	setListFormat(format: { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape }): void {
		if (format.listEnvelope !== undefined) {
			if (!['documents', 'hal', 'data'].includes(format.listEnvelope)) {
				throw new Error('listEnvelope must be documents, hal or data');
			}
			this.core.envelope = format.listEnvelope;
		}
		if (format.listItemShape !== undefined) {
			if (!['simplified', 'full'].includes(format.listItemShape)) {
				throw new Error('listItemShape must be simplified or full');
			}
			this.core.itemShape = format.listItemShape;
		}
	}

	stats(): SandboxStats {
		return {
			...this.core.counters,
			documentsStored: this.core.store.size,
			duplicates: this.core.store.duplicates(),
		};
	}

	resetStats(): void {
		this.core.counters = zeroCounters();
		this.core.counters.maxInFlight = this.core.inFlight;
	}

	/** Forget documents, folios, tokens and stats; faults and list format go back to the start options. */
	reset(): void {
		this.core.store.reset();
		this.core.tokens.clear();
		this.resetStats();
		this.core.faults = { ...DEFAULT_FAULTS };
		this.core.faultCounters.reset();
		this.setFaults(this.initialFaults);
		this.core.envelope = this.initialEnvelope;
		this.core.itemShape = this.initialItemShape;
	}

	/** Deep copies of the stored documents, in creation order. */
	documents(): StoredDocument[] {
		return JSON.parse(JSON.stringify(this.core.store.all())) as StoredDocument[];
	}

	/** Every issued token becomes invalid (next authenticated call answers 401). */
	revokeAllTokens(): void {
		this.core.tokens.clear();
	}

	// ------------------------------------------------------------------ request entry

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const core = this.core;
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/__sandbox/')) {
			const { raw } = await readBody(req);
			handleControl(core, this, method, url.pathname, raw, res);
			return;
		}

		core.counters.requests++;
		core.inFlight++;
		if (core.inFlight > core.counters.maxInFlight) core.counters.maxInFlight = core.inFlight;
		let done = false;
		const finish = () => {
			if (!done) {
				done = true;
				core.inFlight--;
			}
		};
		res.on('close', finish);
		res.on('finish', finish);

		const { raw, tooLarge } = await readBody(req);
		await core.timers.sleep(core.faults.latencyMs);
		if (!core.running) return;

		const path = url.pathname.replace(/\/+$/, '');
		if (method === 'POST' && path === '/V1/documents') core.counters.createAttempts++;
		if (tooLarge) {
			core.send(res, 413, { error: 'Request body too large' });
			return;
		}

		const match = matchRoute(path);
		if (!match) {
			core.send(res, 404, { error: 'Not found' });
			return;
		}
		const handler = match.route.methods[method];
		if (!handler) return core.methodNotAllowed(res, Object.keys(match.route.methods).join(', '));
		if (!match.route.public && !gate(core, req, res)) return;
		if (method === 'GET' && match.route.documentRead && !documentRead(core, res)) return;
		await handler(core, { req, res, url, method, path, params: match.params, raw });
	}
}

export async function startSandbox(options?: SandboxOptions): Promise<KoyweSandbox> {
	return new KoyweSandbox(options).start();
}
