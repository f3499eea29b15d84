/**
 * Tables the sandbox needs (kept local on purpose: the node has its own tables and the sandbox must not
 * agree with it by construction). Sources: reference koywe-api.md §1, §4.1–4.5; "inferred" marks values no
 * source states.
 */
import type { CountryCode } from './types';

export interface CountryInfo {
	code: CountryCode;
	countryId: number;
	name: string;
	taxBureau: string;
	taxIdType: string;
	defaultCurrencyId: number;
}

export const COUNTRIES: Record<CountryCode, CountryInfo> = {
	CL: { code: 'CL', countryId: 253, name: 'Chile', taxBureau: 'SII', taxIdType: 'CL-RUT', defaultCurrencyId: 39 },
	CO: { code: 'CO', countryId: 66, name: 'Colombia', taxBureau: 'DIAN', taxIdType: 'CO-NIT', defaultCurrencyId: 28 },
	PE: { code: 'PE', countryId: 83, name: 'Peru', taxBureau: 'SUNAT', taxIdType: 'PE-RUC', defaultCurrencyId: 7 },
	MX: { code: 'MX', countryId: 80, name: 'Mexico', taxBureau: 'SAT', taxIdType: 'MX-RFC', defaultCurrencyId: 31 },
	AR: { code: 'AR', countryId: 88, name: 'Argentina', taxBureau: 'ARCA', taxIdType: 'AR-CUIT', defaultCurrencyId: 1 },
};

/** Demo accounts: account id per country (MX is a sandbox invention, the others are the published demo ids). */
export const DEMO_ACCOUNTS: Record<CountryCode, number> = {
	CL: 423,
	CO: 14540,
	PE: 16268,
	MX: 25000,
	AR: 29240,
};

/** Issuer data used to fill header fields the request leaves out. */
export const DEMO_ISSUERS: Record<CountryCode, { taxIdCode: string; legalName: string }> = {
	CL: { taxIdCode: '76399932-7', legalName: 'Demo Chile SpA' },
	CO: { taxIdCode: '860517022-2', legalName: 'Demo Colombia SAS' },
	PE: { taxIdCode: '20610383727', legalName: 'Demo Peru SAC' },
	MX: { taxIdCode: 'EKU9003173C9', legalName: 'ESCUELA KEMPER URGATE' },
	AR: { taxIdCode: '20357265992', legalName: 'Demo Argentina SRL' },
};

export type ReceiverRule = 'required' | 'optional';

export interface DocumentTypeInfo {
	id: number;
	country: CountryCode;
	name: string;
	/** Code at the tax bureau (SII / DIAN / SUNAT / SAT CFDI type / ARCA). */
	taxBureauCode: string;
	receiver: ReceiverRule;
	/** Produces a PDF next to the XML (Colombian POS documents do not). */
	pdf: boolean;
}

function t(
	id: number,
	country: CountryCode,
	name: string,
	taxBureauCode: string,
	receiver: ReceiverRule = 'required',
	pdf = true,
): DocumentTypeInfo {
	return { id, country, name, taxBureauCode, receiver, pdf };
}

