import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/values';
import type { KoyweClient } from './types';

export interface MipymeRequest {
	/** The PFX certificate, base64. */
	certificate: string;
	certificatePassword: string;
	/** RUT of the company that issued the document. */
	taxIdCode: string;
	/** SII code of the document type, e.g. "33". */
	documentType: string;
	folio: string;
}

/**
 * `POST /mipyme_get_document`: a document issued in SII's MIPYME system. A read (it issues nothing), so it is
 * retried like one. Koywe answers HTTP 200 with its own `status`; the caller interprets it.
 */
export async function getMipymeDocument(
	client: KoyweClient,
	request: MipymeRequest,
): Promise<IDataObject> {
	const response = await client.send({
		method: 'POST',
		path: '/mipyme_get_document',
		body: {
			certificate_pfx_base64: request.certificate,
			certificate_password: request.certificatePassword,
			tax_id_code: request.taxIdCode,
			document_type_taxbureau: request.documentType,
			document_number: request.folio,
		},
		idempotent: true,
		purpose: `get MIPYME document ${request.documentType}-${request.folio}`,
	});
	return asObject(response.body);
}
