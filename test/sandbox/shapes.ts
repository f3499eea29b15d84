/**
 * The shapes a stored document is answered in: nested (create answer, GET by id, 'full' list items) and the
 * flat SimplifiedDocument of the list.
 */
import { stampPng } from './files';
import type { JsonObject, ListItemShape, StoredDocument } from './types';
import { toNumber } from './util';

/** The nested shape (create answer / GET by id / 'full' list items). */
export function fullDocument(
	doc: StoredDocument,
	origin: string,
	files: { include: boolean; stamp: boolean },
): JsonObject {
	const out: JsonObject = {
		document_id: doc.document_id,
		header: { ...doc.header },
		details: doc.details.map((d) => ({ ...d })),
		references: doc.references ? doc.references.map((r) => ({ ...r })) : null,
		global_modifiers: doc.global_modifiers,
		totals: { ...doc.totals },
	};
	if (files.include) {
		if (doc.electronic_document) {
			const ed: JsonObject = { ...doc.electronic_document };
			if (files.stamp) ed.stamp_img = stampPng(doc.document_id).toString('base64');
			out.electronic_document = ed;
		} else {
			out.electronic_document = null;
		}
	}
	out.payment_link = doc.payment_link;
	out.result = { status: doc.result_status, error_message: doc.result_message };
	out._links = { self: { href: `${origin}/V1/documents/${doc.document_id}` } };
	return out;
}

function amountText(value: unknown): string {
	return (toNumber(value) ?? 0).toFixed(2);
}

/** Flat SimplifiedDocument (reference §3.2), amounts as strings. */
export function simplifiedDocument(doc: StoredDocument): JsonObject {
	const h = doc.header;
	return {
		document_id: doc.document_id,
		account_id: doc.account_id,
		taxbureau_sending_status: h.taxbureau_sending_status ?? null,
		taxbureau_validation_status: h.taxbureau_validation_status ?? null,
		issue_date: doc.issue_date,
		document_number: doc.document_number,
		document_type_id: doc.document_type_id,
		issuer_tax_id_code: h.issuer_tax_id_code ?? null,
		issuer_tax_id_type: h.issuer_tax_id_type ?? null,
		receiver_legal_name: h.receiver_legal_name ?? null,
		receiver_tax_id_code: h.receiver_tax_id_code ?? null,
		receiver_tax_id_type: h.receiver_tax_id_type ?? null,
		document_status: doc.document_status,
		currency_id: h.currency_id ?? null,
		received_issued_flag: h.received_issued_flag ?? null,
		net_amount: amountText(doc.totals.net_amount),
		taxes_amount: amountText(doc.totals.taxes_amount),
		total_amount: amountText(doc.totals.total_amount),
		document_type_taxbureau: doc.document_type_taxbureau,
	};
}

export function listItem(doc: StoredDocument, shape: ListItemShape, origin: string): JsonObject {
	return shape === 'full' ? fullDocument(doc, origin, { include: false, stamp: false }) : simplifiedDocument(doc);
}

