/**
 * The state every part of the sandbox shares (store, tokens, faults, counters, timers), and the one place that
 * writes an answer and counts it. KoyweSandbox (server.ts) is the public face of it.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

import { AccountBook } from './accounts';
import { TokenStore } from './auth';
import { DEFAULT_FAULTS, FaultCounters } from './faults';
import { Timers, writeJson } from './http';
import { zeroCounters } from './stats';
import type { Counters } from './stats';
import { DocumentStore } from './store';
import type { CountryCode, Faults, ListEnvelope, ListItemShape, SandboxCredentials } from './types';
import { WebhookHub } from './webhooks';

export class SandboxCore {
	readonly store = new DocumentStore();
	readonly tokens = new TokenStore();
	readonly timers = new Timers();
	readonly faultCounters = new FaultCounters();
	counters: Counters = zeroCounters();
	inFlight = 0;
	faults: Faults = { ...DEFAULT_FAULTS };
	envelope: ListEnvelope;
	itemShape: ListItemShape;
	/** `http://HOST:PORT` once listening. */
	origin = '';
	running = false;
	/** Bumped by reset(): work scheduled before it (late commits) is dropped. */
	epoch = 0;
	/** 'status-change' (StoredDocument copy) and 'webhook-delivery' (WebhookDelivery copy). */
	readonly events = new EventEmitter();
	readonly accountBook: AccountBook;
	readonly webhooks: WebhookHub;
	/** Verdict steps still due, per document id. */
	readonly verdictTimers = new Map<number, NodeJS.Timeout[]>();

	constructor(
		readonly accounts: Record<CountryCode, number>,
		readonly credentials: SandboxCredentials,
		readonly tokenTtlSeconds: number,
		list: { envelope: ListEnvelope; itemShape: ListItemShape },
	) {
		this.envelope = list.envelope;
		this.itemShape = list.itemShape;
		this.events.setMaxListeners(0);
		this.accountBook = new AccountBook(accounts);
		this.webhooks = new WebhookHub({
			timers: this.timers,
			counters: () => this.counters,
			faults: () => this.faults,
			events: this.events,
			isRunning: () => this.running,
		});
	}

	get baseUrl(): string {
		return `${this.origin}/V1`;
	}

	/** Writes a JSON answer (unless the client is gone) and counts 401, 429 and 5xx answers. */
	send(
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
		contentType?: string,
	): void {
		if (res.writableEnded || res.destroyed) return;
		if (status === 401) this.counters.unauthorized++;
		if (status === 429) this.counters.rateLimited++;
		if (status >= 500) this.counters.serverErrors++;
		writeJson(res, status, body, headers, contentType);
	}

	/** An answer without body (204). */
	sendEmpty(res: ServerResponse, status: number): void {
		if (res.writableEnded || res.destroyed) return;
		res.writeHead(status);
		res.end();
	}

	methodNotAllowed(res: ServerResponse, allow: string): void {
		this.send(res, 405, { error: 'Method not allowed' }, { Allow: allow });
	}
}
