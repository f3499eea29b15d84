import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Base64 fields Koywe embeds in documents; they become binary data, never JSON output. */
export const FILE_FIELDS: Array<{
	field: string;
	property: string;
	extension: string;
	mimeType: string;
}> = [
	{ field: 'document_pdf', property: 'pdf', extension: 'pdf', mimeType: 'application/pdf' },
	{ field: 'document_xml', property: 'xml', extension: 'xml', mimeType: 'application/xml' },
	{ field: 'stamp_img', property: 'stamp', extension: 'png', mimeType: 'image/png' },
];

export type DocumentFiles = Partial<Record<'pdf' | 'xml' | 'stamp', string>>;

/** File name like `CL-33-1234.pdf`: country, tax-bureau document code (or Koywe type id), folio. */
export function fileBaseName(country: string | undefined, json: IDataObject): string {
	const type = json.document_type_taxbureau ?? json.document_type_id ?? 'document';
	const folio = json.document_number ?? json.document_id ?? 'draft';
	const safe = (value: unknown) => String(value).replace(/[^A-Za-z0-9._-]+/g, '_');
	return [country, type, folio]
		.filter((part) => part !== undefined && part !== '')
		.map(safe)
		.join('-');
}

/** Turns the document's base64 files into n8n binary data (respects n8n's filesystem/S3 binary modes). */
export async function filesToBinary(
	this: IExecuteFunctions,
	files: DocumentFiles,
	baseName: string,
): Promise<IBinaryKeyData | undefined> {
	const binary: IBinaryKeyData = {};
	for (const file of FILE_FIELDS) {
		const content = files[file.property as keyof DocumentFiles];
		if (!content) continue;
		binary[file.property] = await this.helpers.prepareBinaryData(
			Buffer.from(content, 'base64'),
			`${baseName}.${file.extension}`,
			file.mimeType,
		);
	}
	return Object.keys(binary).length ? binary : undefined;
}
