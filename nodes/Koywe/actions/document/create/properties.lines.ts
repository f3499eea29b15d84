import type { INodeProperties } from 'n8n-workflow';

import {
	COUNTRIES,
	COUNTRY_CODES,
	GLOBAL_MODIFIER_CODES,
	GLOBAL_MODIFIER_TYPES,
	MX_DEFAULT_PRODUCT_KEY,
	MX_DEFAULT_UNIT_KEY,
	taxesFor,
} from '../../../data';
import { onlyFor } from './properties.header';

/** "CL 387 19%, CO 388 19%, …": the VAT a guided line gets when it names no tax. */
function usualVatHint(): string {
	return COUNTRY_CODES.map((country) => {
		const vat = COUNTRIES[country].defaultVat;
		return `${country} ${vat.taxTypeId} ${vat.percentage}%`;
	}).join(', ');
}

/** "CL: 387 IVA 19%; CO: …": the first fixed-rate taxes of each country's table (none whose rate is disputed). */
function taxTypeHint(): string {
	return COUNTRY_CODES.map((country) => {
		const taxes = taxesFor(country)
			.filter((tax) => !tax.withholding && tax.percentage !== undefined && !tax.rateConflict)
			.slice(0, 3)
			.map((tax) => `${tax.id} ${tax.name}`)
			.join(', ');
		return `${country}: ${taxes}`;
	}).join('; ');
}

/** "MX 365 Retención IVA 16%, …": withholdings with a fixed rate, which Withholding Percentage 0 takes. */
function fixedWithholdingHint(): string {
	return COUNTRY_CODES.flatMap((country) =>
		taxesFor(country)
			.filter((tax) => tax.withholding && tax.percentage !== undefined && tax.percentage !== 0)
			.map((tax) => `${country} ${tax.id} ${tax.name}`),
	).join(', ');
}

