import type { INodeProperties } from 'n8n-workflow';

import { COUNTRIES, COUNTRY_CODES, taxesFor } from '../../../data';

/** "CL 387 19%, CO 388 19%, …": the VAT a guided line gets when it names no tax. */
function usualVatHint(): string {
	return COUNTRY_CODES.map((country) => {
		const vat = COUNTRIES[country].defaultVat;
		return `${country} ${vat.taxTypeId} ${vat.percentage}%`;
	}).join(', ');
}

/** "CL: 387 IVA 19%; CO: …": the first taxes of each country's table. */
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

/** Line Items: what is sold. */
export const lineItemsProperty: INodeProperties = {
	displayName: 'Line Items',
	name: 'lineItems',
	type: 'fixedCollection',
	placeholder: 'Add Line Item',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description:
		'What is sold. For many lines from a CRM, use Input Mode "JSON Body" with an expression.',
	displayOptions: { show: { inputMode: ['fields'] } },
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
					description: 'Optional withholding tax_type_id (e.g. Colombia 397, Mexico 365); 0 = none',
				},
			],
		},
	],
};

/** Referenced Documents: the document a credit or debit note corrects. */
export const referencedDocumentsProperty: INodeProperties = {
	displayName: 'Referenced Documents',
	name: 'references',
	type: 'fixedCollection',
	placeholder: 'Add Referenced Document',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'For credit and debit notes: the document being corrected',
	displayOptions: { show: { inputMode: ['fields'] } },
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
};
