/**
 * Koywe document types that this node can ISSUE, per country, plus the documented ids it must not issue.
 *
 * Ids are Koywe's own `document_type_id` values (not tax-bureau codes). Sources (Koywe API reference notes §4.2):
 * Koywe's Chile table of codes; the Colombian examples of the Postman collection and the docs (seed 004); ROW's
 * (Koywe's white-label copy) Peru and Mexico tables, with Koywe's Peru series page; the Argentina examples of an
 * unmerged Postman pull request (PM12). `verified: false` = one source only, or inferred; `warnOnUse` = no source
 * says what the id means. English names are Title Case for the form (English first, the legal name in brackets).
 */

import type { CountryCode } from './countries';
import { findById } from './lookup';

export type DocumentKind =
	| 'invoice'
	| 'exemptInvoice'
	| 'receipt'
	| 'exemptReceipt'
	| 'creditNote'
	| 'debitNote'
	| 'exportInvoice'
	| 'exportCreditNote'
	| 'exportDebitNote'
	| 'dispatchGuide'
	| 'purchaseInvoice'
	| 'pos'
	| 'posCreditNote'
	| 'remissionGuide'
	| 'retention'
	| 'income'
	| 'egress'
	| 'transfer'
	/** Meaning not documented (some Argentine ids). */
	| 'other';

export interface DocumentTypeInfo {
	/** Koywe `document_type_id`. */
	id: number;
	country: CountryCode;
	/** Name in the country's own term. */
	name: string;
	englishName: string;
	/** Code used by the tax bureau (`document_type_taxbureau`), when known. */
	taxBureauCode?: string;
	kind: DocumentKind;
	/** A receiver with tax id (and its type) must be sent. */
	requiresReceiver: boolean;
	/** At least one entry in `references[]` must point to the corrected document. */
	requiresReferences: boolean;
	/** false = the id or its meaning rests on one source only, or is inferred. */
	verified: boolean;
	/** Where the id and its meaning come from (reference notes §4.2). */
	source: string;
	/** What is uncertain about an entry (a tax-bureau code inferred, a conflicting source). */
	note?: string;
	/**
	 * Set when no source says what the id means: the document is sent as is, with this warning. Not set for ids
	 * whose meaning a single source states (they are only `verified: false`).
	 */
	warnOnUse?: string;
	/** A few words the option shows after the tax-bureau code (e.g. "issued by the buyer"). */
	detail?: string;
	/** Argentina only: ARCA invoice class. */
	arClass?: 'A' | 'B' | 'C' | 'E';
	/** Peru only: first letters a SUNAT series for this type starts with (F001 invoices, B001 receipts…). */
	seriesPrefixes?: readonly string[];
}

const t = (info: DocumentTypeInfo): DocumentTypeInfo => info;

const CL_TABLE = "Koywe's Chile table of codes (docs) and the OAS header description";
const CO_EXAMPLES = "Koywe's Colombian examples (Postman collection and docs, seed 004)";
const PE_TABLES = "ROW's Peru table of codes and Koywe's Peru series page";
const PE_TABLE = "ROW's Peru table of codes only";
const MX_TABLE = "ROW's Mexico table of codes only";
const AR_EXAMPLES = 'the Argentina examples of PM12 (an unmerged Postman pull request) only';

