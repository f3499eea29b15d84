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

export function fileFacts(doc: StoredDocument): FileFacts {
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

/** Builds the document's XML (and PDF unless its type has none) from what is stored. */
function attachFiles(doc: StoredDocument): void {
	const facts = fileFacts(doc);
	doc.electronic_document = { document_xml: Buffer.from(buildXml(facts), 'utf8').toString('base64') };
	if (DOCUMENT_TYPES_BY_ID.get(doc.document_type_id)!.pdf) {
		doc.electronic_document.document_pdf = documentPdf(facts).toString('base64');
	}
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

	/** The highest folio used so far for (account, type), 0 when none (document_types' last_sequence_number). */
	lastSequence(accountId: number, typeId: number): number {
		return this.lastFolio.get(`${accountId}:${typeId}`) ?? 0;
	}

	private takeFolio(key: string, forced: number | null): number {
		const documentNumber = forced ?? (this.lastFolio.get(key) ?? 0) + 1;
		if (forced === null || forced > (this.lastFolio.get(key) ?? 0)) this.lastFolio.set(key, documentNumber);
		let used = this.usedFolios.get(key);
		if (!used) {
			used = new Set();
			this.usedFolios.set(key, used);
		}
		used.add(documentNumber);
		return documentNumber;
	}

	/** Stores the document. folioLimit: after that many folios per (account,type), store without folio (status 2). */
	commit(p: PreparedDocument, folioLimit: number | null, source: StoredDocument['source'] = 'api'): StoredDocument {
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
			documentNumber = this.takeFolio(key, p.forcedNumber);
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
			source,
			created_at: new Date().toISOString(),
			updated_at: null,
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
		if (sent) attachFiles(doc);
		this.docs.push(doc);
		this.byId.set(doc.document_id, doc);
		return doc;
	}

	/** Replaces a draft's content with a re-checked body (PUT /documents/{id}); it stays a draft without folio. */
	updateDraft(doc: StoredDocument, p: PreparedDocument): void {
		doc.account_id = p.accountId;
		doc.country = p.country;
		doc.document_type_id = p.type.id;
		doc.document_type_taxbureau = p.type.taxBureauCode;
		doc.issue_date = p.issueDate;
		doc.header = {
			...p.header,
			document_number: null,
			document_status: doc.document_status,
			taxbureau_sending_status: doc.header.taxbureau_sending_status ?? null,
			taxbureau_validation_status: doc.header.taxbureau_validation_status ?? null,
		};
		doc.details = p.details;
		doc.references = p.references;
		doc.global_modifiers = p.globalModifiers;
		doc.totals = p.totals;
		doc.options = p.options;
		doc.payment_link = p.paymentLink;
		doc.updated_at = new Date().toISOString();
	}

	/** Forgets a document (DELETE of a draft). */
	remove(id: number): boolean {
		if (!this.byId.delete(id)) return false;
		this.docs = this.docs.filter((d) => d.document_id !== id);
		return true;
	}

	/**
	 * A copy of a stored document under a new id (and the next folio when it has one), as if someone else had just
	 * issued it (listGrowth fault). Its 802 reference numbers get a suffix so that it is no duplicate.
	 */
	insertCopy(original: StoredDocument, source: StoredDocument['source']): StoredDocument {
		const doc = JSON.parse(JSON.stringify(original)) as StoredDocument;
		doc.document_id = this.nextId++;
		doc.source = source;
		doc.ambiguous = null;
		doc.created_at = new Date().toISOString();
		doc.updated_at = null;
		if (original.document_number !== null) {
			doc.document_number = this.takeFolio(`${doc.account_id}:${doc.document_type_id}`, null);
		}
		doc.header.document_number = doc.document_number;
		for (const ref of doc.references ?? []) {
			if (isRef802(ref)) ref.reference_number = `${toText(ref.reference_number)}~${doc.document_id}`;
		}
		if (doc.electronic_document) attachFiles(doc);
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
