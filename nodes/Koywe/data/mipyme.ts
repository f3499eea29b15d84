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

/** What a `status` of /mipyme_get_document means, what to do about it, and the HTTP code it is reported as. */
export interface MipymeStatus {
	message: string;
	description: string;
	httpCode: string;
}

/** Statuses other than 0 (success) that Koywe documents for /mipyme_get_document; 4 is not documented. */
export const MIPYME_STATUSES: Readonly<Record<number, MipymeStatus>> = {
	1: {
		message: 'Koywe reported invalid parameters (MIPYME status 1)',
		description: 'Check the RUT (12345678-9, no dots), the SII document code and the folio.',
		httpCode: '400',
	},
	2: {
		message: 'The certificate was refused (MIPYME status 2)',
		description:
			'The PFX certificate is expired, its password is wrong, or it does not belong to the company RUT given. Use the same valid certificate and password you use in MIPYME.',
		httpCode: '400',
	},
	3: {
		message: 'Koywe could not log in to the SII with this certificate (MIPYME status 3)',
		description:
			'The SII rejected the login or is unavailable. Check that the certificate is enrolled at the SII for this company, then try again later.',
		httpCode: '502',
	},
	5: {
		message: 'The document was not found in MIPYME (status 5)',
		description:
			'No document with this SII code and folio exists in MIPYME for this RUT. Documents issued in other (market) systems cannot be retrieved this way.',
		httpCode: '404',
	},
};
