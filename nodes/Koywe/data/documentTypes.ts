/**
 * Koywe document types that this node can ISSUE, per country, plus the documented ids it must not issue.
 *
 * Ids are Koywe's own `document_type_id` values (not tax-bureau codes). Sources (Koywe API reference notes):
 * §4.2 tables for Chile, Peru and Mexico; Colombia and Argentina ids come from the published example
 * requests. Entries with `verified: false` are inferred (name or meaning not stated in any source).
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
	/** false = inferred from the id sequence or examples, not stated by a source. */
	verified: boolean;
	/** Argentina only: ARCA invoice class. */
	arClass?: 'A' | 'B' | 'C' | 'E';
	/** Peru only: first letters a SUNAT series for this type starts with (F001 invoices, B001 receipts…). */
	seriesPrefixes?: readonly string[];
}

const t = (info: DocumentTypeInfo): DocumentTypeInfo => info;

// prettier-ignore
export const DOCUMENT_TYPES: readonly DocumentTypeInfo[] = [
	// ---------------------------------------------------------------- Chile (SII)
	t({ id: 2, country: 'CL', name: 'Factura electrónica', englishName: 'Electronic invoice', taxBureauCode: '33', kind: 'invoice', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 32, country: 'CL', name: 'Factura no afecta o exenta electrónica', englishName: 'Exempt electronic invoice', taxBureauCode: '34', kind: 'exemptInvoice', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 37, country: 'CL', name: 'Boleta electrónica', englishName: 'Electronic receipt', taxBureauCode: '39', kind: 'receipt', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 41, country: 'CL', name: 'Boleta no afecta o exenta electrónica', englishName: 'Exempt electronic receipt', taxBureauCode: '41', kind: 'exemptReceipt', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 16, country: 'CL', name: 'Nota de crédito electrónica', englishName: 'Electronic credit note', taxBureauCode: '61', kind: 'creditNote', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 17, country: 'CL', name: 'Nota de débito electrónica', englishName: 'Electronic debit note', taxBureauCode: '56', kind: 'debitNote', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 46, country: 'CL', name: 'Factura de exportación electrónica', englishName: 'Electronic export invoice', taxBureauCode: '110', kind: 'exportInvoice', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 47, country: 'CL', name: 'Nota de débito de exportación electrónica', englishName: 'Electronic export debit note', taxBureauCode: '111', kind: 'exportDebitNote', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 48, country: 'CL', name: 'Nota de crédito de exportación electrónica', englishName: 'Electronic export credit note', taxBureauCode: '112', kind: 'exportCreditNote', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 54, country: 'CL', name: 'Guía de despacho electrónica', englishName: 'Electronic dispatch guide', taxBureauCode: '52', kind: 'dispatchGuide', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 31, country: 'CL', name: 'Factura de compra electrónica', englishName: 'Electronic purchase invoice (issued by the buyer)', taxBureauCode: '46', kind: 'purchaseInvoice', requiresReceiver: true, requiresReferences: false, verified: true }),

	// ---------------------------------------------------------------- Colombia (DIAN)
	t({ id: 82, country: 'CO', name: 'Factura electrónica de venta', englishName: 'Electronic sales invoice', taxBureauCode: '01', kind: 'invoice', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 83, country: 'CO', name: 'Nota crédito', englishName: 'Credit note', kind: 'creditNote', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 84, country: 'CO', name: 'Nota débito', englishName: 'Debit note', kind: 'debitNote', requiresReceiver: true, requiresReferences: true, verified: true }),
	// POS documents are often issued to walk-in buyers; the examples carry a receiver but no source says it is mandatory.
	t({ id: 87, country: 'CO', name: 'Documento equivalente POS', englishName: 'POS equivalent document', kind: 'pos', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 88, country: 'CO', name: 'Nota crédito de documento equivalente POS', englishName: 'POS equivalent document credit note', kind: 'posCreditNote', requiresReceiver: false, requiresReferences: true, verified: true }),

	// ---------------------------------------------------------------- Peru (SUNAT)
	t({ id: 96, country: 'PE', name: 'Factura', englishName: 'Invoice', taxBureauCode: '01', kind: 'invoice', requiresReceiver: true, requiresReferences: false, verified: true, seriesPrefixes: ['F'] }),
	t({ id: 97, country: 'PE', name: 'Boleta de venta', englishName: 'Sales receipt', taxBureauCode: '03', kind: 'receipt', requiresReceiver: false, requiresReferences: false, verified: true, seriesPrefixes: ['B'] }),
	// 98 is used with both FC01 (invoice notes) and BC01 (receipt notes) in the examples; the receiver may be absent for receipts.
	t({ id: 98, country: 'PE', name: 'Nota de crédito', englishName: 'Credit note', taxBureauCode: '07', kind: 'creditNote', requiresReceiver: false, requiresReferences: true, verified: true, seriesPrefixes: ['F', 'B'] }),
	t({ id: 155, country: 'PE', name: 'Nota de crédito de boleta', englishName: 'Credit note for a sales receipt', taxBureauCode: '07', kind: 'creditNote', requiresReceiver: false, requiresReferences: true, verified: true, seriesPrefixes: ['B'] }),
	t({ id: 99, country: 'PE', name: 'Nota de débito', englishName: 'Debit note', taxBureauCode: '08', kind: 'debitNote', requiresReceiver: false, requiresReferences: true, verified: true, seriesPrefixes: ['F', 'B'] }),
	t({ id: 100, country: 'PE', name: 'Guía de remisión remitente', englishName: 'Shipper remission guide', taxBureauCode: '09', kind: 'remissionGuide', requiresReceiver: false, requiresReferences: false, verified: true, seriesPrefixes: ['T'] }),
	t({ id: 101, country: 'PE', name: 'Guía de remisión transportista', englishName: 'Carrier remission guide', taxBureauCode: '31', kind: 'remissionGuide', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 109, country: 'PE', name: 'Comprobante de retención', englishName: 'Withholding receipt', taxBureauCode: '20', kind: 'retention', requiresReceiver: true, requiresReferences: false, verified: true, seriesPrefixes: ['R'] }),

	// ---------------------------------------------------------------- Mexico (SAT, CFDI 4.0)
	t({ id: 76, country: 'MX', name: 'Factura de ingreso', englishName: 'Income invoice (CFDI type I)', taxBureauCode: 'I', kind: 'income', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 77, country: 'MX', name: 'Factura de egreso', englishName: 'Egress invoice (CFDI type E)', taxBureauCode: 'E', kind: 'egress', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 78, country: 'MX', name: 'Factura de traslado', englishName: 'Transfer invoice (CFDI type T)', taxBureauCode: 'T', kind: 'transfer', requiresReceiver: true, requiresReferences: false, verified: true }),

	// ---------------------------------------------------------------- Argentina (ARCA)
	// Ids and names from the Argentina example requests; 114, 116, 118 and 122 never appear in an example.
	t({ id: 111, country: 'AR', name: 'Factura A', englishName: 'Invoice A', kind: 'invoice', arClass: 'A', requiresReceiver: true, requiresReferences: false, verified: true }),
	t({ id: 112, country: 'AR', name: 'Nota de crédito A', englishName: 'Credit note A', kind: 'creditNote', arClass: 'A', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 113, country: 'AR', name: 'Nota de débito A', englishName: 'Debit note A', kind: 'debitNote', arClass: 'A', requiresReceiver: true, requiresReferences: true, verified: true }),
	t({ id: 114, country: 'AR', name: 'Comprobante ARCA (tipo 114)', englishName: 'ARCA document (type 114, meaning not documented)', kind: 'other', arClass: 'A', requiresReceiver: false, requiresReferences: false, verified: false }),
	t({ id: 115, country: 'AR', name: 'Factura B', englishName: 'Invoice B', kind: 'invoice', arClass: 'B', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 116, country: 'AR', name: 'Nota de crédito B', englishName: 'Credit note B (inferred from the id sequence)', kind: 'creditNote', arClass: 'B', requiresReceiver: false, requiresReferences: true, verified: false }),
	t({ id: 117, country: 'AR', name: 'Nota de débito B', englishName: 'Debit note B', kind: 'debitNote', arClass: 'B', requiresReceiver: false, requiresReferences: true, verified: true }),
	t({ id: 118, country: 'AR', name: 'Comprobante ARCA (tipo 118)', englishName: 'ARCA document (type 118, meaning not documented)', kind: 'other', arClass: 'B', requiresReceiver: false, requiresReferences: false, verified: false }),
	t({ id: 119, country: 'AR', name: 'Factura C', englishName: 'Invoice C (no VAT)', kind: 'invoice', arClass: 'C', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 120, country: 'AR', name: 'Nota de crédito C', englishName: 'Credit note C', kind: 'creditNote', arClass: 'C', requiresReceiver: false, requiresReferences: true, verified: true }),
	t({ id: 121, country: 'AR', name: 'Nota de débito C', englishName: 'Debit note C', kind: 'debitNote', arClass: 'C', requiresReceiver: false, requiresReferences: true, verified: true }),
	t({ id: 122, country: 'AR', name: 'Comprobante ARCA (tipo 122)', englishName: 'ARCA document (type 122, meaning not documented)', kind: 'other', arClass: 'C', requiresReceiver: false, requiresReferences: false, verified: false }),
	t({ id: 123, country: 'AR', name: 'Factura E', englishName: 'Export invoice E', kind: 'exportInvoice', arClass: 'E', requiresReceiver: false, requiresReferences: false, verified: true }),
	t({ id: 124, country: 'AR', name: 'Nota de crédito E', englishName: 'Export credit note E', kind: 'exportCreditNote', arClass: 'E', requiresReceiver: false, requiresReferences: true, verified: true }),
	t({ id: 125, country: 'AR', name: 'Nota de débito E', englishName: 'Export debit note E', kind: 'exportDebitNote', arClass: 'E', requiresReceiver: false, requiresReferences: true, verified: true }),
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
