import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	AR_INVOICE_CONCEPTS,
	CL_GUIDE_TYPES,
	CL_SALE_CLAUSES,
	CL_SALE_MODALITIES,
	CL_SERVICE_INDICATORS,
	CL_TRANSFER_TYPES,
	CURRENCIES,
	MX_GLOBAL_MONTHS,
	MX_GLOBAL_PERIODICITIES,
	TAX_ID_TYPES,
	type ChileCode,
	type CountryCode,
} from '../../../data';

/** "CLP 39, COP 28, …": the currency ids Koywe documents. */
const currencyHint = CURRENCIES.map((currency) => `${currency.code} ${currency.id}`).join(', ');

/** Shows a field of a collection for some countries only. */
export const onlyFor = (...countries: CountryCode[]) => ({ show: { '/country': countries } });

/** A dropdown of a Chilean code table, with "Not Sent" (0) first. */
function chileCodeOptions(table: readonly ChileCode[]): INodePropertyOptions[] {
	return [
		{ name: 'Not Sent', value: 0 },
		...table.map((entry) => ({ name: `${entry.code} - ${entry.name}`, value: entry.code })),
	];
}

/** A dropdown of a SAT catalogue, with "Not Sent" ('') first. */
function satCodeOptions(
	table: ReadonlyArray<{ code: string; name: string }>,
): INodePropertyOptions[] {
	return [
		{ name: 'Not Sent', value: '' },
		...table.map((entry) => ({ name: `${entry.code} - ${entry.name}`, value: entry.code })),
	];
}

/**
 * Issuer: optional. Left out, Koywe fills the issuer from the account (its tax id, legal name, address…), as the
 * Mexican, Peruvian and Argentine examples rely on.
 */
