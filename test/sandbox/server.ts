/**
 * KoyweSandbox: a local HTTP simulator of the Koywe Billing API (under /V1) that misbehaves on command.
 * Node built-ins only. State lives in memory. See README.md in this folder.
 *
 * This file is the public face (options, start/stop, control methods) and the request entry. The parts:
 * router.ts (the /V1 routes), pipeline.ts (auth and fault checks in order), auth.ts, documentRoutes.ts (create,
 * list, get), updateRoutes.ts (PUT, DELETE), accounts.ts (accounts, document types), webhookRoutes.ts and
 * webhooks.ts (subscriptions, deliveries), verdicts.ts and status.ts (tax-bureau status over time), control.ts,
 * seed.ts, faults.ts and faultChecks.ts, store.ts, validate.ts, filters.ts, shapes.ts, paging.ts.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { EventEmitter } from 'node:events';

import { accountAnswer, setCertification } from './accounts';
import { DEFAULT_TOKEN_TTL_SECONDS, DEMO_CREDENTIALS } from './auth';
import { ControlError, handleControl } from './control';
import type { ControlTarget, EmitRequest, EmitResult } from './control';
import { SandboxCore } from './core';
import { DEMO_ACCOUNTS } from './data';
import { DEFAULT_FAULTS, validateFaults } from './faults';
import { readBody } from './http';
import { documentRead, echoFault, gate } from './pipeline';
import { matchRoute } from './router';
import { seedDocuments } from './seed';
import type { SeedOptions, SeedResult } from './seed';
import { zeroCounters } from './stats';
import { applyStatus, documentStatusPayload } from './status';
import type { StatusPatch } from './status';
import type {
	Faults,
	FaultsInput,
	JsonObject,
	ListEnvelope,
	ListItemShape,
	SandboxCredentials,
	SandboxOptions,
	SandboxStats,
	StoredDocument,
} from './types';
import { isObject, koyweDateTime, toNumber } from './util';
import { cancelVerdict } from './verdicts';
import { CERTIFICATION_EVENT, DOCUMENT_STATUS_EVENT, canonicalEvent } from './webhooks';
import type { Subscription, WebhookDelivery } from './webhooks';

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
		this.core.webhooks.abort();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		await closed;
	}

	/** Current faults (a copy). */
	getFaults(): Faults {
		return JSON.parse(JSON.stringify(this.core.faults)) as Faults;
	}

	setFaults(patch: FaultsInput): void {
		const valid = validateFaults(patch);
		this.core.faults = { ...this.core.faults, ...valid };
		if ('rateLimit' in valid || 'rateLimitScope' in valid) this.core.tokens.resetBuckets();
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
		this.core.epoch++;
		for (const id of [...this.core.verdictTimers.keys()]) cancelVerdict(this.core, id);
		this.core.webhooks.reset();
		this.core.accountBook.reset();
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

	/** 'status-change' (a StoredDocument copy) after every status change; 'webhook-delivery' after every attempt. */
	get events(): EventEmitter {
		return this.core.events;
	}

	/**
	 * Sets status fields of a document at once (also POST /__sandbox/documents/{id}/status). Verdict steps still due
	 * for it are dropped; DOCUMENT.STATUSUPDATE is sent unless notify is false.
	 */
	setDocumentStatus(documentId: number, patch: StatusPatch, options: { notify?: boolean } = {}): StoredDocument {
		const doc = this.core.store.get(documentId);
		if (!doc) throw new ControlError(`document ${documentId} not found`, 404);
		cancelVerdict(this.core, documentId);
		if (options.notify === false) {
			for (const [k, v] of Object.entries(patch)) if (v !== undefined) doc.header[k] = v;
			if (patch.document_status !== undefined) doc.document_status = patch.document_status;
			doc.updated_at = new Date().toISOString();
		} else {
			applyStatus(this.core, doc, patch);
		}
		return JSON.parse(JSON.stringify(doc)) as StoredDocument;
	}

	/** Stores many documents at once (also POST /__sandbox/seed). */
	seed(options: SeedOptions): SeedResult {
		return seedDocuments(this.core, options);
	}

	/** Every webhook attempt so far, oldest first (also GET /__sandbox/webhook_deliveries). */
	webhookDeliveries(): WebhookDelivery[] {
		return this.core.webhooks.deliveries();
	}

	/** Resolves once at least `count` webhook attempts were made (rejects after timeoutMs). */
	waitForWebhookDeliveries(count: number, timeoutMs = 5000): Promise<WebhookDelivery[]> {
		return this.core.webhooks.waitForDeliveries(count, timeoutMs);
	}

	/** The subscriptions, with their callback credentials (also GET /__sandbox/webhook_subscriptions). */
	webhookSubscriptions(): Subscription[] {
		return JSON.parse(JSON.stringify(this.core.webhooks.list())) as Subscription[];
	}

	/** Sends an event to its subscriptions (also POST /__sandbox/webhooks/emit); `done` resolves after every attempt. */
	emitWebhook(event: EmitRequest): { result: EmitResult; done: Promise<WebhookDelivery[]> } {
		if (!isObject(event)) throw new ControlError('the event must be an object');
		const eventId = typeof event.event_id === 'string' ? canonicalEvent(event.event_id) : undefined;
		if (!eventId) throw new ControlError(`event_id must be ${DOCUMENT_STATUS_EVENT} or ${CERTIFICATION_EVENT}`);
		if (event.payload !== undefined && !isObject(event.payload)) throw new ControlError('payload must be an object');
		let base: JsonObject;
		let accountId: number | undefined = toNumber(event.account_id);
		if (event.document_id !== undefined) {
			const doc = this.core.store.get(toNumber(event.document_id) ?? NaN);
			if (!doc) throw new ControlError(`document ${String(event.document_id)} not found`, 404);
			accountId ??= doc.account_id;
			base = eventId === DOCUMENT_STATUS_EVENT ? documentStatusPayload(doc) : { event_id: eventId, account_id: accountId };
		} else {
			if (accountId === undefined) throw new ControlError('account_id (or document_id) is required');
			base = { event_id: eventId, account_id: accountId };
		}
		if (eventId === CERTIFICATION_EVENT) {
			const state = this.core.accountBook.get(accountId);
			base = { ...base, certification_status: state.certification_status, observations: state.observations, date: koyweDateTime() };
		}
		const payload = { ...base, ...(event.payload ?? {}) };
		const { targets, done } = this.core.webhooks.emit(eventId, accountId, payload);
		return { result: { event_id: eventId, targets, payload }, done };
	}

	/**
	 * Changes an account's certification status (also POST /__sandbox/accounts/{id}/certification) and sends
	 * ACCOUNT.CERTIFICATIONUPDATE to its subscriptions.
	 */
	setCertificationStatus(accountId: number, status: number, observations: string | null = null): { targets: number; account: JsonObject } {
		if (!this.core.accountBook.country(accountId)) throw new ControlError(`account ${accountId} not found`, 404);
		const { targets } = setCertification(this.core, accountId, status, observations);
		return { targets, account: accountAnswer(this.core, accountId)! };
	}

	// ------------------------------------------------------------------ request entry

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const core = this.core;
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/__sandbox/')) {
			const { raw } = await readBody(req);
			await handleControl(core, this, method, url.pathname, raw, res);
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
		const route = match.route;
		if (route.public) {
			if (echoFault(core, res, method, raw, route.echo)) {
				core.counters.authCalls++;
				return;
			}
		} else {
			if (!gate(core, req, res)) return;
			if (method === 'GET' && route.documentRead && !documentRead(core, res, route.list === true)) return;
			if (echoFault(core, res, method, raw, route.echo)) return;
		}
		await handler(core, { req, res, url, method, path, params: match.params, raw });
	}
}

export async function startSandbox(options?: SandboxOptions): Promise<KoyweSandbox> {
	return new KoyweSandbox(options).start();
}
