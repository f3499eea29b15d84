import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { countryByCountryId } from '../../data';
import { fileBaseName, filesToBinary, splitDocument } from '../../output';
import { asObject, text } from '../../shared/values';
import { getDocument } from '../../transport';
import { operationOptions } from '../common.descriptions';
import type { ItemContext } from '../context';
import { inputError } from '../issues';

const displayOptions = { show: { resource: ['document'], operation: ['get'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12345',
		description:
			'Koywe document_id of the document (not its folio). Create and Find by Reference output it.',
	},
	operationOptions([
		{
			displayName: 'Download Files',
			name: 'downloadFiles',
			type: 'boolean',
			default: false,
			description:
				'Whether to output the PDF and XML (and stamp image) as binary data named like CL-33-1234.pdf instead of leaving them out',
		},
		{
			displayName: 'Generate Stamp',
			name: 'generateStamp',
			type: 'boolean',
			default: false,
			description: 'Whether to ask Koywe for the stamp image (timbre electrónico, Chile) as well',
		},
	]),
];

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const documentId = text(this.getNodeParameter('documentId', itemIndex, ''));
	// A folio looks like an ID but is not one: GET /documents/<folio> would fetch another document, or none.
	if (!/^\d+$/.test(documentId)) {
		throw inputError(this.getNode(), itemIndex, [
			{
				path: 'documentId',
				message: `Document ID must be Koywe's numeric document_id (got "${documentId}")`,
				hint: 'Use the document_id from a Create or Find by Reference output. A folio (document_number) is not a document ID: find it with Find by Reference or the document number filter.',
			},
		]);
	}
	const options = context.options;
	const document = await getDocument(context, documentId, options.generateStamp === true);
	const { json, files } = splitDocument(document);
	json.attempts = context.trace.attempts;
	const output: INodeExecutionData = { json };
	if (options.downloadFiles === true) {
		const country = countryByCountryId(Number(asObject(document.header).issuer_country_id));
		const binary = await filesToBinary.call(this, files, fileBaseName(country, json));
		if (binary) output.binary = binary;
	}
	return [output];
}