/** Issuable document types per country (Koywe ids). */
export const DOCUMENT_TYPES: DocumentTypeInfo[] = [
	// Chile (SII codes; 47/48/54 codes are inferred in the reference)
	t(2, 'CL', 'Factura electronica', '33'),
	t(16, 'CL', 'Nota de credito electronica', '61'),
	t(17, 'CL', 'Nota de debito electronica', '56'),
	t(31, 'CL', 'Factura de compra electronica', '46'),
	t(32, 'CL', 'Factura exenta electronica', '34'),
	t(37, 'CL', 'Boleta electronica', '39', 'optional'),
	t(39, 'CL', 'Liquidacion factura', '40'),
	t(41, 'CL', 'Boleta exenta electronica', '41', 'optional'),
	t(46, 'CL', 'Factura de exportacion electronica', '110'),
	t(47, 'CL', 'Nota de debito de exportacion electronica', '111'),
	t(48, 'CL', 'Nota de credito de exportacion electronica', '112'),
	t(54, 'CL', 'Guia de despacho electronica', '52'),
	// Colombia (DIAN: 01 is in the reference; 91/92 notes, 20 POS and 94 POS note are inferred)
	t(82, 'CO', 'Factura electronica de venta', '01'),
	t(83, 'CO', 'Nota credito', '91'),
	t(84, 'CO', 'Nota debito', '92'),
	t(87, 'CO', 'Documento equivalente POS', '20', 'optional', false),
	t(88, 'CO', 'Nota credito documento equivalente POS', '94', 'optional', false),
	// Sandbox choice: the support document exists in Koywe's docs but its id was not captured; 85 is invented
	// (a gap in the documented Colombian ids) and its DIAN code 05 is inferred.
	t(85, 'CO', 'Documento soporte en adquisiciones a no obligados a facturar', '05'),
	// Peru (SUNAT)
	t(96, 'PE', 'Factura', '01'),
	t(97, 'PE', 'Boleta de venta', '03', 'optional'),
	t(98, 'PE', 'Nota de credito', '07'),
	t(99, 'PE', 'Nota de debito', '08'),
	t(100, 'PE', 'Guia de remision remitente', '09'),
	t(101, 'PE', 'Guia de remision transportista', '31'),
	t(109, 'PE', 'Comprobante de retencion', '20'),
	t(155, 'PE', 'Nota de credito de boleta', '07', 'optional'),
	// Mexico (CFDI type)
	t(76, 'MX', 'Factura de ingreso', 'I'),
	t(77, 'MX', 'Factura de egreso', 'E'),
	t(78, 'MX', 'Factura de traslado', 'T'),
	// Argentina (ARCA codes; 114/116/118/122 names are inferred from the numbering)
	t(111, 'AR', 'Factura A', '1'),
	t(112, 'AR', 'Nota de credito A', '3'),
	t(113, 'AR', 'Nota de debito A', '2'),
	t(114, 'AR', 'Recibo A', '4'),
	t(115, 'AR', 'Factura B', '6', 'optional'),
	t(116, 'AR', 'Nota de credito B', '8', 'optional'),
	t(117, 'AR', 'Nota de debito B', '7', 'optional'),
	t(118, 'AR', 'Recibo B', '9', 'optional'),
	t(119, 'AR', 'Factura C', '11', 'optional'),
	t(120, 'AR', 'Nota de credito C', '13', 'optional'),
	t(121, 'AR', 'Nota de debito C', '12', 'optional'),
	t(122, 'AR', 'Recibo C', '15', 'optional'),
	t(123, 'AR', 'Factura E', '19'),
	t(124, 'AR', 'Nota de credito E', '21'),
	t(125, 'AR', 'Nota de debito E', '20'),
];

/** Received (not issuable) types listed by GET /document_types (received_issued_flag 0). */
export const RECEIVED_DOCUMENT_TYPES: ReadonlyArray<{ id: number; country: CountryCode; name: string }> = [
	{ id: 9, country: 'CL', name: 'Factura electronica recibida' },
	{ id: 28, country: 'CL', name: 'Nota de credito electronica recibida' },
	{ id: 30, country: 'CL', name: 'Factura de compra electronica recibida' },
	{ id: 33, country: 'CL', name: 'Factura exenta electronica recibida' },
	{ id: 34, country: 'CL', name: 'Nota de debito electronica recibida' },
	{ id: 38, country: 'CL', name: 'Boleta electronica recibida' },
	{ id: 40, country: 'CL', name: 'Liquidacion factura recibida' },
	{ id: 42, country: 'CL', name: 'Boleta exenta electronica recibida' },
	{ id: 110, country: 'PE', name: 'Comprobante de retencion recibido' },
	{ id: 79, country: 'MX', name: 'Factura de ingreso recibida' },
	{ id: 80, country: 'MX', name: 'Factura de egreso recibida' },
	{ id: 81, country: 'MX', name: 'Factura de traslado recibida' },
];

/** Credit types (charged_credit_flag 0 in GET /document_types); every other type is a charge (1). */
export const CREDIT_DOCUMENT_TYPE_IDS: ReadonlySet<number> = new Set([
	16, 28, 48, 83, 88, 98, 155, 77, 80, 112, 116, 120, 124,
]);

export const DOCUMENT_TYPES_BY_ID: ReadonlyMap<number, DocumentTypeInfo> = new Map(
	DOCUMENT_TYPES.map((d) => [d.id, d]),
);

/** SII document codes accepted by /mipyme_get_document. */
export const SII_CODES: readonly string[] = ['33', '34', '39', '41', '43', '46', '52', '56', '61', '110', '111', '112'];

export function countryOfAccount(accounts: Record<CountryCode, number>, accountId: number): CountryCode | undefined {
	for (const code of Object.keys(accounts) as CountryCode[]) {
		if (accounts[code] === accountId) return code;
	}
	return undefined;
}
