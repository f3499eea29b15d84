/**
 * The body the guided fields ("Fill in Fields") turn into, before totals are computed.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildGuidedBody, type GuidedInput } from '../../../../nodes/Koywe/actions/document/create/guided';
import type { InputIssue } from '../../../../nodes/Koywe/actions/issues';

const guided = (overrides: Partial<GuidedInput> = {}): GuidedInput => ({
	issuer: {},
	globalDiscounts: [],
	country: 'CL',
	accountId: 423,
	documentType: 2,
	issueDate: '',
	receiverTaxId: '',
	receiverTaxIdType: '',
	receiverLegalName: '',
	receiver: {},
	lineItems: [],
	references: [],
	additionalFields: {},
	extraHeader: {},
	today: '2026-11-21',
	...overrides,
});

const header = (input: Partial<GuidedInput>) => buildGuidedBody(guided(input)).header as IDataObject;
const lines = (input: Partial<GuidedInput>) => buildGuidedBody(guided(input)).details as IDataObject[];

describe('header', () => {
	test("an empty issue date is today in the country's time zone; the currency and payment terms get their defaults", () => {
		expect(header({})).toEqual({
			account_id: 423,
			document_type_id: 2,
			issue_date: '2026-11-21',
			currency_id: 39,
			payment_conditions: '0',
		});
	});

	test("a receiver tax ID without a type gets the country's usual type", () => {
		expect(header({ country: 'PE', receiverTaxId: ' 20610383727 ' })).toEqual(
			expect.objectContaining({ receiver_tax_id_code: '20610383727', receiver_tax_id_type: 'PE-RUC' }),
		);
	});

	test('receiver details that were left empty or 0 are not sent', () => {
		const sent = header({ receiver: { address: 'Av. 1', city: '', countryId: 0, email: ' a@b.cl ' } });
		expect(sent.receiver_address).toBe('Av. 1');
		expect(sent.receiver_email).toBe('a@b.cl');
		expect(sent).not.toHaveProperty('receiver_city');
		expect(sent).not.toHaveProperty('receiver_country_id');
	});

	test("each country's header block gets its defaults (Peru's operation type, Mexico's CFDI use, Argentina's concept)", () => {
		expect(header({ country: 'PE' }).additional).toEqual({ pe_header: { operation_type: '0101' } });
		expect(header({ country: 'MX' }).additional).toEqual({ mx_header: { receiver_cfdi_usage: 'S01', reported_payment_code: '01' } });
		expect(header({ country: 'AR', additionalFields: { arReceiverVatConditionId: 5 } }).additional).toEqual({
			ar_header: { invoice_concept: 1, receiver_vat_condition_id: 5 },
		});
		expect(header({ country: 'CL' }).additional).toBeUndefined();
	});

	test('the Extra Header JSON never replaces a block the form built: Argentina keeps its invoice concept', () => {
		const sent = header({
			country: 'AR',
			additionalFields: { arInvoiceConcept: 2 },
			extraHeader: { additional: { ar_header: { items_quantity: 3 } } },
		});
		expect(sent.additional).toEqual({ ar_header: { invoice_concept: 2, items_quantity: 3 } });
	});

	test('the Extra Header JSON merges objects at every level; its lists and values replace', () => {
		const sent = header({
			country: 'MX',
			extraHeader: { additional: { mx_header: { reported_payment_code: '03' }, mx_exports: { items: [1] } } },
		});
		expect(sent.additional).toEqual({
			mx_header: { receiver_cfdi_usage: 'S01', reported_payment_code: '03' },
			mx_exports: { items: [1] },
		});
	});

	test('the Extra Header JSON is merged last, its additional block key by key', () => {
		const sent = header({ country: 'MX', extraHeader: { guide_type: 1, additional: { mx_shipping: { a: 1 } } } });
		expect(sent.guide_type).toBe(1);
		expect(sent.additional).toEqual({
			mx_header: { receiver_cfdi_usage: 'S01', reported_payment_code: '01' },
			mx_shipping: { a: 1 },
		});
	});
});

describe('line items', () => {
	test("a line without a tax gets the country's usual VAT", () => {
		const [line] = lines({ country: 'PE', lineItems: [{ description: 'Hours', quantity: 3, unitPrice: 100 }] });
		expect(line).toEqual({
			quantity: 3,
			line_description: 'Hours',
			unit_measure: 'NIU',
			unit_price: 100,
			taxes: [{ tax_type_id: 413, tax_percentage: 18 }],
		});
	});

	test('tax type 0 is exempt: no tax entry at all', () => {
		expect(lines({ lineItems: [{ description: 'x', unitPrice: 1, taxTypeId: 0 }] })[0].taxes).toEqual([]);
	});

	test("a named tax without a rate uses that tax's rate from the table", () => {
		const [line] = lines({ country: 'MX', lineItems: [{ description: 'x', unitPrice: 1, taxTypeId: 361 }] });
		expect(line.taxes).toEqual([{ tax_type_id: 361, tax_percentage: 8 }]);
	});

	test('a withholding is sent with a negative rate, whatever sign was typed', () => {
		const [line] = lines({
			country: 'CO',
			lineItems: [{ description: 'x', unitPrice: 1, withholdingTaxTypeId: 397, withholdingPercentage: 2.85 }],
		});
		expect(line.taxes).toEqual([
			{ tax_type_id: 388, tax_percentage: 19 },
			{ tax_type_id: 397, tax_percentage: -2.85 },
		]);
	});

	test('a discount amount wins over a discount percentage, and both are sent as negative modifiers', () => {
		expect(lines({ lineItems: [{ description: 'x', unitPrice: 10, discountAmount: 2, discountPercent: 5 }] })[0].modifier_amount).toBe(-2);
		expect(lines({ lineItems: [{ description: 'x', unitPrice: 10, discountPercent: 5 }] })[0].modifier_percentage).toBe(-5);
	});
});

describe('referenced documents', () => {
	test('a Koywe document ID replaces the folio; a numeric reason code is sent as a number', () => {
		const body = buildGuidedBody(
			guided({
				references: [
					{ documentTypeId: 2, referenceDocumentId: 55, referenceNumber: '123', referenceCode: '1', description: 'Anula' },
					{ documentTypeId: 96, referenceNumber: 'F001-87', referenceCode: '01' },
				],
			}),
		);
		expect(body.references).toEqual([
			{ document_type_id: 2, reference_document_id: 55, reference_code: 1, description: 'Anula' },
			{ document_type_id: 96, reference_number: 'F001-87', reference_code: '01' },
		]);
	});

	test('without referenced documents the body has no references block', () => {
		expect(buildGuidedBody(guided())).not.toHaveProperty('references');
	});
});

describe('taxes and withholdings of a guided line', () => {
	const build = (country: GuidedInput['country'], item: IDataObject) => {
		const issues: InputIssue[] = [];
		const body = buildGuidedBody(guided({ country, lineItems: [{ description: 'x', unitPrice: 1000, ...item }] }), issues);
		return { taxes: (body.details as IDataObject[])[0].taxes, issues };
	};

	test("a fixed-rate withholding left at 0 % is sent at the table's rate: Mexico ISR 366 withholds 10 %", () => {
		expect(build('MX', { withholdingTaxTypeId: 366 })).toEqual({
			taxes: [
				{ tax_type_id: 362, tax_percentage: 16 },
				{ tax_type_id: 366, tax_percentage: -10 },
			],
			issues: [],
		});
	});

	test('a withholding without a fixed rate and no percentage is refused, never sent at 0 %', () => {
		const { issues } = build('CO', { withholdingTaxTypeId: 397 });
		expect(issues).toEqual([
			expect.objectContaining({
				path: 'lineItems.item[0].withholdingPercentage',
				message: expect.stringContaining('Withholding Percentage is required for tax 397'),
			}),
		]);
	});

	test("a negative Tax Percentage is sent as given, Koywe's sign for a withholding (Colombia 397 at −2.85), never replaced by 0", () => {
		expect(build('CO', { taxTypeId: 397, taxPercentage: -2.85 })).toEqual({ taxes: [{ tax_type_id: 397, tax_percentage: -2.85 }], issues: [] });
	});

	test('a withholding chosen as the main tax with a positive rate still reduces the total', () => {
		expect(build('MX', { taxTypeId: 365, taxPercentage: 16 }).taxes).toEqual([{ tax_type_id: 365, tax_percentage: -16 }]);
	});

	test('a negative rate on a tax that is not a withholding is refused (it would lower the total)', () => {
		const { issues } = build('CO', { taxTypeId: 388, taxPercentage: -19 });
		expect(issues).toEqual([expect.objectContaining({ path: 'lineItems.item[0].taxPercentage', message: expect.stringContaining('not a withholding') })]);
	});

	test('a tax that adds to the total cannot be given as the withholding', () => {
		const { issues } = build('MX', { withholdingTaxTypeId: 362 });
		expect(issues).toEqual([expect.objectContaining({ path: 'lineItems.item[0].withholdingTaxTypeId' })]);
	});

	test("Peru 412 without a rate is refused instead of guessed: Koywe's table says 16 %, one of its examples 18 %", () => {
		const { issues } = build('PE', { taxTypeId: 412 });
		expect(issues).toEqual([expect.objectContaining({ path: 'lineItems.item[0].taxPercentage', message: expect.stringMatching(/412.*16 %.*18 %/) })]);
		expect(build('PE', { taxTypeId: 412, taxPercentage: 18 })).toEqual({ taxes: [{ tax_type_id: 412, tax_percentage: 18 }], issues: [] });
	});
});

describe('Mexican lines', () => {
	test('are sent with unit_measure UN, as in Koywe\'s Mexican examples (the SAT unit key goes in mx_detail)', () => {
		const [line] = lines({ country: 'MX', lineItems: [{ description: 'Servicio', unitPrice: 100 }] });
		expect(line.unit_measure).toBe('UN');
	});
});

describe('the issuer and the global discounts', () => {
	test("an issuer tax ID without a type gets the country's usual type; fields left empty are not sent", () => {
		expect(header({ country: 'PE', issuer: { taxId: '20610383727', legalName: 'Demo SAC', address: '' } })).toEqual(
			expect.objectContaining({ issuer_tax_id_code: '20610383727', issuer_tax_id_type: 'PE-RUC', issuer_legal_name: 'Demo SAC' }),
		);
		expect(header({ issuer: { address: '' } })).not.toHaveProperty('issuer_address');
	});

	test('without an issuer the header carries no issuer field (Koywe fills them from the account)', () => {
		expect(Object.keys(header({})).filter((key) => key.startsWith('issuer_'))).toEqual([]);
	});

	test('global discounts and surcharges are sent with their code, value and type', () => {
		const body = buildGuidedBody(guided({ globalDiscounts: [{ code: 'DA', value: 5, type: '%' }, { code: 'RA', value: 1000, type: '$' }] }));
		expect(body.globals_discounts_surcharges).toEqual([
			{ discount_surcharge_code: 'DA', discount_surcharge_value: 5, discount_surcharge_type: '%' },
			{ discount_surcharge_code: 'RA', discount_surcharge_value: 1000, discount_surcharge_type: '$' },
		]);
		expect(buildGuidedBody(guided())).not.toHaveProperty('globals_discounts_surcharges');
	});
});

describe('numbers an expression got wrong', () => {
	test('a Tax Type ID or a withholding that is not a number is refused, never dropped', () => {
		const issues: InputIssue[] = [];
		buildGuidedBody(guided({ lineItems: [{ description: 'x', unitPrice: 1, taxTypeId: 'abc', withholdingTaxTypeId: 'IVA' }] }), issues);
		expect(issues.map((issue) => issue.message)).toEqual([
			'line item 1: Tax Type ID must be a number (got "abc")',
			'line item 1: Withholding Tax Type ID must be a number (got "IVA")',
		]);
	});
});
