/**
 * Webhook subscriptions (/V1/webhook_subscriptions) and the deliveries the sandbox makes to them: auth forms,
 * retries on failure, duplicate and late deliveries, and a log of every attempt.
 */
import type { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';
import type { ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { Timers } from './http';
import type { Counters } from './stats';
import type { Faults, JsonObject, WebhookAuth } from './types';
import { isObject, koyweDateTime, toNumber } from './util';

export const DOCUMENT_STATUS_EVENT = 'DOCUMENT.STATUSUPDATE';
export const CERTIFICATION_EVENT = 'ACCOUNT.CERTIFICATIONUPDATE';
export const WEBHOOK_EVENTS: readonly string[] = [DOCUMENT_STATUS_EVENT, CERTIFICATION_EVENT];
export const FIRST_SUBSCRIPTION_ID = 501;
/** user_id in webhook_data: the sandbox's one API user. */
export const SANDBOX_USER_ID = 1;
const RESPONSE_TEXT_LIMIT = 500;

export interface Subscription {
	webhook_subscription_id: number;
	/** null: every account of the API user (a subscription made without account_id). */
	account_id: number | null;
	/** As given (ACCOUNT_CERTIFICATIONUPDATE stays written that way). */
	event_id: string;
	callback_url: string;
	callback_username: string | null;
	callback_password: string | null;
	subscription_creation_date: string;
}

/** One HTTP attempt of one copy of one event to one subscription. */
export interface WebhookDelivery {
	delivery_id: number;
	event_id: string;
	subscription_id: number;
	account_id: number | null;
	callback_url: string;
	/** 1..webhookDuplicate.times */
	copy: number;
	/** 1..webhookRetries.attempts */
	attempt: number;
	auth: WebhookAuth;
	/** The JSON body sent (with the callback credentials when auth is body or both). */
	payload: JsonObject;
	/** The Authorization header sent, if any. */
	authorization: string | null;
	sent_at: string;
	duration_ms: number;
	/** HTTP status of the answer; null when the request failed (refused, timed out, reset). */
	status: number | null;
	/** First 500 characters of the answer. */
	response_text: string | null;
	error: string | null;
	ok: boolean;
}

/** `ACCOUNT_CERTIFICATIONUPDATE` and `DOCUMENT_STATUSUPDATE` are read as their dotted forms. */
export function canonicalEvent(eventId: string): string | undefined {
	const dotted = eventId.trim().toUpperCase().replace(/^(ACCOUNT|DOCUMENT)_/, '$1.');
	return WEBHOOK_EVENTS.includes(dotted) ? dotted : undefined;
}

export function subscriptionAnswer(s: Subscription): JsonObject {
	return {
		account_id: s.account_id,
		webhook_subscription_id: s.webhook_subscription_id,
		webhook_data: {
			event_id: s.event_id,
			subscription_creation_date: s.subscription_creation_date,
			subscription_output_type: 'APINOTIFICATION',
			callback_url: s.callback_url,
			callback_username: s.callback_username,
			callback_password: s.callback_password,
			user_id: SANDBOX_USER_ID,
			product_location_id: null,
		},
	};
}

interface HubDeps {
	timers: Timers;
	counters: () => Counters;
	faults: () => Faults;
	events: EventEmitter;
	isRunning: () => boolean;
}

export class WebhookHub {
	private subs = new Map<number, Subscription>();
	private nextId = FIRST_SUBSCRIPTION_ID;
	private log: WebhookDelivery[] = [];
	private nextDeliveryId = 1;
	private readonly open = new Set<ClientRequest>();
	/** Bumped by reset(): deliveries scheduled before it are dropped. */
	private generation = 0;

	constructor(private readonly deps: HubDeps) {}

	/** Checks a POST /webhook_subscriptions body; answers the subscription or the 400 message. */
	create(
		body: unknown,
		accountIds: number[],
		selfPort?: number,
	): { ok: true; subscription: Subscription } | { ok: false; error: string } {
		if (!isObject(body)) return { ok: false, error: 'Invalid input: a JSON object body is required' };
		const eventId = typeof body.event_id === 'string' ? body.event_id.trim() : '';
		if (!canonicalEvent(eventId)) {
			return { ok: false, error: `Invalid event_id "${String(body.event_id ?? '')}": use ${WEBHOOK_EVENTS.join(' or ')}` };
		}
		const url = typeof body.callback_url === 'string' ? body.callback_url.trim() : '';
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
			return { ok: false, error: 'Invalid callback_url: an absolute http(s) URL is required' };
		}
		const loopback = ['127.0.0.1', 'localhost', '[::1]', '0.0.0.0'].includes(parsed.hostname);
		if (loopback && Number(parsed.port || 80) === selfPort && parsed.pathname.startsWith('/__sandbox')) {
			// A callback into the control API would let one event emit the next, for ever.
			return { ok: false, error: 'Invalid callback_url: the sandbox control API cannot receive webhooks' };
		}
		for (const field of ['callback_username', 'callback_password']) {
			if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') {
				return { ok: false, error: `Invalid ${field}: a string is required` };
			}
		}
		let accountId: number | null = null;
		if (body.account_id !== undefined && body.account_id !== null && body.account_id !== '') {
			const n = toNumber(body.account_id);
			if (n === undefined || !accountIds.includes(n)) {
				return { ok: false, error: `account ${String(body.account_id)} does not exist or is not available to these credentials` };
			}
			accountId = n;
		}
		const subscription: Subscription = {
			webhook_subscription_id: this.nextId++,
			account_id: accountId,
			event_id: eventId,
			callback_url: url,
			callback_username: (body.callback_username as string | undefined) ?? null,
			callback_password: (body.callback_password as string | undefined) ?? null,
			subscription_creation_date: koyweDateTime(),
		};
		this.subs.set(subscription.webhook_subscription_id, subscription);
		return { ok: true, subscription };
	}

	list(): Subscription[] {
		return [...this.subs.values()];
	}

	get(id: number): Subscription | undefined {
		return this.subs.get(id);
	}

	remove(id: number): boolean {
		return this.subs.delete(id);
	}

	deliveries(): WebhookDelivery[] {
		return JSON.parse(JSON.stringify(this.log)) as WebhookDelivery[];
	}

	get deliveryCount(): number {
		return this.log.length;
	}

	/**
	 * Sends the event to every subscription for this event and account (copies and retries as the faults say).
	 * Resolves with the attempts once all are done; `targets` is known at once.
	 */
	emit(eventId: string, accountId: number, payload: JsonObject): { targets: number; done: Promise<WebhookDelivery[]> } {
		const canonical = canonicalEvent(eventId) ?? eventId;
		const subs = this.list().filter(
			(s) => canonicalEvent(s.event_id) === canonical && (s.account_id === null || s.account_id === accountId),
		);
		const faults = this.deps.faults();
		const copies = faults.webhookDuplicate?.times ?? 1;
		const gap = faults.webhookDuplicate?.gapMs ?? 0;
		const runs: Promise<WebhookDelivery[]>[] = [];
		for (const sub of subs) {
			for (let copy = 1; copy <= copies; copy++) {
				runs.push(this.deliver(sub, canonical, payload, copy, faults.webhookDelayMs + (copy - 1) * gap));
			}
		}
		return { targets: subs.length, done: Promise.all(runs).then((all) => all.flat()) };
	}

	private async deliver(
		sub: Subscription,
		eventId: string,
		payload: JsonObject,
		copy: number,
		delayMs: number,
	): Promise<WebhookDelivery[]> {
		const generation = this.generation;
		const alive = () => this.deps.isRunning() && generation === this.generation;
		await this.deps.timers.sleep(delayMs);
		const attempts: WebhookDelivery[] = [];
		for (let attempt = 1; alive(); attempt++) {
			const faults = this.deps.faults();
			const record = await this.attempt(sub, eventId, payload, copy, attempt, faults);
			attempts.push(record);
			if (record.ok || attempt >= faults.webhookRetries.attempts) break;
			await this.deps.timers.sleep(faults.webhookRetries.delayMs * 2 ** (attempt - 1));
		}
		return attempts;
	}

	private async attempt(
		sub: Subscription,
		eventId: string,
		payload: JsonObject,
		copy: number,
		attempt: number,
		faults: Faults,
	): Promise<WebhookDelivery> {
		const auth = faults.webhookAuth;
		const body: JsonObject = { ...payload };
		if (auth === 'body' || auth === 'both') {
			body.callback_username = sub.callback_username;
			body.callback_password = sub.callback_password;
		}
		const hasCredentials = sub.callback_username !== null || sub.callback_password !== null;
		const authorization =
			(auth === 'basic' || auth === 'both') && hasCredentials
				? `Basic ${Buffer.from(`${sub.callback_username ?? ''}:${sub.callback_password ?? ''}`).toString('base64')}`
				: null;
		const started = Date.now();
		const answer = await this.post(sub.callback_url, JSON.stringify(body), authorization, faults.webhookTimeoutMs);
		const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
		const counters = this.deps.counters();
		counters.webhookDeliveries++;
		if (!ok) counters.webhookDeliveryFailures++;
		const record: WebhookDelivery = {
			delivery_id: this.nextDeliveryId++,
			event_id: eventId,
			subscription_id: sub.webhook_subscription_id,
			account_id: typeof payload.account_id === 'number' ? payload.account_id : sub.account_id,
			callback_url: sub.callback_url,
			copy,
			attempt,
			auth,
			payload: body,
			authorization,
			sent_at: new Date(started).toISOString(),
			duration_ms: Date.now() - started,
			status: answer.status,
			response_text: answer.text,
			error: answer.error,
			ok,
		};
		this.log.push(record);
		this.deps.events.emit('webhook-delivery', JSON.parse(JSON.stringify(record)));
		return record;
	}

	private post(
		url: string,
		body: string,
		authorization: string | null,
		timeoutMs: number,
	): Promise<{ status: number | null; text: string | null; error: string | null }> {
		return new Promise((resolve) => {
			const target = new URL(url);
			const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
			const headers: Record<string, string> = {
				'Content-Type': 'application/json',
				'Content-Length': String(Buffer.byteLength(body)),
				'User-Agent': 'koywe-sandbox-webhooks/1',
			};
			if (authorization) headers.Authorization = authorization;
			let settled = false;
			const done = (value: { status: number | null; text: string | null; error: string | null }) => {
				if (settled) return;
				settled = true;
				this.open.delete(req);
				resolve(value);
			};
			const req = send(target, { method: 'POST', headers, timeout: timeoutMs || undefined }, (res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					if (size < RESPONSE_TEXT_LIMIT) chunks.push(chunk);
					size += chunk.length;
				});
				res.on('end', () =>
					done({
						status: res.statusCode ?? null,
						text: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_TEXT_LIMIT),
						error: null,
					}),
				);
				res.on('error', (e) => done({ status: res.statusCode ?? null, text: null, error: e.message }));
			});
			req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
			req.on('error', (e) => done({ status: null, text: null, error: e.message }));
			this.open.add(req);
			req.end(body);
		});
	}

	/** Resolves once at least `count` attempts are logged (rejects after timeoutMs). */
	waitForDeliveries(count: number, timeoutMs: number): Promise<WebhookDelivery[]> {
		if (this.log.length >= count) return Promise.resolve(this.deliveries());
		return new Promise((resolve, reject) => {
			const onDelivery = () => {
				if (this.log.length < count) return;
				cleanup();
				resolve(this.deliveries());
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`expected ${count} webhook deliveries within ${timeoutMs} ms, saw ${this.log.length}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.deps.events.off('webhook-delivery', onDelivery);
			};
			this.deps.events.on('webhook-delivery', onDelivery);
		});
	}

	/** Aborts deliveries in flight. */
	abort(): void {
		for (const req of this.open) req.destroy();
		this.open.clear();
	}

	/** Forgets subscriptions and the delivery log, and aborts deliveries in flight. */
	reset(): void {
		this.generation++;
		this.abort();
		this.subs.clear();
		this.nextId = FIRST_SUBSCRIPTION_ID;
		this.log = [];
		this.nextDeliveryId = 1;
	}
}
