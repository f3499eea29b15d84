/**
 * Document rules of the sandbox: input checks, folios, stored shape, list filters and item shapes.
 * Transport concerns (auth, faults, HTTP) live in server.ts.
 */
import { COUNTRIES, DEMO_ISSUERS, DOCUMENT_TYPES_BY_ID, countryOfAccount } from './data';
import type { DocumentTypeInfo } from './data';
import { buildXml, documentPdf, stampPng } from './files';
import type { FileFacts } from './files';
import { isValidCuit, isValidDni, isValidNit, isValidRfc, isValidRuc, isValidRut } from './taxid';
import type { CountryCode, JsonObject, ListItemShape, StoredDocument } from './types';

export const FIRST_DOCUMENT_ID = 1001;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 10;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Number or numeric string -> number; anything else -> undefined. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
		return Number(value.trim());
	}
	return undefined;
}

function toText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return '';
}

function round2(n: number): number {
	return Math.round((n + Number.EPSILON) * 100) / 100;
}

function isTruthyFlag(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

function todayIso(): string {
	return new Date().toISOString().slice(0, 10);
}

function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type PrepareOutcome =
	| { kind: 'bad-request'; error: string }
	| { kind: 'input-error'; message: string; answer: JsonObject }
	| { kind: 'ok'; prepared: PreparedDocument };

export interface PreparedDocument {
	body: JsonObject;
	type: DocumentTypeInfo;
	country: CountryCode;
	accountId: number;
	draft: boolean;
	forcedNumber: number | null;
	header: JsonObject;
	details: JsonObject[];
	references: JsonObject[] | null;
	globalModifiers: JsonObject[] | null;
	totals: JsonObject;
	options: JsonObject;
	paymentLink: JsonObject | null;
	issueDate: string;
}

/** result.status 1 answer: nothing stored, the request echoed back with the reason. */
export function inputError(body: JsonObject, message: string, origin: string): PrepareOutcome & { kind: 'input-error' } {
	return {
		kind: 'input-error',
		message,
		answer: {
			document_id: null,
			header: isObject(body.header) ? { ...body.header } : null,
			details: body.details ?? null,
			references: body.references ?? null,
			totals: body.totals ?? null,
			electronic_document: null,
			payment_link: null,
			result: { status: 1, error_message: message },
			_links: { self: { href: `${origin}/V1/documents` } },
		},
	};
}

function receiverProblem(type: DocumentTypeInfo, header: JsonObject): string | null {
	const code = toText(header.receiver_tax_id_code);
	const idType = toText(header.receiver_tax_id_type).toUpperCase();
	if (code === '') {
		return type.receiver === 'required'
			? `receiver_tax_id_code is required for document type ${type.id} (${type.name})`
			: null;
	}
	const own = COUNTRIES[type.country].taxIdType;
	const checkAsOwn = idType === '' || idType === own;
	switch (type.country) {
		case 'CL':
			if (checkAsOwn && !isValidRut(code)) {
				return `receiver_tax_id_code "${code}" is not a valid RUT (digits, hyphen, check digit; no dots)`;
			}
			break;
		case 'CO':
			if (checkAsOwn && !isValidNit(code)) return `receiver_tax_id_code "${code}" is not a valid NIT`;
			break;
		case 'PE':
			if (idType === 'PE-DNI') {
				if (!isValidDni(code)) return `receiver_tax_id_code "${code}" is not a valid DNI (8 digits)`;
			} else if (checkAsOwn && !isValidRuc(code)) {
				return `receiver_tax_id_code "${code}" is not a valid RUC`;
			}
			break;
		case 'MX':
			if (checkAsOwn && !isValidRfc(code)) return `receiver_tax_id_code "${code}" is not a valid RFC`;
			break;
		case 'AR':
			if (checkAsOwn && !isValidCuit(code)) return `receiver_tax_id_code "${code}" is not a valid CUIT`;
			break;
	}
	return null;
}

interface LineTotals {
	net: number;
	taxes: number;
}

function lineProblems(line: unknown, index: number): { problems: string[]; totals: LineTotals } {
	const problems: string[] = [];
	const where = `details[${index}]`;
	if (!isObject(line)) return { problems: [`${where} must be an object`], totals: { net: 0, taxes: 0 } };
	const quantity = toNumber(line.quantity);
	const unitPrice = toNumber(line.unit_price);
	const description = line.line_description;
	if (quantity === undefined) problems.push(`${where}.quantity is required and must be a number`);
	else if (quantity <= 0) problems.push(`${where}.quantity must be greater than 0`);
	if (unitPrice === undefined) problems.push(`${where}.unit_price is required and must be a number`);
	else if (unitPrice < 0) problems.push(`${where}.unit_price must not be negative`);
	if (typeof description !== 'string' || description.trim() === '') {
		problems.push(`${where}.line_description is required`);
	} else if (description.length > 100) {
		problems.push(`${where}.line_description is longer than 100 characters`);
	}
	let net = (quantity ?? 0) * (unitPrice ?? 0);
	const modifierAmount = toNumber(line.modifier_amount);
	const modifierPercentage = toNumber(line.modifier_percentage);
	if (modifierAmount !== undefined && modifierAmount !== 0) net += modifierAmount;
	else if (modifierPercentage !== undefined && modifierPercentage !== 0) net *= 1 + modifierPercentage / 100;
	let taxes = 0;
	if (line.taxes !== undefined && line.taxes !== null) {
		if (!Array.isArray(line.taxes)) {
			problems.push(`${where}.taxes must be an array`);
		} else {
			line.taxes.forEach((tax, j) => {
				if (!isObject(tax) || toNumber(tax.tax_type_id) === undefined) {
					problems.push(`${where}.taxes[${j}].tax_type_id is required`);
					return;
				}
				const amount = toNumber(tax.tax_amount);
				const pct = toNumber(tax.tax_percentage);
				if (amount !== undefined) taxes += amount;
				else if (pct !== undefined) taxes += (net * pct) / 100;
			});
		}
	}
	return { problems, totals: { net: round2(net), taxes: round2(taxes) } };
}

/**
 * Checks a POST /documents body. Malformed requests are HTTP 400; what Koywe reports as input errors
 * (result.status 1) comes back as 'input-error'.
 */
export function prepareDocument(
	body: unknown,
	accounts: Record<CountryCode, number>,
	origin: string,
): PrepareOutcome {
	if (!isObject(body)) return { kind: 'bad-request', error: 'Invalid input: a JSON object body is required' };
	if (!isObject(body.header)) return { kind: 'bad-request', error: 'Invalid input: header is required' };
	const header = body.header;
	const typeId = toNumber(header.document_type_id);
	const type = typeId === undefined ? undefined : DOCUMENT_TYPES_BY_ID.get(typeId);
	// A Peruvian retention receipt (109) states its amounts per referenced invoice, not in lines.
	const retention = type?.id === 109;
	if (retention && (body.details === undefined || body.details === null)) body.details = [];
	if (!Array.isArray(body.details)) return { kind: 'bad-request', error: 'Invalid input: details must be an array' };
	if (!type) return { kind: 'bad-request', error: 'Invalid document type ID' };

	const problems: string[] = [];
	const accountId = toNumber(header.account_id);
	const country = accountId === undefined ? undefined : countryOfAccount(accounts, accountId);
	if (accountId === undefined) problems.push('header.account_id is required');
	else if (!country) problems.push(`account ${accountId} does not exist or is not available to these credentials`);
	else if (type.country !== country) {
		problems.push(
			`document type ${type.id} (${type.name}) belongs to ${COUNTRIES[type.country].name} and cannot be issued by a ${COUNTRIES[country].name} account`,
		);
	}

	const options = isObject(body.options) ? body.options : {};
	const draft = isTruthyFlag(options.draft_only);
	if (draft && type.country !== 'CL') problems.push('options.draft_only is only available for Chile');

	let issueDate = todayIso();
	if (header.issue_date !== undefined && header.issue_date !== null && header.issue_date !== '') {
		const given = toText(header.issue_date);
		if (!isIsoDate(given)) problems.push('header.issue_date must be a date YYYY-MM-DD');
		else issueDate = given;
	}

	let forcedNumber: number | null = null;
	if (header.document_number !== undefined && header.document_number !== null && header.document_number !== '') {
		const n = toNumber(header.document_number);
		if (n === undefined || !Number.isInteger(n) || n <= 0) {
			problems.push('header.document_number must be a positive integer when given');
		} else forcedNumber = n;
	}

	const receiver = receiverProblem(type, header);
	if (receiver) problems.push(receiver);

	if (body.details.length === 0 && !retention) problems.push('details must contain at least one line');
	let net = 0;
	let taxes = 0;
	body.details.forEach((line, i) => {
		const r = lineProblems(line, i);
		problems.push(...r.problems);
		net += r.totals.net;
		taxes += r.totals.taxes;
	});

	let references: JsonObject[] | null = null;
	if (body.references !== undefined && body.references !== null) {
		if (!Array.isArray(body.references)) problems.push('references must be an array');
		else {
			references = [];
			body.references.forEach((ref, i) => {
				if (!isObject(ref)) {
					problems.push(`references[${i}] must be an object`);
					return;
				}
				const hasNumber = toText(ref.reference_number) !== '';
				const hasId = toText(ref.reference_document_id) !== '';
				if (hasNumber && hasId) {
					problems.push(`references[${i}]: send reference_number or reference_document_id, never both`);
				} else if (!hasNumber && !hasId) {
					problems.push(`references[${i}]: reference_number or reference_document_id is required`);
				}
				references!.push({ ...ref });
			});
			if (references.length === 0) references = null;
		}
	}

	const inputTotals = isObject(body.totals) ? body.totals : {};
	const netAmount = toNumber(inputTotals.net_amount) ?? round2(net);
	const taxesAmount = toNumber(inputTotals.taxes_amount) ?? round2(taxes);
	const totalAmount = toNumber(inputTotals.total_amount) ?? round2(netAmount + taxesAmount);
	const totals: JsonObject = {
		...inputTotals,
		net_amount: netAmount,
		taxes_amount: taxesAmount,
		total_amount: totalAmount.toFixed(2),
	};
	const globalModifiers = Array.isArray(body.globals_discounts_surcharges)
		? (body.globals_discounts_surcharges.filter(isObject) as JsonObject[])
		: null;
	const paymentLink = isObject(body.payment_link) ? { ...body.payment_link } : null;

	if (problems.length > 0 || !country || accountId === undefined) {
		return inputError(body, problems.join('; '), origin);
	}

	const details = (body.details as JsonObject[]).map((line) => {
		const out: JsonObject = { ...line };
		out.quantity = (toNumber(line.quantity) ?? 0).toFixed(6);
		out.unit_price = (toNumber(line.unit_price) ?? 0).toFixed(6);
		return out;
	});

	const issuer = DEMO_ISSUERS[country];
	const info = COUNTRIES[country];
	const outHeader: JsonObject = {
		...header,
		account_id: accountId,
		document_type_id: type.id,
		document_type_taxbureau: type.taxBureauCode,
		received_issued_flag: header.received_issued_flag ?? 1,
		issue_date: issueDate,
		issuer_tax_id_code: header.issuer_tax_id_code ?? issuer.taxIdCode,
		issuer_tax_id_type: header.issuer_tax_id_type ?? info.taxIdType,
		issuer_legal_name: header.issuer_legal_name ?? issuer.legalName,
		issuer_country_id: header.issuer_country_id ?? info.countryId,
		currency_id: header.currency_id ?? info.defaultCurrencyId,
	};

	return {
		kind: 'ok',
		prepared: {
			body,
			type,
			country,
			accountId,
			draft,
			forcedNumber,
			header: outHeader,
			details,
			references,
			globalModifiers: globalModifiers && globalModifiers.length > 0 ? globalModifiers : null,
			totals,
			options: { ...options },
			paymentLink,
			issueDate,
		},
	};
}

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
	if (orderBy !== undefined && orderBy !== 'asc' && orderBy !== 'desc') {
		return { ok: false, error: 'Invalid input: order_by must be asc or desc' };
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
	if (orderBy !== undefined) {
		const dir = orderBy === 'asc' ? 1 : -1;
		out.sort((a, b) =>
			a.issue_date === b.issue_date
				? (a.document_id - b.document_id) * dir
				: (a.issue_date < b.issue_date ? -1 : 1) * dir,
		);
	}
	return { ok: true, documents: out };
}
