/**
 * SII document codes accepted by `POST /mipyme_get_document` (`document_type_taxbureau`, sent as a string).
 * Koywe API reference notes §3.5 and §4.4. `koyweDocumentTypeId` maps to the issuing Koywe type.
 */

export interface MipymeDocumentType {
	/** SII code, as the string to send. */
	code: string;
	name: string;
	englishName: string;
	koyweDocumentTypeId: number;
}

// prettier-ignore
export const MIPYME_DOCUMENT_TYPES: readonly MipymeDocumentType[] = [
	{ code: '33', name: 'Factura electrónica', englishName: 'Electronic invoice', koyweDocumentTypeId: 2 },
	{ code: '34', name: 'Factura no afecta o exenta electrónica', englishName: 'Exempt electronic invoice', koyweDocumentTypeId: 32 },
	{ code: '39', name: 'Boleta electrónica', englishName: 'Electronic receipt', koyweDocumentTypeId: 37 },
	{ code: '41', name: 'Boleta no afecta o exenta electrónica', englishName: 'Exempt electronic receipt', koyweDocumentTypeId: 41 },
	{ code: '46', name: 'Factura de compra electrónica', englishName: 'Electronic purchase invoice', koyweDocumentTypeId: 31 },
	{ code: '52', name: 'Guía de despacho electrónica', englishName: 'Electronic dispatch guide', koyweDocumentTypeId: 54 },
	{ code: '56', name: 'Nota de débito electrónica', englishName: 'Electronic debit note', koyweDocumentTypeId: 17 },
	{ code: '61', name: 'Nota de crédito electrónica', englishName: 'Electronic credit note', koyweDocumentTypeId: 16 },
	{ code: '110', name: 'Factura de exportación electrónica', englishName: 'Electronic export invoice', koyweDocumentTypeId: 46 },
	{ code: '111', name: 'Nota de débito de exportación electrónica', englishName: 'Electronic export debit note', koyweDocumentTypeId: 47 },
	{ code: '112', name: 'Nota de crédito de exportación electrónica', englishName: 'Electronic export credit note', koyweDocumentTypeId: 48 },
];

/** `status` values returned by /mipyme_get_document (4 is not documented). */
export const MIPYME_STATUS: Readonly<Record<number, string>> = {
	0: 'Success',
	1: 'Invalid parameters',
	2: 'Certificate error',
	3: 'SII login error',
	5: 'Document not found',
};
