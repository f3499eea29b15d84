import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MIPYME_DOCUMENT_TYPES } from '../../data';
import { fileBaseName, filesToBinary, type DocumentFiles } from '../../output';
import { text } from '../../shared/values';
import { validateTaxId } from '../../validation';
import { credentialSecrets, getMipymeDocument, mipymeStatusError, redact } from '../../transport';
import { operationOptions } from '../common.descriptions';
import type { ItemContext } from '../context';
import { inputError, type InputIssue } from '../issues';

const displayOptions = { show: { resource: ['document'], operation: ['getMipyme'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			"Retrieves a document issued in SII's free MIPYME system (Chile), with the PFX certificate used there. Part of Koywe's factoring plan.",
		name: 'mipymeNotice',
		type: 'notice',
		default: '',
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
	},
	{
		displayName: 'Input Binary Field',
		name: 'certificateBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field on the input item that holds the PFX certificate',
		displayOptions: { show: { certificateSource: ['binary'] } },
	},
	{
		displayName: 'Certificate (Base64)',
		name: 'certificateBase64',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The PFX certificate file encoded as base64',
		displayOptions: { show: { certificateSource: ['base64'] } },
	},
	{
		displayName: 'Certificate Password',
		name: 'certificatePassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'Password of the PFX certificate (the one used in MIPYME)',
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
	},
	{
		displayName: 'Folio',
		name: 'documentNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12345',
		description: 'Folio (document number) of the document in MIPYME',
	},
	operationOptions([]),
];

export const description = updateDisplayOptions(displayOptions, properties);

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DIGITS = /^\d+$/;

export async function execute(
	this: IExecuteFunctions,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const node = this.getNode();
	const issues: InputIssue[] = [];
	const source = this.getNodeParameter('certificateSource', itemIndex, 'binary') as string;
	let certificate: string | undefined;
	let sourceField = 'certificateBase64';
	if (source === 'binary') {
		const property = String(this.getNodeParameter('certificateBinaryProperty', itemIndex, 'data'));
		sourceField = 'certificateBinaryProperty';
		if (context.item.binary?.[property]) {
			const file = await this.helpers.getBinaryDataBuffer(itemIndex, property);
			certificate = file.toString('base64');
		} else {
			issues.push({
				path: sourceField,
				message: `The input item has no binary field "${property}" with the PFX certificate`,
				hint: 'Read the .pfx file earlier in the workflow (e.g. with Read/Write Files from Disk), or set "Input Binary Field" to the field that holds it, or choose "Base64 Text".',
			});
		}
	} else {
		const base64 = String(this.getNodeParameter('certificateBase64', itemIndex, ''));
		certificate = base64.replace(/\s+/g, '');
	}
	if (certificate === '') issues.push({ path: sourceField, message: 'Certificate: empty' });
	else if (certificate !== undefined && !BASE64.test(certificate)) {
		issues.push({ path: sourceField, message: 'Certificate (Base64): not valid base64 text' });
	}
	const password = String(this.getNodeParameter('certificatePassword', itemIndex, ''));
	const taxIdCode = text(this.getNodeParameter('taxIdCode', itemIndex, ''));
	const documentType = text(this.getNodeParameter('documentTypeTaxbureau', itemIndex, '33'));
	const folio = text(this.getNodeParameter('documentNumber', itemIndex, ''));

	if (!password)
		issues.push({ path: 'certificatePassword', message: 'Certificate Password: empty' });
	const rutProblem = taxIdCode ? validateTaxId('CL-RUT', taxIdCode) : 'empty';
	if (rutProblem) issues.push({ path: 'taxIdCode', message: `Company RUT: ${rutProblem}` });
	if (!DIGITS.test(documentType)) {
		issues.push({
			path: 'documentTypeTaxbureau',
			message: `Document Type: "${documentType}" is not an SII code such as 33`,
		});
	}
	if (!DIGITS.test(folio)) {
		issues.push({
			path: 'documentNumber',
			message: `Folio: "${folio}" must be a number such as 12345`,
		});
	}
	if (issues.length) throw inputError(node, itemIndex, issues);

	const body = await getMipymeDocument(context, {
		certificate: certificate as string,
		certificatePassword: password,
		taxIdCode,
		documentType,
		folio,
	});
	const status = Number(body.status);
	// Koywe may echo the request (the certificate and its password) back in its message: scrub it before it is
	// quoted in an output or an error.
	const koyweMessage = redact(
		String(
			[body.error_message, body.message, body.error].find(
				(text) => typeof text === 'string' && text !== '',
			) ?? '',
		).slice(0, 500),
		[password, certificate, ...(await credentialSecrets.call(this))],
	);

	// Koywe answers HTTP 200 for every MIPYME outcome; only its own status says whether the document came back.
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
