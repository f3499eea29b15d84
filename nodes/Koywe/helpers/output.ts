import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Base64 fields Koywe embeds in documents; they become binary data, never JSON output. */
const FILE_FIELDS: Array<{ field: string; property: string; extension: string; mimeType: string }> =
	[
		{ field: 'document_pdf', property: 'pdf', extension: 'pdf', mimeType: 'application/pdf' },
		{ field: 'document_xml', property: 'xml', extension: 'xml', mimeType: 'application/xml' },
		{ field: 'stamp_img', property: 'stamp', extension: 'png', mimeType: 'image/png' },
	];

export type DocumentFiles = Partial<Record<'pdf' | 'xml' | 'stamp', string>>;

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** Koywe returns some numbers as strings ("1785.00"); ids are made numbers where they are numeric. */
export function numeric(value: unknown): IDataObject[string] {
	if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	return value as IDataObject[string];
}

/**
 * Splits a Koywe document into the JSON a person reads (key facts first, files listed but not embedded) and the
 * base64 files. Works for the full document shape (`header` nested) and the flat list shape.
 */
export function splitDocument(document: IDataObject): { json: IDataObject; files: DocumentFiles } {
	const header = asObject(document.header);
	const electronic = asObject(document.electronic_document);
	const files: DocumentFiles = {};
	const available: string[] = [];
	const rest: IDataObject = {};
	for (const [key, value] of Object.entries(electronic)) {
		const file = FILE_FIELDS.find((candidate) => candidate.field === key);
		if (file && typeof value === 'string' && value.length > 0) {
			files[file.property as keyof DocumentFiles] = value;
			available.push(file.property);
		} else if (!file) {
			rest[key] = value;
		}
	}
	const json: IDataObject = {
		document_id: numeric(document.document_id),
		document_number: header.document_number ?? document.document_number,
		document_type_id: numeric(header.document_type_id ?? document.document_type_id),
		document_type_taxbureau: header.document_type_taxbureau ?? document.document_type_taxbureau,
		account_id: numeric(header.account_id ?? document.account_id),
		issue_date: header.issue_date ?? document.issue_date,
		document_status: header.document_status ?? document.document_status,
		taxbureau_sending_status: header.taxbureau_sending_status ?? document.taxbureau_sending_status,
		taxbureau_validation_status:
			header.taxbureau_validation_status ?? document.taxbureau_validation_status,
		total_amount: numeric(asObject(document.totals).total_amount ?? document.total_amount),
		result: document.result,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	for (const [key, value] of Object.entries(document)) {
		if (key === 'electronic_document') continue;
		if (!(key in json)) json[key] = value;
	}
	if ('electronic_document' in document) {
		json.electronic_document = { ...rest, files_available: available };
	}
	return { json, files };
}

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
