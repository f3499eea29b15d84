import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/values';
import { FILE_FIELDS, type DocumentFiles } from './files';

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