export const issuerProperty: INodeProperties = {
	displayName: 'Issuer',
	name: 'issuer',
	type: 'collection',
	placeholder: 'Add Issuer Field',
	default: {},
	description:
		"The issuing company as printed on the document. Leave it out and Koywe uses the account's data; give a field to send it explicitly (e.g. a branch address).",
	displayOptions: { show: { inputMode: ['fields'] } },
	options: [
		{
			displayName: 'Activity',
			name: 'activity',
			type: 'string',
			default: '',
			description: 'Business activity (Chile giro) or SAT fiscal regime (Mexico, e.g. 601)',
		},
		{ displayName: 'Address', name: 'address', type: 'string', default: '' },
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{
			displayName: 'Department (Peru, Argentina)',
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
		{ displayName: 'Legal Name', name: 'legalName', type: 'string', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		{
			displayName: 'Postal Code',
			name: 'postalCode',
			type: 'string',
			default: '',
			description: 'Mexico: the place of issue (lugar de expedición), a SAT postal code',
		},
		{
			displayName: 'Tax ID',
			name: 'taxId',
			type: 'string',
			default: '',
			description: "The issuer's tax ID (RUT, NIT, RUC, RFC, CUIT), written like the receiver's",
		},
		{
			displayName: 'Tax ID Type',
			name: 'taxIdType',
			type: 'options',
			default: '',
			options: [
				{ name: "Country's Usual Type", value: '' },
				...TAX_ID_TYPES.map((type) => ({ name: `${type.code} - ${type.label}`, value: type.code })),
			],
		},
	],
};

/** Receiver Details: the customer fields beyond tax ID and name. */
export const receiverProperty: INodeProperties = {
	displayName: 'Receiver Details',
	name: 'receiver',
	type: 'collection',
	placeholder: 'Add Receiver Field',
	default: {},
	displayOptions: { show: { inputMode: ['fields'] } },
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
			description: 'DIAN municipality code of the receiver; replaces city and district in Colombia',
			displayOptions: onlyFor('CO'),
		},
		{
			displayName: 'Department (Peru, Argentina)',
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
};

/** Additional Fields: header fields, some of them for one country only. */
export const additionalFieldsProperty: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	displayOptions: { show: { inputMode: ['fields'] } },
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
				'Any other header fields, merged last: objects merge key by key at every level (a block the form fills keeps its fields), lists and values replace. E.g. {"additional": {"mx_exports": {...}}} or {"received_issued_flag": 0}.',
		},
		{
			displayName: 'Global Frequency (Mexico)',
			name: 'mxGlobalPeriodicity',
			type: 'options',
			default: '',
			options: satCodeOptions(MX_GLOBAL_PERIODICITIES),
			description:
				'Global invoice to the general public (receiver XAXX010101000, PUBLICO EN GENERAL, regime 616): how often it is issued',
			displayOptions: onlyFor('MX'),
		},
		{
			displayName: 'Global Month (Mexico)',
			name: 'mxGlobalMonth',
			type: 'options',
			default: '',
			options: satCodeOptions(MX_GLOBAL_MONTHS),
			description:
				'Global invoice to the general public: the month it covers (01–12), or the two-month period (13–18) with periodicity 05',
			displayOptions: onlyFor('MX'),
		},
		{
			displayName: 'Global Year (Mexico)',
			name: 'mxGlobalYear',
			type: 'number',
			default: 0,
			placeholder: '2026',
			description: 'Global invoice: the year of the sales it covers; 0 = not sent',
			displayOptions: onlyFor('MX'),
		},
		{
			displayName: 'Guide Type (Chile)',
			name: 'guideType',
			type: 'options',
			default: 0,
			options: chileCodeOptions(CL_GUIDE_TYPES),
			description: 'Required for a dispatch guide (54): why the goods move',
			displayOptions: onlyFor('CL'),
		},
		{
			displayName: 'Invoice Concept (Argentina)',
			name: 'arInvoiceConcept',
			type: 'options',
			default: 1,
			options: AR_INVOICE_CONCEPTS.map((concept) => ({
				name: `${concept.code} - ${concept.name}`,
				value: concept.code,
			})),
			description:
				'ARCA concept. Services (2, 3) need the service period and payment due date below.',
			displayOptions: onlyFor('AR'),
		},
		{
			displayName: 'Loading Port (Chile)',
			name: 'portEmbarkation',
			type: 'string',
			default: '',
			placeholder: 'San Antonio',
			description: 'Export documents (46–48): where the goods are loaded',
			displayOptions: onlyFor('CL'),
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
			displayName: 'Payment Code (Colombia)',
			name: 'coReportedPaymentCode',
			type: 'number',
			default: 0,
			description: 'DIAN payment means code; 0 = not sent (Koywe assumes cash)',
			displayOptions: onlyFor('CO'),
		},
		{
			displayName: 'Payment Conditions',
			name: 'paymentConditions',
			type: 'string',
			default: '0',
			description: 'Days until payment, comma-separated for instalments: 0 cash, 30, 0,30',
		},
		{
			displayName: 'Payment Due (Argentina)',
			name: 'arServicePaymentDueDate',
			type: 'string',
			default: '',
			placeholder: '2026-12-10',
			description: 'Services (concept 2 or 3): when payment is due, YYYY-MM-DD. ARCA requires it.',
			displayOptions: onlyFor('AR'),
		},
		{
			displayName: 'Payment Method (Mexico)',
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
			displayName: 'Retention Header (Peru)',
			name: 'peRetentionHeaderJson',
			type: 'json',
			default: '{}',
			description:
				'Withholding receipt (109): pe_retention_header, e.g. {"pe_sunat_retention_system_code": "01", "pe_sunat_retention_percent": 3, "pe_sunat_total_paid": 1180}. Merged with Extra Header JSON.',
			displayOptions: onlyFor('PE'),
		},
		{
			displayName: 'Sale Clause (Chile)',
			name: 'saleClause',
			type: 'options',
			default: 0,
			options: chileCodeOptions(CL_SALE_CLAUSES),
			description: 'Export documents (46–48): the Incoterm of the sale',
			displayOptions: onlyFor('CL'),
		},
		{
			displayName: 'Sale Modality (Chile)',
			name: 'saleModality',
			type: 'options',
			default: 0,
			options: chileCodeOptions(CL_SALE_MODALITIES),
			description: 'Export documents (46–48): how the goods are sold',
			displayOptions: onlyFor('CL'),
		},
		{
			displayName: 'Service From (Argentina)',
			name: 'arServiceDateFrom',
			type: 'string',
			default: '',
			placeholder: '2026-11-01',
			description:
				'Services (concept 2 or 3): first day of the period billed, YYYY-MM-DD. ARCA requires it.',
			displayOptions: onlyFor('AR'),
		},
		{
			displayName: 'Service Indicator (Chile)',
			name: 'serviceIndicator',
			type: 'options',
			default: 0,
			options: chileCodeOptions(CL_SERVICE_INDICATORS),
			description:
				'What kind of service the document bills (export of services, periodic services…)',
			displayOptions: onlyFor('CL'),
		},
		{
			displayName: 'Service To (Argentina)',
			name: 'arServiceDateTo',
			type: 'string',
			default: '',
			placeholder: '2026-11-30',
			description:
				'Services (concept 2 or 3): last day of the period billed, YYYY-MM-DD. ARCA requires it.',
			displayOptions: onlyFor('AR'),
		},
		{
			displayName: 'Shipping JSON (Peru)',
			name: 'peShippingJson',
			type: 'json',
			default: '{}',
			description:
				'Remission guide (100): pe_shipping, the shipment (handling code, weights, transport stages with driver and vehicle, dispatch and delivery addresses with ubigeo). Merged with Extra Header JSON.',
			displayOptions: onlyFor('PE'),
		},
		{
			displayName: 'Signature ID (Peru)',
			name: 'peSignatureId',
			type: 'string',
			default: '',
			description:
				"The ID of the issuer's digital signature (pe_header.signature_id), as the Peru examples send it",
			displayOptions: onlyFor('PE'),
		},
		{
			displayName: 'Transfer Type (Chile)',
			name: 'transferType',
			type: 'options',
			default: 0,
			options: chileCodeOptions(CL_TRANSFER_TYPES),
			description: 'Dispatch guide (54): who moves the goods; not needed for an internal transfer',
			displayOptions: onlyFor('CL'),
		},
		{
			displayName: 'Unloading Port (Chile)',
			name: 'portDisembarkation',
			type: 'string',
			default: '',
			placeholder: 'Los Angeles',
			description: 'Export documents (46–48): where the goods are unloaded',
			displayOptions: onlyFor('CL'),
		},
		{
			displayName: 'VAT Condition (Argentina)',
			name: 'arReceiverVatConditionId',
			type: 'number',
			default: 0,
			description:
				'ARCA VAT condition of the receiver (1 registered, 5 final consumer…); 0 = not sent',
			displayOptions: onlyFor('AR'),
		},
	],
};
