/**
 * A person can issue every common document without writing JSON: the guided fields of each country build the same
 * body as the documented example it stands for (test/fixtures/koywe-examples, our own bodies after the reference
 * notes), totals included.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { IDataObject } from 'n8n-workflow';

import { buildCreateBody } from '../../../../nodes/Koywe/actions/document/create/body';
import type { CreateInput } from '../../../../nodes/Koywe/actions/document/create/parameters';
import { validateDocumentBody } from '../../../../nodes/Koywe/validation';
import { createInput } from './input';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'koywe-examples');
const fixture = (name: string): IDataObject => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

/** The guided input with these fields, no Reference (the fixtures carry no 802 reference). */
function guidedInput(
	country: CreateInput['country'],
	documentType: number,
	accountId: number,
	guided: Partial<NonNullable<CreateInput['guided']>>,
	options: Partial<CreateInput['options']> = {},
	extraHeaderJson: unknown = '{}',
): CreateInput {
	const base = createInput({ country, documentType, accountId, reference: '', extraHeaderJson });
	base.guided = { ...base.guided!, receiverTaxId: '', receiverLegalName: '', lineItems: [], ...guided };
	base.options = { ...base.options, ...options };
	return base;
}

function built(input: CreateInput): IDataObject {
	const result = buildCreateBody(input);
	expect(result.issues).toEqual([]);
	const country = result.country!;
	expect(validateDocumentBody(result.body, { country, strictTotals: true }).issues).toEqual([]);
	return result.body!;
}

/** The Mexican fixtures leave account_id out (no Mexican demo account is published); the form always sends it. */
function withAccount(body: IDataObject, accountId: number): IDataObject {
	return { ...body, header: { account_id: accountId, ...(body.header as IDataObject) } };
}

test('Chile: an export invoice in dollars to a Mexican buyer, with the sale modality, the Incoterm and the ports', () => {
	const input = guidedInput('CL', 46, 423, {
		issueDate: '2025-01-07',
		receiverTaxId: 'IMP-8841-MX',
		receiverTaxIdType: 'MX-RFC',
		receiverLegalName: 'Importadora del Pacifico SA',
		receiver: { address: 'Av. Reforma 222, Ciudad de Mexico', countryId: 80 },
		lineItems: [{ description: 'Vino tinto Carmenere, caja de 6 botellas', quantity: 12, unitPrice: 87.35, taxTypeId: 0 }],
		additionalFields: {
			currencyId: 5,
			exchangeRate: 945.12,
			paymentConditions: '30',
			saleModality: 1,
			saleClause: 5,
			portEmbarkation: 'San Antonio',
			portDisembarkation: 'Manzanillo',
		},
	});
	expect(built(input)).toEqual(fixture('cl-export-invoice-46-foreign-receiver'));
});

test('Chile: a receipt with VAT-included prices and the issuer given in the form', () => {
	const input = guidedInput(
		'CL',
		37,
		423,
		{
			issueDate: '2025-01-07',
			issuer: {
				taxId: '76399932-7',
				legalName: 'Cafetería Los Aromos SpA',
				activity: 'Venta al por menor de alimentos',
				address: 'Av. Providencia 2133',
				district: 'Providencia',
				city: 'Santiago',
				phone: '+56 2 2345 6789',
			},
			lineItems: [
				{ description: 'Café americano', quantity: 2, unitPrice: 2500 },
				{ description: 'Sándwich de pollo', quantity: 1, unitPrice: 3990 },
			],
		},
		{ grossValues: true },
	);
	expect(built(input)).toEqual(fixture('cl-receipt-37-prices-with-vat'));
});

test('Chile: an invoice with a global discount and surcharge, the transfer copy, a template and net rounding', () => {
	const input = guidedInput(
		'CL',
		2,
		423,
		{
			issueDate: '2025-01-07',
			receiverTaxId: '77123456-9',
			receiverLegalName: 'Comercial Los Andes SpA',
			receiver: { address: 'Av. Providencia 1234', district: 'Providencia', city: 'Santiago', activity: 'Comercio al por mayor' },
			lineItems: [
				{ description: 'Licencia anual', quantity: 4, unitPrice: 25000 },
				{ description: 'Curso de capacitación (exento)', quantity: 1, unitPrice: 20000, taxTypeId: 0 },
			],
			globalDiscounts: [
				{ code: 'DA', value: 10, type: '%' },
				{ code: 'RE', value: 500, type: '$' },
			],
			additionalFields: { paymentConditions: '30' },
		},
		{ pdfTransferCopy: true, roundingType: 'net', templateId: 3 },
	);
	expect(built(input)).toEqual(fixture('cl-invoice-2-global-discount'));
});

