import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	COUNTRIES,
	COUNTRY_CODES,
	CURRENCIES,
	TAX_ID_TYPES,
	documentTypesFor,
	taxesFor,
	type CountryCode,
} from '../../data';
import { listInWords } from '../../shared/values';
import { transportOptions } from '../common.descriptions';

const show = { resource: ['document'], operation: ['create'] };
const showFields = { ...show, inputMode: ['fields'] };

function documentTypeOptions(country: CountryCode): INodePropertyOptions[] {
	return documentTypesFor(country).map((type) => ({
		name: `${type.id} - ${type.name} (${type.englishName})`,
		value: type.id,
		description: type.taxBureauCode
			? `${COUNTRIES[country].taxBureau} code ${type.taxBureauCode}`
			: `Koywe document type ${type.id}`,
	}));
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
		displayOptions: { show: { ...show, country: [country] } },
	};
});

/** "CL 387 19%, CO 388 19%, …": the VAT a guided line gets when it names no tax. */
function usualVatHint(): string {
	return COUNTRY_CODES.map((country) => {
		const vat = COUNTRIES[country].defaultVat;
		return `${country} ${vat.taxTypeId} ${vat.percentage}%`;
	}).join(', ');
}

function taxTypeHint(): string {
	return COUNTRY_CODES.map((country) => {
		const taxes = taxesFor(country)
			.filter((tax) => !tax.withholding)
			.slice(0, 3)
			.map((tax) => `${tax.id} ${tax.name}`)
			.join(', ');
		return `${country}: ${taxes}`;
	}).join('; ');
}

/** "UN, NIU, E48, UNI": each country's usual unit of measure, once. */
const usualUnits = [
	...new Set(COUNTRY_CODES.map((code) => COUNTRIES[code].defaultUnitMeasure)),
].join(', ');

/** "CLP 39, COP 28, …": the currency ids Koywe documents. */
const currencyHint = CURRENCIES.map((currency) => `${currency.code} ${currency.id}`).join(', ');

const onlyFor = (...countries: CountryCode[]) => ({ show: { '/country': countries } });