/** "CL UN, CO UN, PE NIU, MX UN, AR UNI": each country's usual unit of measure. */
const usualUnits = COUNTRY_CODES.map(
	(code) => `${code} ${COUNTRIES[code].defaultUnitMeasure}`,
).join(', ');

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
					description:
						"Item name. Koywe's specification allows 100 characters; a longer one is sent with a warning (details go in Long Description).",
				},
				{
					displayName: 'Discount (%)',
					name: 'discountPercent',
					type: 'number',
					typeOptions: { numberPrecision: 4, minValue: 0, maxValue: 100 },
					default: 0,
					description:
						'Discount as a percentage of quantity × unit price (at most 100: a line is never negative)',
				},
				{
					displayName: 'Discount Amount',
					name: 'discountAmount',
					type: 'number',
					typeOptions: { numberPrecision: 6, minValue: 0 },
					default: 0,
					description:
						'Discount as an amount, at most quantity × unit price (use either this or Discount %)',
				},
				{
					displayName: 'Long Description',
					name: 'longDescription',
					type: 'string',
					typeOptions: { rows: 2 },
					default: '',
					description: 'Details printed under the item name; may span several lines',
				},
				{
					displayName: 'Quantity',
					name: 'quantity',
					type: 'number',
					typeOptions: { numberPrecision: 6 },
					default: 1,
				},
				{
					displayName: 'SAT Product Key (Mexico)',
					name: 'mxProductServiceKey',
					type: 'string',
					default: '',
					placeholder: MX_DEFAULT_PRODUCT_KEY,
					description: `SAT product/service key (c_ClaveProdServ, 8 digits); empty = Koywe assumes ${MX_DEFAULT_PRODUCT_KEY}. Global invoices use ${MX_DEFAULT_PRODUCT_KEY}.`,
					displayOptions: onlyFor('MX'),
				},
				{
					displayName: 'SAT Unit Key (Mexico)',
					name: 'mxUnitKey',
					type: 'string',
					default: '',
					placeholder: MX_DEFAULT_UNIT_KEY,
					description: `SAT unit key (c_ClaveUnidad, e.g. H87 piece, E48 service unit, KGM kilogram); empty = Koywe assumes ${MX_DEFAULT_UNIT_KEY}. Global invoices use ACT.`,
					displayOptions: onlyFor('MX'),
				},
				{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
				{
					displayName: 'Tax Percentage',
					name: 'taxPercentage',
					type: 'number',
					typeOptions: { numberPrecision: 4 },
					default: -1,
					description:
						"Rate of the tax above. -1 = its usual rate from the tax table (required for taxes without one, e.g. Peru 412, whose rate the sources disagree on). Any other value is sent as given; negative = withheld, Koywe's sign convention (e.g. -2.85). For a 1 % withholding use the Withholding fields.",
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
					description: `Leave empty for the country's usual unit (${usualUnits}). Mexico: the SAT unit key goes in SAT Unit Key.`,
				},
				{
					displayName: 'Unit Price',
					name: 'unitPrice',
					type: 'number',
					typeOptions: { numberPrecision: 6 },
					default: 0,
					description:
						'Unit price before tax (VAT included when the option Prices Include VAT is on, Chilean receipts)',
				},
				{
					displayName: 'Withholding Percentage',
					name: 'withholdingPercentage',
					type: 'number',
					typeOptions: { numberPrecision: 4 },
					default: 0,
					description: `Rate withheld, positive or negative: it is always sent negative and reduces the total. 0 = the withholding's fixed rate from the tax table (${fixedWithholdingHint()}); required for one without (e.g. Colombia 397).`,
				},
				{
					displayName: 'Withholding Tax Type ID',
					name: 'withholdingTaxTypeId',
					type: 'number',
					default: 0,
					description:
						'Optional withholding tax_type_id (e.g. Colombia 397, Mexico 365, 366); 0 = none. A tax that adds to the total is refused here.',
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
	description:
		'For credit and debit notes: the document being corrected. For a Peruvian withholding receipt (109): each retained invoice.',
	displayOptions: { show: { inputMode: ['fields'] } },
	options: [
		{
			displayName: 'Reference',
			name: 'reference',
			values: [
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
					displayName: 'Point of Sale (Argentina)',
					name: 'branchOfficeCode',
					type: 'string',
					default: '',
					description: 'Point of sale of the referenced document',
					displayOptions: onlyFor('AR'),
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
				{
					displayName: 'Retention JSON (Peru)',
					name: 'retentionDetailsJson',
					type: 'json',
					default: '{}',
					description:
						'Withholding receipt (109): additional.pe_retention_details of this retained invoice, e.g. {"payment_date": "2026-11-21", "payment_amount": 1180, "retained_amount": 35.4}',
					displayOptions: onlyFor('PE'),
				},
			],
		},
	],
};

/** Global Discounts and Surcharges: on the whole document, taxed or exempt lines, as an amount or a percentage. */
export const globalDiscountsProperty: INodeProperties = {
	displayName: 'Global Discounts and Surcharges',
	name: 'globalDiscounts',
	type: 'fixedCollection',
	placeholder: 'Add Discount or Surcharge',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		"Discounts or surcharges on the whole document (Koywe's globals_discounts_surcharges); the computed totals include them",
	displayOptions: { show: { inputMode: ['fields'] } },
	options: [
		{
			displayName: 'Entry',
			name: 'entry',
			values: [
				{
					displayName: 'Kind',
					name: 'code',
					type: 'options',
					default: 'DA',
					options: GLOBAL_MODIFIER_CODES.map((entry) => ({
						name: `${entry.name} (${entry.code})`,
						value: entry.code,
					})),
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: '%',
					options: GLOBAL_MODIFIER_TYPES.map((entry) => ({ name: entry.name, value: entry.code })),
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'number',
					typeOptions: { numberPrecision: 6, minValue: 0 },
					default: 0,
					description:
						'A percentage of the lines it applies to, or an amount in the document currency',
				},
			],
		},
	],
};
