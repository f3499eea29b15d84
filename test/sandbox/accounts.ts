/**
 * GET /V1/accounts/{id} (minimal), GET /V1/document_types[/{id}] per account, and the accounts' certification
 * status (changed by a control call, which sends ACCOUNT.CERTIFICATIONUPDATE).
 */
import type { SandboxCore } from './core';
import { COUNTRIES, CREDIT_DOCUMENT_TYPE_IDS, DEMO_ISSUERS, DOCUMENT_TYPES, RECEIVED_DOCUMENT_TYPES, countryOfAccount } from './data';
import { pageLinks, parsePaging } from './paging';
import type { Exchange } from './router';
import type { CountryCode, JsonObject } from './types';
import { koyweDateTime, toNumber } from './util';
import { CERTIFICATION_EVENT } from './webhooks';

/** Sandbox choice: 80 is the one certification status a source shows (a webhook example); its meaning is not documented. */
export const DEFAULT_CERTIFICATION_STATUS = 80;

interface AccountState {
	certification_status: number;
	observations: string | null;
	trace: Array<{ date: string; status: number }>;
}

export class AccountBook {
	private readonly state = new Map<number, AccountState>();

	constructor(private readonly accounts: Record<CountryCode, number>) {}

	country(accountId: number): CountryCode | undefined {
		return countryOfAccount(this.accounts, accountId);
	}

	ids(): number[] {
		return Object.values(this.accounts);
	}

	get(accountId: number): AccountState {
		let s = this.state.get(accountId);
		if (!s) {
			s = { certification_status: DEFAULT_CERTIFICATION_STATUS, observations: null, trace: [] };
			this.state.set(accountId, s);
		}
		return s;
	}

	reset(): void {
		this.state.clear();
	}
}

/** The account answer: top-level account_id, country and certification_status, and OAS's account_created block. */
export function accountAnswer(core: SandboxCore, accountId: number): JsonObject | undefined {
	const country = core.accountBook.country(accountId);
	if (!country) return undefined;
	const info = COUNTRIES[country];
	const s = core.accountBook.get(accountId);
	return {
		account_id: accountId,
		country,
		country_id: info.countryId,
		certification_status: s.certification_status,
		account_created: {
			country_id: info.countryId,
			registration_legal_name_company: DEMO_ISSUERS[country].legalName,
			registration_tax_id_code: DEMO_ISSUERS[country].taxIdCode,
			registration_tax_id_type: info.taxIdType,
			certification_status: s.certification_status,
			certification_status_trace: s.trace.map((t) => ({ ...t })),
		},
	};
}

/** Changes an account's certification status and sends ACCOUNT.CERTIFICATIONUPDATE to its subscriptions. */
export function setCertification(
	core: SandboxCore,
	accountId: number,
	status: number,
	observations: string | null,
): { targets: number; payload: JsonObject } {
	const s = core.accountBook.get(accountId);
	const date = koyweDateTime();
	s.certification_status = status;
	s.observations = observations;
	s.trace.push({ date, status });
	const payload = { event_id: CERTIFICATION_EVENT, account_id: accountId, certification_status: status, observations, date };
	return { targets: core.webhooks.emit(CERTIFICATION_EVENT, accountId, payload).targets, payload };
}

export function getAccount(core: SandboxCore, x: Exchange): void {
	const id = /^\d+$/.test(x.params[0]) ? Number(x.params[0]) : NaN;
	const answer = Number.isNaN(id) ? undefined : accountAnswer(core, id);
	if (!answer) core.send(x.res, 404, { error: 'Account not found' });
	else core.send(x.res, 200, answer);
}

interface TypeRow {
	id: number;
	country: CountryCode;
	name: string;
	issued: boolean;
}

const TYPE_ROWS: readonly TypeRow[] = [
	...DOCUMENT_TYPES.map((t) => ({ id: t.id, country: t.country, name: t.name, issued: true })),
	...RECEIVED_DOCUMENT_TYPES.map((t) => ({ ...t, issued: false })),
].sort((a, b) => a.id - b.id);

function typeItem(core: SandboxCore, row: TypeRow, accountId: number): JsonObject {
	return {
		document_type_id: row.id,
		name: row.name,
		last_sequence_number: core.store.lastSequence(accountId, row.id),
		active_user: row.issued ? 1 : 0,
		active_system: 1,
		received_issued_flag: row.issued ? 1 : 0,
		charged_credit_flag: CREDIT_DOCUMENT_TYPE_IDS.has(row.id) ? 0 : 1,
		// Sandbox addition: which account the row (and its last_sequence_number) belongs to.
		account_id: accountId,
	};
}

/** account_id from the query: undefined when absent, null when it names no account (answered 404). */
function queryAccount(core: SandboxCore, x: Exchange): number | undefined | null {
	const raw = x.url.searchParams.get('account_id');
	if (raw === null || raw.trim() === '') return undefined;
	const n = toNumber(raw);
	if (n === undefined || !core.accountBook.country(n)) {
		core.send(x.res, 404, { error: 'Account not found' });
		return null;
	}
	return n;
}

/** Rows for one account, or for every account of the credential (each row says its account_id). */
function rowsFor(core: SandboxCore, accountId: number | undefined): Array<{ row: TypeRow; accountId: number }> {
	const accounts = accountId === undefined ? core.accountBook.ids() : [accountId];
	return accounts.flatMap((a) => {
		const country = core.accountBook.country(a)!;
		return TYPE_ROWS.filter((r) => r.country === country).map((row) => ({ row, accountId: a }));
	});
}

export function listDocumentTypes(core: SandboxCore, x: Exchange): void {
	const paging = parsePaging(x.url.searchParams);
	if (!paging.ok) return core.send(x.res, 400, { error: paging.error });
	const accountId = queryAccount(core, x);
	if (accountId === null) return;
	const rows = rowsFor(core, accountId);
	const { page, perPage } = paging;
	const pageCount = Math.ceil(rows.length / perPage);
	core.send(x.res, 200, {
		_links: pageLinks(`${core.baseUrl}/document_types`, x.url.searchParams, page, perPage, pageCount),
		document_types: rows.slice((page - 1) * perPage, page * perPage).map((r) => typeItem(core, r.row, r.accountId)),
		page_count: pageCount,
		page_size: perPage,
		total_items: rows.length,
		page,
	});
}

export function getDocumentType(core: SandboxCore, x: Exchange): void {
	const accountId = queryAccount(core, x);
	if (accountId === null) return;
	const id = /^\d+$/.test(x.params[0]) ? Number(x.params[0]) : NaN;
	const found = rowsFor(core, accountId).find((r) => r.row.id === id);
	if (!found) return core.send(x.res, 404, { error: 'Document type not found' });
	core.send(x.res, 200, typeItem(core, found.row, found.accountId));
}
