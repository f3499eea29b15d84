/**
 * Simulated tax-bureau verdicts (the `verdicts` setting). Chile answers asynchronously: a document is issued with
 * sending status 0, then (one step every delayMs) may pass through temporary sending statuses 101–110, is received
 * (sending 1, validation 0) and gets its verdict (validation 3 accepted, 4 accepted with remarks, 5 rejected, 2
 * sending rejected), or stops at a permanent sending error 201–206. Mexico and Colombia (and, as a sandbox choice,
 * Peru and Argentina) validate at issuance: the create answer already carries the verdict, and a rejection means
 * nothing was created (result.status 1).
 */
import type { SandboxCore } from './core';
import { COUNTRIES } from './data';
import type { StatusPatch } from './status';
import { applyStatus } from './status';
import type { CountryCode, StoredDocument, VerdictOutcome, VerdictsConfig } from './types';
import { koyweDateTime } from './util';

const REJECTING: readonly VerdictOutcome[] = ['rejected', 'temporary_then_rejected', 'sending_rejected', 'permanent_error'];

export function verdictMode(config: VerdictsConfig, country: CountryCode): 'async' | 'sync' {
	if (config.mode !== 'auto') return config.mode;
	return country === 'CL' ? 'async' : 'sync';
}

function defaultComment(outcome: VerdictOutcome, country: CountryCode, permanentStatus: number): string | null {
	const bureau = COUNTRIES[country].taxBureau;
	switch (outcome) {
		case 'accepted_with_remarks':
			return `Aceptado con reparos por ${bureau}: la dirección del receptor no coincide con la registrada (sandbox)`;
		case 'rejected':
		case 'temporary_then_rejected':
			return `Rechazado por ${bureau}: el monto total no coincide con el detalle del documento (sandbox)`;
		case 'sending_rejected':
			return `Envío rechazado por ${bureau}: el XML no cumple el esquema (sandbox)`;
		case 'permanent_error':
			return `Error permanente de envío a ${bureau} (estado ${permanentStatus}): corrija los datos y emita un documento nuevo (sandbox)`;
		default:
			return null;
	}
}

function comments(config: VerdictsConfig, country: CountryCode): string | null {
	return config.comments ?? defaultComment(config.outcome, country, config.permanentStatus);
}

/**
 * For a synchronous country whose configured outcome is a rejection: the message the create answers with
 * (result.status 1, nothing stored). Null otherwise.
 */
export function syncRefusal(core: SandboxCore, country: CountryCode): string | null {
	const config = core.faults.verdicts;
	if (!config || verdictMode(config, country) !== 'sync' || !REJECTING.includes(config.outcome)) return null;
	return comments(config, country);
}

function received(doc: StoredDocument): StatusPatch {
	return {
		taxbureau_sending_status: 1,
		taxbureau_validation_status: 0,
		taxbureau_send_id: String(9_000_000_000 + doc.document_id),
		taxbureau_send_date: koyweDateTime(),
	};
}

function verdict(config: VerdictsConfig, country: CountryCode): StatusPatch {
	const validation: Partial<Record<VerdictOutcome, number>> = {
		accepted: 3,
		temporary_then_accepted: 3,
		accepted_with_remarks: 4,
		rejected: 5,
		temporary_then_rejected: 5,
		sending_rejected: 2,
	};
	return { taxbureau_validation_status: validation[config.outcome], taxbureau_validation_comments: comments(config, country) };
}

/** The status steps of an asynchronous verdict, one per delayMs. */
function asyncSteps(config: VerdictsConfig, doc: StoredDocument): Array<(d: StoredDocument) => StatusPatch> {
	const steps: Array<(d: StoredDocument) => StatusPatch> = [];
	for (let k = 1; k <= config.temporaryRetries; k++) {
		steps.push(() => ({ taxbureau_sending_status: 100 + Math.min(k, 10) }));
	}
	if (config.outcome === 'pending') return steps;
	if (config.outcome === 'permanent_error') {
		steps.push(() => ({
			taxbureau_sending_status: config.permanentStatus,
			taxbureau_validation_comments: comments(config, doc.country),
		}));
		return steps;
	}
	steps.push(received, () => verdict(config, doc.country));
	return steps;
}

/** Stops the verdict steps still due for this document. */
export function cancelVerdict(core: SandboxCore, documentId: number): void {
	for (const t of core.verdictTimers.get(documentId) ?? []) core.timers.cancel(t);
	core.verdictTimers.delete(documentId);
}

/**
 * Starts the verdict of a document just issued (document_status 1, sending status 0) when `verdicts` is set:
 * the issuance is announced, then the verdict is applied at once (sync) or step by step (async).
 */
export function startVerdict(core: SandboxCore, doc: StoredDocument): void {
	const config = core.faults.verdicts;
	if (!config || doc.document_status !== 1 || doc.header.taxbureau_sending_status !== 0) return;
	if (verdictMode(config, doc.country) === 'sync') {
		applyStatus(core, doc, config.outcome === 'pending' ? {} : { ...received(doc), ...verdict(config, doc.country) });
		return;
	}
	applyStatus(core, doc, {});
	const timers = asyncSteps(config, doc).map((step, i) =>
		core.timers.schedule((i + 1) * config.delayMs, () => {
			if (core.store.get(doc.document_id) !== doc) return;
			applyStatus(core, doc, step(doc));
			if (i === timers.length - 1) core.verdictTimers.delete(doc.document_id);
		}),
	);
	if (timers.length > 0) core.verdictTimers.set(doc.document_id, timers);
}