test('Mexico: a global invoice to the general public, with the SAT product and unit keys per line and the issuer', () => {
	const line = { description: 'Venta', quantity: 1, mxProductServiceKey: '01010101', mxUnitKey: 'ACT' };
	const input = guidedInput('MX', 76, 25000, {
		issueDate: '2025-02-01',
		issuer: { taxId: 'EKU9003173C9', legalName: 'ESCUELA KEMPER URGATE', activity: '601', postalCode: '42501' },
		receiverTaxId: 'XAXX010101000',
		receiverLegalName: 'PUBLICO EN GENERAL',
		receiver: { activity: '616', postalCode: '42501' },
		lineItems: [
			{ ...line, unitPrice: 431.03 },
			{ ...line, unitPrice: 862.07 },
		],
		additionalFields: { mxCfdiUsage: 'S01', mxPaymentCode: '01', mxGlobalPeriodicity: '04', mxGlobalMonth: '01', mxGlobalYear: 2025 },
	});
	expect(built(input)).toEqual(withAccount(fixture('mx-income-76-global-invoice'), 25000));
});

test('Mexico: a line with its own SAT keys and a description of 100 characters with emoji', () => {
	const description = 'Caja regalo aniversario 🎁🎂🎉 con tarjeta dedicada, moño y envoltura especial para la fiesta de cumple';
	const input = guidedInput('MX', 76, 25000, {
		issueDate: '2025-01-14',
		receiverTaxId: 'EKU9003173C9',
		receiverLegalName: 'ESCUELA KEMPER URGATE',
		receiver: { activity: '601', postalCode: '42501', email: 'cliente@example.com' },
		lineItems: [{ description, quantity: 2, unitPrice: 349.9, mxProductServiceKey: '14111803', mxUnitKey: 'H87' }],
		additionalFields: { mxCfdiUsage: 'G03', mxPaymentCode: '04' },
	});
	expect(built(input)).toEqual(withAccount(fixture('mx-income-76-emoji-description'), 25000));
});

test('Argentina: a services invoice (concept 2) with its service period, and Extra Header JSON merged into ar_header', () => {
	const input = guidedInput(
		'AR',
		115,
		29240,
		{
			issueDate: '2025-02-03',
			receiverTaxId: '20357265992',
			receiverLegalName: 'Juan Pérez',
			receiver: { address: 'Av. Corrientes 1234', city: 'Buenos Aires' },
			lineItems: [{ description: 'Abono mensual de soporte técnico', quantity: 1, unitPrice: 15000 }],
			additionalFields: {
				branchOfficeCode: '12',
				arInvoiceConcept: 2,
				arReceiverVatConditionId: 5,
				arServiceDateFrom: '2025-01-01',
				arServiceDateTo: '2025-01-31',
				arServicePaymentDueDate: '2025-02-10',
			},
		},
		{},
		'{"additional": {"ar_header": {"items_quantity": 1}}}',
	);
	expect(built(input)).toEqual(fixture('ar-invoice-b-115-services'));
});

test('Peru: a retention receipt (109), its header block and each retained invoice from documented JSON fields', () => {
	const input = guidedInput(
		'PE',
		109,
		16268,
		{
			issueDate: '2025-01-14',
			receiverTaxId: '20100070970',
			receiverLegalName: 'Proveedora Andina SAC',
			receiver: { address: 'Jr. Junín 455', district: 'Cercado de Lima', city: 'Lima', department: 'Lima' },
			references: [
				{
					documentTypeId: 96,
					referenceNumber: 'F001-00000087',
					referenceCode: '',
					description: 'Factura retenida',
					referenceDate: '2025-01-10',
					retentionDetailsJson: '{"payment_date": "2025-01-14", "payment_number": 1, "payment_amount": 1180, "retained_amount": 35.4, "net_paid_amount": 1144.6}',
				},
				{
					documentTypeId: 96,
					referenceNumber: 'F001-00000091',
					referenceCode: '',
					description: 'Factura retenida',
					referenceDate: '2025-01-12',
					retentionDetailsJson: { payment_date: '2025-01-14', payment_number: 1, payment_amount: 590, retained_amount: 17.7, net_paid_amount: 572.3 },
				},
			],
			additionalFields: {
				documentSequenceCode: 'R001',
				peRetentionHeaderJson: '{"pe_sunat_retention_system_code": "01", "pe_sunat_retention_percent": 3, "pe_sunat_total_paid": 1770}',
			},
		},
	);
	expect(built(input)).toEqual(fixture('pe-retention-109-two-invoices'));
});

test('Peru: a remission guide (100) with its signature and the shipment from the Shipping JSON, merged with the Extra Header JSON', () => {
	const shipping = fixture('pe-remission-guide-100-shipping');
	const peShipping = ((shipping.header as IDataObject).additional as IDataObject).pe_shipping as IDataObject;
	const { shipment_stage, ...rest } = peShipping;
	const input = guidedInput(
		'PE',
		100,
		16268,
		{
			issueDate: '2025-01-14',
			receiverTaxId: '20100070970',
			receiverLegalName: 'Proveedora Andina SAC',
			receiver: { address: 'Jr. Junín 455' },
			lineItems: [{ description: 'Cajas de repuestos', quantity: 3, unitPrice: 0, taxTypeId: 0, unitMeasure: 'NIU' }],
			additionalFields: { documentSequenceCode: 'T001', peSignatureId: 'SIGN-T001', peShippingJson: JSON.stringify(rest) },
		},
		{},
		{ additional: { pe_shipping: { shipment_stage } } },
	);
	expect(built(input)).toEqual(shipping);
});
