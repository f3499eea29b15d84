/**
 * The control API under /__sandbox (no auth, no latency, no faults, not counted).
 */
import type { ServerResponse } from 'node:http';

import type { SandboxCore } from './core';
import { validateFaults } from './faults';
import { parseJson } from './http';
import type { SeedOptions, SeedResult } from './seed';
import { parseSeedOptions } from './seed';
import type { StatusPatch } from './status';
import { STATUS_FIELDS } from './status';
import type { Faults, FaultsInput, JsonObject, ListEnvelope, ListItemShape, SandboxStats, StoredDocument } from './types';
import { isObject, toNumber } from './util';
import type { Subscription, WebhookDelivery } from './webhooks';

/** An event sent by POST /__sandbox/webhooks/emit (or emitWebhook). */
export interface EmitRequest {
	event_id: string;
	/** Needed unless document_id names a document. */
	account_id?: number;
	/** DOCUMENT.STATUSUPDATE: the payload starts from this document's current status. */
	document_id?: number;
	/** Fields merged over the built payload. */
	payload?: JsonObject;
}

export interface EmitResult {
	event_id: string;
	/** Subscriptions the event was sent to. */
	targets: number;
	payload: JsonObject;
	/** With wait: every attempt made (copies and retries included). */
	deliveries?: WebhookDelivery[];
}

/** What the control API drives (KoyweSandbox). */
export interface ControlTarget {
	stats(): SandboxStats;
	resetStats(): void;
	getFaults(): Faults;
	setFaults(patch: FaultsInput): void;
	setListFormat(format: { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape }): void;
	reset(): void;
	revokeAllTokens(): void;
	documents(): StoredDocument[];
	setDocumentStatus(documentId: number, patch: StatusPatch, options?: { notify?: boolean }): StoredDocument;
	seed(options: SeedOptions): SeedResult;
	webhookDeliveries(): WebhookDelivery[];
	webhookSubscriptions(): Subscription[];
	emitWebhook(event: EmitRequest): { result: EmitResult; done: Promise<WebhookDelivery[]> };
	setCertificationStatus(accountId: number, status: number, observations?: string | null): { targets: number; account: JsonObject };
}

export class ControlError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

function objectBody(value: unknown): JsonObject {
	const v = value ?? {};
	if (!isObject(v)) throw new ControlError('body must be a JSON object');
	return v;
}

/** A status patch from a control body (types checked; `notify` read apart). */
export function parseStatusPatch(body: JsonObject): StatusPatch {
	const patch: StatusPatch = {};
	for (const [k, v] of Object.entries(body)) {
		if (k === 'notify') continue;
		if (!STATUS_FIELDS.includes(k as keyof StatusPatch)) {
			throw new ControlError(`unknown status field "${k}" (allowed: ${STATUS_FIELDS.join(', ')}, notify)`);
		}
		if (k === 'document_status') {
			const n = toNumber(v);
			if (n === undefined || !Number.isInteger(n) || n < 0) throw new ControlError('document_status must be an integer >= 0');
			patch.document_status = n;
		} else if (k === 'taxbureau_sending_status' || k === 'taxbureau_validation_status') {
			const n = v === null ? null : toNumber(v);
			if (n === undefined || (n !== null && !Number.isInteger(n))) throw new ControlError(`${k} must be an integer or null`);
			patch[k] = n;
		} else {
			if (v !== null && typeof v !== 'string') throw new ControlError(`${k} must be a string or null`);
			(patch as Record<string, unknown>)[k] = v;
		}
	}
	if (Object.keys(patch).length === 0) throw new ControlError('give at least one status field');
	return patch;
}

type ControlHandler = (target: ControlTarget, body: () => unknown, params: string[]) => unknown;

const ROUTES: Array<[string, RegExp, ControlHandler]> = [
	['GET', /^\/__sandbox\/stats$/, (t) => t.stats()],
	[
		'POST',
		/^\/__sandbox\/reset-stats$/,
		(t) => {
			t.resetStats();
			return t.stats();
		},
	],
	['GET', /^\/__sandbox\/faults$/, (t) => t.getFaults()],
	[
		'POST',
		/^\/__sandbox\/faults$/,
		(t, body) => {
			t.setFaults(validateFaults(body() ?? {}));
			return t.getFaults();
		},
	],
	[
		'POST',
		/^\/__sandbox\/reset$/,
		(t) => {
			t.reset();
			return { ok: true };
		},
	],
	[
		'POST',
		/^\/__sandbox\/revoke-tokens$/,
		(t) => {
			t.revokeAllTokens();
			return { ok: true };
		},
	],
	['GET', /^\/__sandbox\/documents$/, (t) => t.documents()],
	[
		'POST',
		/^\/__sandbox\/documents\/(\d+)\/status$/,
		(t, body, [id]) => {
			const b = objectBody(body());
			if (b.notify !== undefined && typeof b.notify !== 'boolean') throw new ControlError('notify must be a boolean');
			return t.setDocumentStatus(Number(id), parseStatusPatch(b), { notify: b.notify !== false });
		},
	],
	['POST', /^\/__sandbox\/seed$/, (t, body) => t.seed(parseSeedOptions(body()))],
	['GET', /^\/__sandbox\/webhook_deliveries$/, (t) => t.webhookDeliveries()],
	['GET', /^\/__sandbox\/webhook_subscriptions$/, (t) => t.webhookSubscriptions()],
	[
		'POST',
		/^\/__sandbox\/webhooks\/emit$/,
		async (t, body) => {
			const b = objectBody(body());
			if (b.wait !== undefined && typeof b.wait !== 'boolean') throw new ControlError('wait must be a boolean');
			const { wait, ...event } = b;
			const { result, done } = t.emitWebhook(event as unknown as EmitRequest);
			return wait ? { ...result, deliveries: await done } : result;
		},
	],
	[
		'POST',
		/^\/__sandbox\/accounts\/(\d+)\/certification$/,
		(t, body, [id]) => {
			const b = objectBody(body());
			const status = b.certification_status;
			if (!(typeof status === 'number' && Number.isInteger(status))) {
				throw new ControlError('certification_status must be an integer');
			}
			if (b.observations !== undefined && b.observations !== null && typeof b.observations !== 'string') {
				throw new ControlError('observations must be a string or null');
			}
			return t.setCertificationStatus(Number(id), status, (b.observations as string | null | undefined) ?? null);
		},
	],
];

export async function handleControl(
	core: SandboxCore,
	target: ControlTarget,
	method: string,
	path: string,
	raw: string,
	res: ServerResponse,
): Promise<void> {
	const clean = path.replace(/\/+$/, '');
	const route = `${method} ${clean}`;
	const body = () => {
		const parsed = parseJson(raw);
		if (!parsed.ok) throw new ControlError('body is not valid JSON');
		return parsed.value;
	};
	try {
		if (route === 'POST /__sandbox/config') {
			const value = objectBody(body());
			target.setListFormat(value as { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape });
			return core.send(res, 200, { listEnvelope: core.envelope, listItemShape: core.itemShape });
		}
		for (const [m, pattern, handler] of ROUTES) {
			const match = pattern.exec(clean);
			if (m === method && match) return core.send(res, 200, await handler(target, body, match.slice(1)));
		}
		return core.send(res, 404, { error: `Unknown control endpoint ${route}` });
	} catch (error) {
		core.send(res, error instanceof ControlError ? error.status : 400, { error: (error as Error).message });
	}
}
