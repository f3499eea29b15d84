/**
 * In-memory document store: ids, per-(account, type) folio sequences, the stored shape and its files.
 */
import { COUNTRIES, DOCUMENT_TYPES_BY_ID } from './data';
import { buildXml, documentPdf } from './files';
import type { FileFacts } from './files';
import type { JsonObject, StoredDocument } from './types';
import { toNumber, toText } from './util';
import type { PreparedDocument } from './validate';

export const FIRST_DOCUMENT_ID = 1001;

function fileFacts(doc: StoredDocument): FileFacts {
	const type = DOCUMENT_TYPES_BY_ID.get(doc.document_type_id)!;
	return {
		country: doc.country,
		taxBureau: COUNTRIES[doc.country].taxBureau,
		documentTypeName: type.name,
		taxBureauCode: type.taxBureauCode,
		documentNumber: doc.document_number,
		documentId: doc.document_id,
		issueDate: doc.issue_date,
		issuerTaxId: toText(doc.header.issuer_tax_id_code),
		receiverTaxId: toText(doc.header.receiver_tax_id_code),
		receiverName: toText(doc.header.receiver_legal_name),
		netAmount: toNumber(doc.totals.net_amount) ?? 0,
		taxesAmount: toNumber(doc.totals.taxes_amount) ?? 0,
		totalAmount: toNumber(doc.totals.total_amount) ?? 0,
	};
}

function isRef802(ref: JsonObject): boolean {
	return toText(ref.reference_type) === '802' && toText(ref.reference_number) !== '';
}

/** In-memory document store with per-(account, type) folio sequences. */
export class DocumentStore {
	private docs: StoredDocument[] = [];
	private byId = new Map<number, StoredDocument>();
	private nextId = FIRST_DOCUMENT_ID;
	private lastFolio = new Map<string, number>();
	private usedFolios = new Map<string, Set<number>>();

	reset(): void {
		this.docs = [];
		this.byId.clear();
		this.nextId = FIRST_DOCUMENT_ID;
		this.lastFolio.clear();
		this.usedFolios.clear();
	}

	get size(): number {
		return this.docs.length;
	}

	all(): StoredDocument[] {
		return this.docs;
	}

	get(id: number): StoredDocument | undefined {
		return this.byId.get(id);
	}

	folioInUse(accountId: number, typeId: number, n: number): boolean {
		return this.usedFolios.get(`${accountId}:${typeId}`)?.has(n) ?? false;
	}

	/** Number of documents of this type that hold a folio. */
	foliosIssued(accountId: number, typeId: number): number {
		return this.usedFolios.get(`${accountId}:${typeId}`)?.size ?? 0;
	}

	/** Stores the document. folioLimit: after that many folios per (account,type), store without folio (status 2). */
	commit(p: PreparedDocument, folioLimit: number | null): StoredDocument {
		const key = `${p.accountId}:${p.type.id}`;
		let documentNumber: number | null = null;
		let resultStatus: 0 | 2 = 0;
		let resultMessage = '';
		let documentStatus = 1;
		if (p.draft) {
			documentStatus = 0;
		} else if (folioLimit !== null && this.foliosIssued(p.accountId, p.type.id) >= folioLimit) {
			resultStatus = 2;
			documentStatus = 0;
			resultMessage = `No folios available for document type ${p.type.id} (${p.type.name}) on account ${p.accountId}: the draft was stored but not sent to ${COUNTRIES[p.country].taxBureau}. Request a new folio authorization.`;
		} else {
			documentNumber = p.forcedNumber ?? (this.lastFolio.get(key) ?? 0) + 1;
			if (p.forcedNumber === null || p.forcedNumber > (this.lastFolio.get(key) ?? 0)) {
				this.lastFolio.set(key, documentNumber);
			}
			let used = this.usedFolios.get(key);
			if (!used) {
				used = new Set();
				this.usedFolios.set(key, used);
			}
			used.add(documentNumber);
		}
		const sent = documentStatus === 1;
		const doc: StoredDocument = {
			document_id: this.nextId++,
			account_id: p.accountId,
			country: p.country,
			document_type_id: p.type.id,
			document_type_taxbureau: p.type.taxBureauCode,
			document_number: documentNumber,
			issue_date: p.issueDate,
			document_status: documentStatus,
			result_status: resultStatus,
			result_message: resultMessage,
			ambiguous: null,
			created_at: new Date().toISOString(),
			header: {
				...p.header,
				document_number: documentNumber,
				document_status: documentStatus,
				taxbureau_sending_status: sent ? 0 : null,
				taxbureau_validation_status: null,
			},
			details: p.details,
			references: p.references,
			global_modifiers: p.globalModifiers,
			totals: p.totals,
			options: p.options,
			payment_link: p.paymentLink,
			electronic_document: null,
		};
		if (sent) {
			const facts = fileFacts(doc);
			doc.electronic_document = { document_xml: Buffer.from(buildXml(facts), 'utf8').toString('base64') };
			if (p.type.pdf) doc.electronic_document.document_pdf = documentPdf(facts).toString('base64');
		}
		this.docs.push(doc);
		this.byId.set(doc.document_id, doc);
		return doc;
	}

	/** Stored documents whose 802 reference number had already been stored before. */
	duplicates(): number {
		const seen = new Set<string>();
		let duplicates = 0;
		for (const doc of this.docs) {
			const numbers = (doc.references ?? []).filter(isRef802).map((r) => toText(r.reference_number));
			if (numbers.length === 0) continue;
			if (numbers.some((n) => seen.has(n))) duplicates++;
			for (const n of numbers) seen.add(n);
		}
		return duplicates;
	}
}
