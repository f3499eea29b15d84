/**
 * POST /V1/mipyme_get_document simulation. The outcome is decided by recognisable inputs (MIPYME_TRIGGERS).
 * Status codes follow reference §3.5: 0 ok, 1 invalid parameters, 2 certificate, 3 SII login, 5 not found.
 * Status 4 is never produced (no source says what it means).
 */
import { SII_CODES } from './data';
import { buildXml, documentPdf } from './files';
import { isValidRut } from './taxid';
import type { JsonObject } from './types';

export const MIPYME_PARAMS = [
	'certificate_pfx_base64',
	'certificate_password',
	'tax_id_code',
	'document_type_taxbureau',
	'document_number',
] as const;

export const MIPYME_TRIGGERS = {
	/** status 1: any parameter missing, not a string or empty; certificate not base64; RUT malformed or with a
	 * wrong check digit; document_type_taxbureau not an SII code; document_number not all digits. */
	invalidParameters: 1,
	/** status 2 when certificate_password equals this. */
	wrongCertificatePassword: 'wrong-password',
	/** status 2 when the base64-decoded certificate starts with this. */
	expiredCertificatePrefix: 'EXPIRED',
	/** status 3 (SII login error) for this company RUT. */
	siiLoginErrorTaxId: '11111111-1',
	/** status 5 (document not found) for this folio. */
	notFoundDocumentNumber: '404',
} as const;

export interface MipymeAnswer {
	status: 0 | 1 | 2 | 3 | 5;
	message: string;
	error_message: string;
	document?: JsonObject;
}

function fail(status: MipymeAnswer['status'], message: string): MipymeAnswer {
	return { status, message, error_message: message };
}

export function mipymeGetDocument(body: unknown): MipymeAnswer {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return fail(1, 'Invalid parameters: a JSON object with the five string parameters is required');
	}
	const input = body as JsonObject;
	const wrong = MIPYME_PARAMS.filter((k) => typeof input[k] !== 'string' || (input[k] as string).trim() === '');
	if (wrong.length > 0) {
		return fail(1, `Invalid parameters: ${wrong.join(', ')} must be non-empty strings`);
	}
	const cert = (input.certificate_pfx_base64 as string).replace(/\s+/g, '');
	const password = input.certificate_password as string;
	const taxId = (input.tax_id_code as string).trim();
	const docType = (input.document_type_taxbureau as string).trim();
	const folio = (input.document_number as string).trim();

	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cert) || cert.length % 4 === 1) {
		return fail(1, 'Invalid parameters: certificate_pfx_base64 is not base64');
	}
	if (!isValidRut(taxId)) {
		return fail(1, 'Invalid parameters: tax_id_code must be a RUT like 12345678-9 with a valid check digit');
	}
	if (!SII_CODES.includes(docType)) {
		return fail(1, `Invalid parameters: document_type_taxbureau must be an SII code (${SII_CODES.join(', ')})`);
	}
	if (!/^\d+$/.test(folio)) {
		return fail(1, 'Invalid parameters: document_number must contain digits only');
	}
	if (password === MIPYME_TRIGGERS.wrongCertificatePassword) {
		return fail(2, 'Certificate error: the certificate could not be opened (wrong password)');
	}
	if (Buffer.from(cert, 'base64').toString('latin1').startsWith(MIPYME_TRIGGERS.expiredCertificatePrefix)) {
		return fail(2, 'Certificate error: the certificate has expired');
	}
	if (taxId === MIPYME_TRIGGERS.siiLoginErrorTaxId) {
		return fail(3, 'SII login error: the SII rejected the login with this certificate for this RUT');
	}
	if (folio === MIPYME_TRIGGERS.notFoundDocumentNumber) {
		return fail(5, `Document not found: no MIPYME document ${docType} number ${folio} for ${taxId}`);
	}

	const facts = {
		country: 'CL',
		taxBureau: 'SII',
		documentTypeName: `MIPYME document ${docType}`,
		taxBureauCode: docType,
		documentNumber: Number(folio),
		documentId: 0,
		issueDate: '2024-06-03',
		issuerTaxId: taxId,
		receiverTaxId: '66666666-6',
		receiverName: 'Receptor MIPYME',
		netAmount: 10000,
		taxesAmount: 1900,
		totalAmount: 11900,
	};
	return {
		status: 0,
		message: 'Document retrieved',
		error_message: '',
		document: {
			tax_id_code: taxId,
			document_type_taxbureau: docType,
			document_number: folio,
			issue_date: facts.issueDate,
			receiver_tax_id_code: facts.receiverTaxId,
			total_amount: '11900',
			document_xml: Buffer.from(buildXml(facts), 'utf8').toString('base64'),
			document_pdf: documentPdf(facts).toString('base64'),
		},
	};
}
