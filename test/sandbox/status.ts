/**
 * Document status changes (verdict steps, Mexican cancellations, control calls): the header fields they touch and
 * the DOCUMENT.STATUSUPDATE event each one sends.
 */
import type { SandboxCore } from './core';
import type { JsonObject, StoredDocument } from './types';
import { DOCUMENT_STATUS_EVENT } from './webhooks';

/** Fields a status change may set (header names; the webhook calls taxbureau_sending_status taxbureau_send_status). */
export interface StatusPatch {
	document_status?: number;
	taxbureau_sending_status?: number | null;
	taxbureau_validation_status?: number | null;
	taxbureau_validation_comments?: string | null;
	taxbureau_send_id?: string | null;
	taxbureau_send_date?: string | null;
}

export const STATUS_FIELDS: readonly (keyof StatusPatch)[] = [
	'document_status',
	'taxbureau_sending_status',
	'taxbureau_validation_status',
	'taxbureau_validation_comments',
	'taxbureau_send_id',
	'taxbureau_send_date',
];

/** The DOCUMENT.STATUSUPDATE payload of a document as it is now. */
export function documentStatusPayload(doc: StoredDocument): JsonObject {
	const h = doc.header;
	return {
		event_id: DOCUMENT_STATUS_EVENT,
		document_id: doc.document_id,
		account_id: doc.account_id,
		document_status: doc.document_status,
		taxbureau_send_status: h.taxbureau_sending_status ?? null,
		taxbureau_send_id: h.taxbureau_send_id ?? null,
		taxbureau_send_date: h.taxbureau_send_date ?? null,
		taxbureau_validation_status: h.taxbureau_validation_status ?? null,
		taxbureau_validation_comments: h.taxbureau_validation_comments ?? null,
	};
}

/**
 * Applies the patch (an empty one only announces the current status, e.g. at issuance), counts it, tells
 * `events` listeners ('status-change') and sends the webhook event to the account's subscriptions.
 */
export function applyStatus(core: SandboxCore, doc: StoredDocument, patch: StatusPatch): void {
	const h = doc.header;
	for (const field of ['taxbureau_validation_comments', 'taxbureau_send_id', 'taxbureau_send_date'] as const) {
		if (!(field in h)) h[field] = null;
	}
	for (const field of STATUS_FIELDS) {
		if (patch[field] !== undefined) h[field] = patch[field];
	}
	if (patch.document_status !== undefined) doc.document_status = patch.document_status;
	if (Object.keys(patch).length > 0) doc.updated_at = new Date().toISOString();
	core.counters.statusChanges++;
	core.events.emit('status-change', JSON.parse(JSON.stringify(doc)) as StoredDocument);
	void core.webhooks.emit(DOCUMENT_STATUS_EVENT, doc.account_id, documentStatusPayload(doc)).done;
}
