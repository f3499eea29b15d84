import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	COUNTRIES,
	COUNTRY_CODES,
	TAX_ID_TYPES,
	documentTypesFor,
	findTaxIdType,
	type CountryCode,
} from '../../../data';
import { additionalFieldsProperty, issuerProperty, receiverProperty } from './properties.header';
import {
	globalDiscountsProperty,
	lineItemsProperty,
	referencedDocumentsProperty,
} from './properties.lines';
import { optionsProperty } from './properties.options';

/** "2 - Electronic Invoice (Factura electrónica)": English first (n8n's UI language), the legal name in brackets. */
function documentTypeOptions(country: CountryCode): INodePropertyOptions[] {
	return documentTypesFor(country).map((type) => {
		const code = type.taxBureauCode
			? `${COUNTRIES[country].taxBureau} code ${type.taxBureauCode}`
			: `Koywe document type ${type.id}`;
		return {
			name: `${type.id} - ${type.englishName} (${type.name})`,
			value: type.id,
			description: type.detail ? `${code}; ${type.detail}` : code,
		};
	});
}

/** One `documentType` property per country, each showing only that country's issuing types. */
const documentTypeProperties: INodeProperties[] = COUNTRY_CODES.map((country) => {
	const { name, defaultDocumentType } = COUNTRIES[country];
	return {
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		required: true,
		default: defaultDocumentType,
		options: documentTypeOptions(country),
		description: `Koywe document type to issue in ${name}. Choose from the list, or specify a document_type_id using an expression.`,
		displayOptions: { show: { country: [country] } },
	};
});

/** Tax-id types of a country first (its usual one leads), then those of the other countries. */
function taxIdTypeOptions(country: CountryCode): INodePropertyOptions[] {
	const usual = COUNTRIES[country].defaultTaxIdType;
	const own = TAX_ID_TYPES.filter((type) => type.country === country);
	const others = TAX_ID_TYPES.filter((type) => type.country !== country);
	return [
		{ name: `Country's Usual Type (${usual})`, value: '' },
		...[...own, ...others].map((type) => ({
			name: `${type.code} - ${type.label}`,
			value: type.code,
			description: `${type.format}, e.g. ${type.example}`,
		})),
	];
}

/** "Customer's RUT: digits, a hyphen and the check digit…, e.g. 76399932-7. A receipt may…" (ends with a period). */
function receiverTaxIdHint(country: CountryCode): string {
	const info = COUNTRIES[country];
	const usual = findTaxIdType(info.defaultTaxIdType);
	const kind = usual ? usual.label.replace(/^.* – /, '') : 'tax ID';
	const format = usual ? `: ${usual.format}, e.g. ${usual.example}` : '';
	return `Customer's ${kind}${format}. ${info.receiverHint}`;
}

/**
 * Receiver Tax ID and its type, once per country: the placeholder, format and hints are that country's own (a
 * Mexican panel suggests an RFC, not a Chilean RUT). Generated from data/.
 */
const receiverTaxIdProperties: INodeProperties[] = COUNTRY_CODES.flatMap((country) => {
	const info = COUNTRIES[country];
	const usual = findTaxIdType(info.defaultTaxIdType);
	const show = { show: { inputMode: ['fields'], country: [country] } };
	return [
		{
			displayName: 'Receiver Tax ID',
			name: 'receiverTaxId',
			type: 'string',
			default: '',
			placeholder: usual?.example ?? '',
			description: receiverTaxIdHint(country),
			displayOptions: show,
		},
		{
			displayName: 'Receiver Tax ID Type',
			name: 'receiverTaxIdType',
			type: 'options',
			default: '',
			options: taxIdTypeOptions(country),
			description: `Kind of tax ID given above; empty = ${info.defaultTaxIdType}`,
			displayOptions: show,
		},
	];
});

/** The Create form, in the order it shows; the operation file adds "show for Document > Create". */
export const properties: INodeProperties[] = [
	{
		displayName: 'Country',
		name: 'country',
		type: 'options',
		required: true,
		default: 'CL',
		options: COUNTRY_CODES.map((code) => ({
			name: `${COUNTRIES[code].name} (${COUNTRIES[code].taxBureau})`,
			value: code,
		})),
		description:
			'Country of the issuing Koywe account; decides the document types, taxes and checks',
	},
	...documentTypeProperties,
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: '423',
		description:
			'Koywe account_id of the company that issues the document (shown in your Koywe account settings)',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'ORDER-2026-0001',
		description:
			'Your own ID for this document (order, deal or transaction ID). Strongly recommended: the node sends it to Koywe as reference 802 and uses it to never issue the same document twice, even when requests fail or the workflow is re-run.',
	},
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{
				name: 'Fill in Fields',
				value: 'fields',
				description: 'Guided fields for receiver, line items and references; totals are computed',
			},
			{
				name: 'JSON Body',
				value: 'json',
				description:
					'The whole Koywe document body (header, details, references, totals…) from an expression or pasted; best for mapping CRM data with many lines',
			},
		],
	},
	{
		displayName: 'Document JSON',
		name: 'documentJson',
		type: 'json',
		required: true,
		default: '{\n  "header": {},\n  "details": [],\n  "totals": {}\n}',
		description:
			'Koywe document body. Header account_id and document_type_id are filled from the fields above when missing; the reference above is added as reference 802. Everything else is sent as given.',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	{
		displayName: 'Issue Date',
		name: 'issueDate',
		type: 'string',
		default: '',
		placeholder: '2026-11-21',
		description:
			"Date of the document (YYYY-MM-DD). Leave empty for today in the country's time zone.",
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	...receiverTaxIdProperties,
	{
		displayName: 'Receiver Legal Name',
		name: 'receiverLegalName',
		type: 'string',
		default: '',
		description:
			"Customer's legal name (razón social). Mexico: exactly as registered at the SAT, without the company type.",
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	receiverProperty,
	issuerProperty,
	lineItemsProperty,
	globalDiscountsProperty,
	referencedDocumentsProperty,
	additionalFieldsProperty,
	optionsProperty,
];
