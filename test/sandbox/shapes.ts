/**
 * The shapes a stored document is answered in: nested (create answer, GET by id, 'full' list items) and the
 * flat SimplifiedDocument of the list.
 */
import { COUNTRIES } from './data';
import { documentPdf, stampPng } from './files';
import type { JsonObject, ListItemShape, StoredDocument } from './types';
import { toNumber, toText } from './util';
import type { PreparedDocument } from './validate';

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


/**
 * The draft_preview answer (Chile): the document as it would be, document_id null, no folio, nothing stored or
 * sent, and a base64 preview PDF (no XML: nothing was signed).
 */
export function previewDocument(p: PreparedDocument, origin: string): JsonObject {
	const pdf = documentPdf(
		{
			country: p.country,
			taxBureau: COUNTRIES[p.country].taxBureau,
			documentTypeName: p.type.name,
			taxBureauCode: p.type.taxBureauCode,
			documentNumber: null,
			documentId: 0,
			issueDate: p.issueDate,
			issuerTaxId: toText(p.header.issuer_tax_id_code),
			receiverTaxId: toText(p.header.receiver_tax_id_code),
			receiverName: toText(p.header.receiver_legal_name),
			netAmount: toNumber(p.totals.net_amount) ?? 0,
			taxesAmount: toNumber(p.totals.taxes_amount) ?? 0,
			totalAmount: toNumber(p.totals.total_amount) ?? 0,
		},
		true,
	);
	return {
		document_id: null,
		header: {
			...p.header,
			document_number: null,
			document_status: 0,
			taxbureau_sending_status: null,
			taxbureau_validation_status: null,
		},
		details: p.details.map((d) => ({ ...d })),
		references: p.references,
		global_modifiers: p.globalModifiers,
		totals: { ...p.totals },
		electronic_document: { document_pdf: pdf.toString('base64') },
		payment_link: p.paymentLink,
		result: { status: 0, error_message: '' },
		_links: { self: { href: `${origin}/V1/documents` } },
	};
}
