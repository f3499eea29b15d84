import type { INodeProperties } from 'n8n-workflow';

import { CURRENCIES, type CountryCode } from '../../../data';

/** "CLP 39, COP 28, …": the currency ids Koywe documents. */
const currencyHint = CURRENCIES.map((currency) => `${currency.code} ${currency.id}`).join(', ');

/** Shows a field of a collection for some countries only. */
export const onlyFor = (...countries: CountryCode[]) => ({ show: { '/country': countries } });

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
};
