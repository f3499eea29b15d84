import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MIPYME_DOCUMENT_TYPES } from '../../data';
import { fileBaseName, filesToBinary, type DocumentFiles } from '../../output';
import { validateTaxId } from '../../validation/taxIds';
import { credentialSecrets, getMipymeDocument, mipymeStatusError, redact } from '../../transport';
import { transportOptions } from '../common.descriptions';
import type { ItemContext } from '../context';

const show = { resource: ['document'], operation: ['getMipyme'] };

export const description: INodeProperties[] = [
	{
		displayName:
			"Retrieves a document issued in SII's free MIPYME system (Chile), with the PFX certificate used there. Part of Koywe's factoring plan.",
		name: 'mipymeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Certificate Source',
		name: 'certificateSource',
		type: 'options',
		noDataExpression: true,
		default: 'binary',
		options: [
			{
				name: 'Binary File on the Input Item',
				value: 'binary',
				description:
					'A .pfx/.p12 file read earlier in the workflow (e.g. by a Read File or HTTP Request node)',
			},
			{
				name: 'Base64 Text',
				value: 'base64',
				description: 'The whole PFX file encoded as base64 text',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Input Binary Field',
		name: 'certificateBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field on the input item that holds the PFX certificate',
		displayOptions: { show: { ...show, certificateSource: ['binary'] } },
	},
	{
		displayName: 'Certificate (Base64)',
		name: 'certificateBase64',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The PFX certificate file encoded as base64',
		displayOptions: { show: { ...show, certificateSource: ['base64'] } },
	},
	{
		displayName: 'Certificate Password',
		name: 'certificatePassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'Password of the PFX certificate (the one used in MIPYME)',
		displayOptions: { show },
	},
	{
		displayName: 'Company RUT',
		name: 'taxIdCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: '76399932-7',
		description:
			'RUT of the company that issued the document, without dots and with hyphen. It must match the certificate.',
		displayOptions: { show },
	},
	{
		displayName: 'Document Type (SII Code)',
		name: 'documentTypeTaxbureau',
		type: 'options',
		default: '33',
		options: MIPYME_DOCUMENT_TYPES.map((type) => ({
			name: `${type.code} - ${type.name} (${type.englishName})`,
			value: type.code,
		})),
		description:
			'SII code of the document type. Choose from the list, or specify a code using an expression.',
		displayOptions: { show },
	},
	{
		displayName: 'Folio',
		name: 'documentNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12345',
		description: 'Folio (document number) of the document in MIPYME',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...transportOptions],
	},
];

export async function execute(
	this: IExecuteFunctions,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const node = this.getNode();
	const source = this.getNodeParameter('certificateSource', itemIndex, 'binary') as string;
	let certificate: string;
	if (source === 'binary') {
		const property = String(this.getNodeParameter('certificateBinaryProperty', itemIndex, 'data'));
		if (!context.item.binary?.[property]) {
			throw new NodeOperationError(
				node,
				`The input item has no binary field "${property}" with the PFX certificate`,
				{
					itemIndex,
					description:
						'Read the .pfx file earlier in the workflow (e.g. with Read/Write Files from Disk), or set "Input Binary Field" to the field that holds it, or choose "Base64 Text".',
				},
			);
		}
		certificate = (await this.helpers.getBinaryDataBuffer(itemIndex, property)).toString('base64');
	} else {
		certificate = String(this.getNodeParameter('certificateBase64', itemIndex, '')).replace(
			/\s+/g,
			'',
		);
	}
	const password = String(this.getNodeParameter('certificatePassword', itemIndex, ''));
	const taxIdCode = String(this.getNodeParameter('taxIdCode', itemIndex, '')).trim();
	const documentType = String(
		this.getNodeParameter('documentTypeTaxbureau', itemIndex, '33'),
	).trim();
	const folio = String(this.getNodeParameter('documentNumber', itemIndex, '')).trim();

	const problems: string[] = [];
	if (!certificate) problems.push('Certificate: empty');
	else if (!/^[A-Za-z0-9+/]+={0,2}$/.test(certificate))
		problems.push('Certificate (Base64): not valid base64 text');
	if (!password) problems.push('Certificate Password: empty');
	const rutProblem = taxIdCode ? validateTaxId('CL-RUT', taxIdCode) : 'empty';
	if (rutProblem) problems.push(`Company RUT: ${rutProblem}`);
	if (!/^\d+$/.test(documentType))
		problems.push(`Document Type: "${documentType}" is not an SII code such as 33`);
	if (!/^\d+$/.test(folio)) problems.push(`Folio: "${folio}" must be a number such as 12345`);
	if (problems.length) {
		throw new NodeOperationError(node, `Item ${itemIndex}: ${problems[0]}`, {
			itemIndex,
			description: `Nothing was sent to Koywe. Fix: ${problems.join('; ')}.`,
		});
	}

	const body = await getMipymeDocument(context, {
		certificate,
		certificatePassword: password,
		taxIdCode,
		documentType,
		folio,
	});
	const status = Number(body.status);
	const koyweMessage = redact(
		String(
			[body.error_message, body.message, body.error].find(
				(text) => typeof text === 'string' && text !== '',
			) ?? '',
		).slice(0, 500),
		[password, certificate, ...(await credentialSecrets.call(this))],
	);

	if (status !== 0) {
		throw mipymeStatusError(node, itemIndex, { status: body.status, koyweMessage });
	}

	const document = (
		body.document && typeof body.document === 'object' ? body.document : {}
	) as IDataObject;
	const electronic = (body.electronic_document ??
		document.electronic_document ??
		{}) as IDataObject;
	const pick = (key: string) => {
		const value = document[key] ?? body[key] ?? electronic[key];
		return typeof value === 'string' && value ? value : undefined;
	};
	const files: DocumentFiles = { pdf: pick('document_pdf'), xml: pick('document_xml') };
	const json: IDataObject = {
		status: 0,
		message: koyweMessage,
		document_type_taxbureau: documentType,
		document_number: folio,
		tax_id_code: taxIdCode,
	};
	for (const [key, value] of Object.entries(document)) {
		if (!['document_pdf', 'document_xml', 'electronic_document'].includes(key)) json[key] = value;
	}
	json.files_available = Object.keys(files).filter((key) => files[key as keyof DocumentFiles]);
	json.attempts = context.trace.attempts;
	const output: INodeExecutionData = { json };
	const binary = await filesToBinary.call(
		this,
		files,
		fileBaseName('CL', { document_type_taxbureau: documentType, document_number: folio }),
	);
	if (binary) output.binary = binary;
	return [output];
}
