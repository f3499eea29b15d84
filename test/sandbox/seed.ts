/**
 * POST /__sandbox/seed: many valid documents at once (benchmarks of Get Many, paging tests), stored as if issued
 * through the API but without its checks per request, faults, verdicts or webhooks.
 */
import type { SandboxCore } from './core';
import { DOCUMENT_TYPES, DEMO_ACCOUNTS } from './data';
import { commitDocument } from './documentRoutes';
import type { StatusPatch } from './status';
import { STATUS_FIELDS } from './status';
import type { CountryCode, JsonObject } from './types';
import { isIsoDate, isObject, toNumber } from './util';
import { prepareDocument } from './validate';

export const MAX_SEED = 50_000;

export interface SeedOptions {
	/** 1–50,000 documents. */
	count: number;
	/** Default: the Chilean demo account. */
	accountId?: number;
	/** Default: the country's first issuable type (CL 2, CO 82, PE 96, MX 76, AR 111). */
	documentTypeId?: number;
	/** Latest issue date (default today). */
	issueDate?: string;
	/** Issue dates spread over this many days: document n is dated issueDate minus ((count - n) % days) days (default 1). */
	days?: number;
	/** 802 references `${prefix}${n}` (n from 1); null: none. Default `SEED-`. */
	referencePrefix?: string | null;
	receiverTaxIdCode?: string;
	receiverLegalName?: string;
	/** Net amount of document n is unitPrice * (1 + (n - 1) % 10) (default unitPrice 1000; no taxes). */
	unitPrice?: number;
	/** Status fields every seeded document gets (no event is sent). */
	status?: StatusPatch;
}

export interface SeedResult {
	created: number;
	first_document_id: number | null;
	last_document_id: number | null;
	documents_stored: number;
}

const RECEIVERS: Record<CountryCode, [string, string]> = {
	CL: ['76399932-7', 'CL-RUT'],
	CO: ['860517022-2', 'CO-NIT'],
	PE: ['20610383727', 'PE-RUC'],
	MX: ['EKU9003173C9', 'MX-RFC'],
	AR: ['20357265992', 'AR-CUIT'],
};

function shiftDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - days);
	return d.toISOString().slice(0, 10);
}

/** Checks a seed request (throws with the reason). */
export function parseSeedOptions(input: unknown): SeedOptions {
	if (!isObject(input)) throw new Error('seed: body must be a JSON object');
	const allowed = ['count', 'accountId', 'documentTypeId', 'issueDate', 'days', 'referencePrefix', 'receiverTaxIdCode', 'receiverLegalName', 'unitPrice', 'status'];
	for (const k of Object.keys(input)) if (!allowed.includes(k)) throw new Error(`seed: unknown option "${k}"`);
	const count = input.count;
	if (!(typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_SEED)) {
		throw new Error(`seed: count must be an integer 1–${MAX_SEED}`);
	}
	const int = (k: string, min: number) => {
		const v = input[k];
		if (v === undefined) return undefined;
		if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new Error(`seed: ${k} must be an integer >= ${min}`);
		return v;
	};
	const text = (k: string) => {
		const v = input[k];
		if (v === undefined) return undefined;
		if (typeof v !== 'string' || v.trim() === '') throw new Error(`seed: ${k} must be a non-empty string`);
		return v;
	};
	const issueDate = text('issueDate');
	if (issueDate !== undefined && !isIsoDate(issueDate)) throw new Error('seed: issueDate must be YYYY-MM-DD');
	const prefix = input.referencePrefix;
	if (prefix !== undefined && prefix !== null && typeof prefix !== 'string') {
		throw new Error('seed: referencePrefix must be a string or null');
	}
	const unitPrice = input.unitPrice;
	if (unitPrice !== undefined && !(typeof unitPrice === 'number' && unitPrice >= 0)) {
		throw new Error('seed: unitPrice must be a number >= 0');
	}
	const status = input.status;
	if (status !== undefined && (!isObject(status) || Object.keys(status).some((k) => !STATUS_FIELDS.includes(k as keyof StatusPatch)))) {
		throw new Error(`seed: status must be an object with ${STATUS_FIELDS.join(', ')}`);
	}
	return {
		count,
		accountId: int('accountId', 1),
		documentTypeId: int('documentTypeId', 1),
		issueDate,
		days: int('days', 1),
		referencePrefix: prefix as string | null | undefined,
		receiverTaxIdCode: text('receiverTaxIdCode'),
		receiverLegalName: text('receiverLegalName'),
		unitPrice: unitPrice as number | undefined,
		status: status as StatusPatch | undefined,
	};
}

export function seedDocuments(core: SandboxCore, o: SeedOptions): SeedResult {
	const accountId = o.accountId ?? DEMO_ACCOUNTS.CL;
	const country = core.accountBook.country(accountId);
	if (!country) throw new Error(`seed: account ${accountId} does not exist`);
	const typeId = o.documentTypeId ?? DOCUMENT_TYPES.find((t) => t.country === country)!.id;
	const latest = o.issueDate ?? new Date().toISOString().slice(0, 10);
	const days = o.days ?? 1;
	const prefix = o.referencePrefix === undefined ? 'SEED-' : o.referencePrefix;
	const [taxId, taxIdType] = RECEIVERS[country];
	let first: number | null = null;
	let last: number | null = null;
	for (let n = 1; n <= o.count; n++) {
		const body: JsonObject = {
			header: {
				account_id: accountId,
				document_type_id: typeId,
				issue_date: shiftDays(latest, (o.count - n) % days),
				receiver_tax_id_code: o.receiverTaxIdCode ?? taxId,
				receiver_tax_id_type: taxIdType,
				receiver_legal_name: o.receiverLegalName ?? `Cliente Seed ${n}`,
			},
			details: [
				{ quantity: 1, line_description: `Seeded line ${n}`, unit_measure: 'UN', unit_price: (o.unitPrice ?? 1000) * (1 + ((n - 1) % 10)) },
			],
			...(prefix === null
				? {}
				: { references: [{ reference_type: 802, reference_number: `${prefix}${n}`, reference_code: 5, description: 'Seed' }] }),
		};
		const outcome = prepareDocument(body, core.accounts, core.origin);
		if (outcome.kind !== 'ok') {
			throw new Error(`seed: document ${n} is not valid: ${outcome.kind === 'bad-request' ? outcome.error : outcome.message}`);
		}
		const doc = commitDocument(core, outcome.prepared, 'seed');
		if (o.status) {
			for (const [k, v] of Object.entries(o.status)) doc.header[k] = v;
			const ds = toNumber(o.status.document_status);
			if (ds !== undefined) doc.document_status = ds;
		}
		first ??= doc.document_id;
		last = doc.document_id;
	}
	core.counters.seeded += o.count;
	return { created: o.count, first_document_id: first, last_document_id: last, documents_stored: core.store.size };
}
