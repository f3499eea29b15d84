/**
 * GET /documents filters (everything except pagination).
 */
import type { JsonObject, StoredDocument } from './types';
import { isIsoDate, toNumber, toText } from './util';

function normaliseTaxId(value: unknown): string {
	return toText(value).replace(/[.\s]/g, '').toUpperCase();
}

export type FilterOutcome = { ok: true; documents: StoredDocument[] } | { ok: false; error: string };

/** GET /documents filters (everything except pagination). */
export function filterDocuments(all: StoredDocument[], q: URLSearchParams): FilterOutcome {
	const get = (k: string): string | undefined => {
		const v = q.get(k);
		return v === null || v.trim() === '' ? undefined : v.trim();
	};
	const numeric: Record<string, number | undefined> = {};
	for (const k of [
		'document_type_id',
		'reference_document_id',
		'reference_code',
		'account_id',
		'taxbureau_sending_status',
		'taxbureau_validation_status',
		'document_status',
		'received_issued_flag',
		'min_total_amount',
		'max_total_amount',
	]) {
		const v = get(k);
		if (v === undefined) continue;
		const n = toNumber(v);
		if (n === undefined) return { ok: false, error: `Invalid input: ${k} must be a number` };
		numeric[k] = n;
	}
	const from = get('issue_date_from');
	const to = get('issue_date_to');
	for (const [k, v] of [
		['issue_date_from', from],
		['issue_date_to', to],
	] as const) {
		if (v !== undefined && !isIsoDate(v)) return { ok: false, error: `Invalid input: ${k} must be YYYY-MM-DD` };
	}
	const orderBy = get('order_by');
	if (orderBy !== undefined && !['asc', 'desc', 'id_asc', 'id_desc'].includes(orderBy)) {
		return { ok: false, error: 'Invalid input: order_by must be asc or desc (issue date), or id_asc or id_desc' };
	}
	const documentNumber = get('document_number');
	const receiverTaxId = get('receiver_tax_id_code');
	const receiverName = get('receiver_legal_name')?.toLowerCase();
	const refType = get('reference_type');
	const refNumber = get('reference_number');
	const refDocId = numeric.reference_document_id;
	const refCode = numeric.reference_code;
	const anyRefFilter =
		refType !== undefined || refNumber !== undefined || refDocId !== undefined || refCode !== undefined;

	const matchesRef = (ref: JsonObject): boolean =>
		(refType === undefined || toText(ref.reference_type) === refType) &&
		(refNumber === undefined || toText(ref.reference_number) === refNumber) &&
		(refDocId === undefined || toNumber(ref.reference_document_id) === refDocId) &&
		(refCode === undefined || toNumber(ref.reference_code) === refCode);

	const eq = (k: string, actual: unknown): boolean => numeric[k] === undefined || toNumber(actual) === numeric[k];

	const out = all.filter((doc) => {
		const h = doc.header;
		if (!eq('document_type_id', doc.document_type_id)) return false;
		if (!eq('account_id', doc.account_id)) return false;
		if (!eq('taxbureau_sending_status', h.taxbureau_sending_status)) return false;
		if (!eq('taxbureau_validation_status', h.taxbureau_validation_status)) return false;
		if (!eq('document_status', doc.document_status)) return false;
		if (!eq('received_issued_flag', h.received_issued_flag)) return false;
		if (documentNumber !== undefined && String(doc.document_number) !== documentNumber) return false;
		if (from !== undefined && doc.issue_date < from) return false;
		if (to !== undefined && doc.issue_date > to) return false;
		if (receiverTaxId !== undefined && normaliseTaxId(h.receiver_tax_id_code) !== normaliseTaxId(receiverTaxId)) {
			return false;
		}
		if (receiverName !== undefined && !toText(h.receiver_legal_name).toLowerCase().includes(receiverName)) {
			return false;
		}
		const total = toNumber(doc.totals.total_amount) ?? 0;
		if (numeric.min_total_amount !== undefined && total < numeric.min_total_amount) return false;
		if (numeric.max_total_amount !== undefined && total > numeric.max_total_amount) return false;
		if (anyRefFilter && !(doc.references ?? []).some(matchesRef)) return false;
		return true;
	});
	if (orderBy === 'id_asc' || orderBy === 'id_desc') {
		// Sandbox extension (no source documents it): by document_id only.
		const dir = orderBy === 'id_asc' ? 1 : -1;
		out.sort((a, b) => (a.document_id - b.document_id) * dir);
	} else if (orderBy !== undefined) {
		const dir = orderBy === 'asc' ? 1 : -1;
		out.sort((a, b) =>
			a.issue_date === b.issue_date
				? (a.document_id - b.document_id) * dir
				: (a.issue_date < b.issue_date ? -1 : 1) * dir,
		);
	}
	return { ok: true, documents: out };
}