export const description: INodeProperties[] = [
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
		displayOptions: { show },
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
		displayOptions: { show },
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'ORDER-2026-0001',
		description:
			'Your own ID for this document (order, deal or transaction ID). Strongly recommended: the node sends it to Koywe as reference 802 and uses it to never issue the same document twice, even when requests fail or the workflow is re-run.',
		displayOptions: { show },
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
		displayOptions: { show },
	},
	{
		displayName: 'Document JSON',
		name: 'documentJson',
		type: 'json',
		required: true,
		default: '{\n  "header": {},\n  "details": [],\n  "totals": {}\n}',
		description:
			'Koywe document body. Header account_id and document_type_id are filled from the fields above when missing; the reference above is added as reference 802. Everything else is sent as given.',
		displayOptions: { show: { ...show, inputMode: ['json'] } },
	},
	{
		displayName: 'Issue Date',
		name: 'issueDate',
		type: 'string',
		default: '',
		placeholder: '2026-11-21',
		description:
			"Date of the document (YYYY-MM-DD). Leave empty for today in the country's time zone.",
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Receiver Tax ID',
		name: 'receiverTaxId',
		type: 'string',
		default: '',
		placeholder: '76399932-7',
		description:
			"Customer's tax ID (RUT, NIT, RUC, RFC, CUIT…). Chile: without dots, with hyphen. May be empty for receipts without a named customer.",
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Receiver Tax ID Type',
		name: 'receiverTaxIdType',
		type: 'options',
		default: '',
		options: [
			{
				name: "Country's Usual Type",
				value: '',
				description: listInWords(COUNTRY_CODES.map((code) => COUNTRIES[code].defaultTaxIdType)),
			},
			...TAX_ID_TYPES.map((type) => ({ name: `${type.code} - ${type.label}`, value: type.code })),
		],
		description: 'Kind of tax ID given above',
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Receiver Legal Name',
		name: 'receiverLegalName',
		type: 'string',
		default: '',
		description:
			"Customer's legal name (razón social). Mexico: exactly as registered at the SAT, without the company type.",
		displayOptions: { show: showFields },
	},
	{
		displayName: 'Receiver Details',
		name: 'receiver',
		type: 'collection',
		placeholder: 'Add Receiver Field',
		default: {},
		displayOptions: { show: showFields },
		options: [
			{
				displayName: 'Activity (Giro)',
				name: 'activity',
				type: 'string',
				default: '',
				description: 'Business activity (Chile giro) or tax regime code (Mexico, e.g. 601)',
			},
			{ displayName: 'Address', name: 'address', type: 'string', default: '' },
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{
				displayName: 'Country ID',
				name: 'countryId',
				type: 'number',
				default: 0,
				description:
					'Koywe country_id of a foreign receiver (e.g. 89 USA). Leave 0 for a local receiver.',
			},
			{
				displayName: 'County ID (Colombia)',
				name: 'countyId',
				type: 'string',
				default: '',
				placeholder: '496',
				description:
					'DIAN municipality code of the receiver; replaces city and district in Colombia',
				displayOptions: onlyFor('CO'),
			},
			{
				displayName: 'Department (Peru)',
				name: 'department',
				type: 'string',
				default: '',
				displayOptions: onlyFor('PE', 'AR'),
			},
			{
				displayName: 'District (Comuna)',
				name: 'district',
				type: 'string',
				default: '',
				displayOptions: onlyFor('CL', 'PE', 'AR', 'MX'),
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Where Koywe e-mails the document',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{
				displayName: 'Postal Code',
				name: 'postalCode',
				type: 'string',
				default: '',
				description: 'Required by SAT in Mexico (receiver fiscal address postal code)',
			},
			{
				displayName: 'State ID (Mexico)',
				name: 'stateId',
				type: 'number',
				default: 0,
				description: 'Koywe state_id of the receiver (e.g. 18 Aguascalientes)',
				displayOptions: onlyFor('MX'),
			},
		],
	},
	{
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'fixedCollection',
		placeholder: 'Add Line Item',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description:
			'What is sold. For many lines from a CRM, use Input Mode "JSON Body" with an expression.',
		displayOptions: { show: showFields },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Line description (up to 100 characters)',
					},
					{
						displayName: 'Discount (%)',
						name: 'discountPercent',
						type: 'number',
						typeOptions: { numberPrecision: 4, minValue: 0, maxValue: 100 },
						default: 0,
						description: 'Discount as a percentage of quantity × unit price',
					},
					{
						displayName: 'Discount Amount',
						name: 'discountAmount',
						type: 'number',
						typeOptions: { numberPrecision: 6, minValue: 0 },
						default: 0,
						description: 'Discount as an amount (use either this or Discount %)',
					},
					{ displayName: 'Long Description', name: 'longDescription', type: 'string', default: '' },
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { numberPrecision: 6 },
						default: 1,
					},
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
					{
						displayName: 'Tax Percentage',
						name: 'taxPercentage',
						type: 'number',
						typeOptions: { numberPrecision: 4 },
						default: -1,
						description: 'Rate of the tax above; -1 = its usual rate',
					},
					{
						displayName: 'Tax Type ID',
						name: 'taxTypeId',
						type: 'number',
						default: -1,
						description: `Koywe tax_type_id. -1 = the country's usual VAT (${usualVatHint()}); 0 = exempt, no tax. Others: ${taxTypeHint()}.`,
					},
					{
						displayName: 'Unit of Measure',
						name: 'unitMeasure',
						type: 'string',
						default: '',
						placeholder: 'UN',
						description: `Leave empty for the country's usual unit (${usualUnits})`,
					},
					{
						displayName: 'Unit Price',
						name: 'unitPrice',
						type: 'number',
						typeOptions: { numberPrecision: 6 },
						default: 0,
						description: 'Net unit price, before tax',
					},
					{
						displayName: 'Withholding Percentage',
						name: 'withholdingPercentage',
						type: 'number',
						typeOptions: { numberPrecision: 4 },
						default: 0,
						description: 'Rate withheld, as a positive number; it reduces the total',
					},
					{
						displayName: 'Withholding Tax Type ID',
						name: 'withholdingTaxTypeId',
						type: 'number',
						default: 0,
						description:
							'Optional withholding tax_type_id (e.g. Colombia 397, Mexico 365); 0 = none',
					},
				],
			},
		],
	},
	{
		displayName: 'Referenced Documents',
		name: 'references',
		type: 'fixedCollection',
		placeholder: 'Add Referenced Document',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'For credit and debit notes: the document being corrected',
		displayOptions: { show: showFields },
		options: [
			{
				displayName: 'Reference',
				name: 'reference',
				values: [
					{
						displayName: 'Branch Office Code (Argentina)',
						name: 'branchOfficeCode',
						type: 'string',
						default: '',
						description: 'Point of sale of the referenced document (Argentina)',
					},
					{
						displayName: 'Document Type ID',
						name: 'documentTypeId',
						type: 'number',
						default: 0,
						description:
							'Koywe document_type_id of the referenced document (e.g. 2 for a Chilean invoice)',
					},
					{
						displayName: 'Folio',
						name: 'referenceNumber',
						type: 'string',
						default: '',
						description:
							'Folio or number of the referenced document (Peru: F001-00000087; Colombia: SETT1040108). Use either this or Koywe Document ID.',
					},
					{
						displayName: 'Koywe Document ID',
						name: 'referenceDocumentId',
						type: 'number',
						default: 0,
						description: 'Koywe document_id of the referenced document, instead of its folio',
					},
					{
						displayName: 'Reason',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Reason shown on the note',
					},
					{
						displayName: 'Reference Code',
						name: 'referenceCode',
						type: 'string',
						default: '1',
						description:
							'Why it is referenced: 1 cancels, 2 corrects text, 3 corrects amounts (Peru and Argentina use 01, 03…)',
					},
					{
						displayName: 'Reference Date',
						name: 'referenceDate',
						type: 'string',
						default: '',
						placeholder: '2026-11-21',
						description: 'Date of the referenced document (YYYY-MM-DD)',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFields },
		options: [
			{
				displayName: 'Branch Office Code',
				name: 'branchOfficeCode',
				type: 'string',
				default: '',
				description: 'Branch code (Chile) or point of sale (Argentina, e.g. 12)',
				displayOptions: onlyFor('CL', 'AR'),
			},
			{
				displayName: 'CFDI Use (Mexico)',
				name: 'mxCfdiUsage',
				type: 'string',
				default: 'S01',
				description: 'SAT uso del CFDI of the receiver (S01 no tax effects, G03 general expenses…)',
				displayOptions: onlyFor('MX'),
			},
			{
				displayName: 'Currency ID',
				name: 'currencyId',
				type: 'number',
				default: 0,
				description: `Koywe currency_id (${currencyHint}). 0 = the country's currency.`,
			},
			{
				displayName: 'Document Series (Peru)',
				name: 'documentSequenceCode',
				type: 'string',
				default: '',
				placeholder: 'F001',
				description: 'SUNAT series: F001 invoices, B001 receipts, FC01 credit notes…',
				displayOptions: onlyFor('PE'),
			},
			{
				displayName: 'Exchange Rate',
				name: 'exchangeRate',
				type: 'number',
				typeOptions: { numberPrecision: 6 },
				default: 0,
				description: 'Exchange rate when the currency is not the local one',
			},
			{
				displayName: 'Extra Header JSON',
				name: 'headerJson',
				type: 'json',
				default: '{}',
				description:
					'Any other header fields, merged last, e.g. {"additional": {"mx_header": {...}}} or {"guide_type": 1}',
			},
			{
				displayName: 'Guide Type (Chile)',
				name: 'guideType',
				type: 'number',
				default: 0,
				description: 'Dispatch guide (54) type: 1 sale, 5 internal transfer, 6 other transfers…',
				displayOptions: onlyFor('CL'),
			},
			{
				displayName: 'Invoice Concept (Argentina)',
				name: 'arInvoiceConcept',
				type: 'number',
				default: 1,
				description: 'ARCA concept: 1 goods, 2 services, 3 goods and services',
				displayOptions: onlyFor('AR'),
			},
			{
				displayName: 'Observations',
				name: 'observations',
				type: 'string',
				default: '',
				description: 'Free text printed on the document',
			},
			{
				displayName: 'Operation Type (Peru)',
				name: 'peOperationType',
				type: 'string',
				default: '0101',
				description: 'SUNAT operation type: 0101 internal sale, 0200 export',
				displayOptions: onlyFor('PE'),
			},
			{
				displayName: 'Payment Conditions',
				name: 'paymentConditions',
				type: 'string',
				default: '0',
				description: 'Days until payment, comma-separated for instalments: 0 cash, 30, 0,30',
			},
			{
				displayName: 'Payment Method Code (Mexico)',
				name: 'mxPaymentCode',
				type: 'string',
				default: '01',
				description: 'SAT forma de pago (01 cash, 03 transfer, 04 card, 99 to be defined)',
				displayOptions: onlyFor('MX'),
			},
			{
				displayName: 'POS Postal Code (Colombia)',
				name: 'postalCode',
				type: 'string',
				default: '',
				description: 'Postal code of the point of sale, for POS documents (87, 88)',
				displayOptions: onlyFor('CO'),
			},
			{
				displayName: 'Receiver VAT Condition (Argentina)',
				name: 'arReceiverVatConditionId',
				type: 'number',
				default: 0,
				description:
					'ARCA VAT condition of the receiver (1 registered, 5 final consumer…); 0 = not sent',
				displayOptions: onlyFor('AR'),
			},
			{
				displayName: 'Reported Payment Code (Colombia)',
				name: 'coReportedPaymentCode',
				type: 'number',
				default: 0,
				description: 'DIAN payment means code; 0 = not sent (Koywe assumes cash)',
				displayOptions: onlyFor('CO'),
			},
			{
				displayName: 'Transfer Type (Chile)',
				name: 'transferType',
				type: 'number',
				default: 0,
				description:
					'Dispatch guide transfer type: 1 by receiver, 2 by issuer to receiver, 3 by issuer elsewhere',
				displayOptions: onlyFor('CL'),
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Check Before Create',
				name: 'checkBeforeCreate',
				type: 'boolean',
				default: false,
				description:
					'Whether to look every Reference up in Koywe before creating. Use it when re-running a workflow after a crash; it costs one extra request per document, so it is off by default.',
			},
			{
				displayName: 'Compute Totals',
				name: 'computeTotals',
				type: 'boolean',
				default: true,
				description:
					"Whether to compute line taxes, line totals and document totals with the country's rounding (CLP, COP whole units; others 2 decimals). Guided fields only.",
				displayOptions: { show: { '/inputMode': ['fields'] } },
			},
			{
				displayName: 'Download Files',
				name: 'downloadFiles',
				type: 'boolean',
				default: false,
				description: 'Whether to output the PDF and XML as binary data named like CL-33-1234.pdf',
			},
			{
				displayName: 'Draft Only (Chile)',
				name: 'draftOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to create the document as a draft that is not sent to the SII',
			},
			{
				displayName: 'Generate Stamp',
				name: 'generateStamp',
				type: 'boolean',
				default: false,
				description: 'Whether to also return the stamp image (timbre electrónico, Chile)',
			},
			{
				displayName: 'Send Email (Colombia)',
				name: 'sendEmail',
				type: 'boolean',
				default: true,
				description:
					'Whether Koywe e-mails the document to the receiver e-mail (Koywe does so by default)',
			},
			{
				displayName: 'Strict Totals',
				name: 'strictTotals',
				type: 'boolean',
				default: false,
				description:
					'Whether arithmetic mismatches between lines and totals stop the item instead of being reported as warnings',
			},
			{
				displayName: 'Validate Only (Dry Run)',
				name: 'validateOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to only validate and output the exact body that would be sent. Nothing is sent and no folio is used.',
			},
			...transportOptions,
		],
	},
];
