/**
 * PUT /V1/documents/{id} (update a draft; Mexico: cancel with document_status 2) and DELETE /V1/documents/{id}
 * (drafts only).
 */
import { randomUUID } from 'node:crypto';

import type { SandboxCore } from './core';
import { COUNTRIES } from './data';
import { findDocument } from './documentRoutes';
import { parseJson } from './http';
import type { Exchange } from './router';
import { fullDocument } from './shapes';
import { applyStatus } from './status';
import type { JsonObject, StoredDocument } from './types';
import { isObject, koyweDateTime, toNumber } from './util';
import { prepareDocument } from './validate';
import { cancelVerdict } from './verdicts';

/** SAT's code for a cancellation request it accepted ("Solicitud de cancelación exitosa"). */
export const SAT_CANCEL_ACCEPTED = '201';

/** Credit note to issue instead of a cancellation, per country (Koywe ids). */
const CORRECTION_HINT: Record<string, string> = {
	CL: 'issue a credit note (document type 16) that references it',
	CO: 'issue a credit note (document type 83) that references it',
	PE: 'issue a credit note (document type 98, or 155 for a receipt) that references it',
	AR: 'issue the credit note of its class (A 112, B 116, C 120, E 124) that references it',
};

/** document_status asked for (top level or in header); NaN when it is given but not a number. */
function requestedStatus(body: JsonObject): number | undefined {
	const raw = body.document_status ?? (isObject(body.header) ? body.header.document_status : undefined);
	return raw === undefined || raw === null || raw === '' ? undefined : (toNumber(raw) ?? NaN);
}

export function updateDocument(core: SandboxCore, x: Exchange): void {
	const doc = findDocument(core, x);
	if (!doc) return;
	const parsed = parseJson(x.raw);
	if (!parsed.ok) return core.send(x.res, 400, { error: 'Invalid input: the body is not valid JSON' });
	if (!isObject(parsed.value)) return core.send(x.res, 400, { error: 'Invalid input: a JSON object body is required' });
	const body = parsed.value;
	const status = requestedStatus(body);
	if (status === 2) return cancel(core, x, doc);
	if (doc.document_status !== 0) return core.send(x.res, 400, { error: 'Cannot update a signed document' });
	if (status !== undefined && status !== 0) {
		const given = body.document_status ?? (body.header as JsonObject).document_status;
		return core.send(x.res, 400, {
			error: `Invalid input: document_status ${JSON.stringify(given)} cannot be set on a draft (issuing a draft through PUT is not simulated; 2 cancels an issued Mexican document)`,
		});
	}
	updateDraft(core, x, doc, body);
}

/**
 * Merges the body into the draft: header fields over the stored header; details, references, discounts,
 * payment_link and options replaced when given; totals as given, else recomputed when details are given, else kept.
 */
function updateDraft(core: SandboxCore, x: Exchange, doc: StoredDocument, body: JsonObject): void {
	if (body.header !== undefined && !isObject(body.header)) {
		return core.send(x.res, 400, { error: 'Invalid input: header must be an object' });
	}
	const options = { ...doc.options, ...(isObject(body.options) ? body.options : {}) };
	delete options.draft_preview;
	const merged: JsonObject = {
		header: { ...doc.header, ...(isObject(body.header) ? body.header : {}), document_number: null },
		details: body.details !== undefined ? body.details : doc.details,
		references: body.references !== undefined ? body.references : doc.references,
		globals_discounts_surcharges:
			body.globals_discounts_surcharges !== undefined ? body.globals_discounts_surcharges : doc.global_modifiers,
		totals: body.totals !== undefined ? body.totals : body.details !== undefined ? undefined : doc.totals,
		payment_link: body.payment_link !== undefined ? body.payment_link : doc.payment_link,
		options,
	};
	const outcome = prepareDocument(merged, core.accounts, core.origin);
	if (outcome.kind === 'bad-request') return core.send(x.res, 400, { error: outcome.error });
	if (outcome.kind === 'input-error') return core.send(x.res, 400, { error: `Invalid input: ${outcome.message}` });
	core.store.updateDraft(doc, outcome.prepared);
	core.counters.updates++;
	core.send(x.res, 200, fullDocument(doc, core.origin, { include: true, stamp: false }));
}

function cancellationDate(): string {
	return koyweDateTime();
}

/** Mexico: document_status 2 on an issued document cancels it (SAT), unless cancelRefusal says otherwise. */
function cancel(core: SandboxCore, x: Exchange, doc: StoredDocument): void {
	if (doc.country !== 'MX') {
		return core.send(x.res, 400, {
			error: `Cannot cancel document ${doc.document_id}: cancellation through document_status 2 exists only for Mexican documents (SAT). For a ${COUNTRIES[doc.country].name} document, ${CORRECTION_HINT[doc.country]}.`,
		});
	}
	if (doc.document_status === 0) {
		return core.send(x.res, 400, {
			error: `Cannot cancel document ${doc.document_id}: it is a draft (document_status 0); delete the draft instead`,
		});
	}
	if (doc.document_status === 2) {
		return core.send(x.res, 400, { error: `Cannot cancel document ${doc.document_id}: it is already cancelled` });
	}
	if (doc.document_status !== 1) {
		return core.send(x.res, 400, {
			error: `Cannot cancel document ${doc.document_id}: only issued documents (document_status 1) can be cancelled`,
		});
	}
	const refusal = core.faults.cancelRefusal;
	if (refusal) {
		core.faultCounters.cancellations++;
		if (core.faultCounters.cancellations % (refusal.every ?? 1) === 0) {
			core.counters.cancellationRefusals++;
			const message = refusal.message ?? 'El SAT rechazó la solicitud de cancelación';
			const headers = { 'X-Sandbox-Fault': 'cancelRefusal' };
			if (refusal.httpStatus === 400) return core.send(x.res, 400, { error: message }, headers);
			return core.send(
				x.res,
				200,
				{
					...fullDocument(doc, core.origin, { include: true, stamp: false }),
					result: { status: 1, error_message: message },
					cancellation_acknowledgement: { status: 'refused', code: null, message, date: cancellationDate() },
				},
				headers,
			);
		}
	}
	cancelVerdict(core, doc.document_id);
	applyStatus(core, doc, { document_status: 2 });
	core.counters.cancellations++;
	core.send(x.res, 200, {
		...fullDocument(doc, core.origin, { include: true, stamp: false }),
		result: { status: 0, error_message: '' },
		cancellation_acknowledgement: {
			status: 'accepted',
			code: SAT_CANCEL_ACCEPTED,
			message: 'Solicitud de cancelación exitosa (sandbox)',
			date: cancellationDate(),
			uuid: randomUUID().toUpperCase(),
		},
	});
}

export function deleteDocument(core: SandboxCore, x: Exchange): void {
	const doc = findDocument(core, x);
	if (!doc) return;
	if (doc.document_status !== 0) return core.send(x.res, 400, { error: 'Cannot delete a signed document' });
	cancelVerdict(core, doc.document_id);
	core.store.remove(doc.document_id);
	core.counters.deletes++;
	core.sendEmpty(x.res, 204);
}