// prettier-ignore
export const DOCUMENT_TYPES: readonly DocumentTypeInfo[] = [
	// ---------------------------------------------------------------- Chile (SII)
	t({ id: 2, country: 'CL', name: 'Factura electrónica', englishName: 'Electronic Invoice', taxBureauCode: '33', kind: 'invoice', requiresReceiver: true, requiresReferences: false, verified: true, source: CL_TABLE }),
	t({ id: 32, country: 'CL', name: 'Factura no afecta o exenta electrónica', englishName: 'Exempt Electronic Invoice', taxBureauCode: '34', kind: 'exemptInvoice', requiresReceiver: true, requiresReferences: false, verified: true, source: CL_TABLE }),
	t({ id: 37, country: 'CL', name: 'Boleta electrónica', englishName: 'Electronic Receipt', taxBureauCode: '39', kind: 'receipt', requiresReceiver: false, requiresReferences: false, verified: true, source: CL_TABLE }),
	t({ id: 41, country: 'CL', name: 'Boleta no afecta o exenta electrónica', englishName: 'Exempt Electronic Receipt', taxBureauCode: '41', kind: 'exemptReceipt', requiresReceiver: false, requiresReferences: false, verified: true, source: CL_TABLE }),
	t({ id: 16, country: 'CL', name: 'Nota de crédito electrónica', englishName: 'Electronic Credit Note', taxBureauCode: '61', kind: 'creditNote', requiresReceiver: true, requiresReferences: true, verified: true, source: CL_TABLE }),
	t({ id: 17, country: 'CL', name: 'Nota de débito electrónica', englishName: 'Electronic Debit Note', taxBureauCode: '56', kind: 'debitNote', requiresReceiver: true, requiresReferences: true, verified: true, source: CL_TABLE }),
	t({ id: 46, country: 'CL', name: 'Factura de exportación electrónica', englishName: 'Electronic Export Invoice', taxBureauCode: '110', kind: 'exportInvoice', requiresReceiver: true, requiresReferences: false, verified: true, source: CL_TABLE }),
	t({ id: 47, country: 'CL', name: 'Nota de débito de exportación electrónica', englishName: 'Electronic Export Debit Note', taxBureauCode: '111', kind: 'exportDebitNote', requiresReceiver: true, requiresReferences: true, verified: true, source: CL_TABLE, note: "SII code 111 inferred from ROW's SII list (Koywe's table row is truncated)" }),
	t({ id: 48, country: 'CL', name: 'Nota de crédito de exportación electrónica', englishName: 'Electronic Export Credit Note', taxBureauCode: '112', kind: 'exportCreditNote', requiresReceiver: true, requiresReferences: true, verified: true, source: CL_TABLE, note: "SII code 112 inferred from ROW's SII list (Koywe's table row is truncated)" }),
	t({ id: 54, country: 'CL', name: 'Guía de despacho electrónica', englishName: 'Electronic Dispatch Guide', taxBureauCode: '52', kind: 'dispatchGuide', requiresReceiver: true, requiresReferences: false, verified: true, source: 'the OAS header description', note: 'SII code 52 inferred (the OAS names the id only)' }),
	t({ id: 31, country: 'CL', name: 'Factura de compra electrónica', englishName: 'Electronic Purchase Invoice', detail: 'issued by the buyer', taxBureauCode: '46', kind: 'purchaseInvoice', requiresReceiver: true, requiresReferences: false, verified: true, source: CL_TABLE }),

	// ---------------------------------------------------------------- Colombia (DIAN)
	t({ id: 82, country: 'CO', name: 'Factura electrónica de venta', englishName: 'Electronic Sales Invoice', taxBureauCode: '01', kind: 'invoice', requiresReceiver: true, requiresReferences: false, verified: true, source: CO_EXAMPLES }),
	t({ id: 83, country: 'CO', name: 'Nota crédito', englishName: 'Credit Note', kind: 'creditNote', requiresReceiver: true, requiresReferences: true, verified: true, source: CO_EXAMPLES }),
	t({ id: 84, country: 'CO', name: 'Nota débito', englishName: 'Debit Note', kind: 'debitNote', requiresReceiver: true, requiresReferences: true, verified: true, source: CO_EXAMPLES }),
	// POS documents are often issued to walk-in buyers; the examples carry a receiver but no source says it is mandatory.
	t({ id: 87, country: 'CO', name: 'Documento equivalente POS', englishName: 'POS Equivalent Document', kind: 'pos', requiresReceiver: false, requiresReferences: false, verified: true, source: CO_EXAMPLES }),
	t({ id: 88, country: 'CO', name: 'Nota crédito de documento equivalente POS', englishName: 'POS Equivalent Document Credit Note', kind: 'posCreditNote', requiresReceiver: false, requiresReferences: true, verified: true, source: CO_EXAMPLES }),

	// ---------------------------------------------------------------- Peru (SUNAT)
	t({ id: 96, country: 'PE', name: 'Factura', englishName: 'Invoice', taxBureauCode: '01', kind: 'invoice', requiresReceiver: true, requiresReferences: false, verified: true, source: PE_TABLES, seriesPrefixes: ['F'] }),
	t({ id: 97, country: 'PE', name: 'Boleta de venta', englishName: 'Sales Receipt', taxBureauCode: '03', kind: 'receipt', requiresReceiver: false, requiresReferences: false, verified: true, source: PE_TABLES, seriesPrefixes: ['B'] }),
	// 98 is used with both FC01 (invoice notes) and BC01 (receipt notes) in the examples; the receiver may be absent for receipts.
	t({ id: 98, country: 'PE', name: 'Nota de crédito', englishName: 'Credit Note', taxBureauCode: '07', kind: 'creditNote', requiresReceiver: false, requiresReferences: true, verified: true, source: PE_TABLES, seriesPrefixes: ['F', 'B'] }),
	t({ id: 155, country: 'PE', name: 'Nota de crédito de boleta', englishName: 'Credit Note for a Sales Receipt', taxBureauCode: '07', kind: 'creditNote', requiresReceiver: false, requiresReferences: true, verified: true, source: PE_TABLES, seriesPrefixes: ['B'], note: 'sources conflict: the docs table has 155 for receipt notes, the Postman collection uses 98 with series BC01 (both are accepted); SUNAT code 07 inferred' }),
	t({ id: 99, country: 'PE', name: 'Nota de débito', englishName: 'Debit Note', taxBureauCode: '08', kind: 'debitNote', requiresReceiver: false, requiresReferences: true, verified: true, source: PE_TABLES, seriesPrefixes: ['F', 'B'] }),
	t({ id: 100, country: 'PE', name: 'Guía de remisión remitente', englishName: 'Shipper Remission Guide', taxBureauCode: '09', kind: 'remissionGuide', requiresReceiver: false, requiresReferences: false, verified: true, source: PE_TABLES, seriesPrefixes: ['T'], note: 'series T002 in the docs, T001 in the Postman collection' }),
	t({ id: 101, country: 'PE', name: 'Guía de remisión transportista', englishName: 'Carrier Remission Guide', taxBureauCode: '31', kind: 'remissionGuide', requiresReceiver: false, requiresReferences: false, verified: false, source: PE_TABLE }),
	t({ id: 109, country: 'PE', name: 'Comprobante de retención', englishName: 'Withholding Receipt', taxBureauCode: '20', kind: 'retention', requiresReceiver: true, requiresReferences: false, verified: true, source: PE_TABLES, seriesPrefixes: ['R'] }),

	// ---------------------------------------------------------------- Mexico (SAT, CFDI 4.0)
	t({ id: 76, country: 'MX', name: 'Factura de ingreso', englishName: 'Income Invoice', detail: 'CFDI type I', taxBureauCode: 'I', kind: 'income', requiresReceiver: true, requiresReferences: false, verified: false, source: MX_TABLE }),
	t({ id: 77, country: 'MX', name: 'Factura de egreso', englishName: 'Egress Invoice', detail: 'CFDI type E, instead of a credit note', taxBureauCode: 'E', kind: 'egress', requiresReceiver: true, requiresReferences: false, verified: false, source: MX_TABLE }),
	t({ id: 78, country: 'MX', name: 'Factura de traslado', englishName: 'Transfer Invoice', detail: 'CFDI type T', taxBureauCode: 'T', kind: 'transfer', requiresReceiver: true, requiresReferences: false, verified: false, source: MX_TABLE }),

	// ---------------------------------------------------------------- Argentina (ARCA)
	// Ids and names from the Argentina example requests; 114, 116, 118 and 122 never appear in an example.
	t({ id: 111, country: 'AR', name: 'Factura A', englishName: 'Invoice A', kind: 'invoice', arClass: 'A', requiresReceiver: true, requiresReferences: false, verified: false, source: AR_EXAMPLES }),
	t({ id: 112, country: 'AR', name: 'Nota de crédito A', englishName: 'Credit Note A', kind: 'creditNote', arClass: 'A', requiresReceiver: true, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
	t({ id: 113, country: 'AR', name: 'Nota de débito A', englishName: 'Debit Note A', kind: 'debitNote', arClass: 'A', requiresReceiver: true, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
	t({ id: 114, country: 'AR', name: 'Comprobante ARCA tipo 114', englishName: 'ARCA Document Type 114', detail: 'meaning not documented', kind: 'other', arClass: 'A', requiresReceiver: false, requiresReferences: false, verified: false, source: 'inferred from the id sequence', warnOnUse: 'no Koywe source describes it' }),
	t({ id: 115, country: 'AR', name: 'Factura B', englishName: 'Invoice B', kind: 'invoice', arClass: 'B', requiresReceiver: false, requiresReferences: false, verified: false, source: AR_EXAMPLES }),
	t({ id: 116, country: 'AR', name: 'Nota de crédito B', englishName: 'Credit Note B', detail: 'inferred from the id sequence', kind: 'creditNote', arClass: 'B', requiresReceiver: false, requiresReferences: true, verified: false, source: 'inferred from the id sequence (PM12 uses 120 for its "Credit Note B", likely a copy error)', warnOnUse: 'no Koywe source describes it; its meaning is inferred from the id sequence' }),
	t({ id: 117, country: 'AR', name: 'Nota de débito B', englishName: 'Debit Note B', kind: 'debitNote', arClass: 'B', requiresReceiver: false, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
	t({ id: 118, country: 'AR', name: 'Comprobante ARCA tipo 118', englishName: 'ARCA Document Type 118', detail: 'meaning not documented', kind: 'other', arClass: 'B', requiresReceiver: false, requiresReferences: false, verified: false, source: 'inferred from the id sequence', warnOnUse: 'no Koywe source describes it' }),
	t({ id: 119, country: 'AR', name: 'Factura C', englishName: 'Invoice C', detail: 'no VAT', kind: 'invoice', arClass: 'C', requiresReceiver: false, requiresReferences: false, verified: false, source: AR_EXAMPLES }),
	t({ id: 120, country: 'AR', name: 'Nota de crédito C', englishName: 'Credit Note C', kind: 'creditNote', arClass: 'C', requiresReceiver: false, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
	t({ id: 121, country: 'AR', name: 'Nota de débito C', englishName: 'Debit Note C', kind: 'debitNote', arClass: 'C', requiresReceiver: false, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
	t({ id: 122, country: 'AR', name: 'Comprobante ARCA tipo 122', englishName: 'ARCA Document Type 122', detail: 'meaning not documented', kind: 'other', arClass: 'C', requiresReceiver: false, requiresReferences: false, verified: false, source: 'inferred from the id sequence', warnOnUse: 'no Koywe source describes it' }),
	t({ id: 123, country: 'AR', name: 'Factura E', englishName: 'Export Invoice E', kind: 'exportInvoice', arClass: 'E', requiresReceiver: false, requiresReferences: false, verified: false, source: AR_EXAMPLES }),
	t({ id: 124, country: 'AR', name: 'Nota de crédito E', englishName: 'Export Credit Note E', kind: 'exportCreditNote', arClass: 'E', requiresReceiver: false, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
	t({ id: 125, country: 'AR', name: 'Nota de débito E', englishName: 'Export Debit Note E', kind: 'exportDebitNote', arClass: 'E', requiresReceiver: false, requiresReferences: true, verified: false, source: AR_EXAMPLES }),
];

/**
 * Documented ids that are NOT issuing types: received counterparts, paper/legacy forms and internal records.
 * `received: true` means the tables describe it as a document received from a supplier.
 */
export interface NonIssuingDocumentType {
	id: number;
	country: CountryCode;
	description: string;
	received: boolean;
}

const n = (
	id: number,
	country: CountryCode,
	description: string,
	received: boolean,
): NonIssuingDocumentType => ({
	id,
	country,
	description,
	received,
});

// prettier-ignore
export const NON_ISSUING_DOCUMENT_TYPES: readonly NonIssuingDocumentType[] = [
	n(9, 'CL', 'Factura electrónica recibida', true),
	n(28, 'CL', 'Nota de crédito electrónica recibida', true),
	n(30, 'CL', 'Factura de compra electrónica recibida', true),
	n(33, 'CL', 'Factura exenta electrónica recibida', true),
	n(34, 'CL', 'Nota de débito electrónica recibida', true),
	n(38, 'CL', 'Boleta electrónica recibida', true),
	n(40, 'CL', 'Liquidación factura recibida', true),
	n(42, 'CL', 'Boleta exenta electrónica recibida', true),
	// 39 "Liquidación factura emitida" is an issued type but not an electronic one this node supports.
	n(39, 'CL', 'Liquidación factura emitida (not supported by this node)', false),
	...[1, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 19, 21, 22, 23, 24, 25, 26, 27, 29, 35, 36, 43, 44].map((id) =>
		n(id, 'CL', 'Paper, legacy or internal record type', false),
	),
	n(102, 'PE', 'Received counterpart of an issued Peruvian type', true),
	n(103, 'PE', 'Received counterpart of an issued Peruvian type', true),
	n(104, 'PE', 'Received counterpart of an issued Peruvian type', true),
	n(105, 'PE', 'Received counterpart of an issued Peruvian type', true),
	n(107, 'PE', 'Received counterpart of an issued Peruvian type', true),
	n(108, 'PE', 'Received counterpart of an issued Peruvian type', true),
	n(110, 'PE', 'Comprobante de retención recibido', true),
	n(79, 'MX', 'Factura de ingreso recibida', true),
	n(80, 'MX', 'Factura de egreso recibida', true),
	n(81, 'MX', 'Factura de traslado recibida', true),
];

/**
 * Id ranges covered by each country's documented table. An id inside a range that is neither an issuing
 * type nor a documented non-issuing type is unknown for that country. Colombia's documented ids have
 * gaps (85, 86) that may hold the support document, whose id was not captured, so those are tolerated.
 */
// prettier-ignore
export const DOCUMENT_TYPE_RANGES: Readonly<Record<CountryCode, { from: number; to: number; tolerated: readonly number[] }>> = {
	CL: { from: 1, to: 54, tolerated: [] },
	CO: { from: 82, to: 88, tolerated: [85, 86] },
	PE: { from: 96, to: 110, tolerated: [] },
	MX: { from: 76, to: 81, tolerated: [] },
	AR: { from: 111, to: 125, tolerated: [] },
};

/** Issuing document types of one country, in table order. */
export function documentTypesFor(country: CountryCode): DocumentTypeInfo[] {
	return DOCUMENT_TYPES.filter((d) => d.country === country);
}

/** Issuing document type by Koywe id (any country). */
export function findDocumentType(id: number | string): DocumentTypeInfo | undefined {
	return findById(DOCUMENT_TYPES, id);
}

/** Documented non-issuing (received, paper, internal) document type by Koywe id. */
export function findNonIssuingDocumentType(id: number): NonIssuingDocumentType | undefined {
	return NON_ISSUING_DOCUMENT_TYPES.find((d) => d.id === id);
}

/** True for credit and debit notes of any flavour (domestic, export, POS). */
export function isNoteKind(kind: DocumentKind): boolean {
	return (
		kind === 'creditNote' ||
		kind === 'debitNote' ||
		kind === 'exportCreditNote' ||
		kind === 'exportDebitNote' ||
		kind === 'posCreditNote'
	);
}
