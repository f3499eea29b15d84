import * as fs from 'fs';
import * as path from 'path';
import { validateDocumentBody, type ValidationContext, type ValidationIssue } from '../../../nodes/Koywe/validation';

type Obj = Record<string, any>;

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'koywe-examples');
const fixture = (name: string): Obj => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

function issuesOf(body: unknown, ctx: ValidationContext = {}): ValidationIssue[] {
	return validateDocumentBody(body, ctx).issues;
}
function warningsOf(body: unknown, ctx: ValidationContext = {}): string[] {
	return validateDocumentBody(body, ctx).warnings;
}
/** Exactly one issue, at `path`, whose message names the path. */
function expectSingleIssue(body: unknown, issuePath: string, ctx: ValidationContext = {}, pattern?: RegExp): ValidationIssue {
	const issues = issuesOf(body, ctx);
	expect(issues).toHaveLength(1);
	expect(issues[0].path).toBe(issuePath);
	if (issuePath !== '') expect(issues[0].message).toContain(issuePath);
	if (pattern) expect(issues[0].message).toMatch(pattern);
	return issues[0];
}

describe('body shape', () => {
	it.each([null, 'text', 42, [1, 2]])('rejects a body that is not an object (%p)', (body) => {
		expectSingleIssue(body, '', {}, /JSON object/);
	});

	it('requires the header', () => {
		const body = fixture('co-invoice-82');
		delete body.header;
		expect(issuesOf(body)).toContainEqual(expect.objectContaining({ path: 'header' }));
	});

	it('reports a header that is not an object', () => {
		const body = fixture('co-invoice-82');
		body.header = 'x';
		expect(issuesOf(body)).toContainEqual({ path: 'header', message: 'header must be an object (got string).' });
	});

	it('reports details that are not a list', () => {
		const body = fixture('co-invoice-82');
		body.details = { quantity: 1 };
		expectSingleIssue(body, 'details', {}, /list/);
	});

	it('lets unknown keys through everywhere and never strips them', () => {
		const body = fixture('co-invoice-82');
		body.future_top_level = { a: 1 };
		body.header.some_new_field = 'x';
		body.header.additional = { co_header: { reported_payment_code: 10, brand_new: true }, xx_header: {} };
		body.details[0].new_line_field = [1];
		body.details[0].taxes[0].extra = 'y';
		body.totals.rounding_diff = 0;
		const snapshot = JSON.stringify(body);
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
		expect(JSON.stringify(body)).toBe(snapshot);
	});

	it('accepts ids and amounts as numbers or numeric strings, and null optional blocks', () => {
		const body = fixture('co-invoice-82');
		body.header.document_type_id = 82;
		body.header.issuer_country_id = 66;
		body.header.currency_id = '28';
		body.details[0].quantity = '1.000000';
		body.details[0].unit_price = '1500.000000';
		body.details[0].taxes[0].tax_type_id = 388;
		body.details[0].taxes[0].tax_percentage = '19';
		body.totals.total_amount = '1666.00';
		body.references = null;
		body.options = null;
		body.payment_link = null;
		expect(issuesOf(body, { country: 'CO', strictTotals: true })).toEqual([]);
	});

	it('accepts numbers where text is expected (postal code, county, branch)', () => {
		const body = fixture('co-pos-87');
		body.header.postal_code = 11001;
		body.header.receiver_county_id = 496;
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
	});

	it('rejects a non-numeric amount, naming the path', () => {
		const body = fixture('co-invoice-82');
		body.details[0].unit_price = 'abc';
		expectSingleIssue(body, 'details[0].unit_price', { country: 'CO' }, /must be a number/);
	});

	it('suggests a dot for a comma decimal separator', () => {
		const body = fixture('pe-invoice-96');
		body.details[0].unit_price = '100,50';
		expectSingleIssue(body, 'details[0].unit_price', { country: 'PE' }, /dot as decimal separator.*100\.50/);
	});

	it('rejects a fractional id', () => {
		const body = fixture('co-invoice-82');
		body.header.currency_id = '28.5';
		expectSingleIssue(body, 'header.currency_id', {}, /whole number/);
	});
});

describe('document type', () => {
	it('is required, and the message lists the valid ids of the country', () => {
		const body = fixture('cl-invoice-2-reference-802');
		delete body.header.document_type_id;
		expectSingleIssue(body, 'header.document_type_id', { country: 'CL' }, /2 Factura electrónica.*37 Boleta electrónica/);
	});

	it('must belong to the account country', () => {
		const body = fixture('co-invoice-82');
		expectSingleIssue(body, 'header.document_type_id', { country: 'CL' }, /Colombia document type.*account is in Chile.*Valid Chile ids: 2 /);
	});

	it('rejects a received-document id', () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.header.document_type_id = '9';
		expectSingleIssue(body, 'header.document_type_id', { country: 'CL' }, /received document/);
		body.header.document_type_id = 79;
		expectSingleIssue(body, 'header.document_type_id', {}, /received document.*Mexico.*76/);
	});

	it('rejects an unknown id inside the country range, naming the valid ids', () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.header.document_type_id = 18;
		expectSingleIssue(body, 'header.document_type_id', { country: 'CL' }, /not a known Chile document type.*2 Factura/);
		const mx = fixture('mx-income-76');
		mx.header.document_type_id = 78.0;
		expect(issuesOf(mx, { country: 'MX' })).toEqual([]);
	});

	it('only warns about ids outside every known table (and about Colombian gaps such as 85/86)', () => {
		const body = fixture('co-invoice-82');
		body.header.document_type_id = 85;
		const result = validateDocumentBody(body, { country: 'CO' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringContaining('header.document_type_id 85'));
		body.header.document_type_id = 999;
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
	});

	it('warns about Argentine ids whose meaning is not documented', () => {
		const body = fixture('ar-invoice-b-115');
		body.header.document_type_id = 118;
		const result = validateDocumentBody(body, { country: 'AR' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringContaining('118'));
	});
});

describe('issue date', () => {
	it('is required', () => {
		const body = fixture('co-invoice-82');
		delete body.header.issue_date;
		expectSingleIssue(body, 'header.issue_date', { country: 'CO' }, /YYYY-MM-DD/);
	});
	it.each(['14/01/2025', '2025-1-14', '2025-01-14T10:00:00'])('rejects the format %s', (date) => {
		const body = fixture('co-invoice-82');
		body.header.issue_date = date;
		expectSingleIssue(body, 'header.issue_date', { country: 'CO' }, /YYYY-MM-DD/);
	});
	it.each(['2025-02-29', '2025-13-01', '2025-04-31'])('rejects the impossible date %s', (date) => {
		const body = fixture('co-invoice-82');
		body.header.issue_date = date;
		expectSingleIssue(body, 'header.issue_date', { country: 'CO' }, /real calendar date/);
	});
	it('accepts 29 February in a leap year', () => {
		const body = fixture('co-invoice-82');
		body.header.issue_date = '2024-02-29';
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
	});
});

describe('receiver and tax ids', () => {
	it('requires a receiver tax id for an invoice', () => {
		const body = fixture('co-invoice-82');
		delete body.header.receiver_tax_id_code;
		expectSingleIssue(body, 'header.receiver_tax_id_code', { country: 'CO' }, /Electronic Sales Invoice/);
	});

	it('mentions the generic RUT for a Chilean credit note without receiver', () => {
		const body = fixture('cl-credit-note-16');
		delete body.header.receiver_tax_id_code;
		expectSingleIssue(body, 'header.receiver_tax_id_code', { country: 'CL' }, /66666666-6/);
	});

	it('does not require a receiver for a Chilean receipt', () => {
		expect(issuesOf(fixture('cl-receipt-37-no-receiver'), { country: 'CL' })).toEqual([]);
	});

	it('requires the tax id type when a tax id is given', () => {
		const body = fixture('cl-receipt-37-no-receiver');
		body.header.receiver_tax_id_code = '76399932-7';
		expectSingleIssue(body, 'header.receiver_tax_id_type', { country: 'CL' }, /CL-RUT/);
	});

	it('checks the receiver RUT check digit', () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.header.receiver_tax_id_code = '76399932-5';
		expectSingleIssue(body, 'header.receiver_tax_id_code', { country: 'CL' }, /wrong check digit.*76399932-7/);
	});

	it('asks for a RUT without dots', () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.header.receiver_tax_id_code = '76.399.932-7';
		expectSingleIssue(body, 'header.receiver_tax_id_code', { country: 'CL' }, /without dots/);
	});

	it('checks the issuer tax id too', () => {
		const body = fixture('co-invoice-82');
		body.header.issuer_tax_id_code = '860517022-9';
		expectSingleIssue(body, 'header.issuer_tax_id_code', { country: 'CO' }, /860517022-2/);
	});

	it('checks RUC, RFC and CUIT', () => {
		const pe = fixture('pe-invoice-96');
		pe.header.receiver_tax_id_code = '20610383720';
		expectSingleIssue(pe, 'header.receiver_tax_id_code', { country: 'PE' });
		const mx = fixture('mx-income-76');
		mx.header.receiver_tax_id_code = 'EKU9013173C9';
		expectSingleIssue(mx, 'header.receiver_tax_id_code', { country: 'MX' }, /valid date/);
		const ar = fixture('ar-invoice-a-111');
		ar.header.receiver_tax_id_code = '20357265990';
		expectSingleIssue(ar, 'header.receiver_tax_id_code', { country: 'AR' });
	});

	it('only warns about an unknown tax id type', () => {
		const body = fixture('pe-receipt-97-foreign-receiver');
		body.header.receiver_tax_id_type = 'BR-CNPJ';
		const result = validateDocumentBody(body, { country: 'PE' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringContaining('header.receiver_tax_id_type "BR-CNPJ"'));
	});

	it('requires the receiver legal name (except Argentina, where it warns)', () => {
		const cl = fixture('cl-invoice-2-reference-802');
		delete cl.header.receiver_legal_name;
		expectSingleIssue(cl, 'header.receiver_legal_name', { country: 'CL' });
		const ar = fixture('ar-invoice-a-111');
		delete ar.header.receiver_legal_name;
		expect(issuesOf(ar, { country: 'AR' })).toEqual([]);
		expect(warningsOf(ar, { country: 'AR' })).toContainEqual(expect.stringContaining('header.receiver_legal_name'));
	});
});

describe('references', () => {
	it('are required for credit and debit notes', () => {
		for (const name of ['co-credit-note-83-by-reference-number', 'pe-debit-note-99', 'cl-credit-note-16', 'ar-credit-note-a-112', 'co-pos-credit-note-88']) {
			const body = fixture(name);
			delete body.references;
			expectSingleIssue(body, 'references', {}, /references is required/);
		}
	});

	it('must not carry both reference_number and reference_document_id', () => {
		const body = fixture('co-credit-note-83-by-reference-number');
		body.references[0].reference_document_id = 1548;
		expectSingleIssue(body, 'references[0].reference_document_id', { country: 'CO' }, /only one/);
	});

	it('need reference_number or reference_document_id', () => {
		const body = fixture('co-credit-note-83-by-reference-number');
		delete body.references[0].reference_number;
		expectSingleIssue(body, 'references[0].reference_number', { country: 'CO' }, /reference_document_id/);
	});

	it('need reference_code on a note; elsewhere a missing code only warns', () => {
		const note = fixture('pe-credit-note-98');
		delete note.references[0].reference_code;
		expectSingleIssue(note, 'references[0].reference_code', { country: 'PE' });
		const invoice = fixture('cl-invoice-2-reference-802');
		delete invoice.references[0].reference_code;
		expect(issuesOf(invoice, { country: 'CL' })).toEqual([]);
		expect(warningsOf(invoice, { country: 'CL' })).toContainEqual(expect.stringContaining('references[0].reference_code'));
	});

	it('only warn when the description is missing', () => {
		const body = fixture('co-credit-note-83-by-reference-document-id');
		delete body.references[0].description;
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
		expect(warningsOf(body, { country: 'CO' })).toContainEqual(expect.stringContaining('references[0].description'));
	});

	it('reject a note whose only reference is the 802 transaction ID (it does not say what it corrects)', () => {
		const body = fixture('cl-credit-note-16');
		body.references = [{ reference_type: 802, reference_number: 'TXN-1', reference_code: 5, description: 'Internal id' }];
		expect(issuesOf(body, { country: 'CL' })).toEqual([
			expect.objectContaining({ path: 'references', message: expect.stringContaining('add one pointing to the corrected document') }),
		]);
	});

	it('warn about a non-tax reference whose code is not 5', () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.references[0].reference_code = 1;
		expect(issuesOf(body, { country: 'CL' })).toEqual([]);
		expect(warningsOf(body, { country: 'CL' })).toContainEqual(expect.stringContaining('reference_code is expected to be 5'));
	});
});

describe('Colombia', () => {
	it('requires receiver_county_id for a domestic receiver', () => {
		const body = fixture('co-invoice-82');
		delete body.header.receiver_county_id;
		expectSingleIssue(body, 'header.receiver_county_id', { country: 'CO' }, /municipality code/);
	});

	it('only warns about it on POS documents and on types outside the table', () => {
		for (const [name, type] of [['co-pos-87', 87], ['co-invoice-82', 85]] as const) {
			const body = fixture(name);
			body.header.document_type_id = type;
			delete body.header.receiver_county_id;
			expect(issuesOf(body, { country: 'CO' })).toEqual([]);
			expect(warningsOf(body, { country: 'CO' })).toContainEqual(expect.stringContaining('header.receiver_county_id'));
		}
	});

	it('does not require it for a foreign receiver (CO-NOP or a foreign country id)', () => {
		expect(issuesOf(fixture('co-invoice-82-foreign-receiver'), { country: 'CO' })).toEqual([]);
		const body = fixture('co-invoice-82');
		delete body.header.receiver_county_id;
		body.header.receiver_country_id = '89';
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
	});

	it('warns when CO-NOP is used with a Colombian country id', () => {
		const body = fixture('co-invoice-82-foreign-receiver');
		body.header.receiver_country_id = '66';
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
		expect(warningsOf(body, { country: 'CO' })).toContainEqual(expect.stringContaining('CO-NOP'));
	});
});

describe('Chile', () => {
	it('requires guide_type on a dispatch guide', () => {
		const body = fixture('cl-dispatch-guide-54');
		delete body.header.guide_type;
		expectSingleIssue(body, 'header.guide_type', { country: 'CL' }, /internal transfer/);
	});

	it('requires transfer_type unless the guide is an internal transfer', () => {
		const body = fixture('cl-dispatch-guide-54');
		delete body.header.transfer_type;
		expectSingleIssue(body, 'header.transfer_type', { country: 'CL' });
		body.header.guide_type = 5;
		expect(issuesOf(body, { country: 'CL' })).toEqual([]);
	});

	it('rejects undocumented guide and transfer types', () => {
		const body = fixture('cl-dispatch-guide-54');
		body.header.guide_type = 12;
		expectSingleIssue(body, 'header.guide_type', { country: 'CL' }, /1–9/);
		body.header.guide_type = 1;
		body.header.transfer_type = 4;
		expectSingleIssue(body, 'header.transfer_type', { country: 'CL' }, /1–3/);
	});

	it('only warns on export documents without destination country or with taxes', () => {
		const body = fixture('cl-export-invoice-46');
		delete body.header.receiver_country_id;
		body.details[0].taxes = [{ tax_type_id: 387, tax_percentage: 19, tax_amount: 190 }];
		body.details[0].total_taxes = 190;
		body.details[0].total_amount_line = 1190;
		body.totals = { net_amount: 1000, taxes_amount: 190, total_amount: 1190 };
		const result = validateDocumentBody(body, { country: 'CL' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toEqual(
			expect.arrayContaining([expect.stringContaining('header.receiver_country_id'), expect.stringContaining('details[0].taxes is not empty')]),
		);
	});
});

describe('Peru', () => {
	it('requires document_sequence_code', () => {
		const body = fixture('pe-invoice-96');
		delete body.header.document_sequence_code;
		expectSingleIssue(body, 'header.document_sequence_code', { country: 'PE' }, /F001/);
	});

	it('warns about a series that does not match the document type', () => {
		const body = fixture('pe-invoice-96');
		body.header.document_sequence_code = 'B001';
		expect(issuesOf(body, { country: 'PE' })).toEqual([]);
		expect(warningsOf(body, { country: 'PE' })).toContainEqual(expect.stringContaining('does not start with F'));
	});

	it('warns when a receipt is not dated today (when today is known)', () => {
		const body = fixture('pe-receipt-97-dni');
		expect(warningsOf(body, { country: 'PE', today: '2025-01-14' })).toEqual([]);
		expect(warningsOf(body, { country: 'PE', today: '2025-01-15' })).toContainEqual(expect.stringContaining('not today'));
		expect(issuesOf(body, { country: 'PE', today: '2025-01-15' })).toEqual([]);
	});

	it('warns about a receipt over 700 soles without buyer', () => {
		const body = fixture('pe-receipt-97-under-700-no-receiver');
		body.details[0].unit_price = 1000;
		body.details[0].taxes[0].tax_amount = 160;
		body.details[0].total_taxes = 160;
		body.details[0].total_amount_line = 1160;
		body.totals = { net_amount: 1000, taxes_amount: 160, total_amount: 1160 };
		expect(issuesOf(body, { country: 'PE' })).toEqual([]);
		expect(warningsOf(body, { country: 'PE' })).toContainEqual(expect.stringContaining('700 soles'));
	});

	it('accepts a retention receipt without details', () => {
		expect(issuesOf(fixture('pe-retention-109'), { country: 'PE', strictTotals: true })).toEqual([]);
	});
});

describe('Mexico and Argentina (warnings only)', () => {
	it('warns about a receiver name with the company type and missing SAT data', () => {
		const body = fixture('mx-income-76');
		body.header.receiver_legal_name = 'ESCUELA KEMPER URGATE SA DE CV';
		delete body.header.receiver_postalcode;
		const result = validateDocumentBody(body, { country: 'MX' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toEqual(
			expect.arrayContaining([expect.stringContaining('company type'), expect.stringContaining('header.receiver_postalcode')]),
		);
	});

	it('warns about VAT on an Invoice C and a note without the referenced point of sale', () => {
		const c = fixture('ar-invoice-a-111');
		c.header.document_type_id = '119';
		expect(issuesOf(c, { country: 'AR' })).toEqual([]);
		expect(warningsOf(c, { country: 'AR' })).toContainEqual(expect.stringContaining('class C documents carry no VAT'));
		const nc = fixture('ar-credit-note-a-112');
		delete nc.references[0].reference_branch_office_code;
		expect(issuesOf(nc, { country: 'AR' })).toEqual([]);
		expect(warningsOf(nc, { country: 'AR' })).toContainEqual(expect.stringContaining('reference_branch_office_code'));
	});
});

describe('lines', () => {
	it('must exist', () => {
		const body = fixture('co-invoice-82');
		body.details = [];
		expectSingleIssue(body, 'details', { country: 'CO' }, /at least one line/);
	});

	it('need a line_description', () => {
		const body = fixture('co-invoice-82');
		delete body.details[0].line_description;
		expectSingleIssue(body, 'details[0].line_description', { country: 'CO' }, /required/);
	});

	it.each([0, -1, '0'])('need a quantity greater than 0 (got %p)', (quantity) => {
		const body = fixture('co-invoice-82');
		body.details[0].quantity = quantity;
		const issues = issuesOf(body, { country: 'CO' });
		expect(issues).toContainEqual(expect.objectContaining({ path: 'details[0].quantity', message: expect.stringContaining('greater than 0') }));
	});

	it('need a unit_price that is not negative (0 is fine)', () => {
		const body = fixture('pe-remission-guide-100');
		expect(issuesOf(body, { country: 'PE' })).toEqual([]);
		body.details[0].unit_price = -5;
		expect(issuesOf(body, { country: 'PE' })).toContainEqual(expect.objectContaining({ path: 'details[0].unit_price' }));
	});

	it('need unit_measure', () => {
		const body = fixture('pe-invoice-96');
		delete body.details[0].unit_measure;
		expectSingleIssue(body, 'details[0].unit_measure', { country: 'PE' }, /NIU/);
	});

	it('must not use modifier_amount and modifier_percentage together (a 0 in one of them is fine)', () => {
		const body = fixture('co-invoice-82');
		expect(body.details[0]).toMatchObject({ modifier_amount: -100, modifier_percentage: 0 });
		body.details[0].modifier_percentage = -5;
		const issues = issuesOf(body, { country: 'CO' });
		expect(issues).toContainEqual(expect.objectContaining({ path: 'details[0].modifier_percentage', message: expect.stringContaining('only one') }));
	});

	it('need tax_type_id, tax_percentage and tax_amount in each tax entry', () => {
		const body = fixture('co-invoice-82');
		delete body.details[0].taxes[0].tax_amount;
		expect(issuesOf(body, { country: 'CO' })).toContainEqual(
			expect.objectContaining({ path: 'details[0].taxes[0].tax_amount', message: expect.stringContaining('details[0].taxes[0].tax_amount is required') }),
		);
	});

	it('warn about a tax of another country', () => {
		const body = fixture('co-invoice-82');
		body.details[0].taxes[0].tax_type_id = '387';
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
		expect(warningsOf(body, { country: 'CO' })).toContainEqual(expect.stringContaining('Chile tax'));
	});
});

describe('totals', () => {
	it('arithmetic mismatches are warnings, or issues with strictTotals', () => {
		const body = fixture('co-invoice-82');
		body.totals.total_amount = 1700;
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
		expect(warningsOf(body, { country: 'CO' })).toContainEqual(expect.stringContaining('totals.total_amount is 1700'));
		expectSingleIssue(body, 'totals.total_amount', { country: 'CO', strictTotals: true }, /1666/);
	});

	it('missing totals are warnings, or issues with strictTotals', () => {
		const body = fixture('co-invoice-82');
		delete body.totals;
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
		expect(warningsOf(body, { country: 'CO' })).toContainEqual(expect.stringContaining('totals is missing'));
		expectSingleIssue(body, 'totals', { country: 'CO', strictTotals: true });
	});

	it('guides may omit totals', () => {
		const body = fixture('cl-dispatch-guide-54');
		delete body.totals;
		expect(issuesOf(body, { country: 'CL', strictTotals: true })).toEqual([]);
	});
});

describe('options', () => {
	it('warn about booleans and options of another country', () => {
		const body = fixture('co-invoice-82');
		body.options = { send_email: true, draft_only: 1 };
		const result = validateDocumentBody(body, { country: 'CO' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toEqual(
			expect.arrayContaining([expect.stringContaining('options.send_email is true'), expect.stringContaining('options.draft_only is a Chile-only option')]),
		);
	});
});

describe('foreign receivers are never refused for the format of their own country', () => {
	it("a Chilean export to a Mexican buyer whose id does not look like an RFC is sent, with a warning that says why", () => {
		const body = fixture('cl-export-invoice-46-foreign-receiver');
		const result = validateDocumentBody(body, { country: 'CL' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringMatching(/header\.receiver_tax_id_code: RFC "IMP-8841-MX".*foreign.*sent as given/));
	});

	it.each([
		['cl-export-invoice-46', '48', 'PE-RUC', '12345678901'],
		['co-invoice-82', '82', 'CL-RUT', '12345678-0'],
		['pe-invoice-96', '96', 'AR-CUIT', '20-1234-5'],
		['ar-invoice-a-111', '111', 'CO-NIT', '900123456-1'],
		['mx-income-76', '76', 'PE-RUC', '30610383727'],
	])('%s: a receiver identified with a foreign tax-id type only warns (%s, %s %s)', (name, type, idType, code) => {
		const body = fixture(name);
		body.header.document_type_id = type;
		if (type === '48') body.references = [{ document_type_id: 46, reference_number: '15', reference_code: 1, description: 'Anula' }];
		body.header.receiver_tax_id_type = idType;
		body.header.receiver_tax_id_code = code;
		const result = validateDocumentBody(body);
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringContaining('header.receiver_tax_id_code'));
	});

	it("keeps refusing a wrong check digit on the issuing country's own id, even for a foreign receiver", () => {
		const body = fixture('cl-export-invoice-46');
		body.header.receiver_tax_id_type = 'CL-RUT';
		body.header.receiver_tax_id_code = '55555555-4';
		expectSingleIssue(body, 'header.receiver_tax_id_code', { country: 'CL' }, /wrong check digit/);
	});

	it('a Colombian invoice to a buyer with a US tax id needs no municipality code', () => {
		const body = fixture('co-invoice-82');
		delete body.header.receiver_county_id;
		body.header.receiver_tax_id_type = 'US-EIN';
		body.header.receiver_tax_id_code = '12-3456789';
		expect(issuesOf(body, { country: 'CO' })).toEqual([]);
	});
});

describe('line descriptions longer than 100 characters', () => {
	it("are sent with a warning that names long_description (Koywe's own Peruvian example has 134 characters)", () => {
		const body = fixture('pe-invoice-96-long-description');
		const result = validateDocumentBody(body, { country: 'PE' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringMatching(/details\[0\]\.line_description has 134 characters.*long_description/));
	});

	it('are counted as a person counts them: 60 emoji are 60 characters, not 120', () => {
		const body = fixture('co-invoice-82');
		body.details[0].line_description = '🎁'.repeat(60);
		const result = validateDocumentBody(body, { country: 'CO' });
		expect(result.issues).toEqual([]);
		expect(result.warnings.filter((w) => w.includes('line_description'))).toEqual([]);
		body.details[0].line_description = '🎁'.repeat(101);
		expect(validateDocumentBody(body, { country: 'CO' }).warnings).toContainEqual(expect.stringContaining('has 101 characters'));
	});

	it('a description of exactly 100 characters with emoji passes without any remark', () => {
		const body = fixture('mx-income-76-emoji-description');
		expect([...body.details[0].line_description].length).toBe(100);
		expect(body.details[0].line_description.length).toBeGreaterThan(100);
		const result = validateDocumentBody(body, { country: 'MX' });
		expect(result.issues).toEqual([]);
		expect(result.warnings.filter((w) => w.includes('line_description'))).toEqual([]);
	});
});

describe('amounts that would be silently wrong are refused', () => {
	it('a discount larger than the line: Chile 1 × 1000 with a 1500 discount would issue a total of −595', () => {
		const body = fixture('cl-invoice-2-reference-802');
		Object.assign(body.details[0], { quantity: 1, unit_price: 1000, modifier_amount: -1500, total_taxes: -95, total_amount_line: -595 });
		body.details[0].taxes[0].tax_amount = -95;
		body.totals = { net_amount: -500, taxes_amount: -95, total_amount: -595 };
		const issues = issuesOf(body, { country: 'CL' });
		expect(issues).toEqual([
			expect.objectContaining({
				path: 'details[0].modifier_amount',
				message: expect.stringMatching(/discount \(1500\) is larger than quantity × unit_price \(1000\).*−500/),
			}),
		]);
	});

	it('a 150 % discount is refused too (Peru: total −59)', () => {
		const body = fixture('pe-invoice-96');
		Object.assign(body.details[0], { modifier_amount: 0, modifier_percentage: -150, total_taxes: -9, total_amount_line: -59 });
		body.details[0].taxes[0].tax_amount = -9;
		body.totals = { net_amount: -50, taxes_amount: -9, total_amount: -59 };
		expect(issuesOf(body, { country: 'PE' })).toEqual([
			expect.objectContaining({ path: 'details[0].modifier_percentage', message: expect.stringContaining('150 %') }),
		]);
	});

	it("a credit note's total cannot be negative either", () => {
		const body = fixture('cl-credit-note-16');
		body.totals.net_amount = -Math.abs(Number(body.totals.net_amount));
		body.totals.total_amount = -Math.abs(Number(body.totals.total_amount));
		const paths = issuesOf(body, { country: 'CL' }).map((issue) => issue.path);
		expect(paths).toEqual(expect.arrayContaining(['totals.net_amount', 'totals.total_amount']));
	});

	it('a global discount larger than the document is refused', () => {
		const body = fixture('co-invoice-82');
		body.globals_discounts_surcharges = [{ discount_surcharge_code: 'DA', discount_surcharge_value: 2000, discount_surcharge_type: '$' }];
		body.totals = { net_amount: -600, taxes_amount: 0, total_amount: -600 };
		expect(issuesOf(body, { country: 'CO' }).map((issue) => issue.path)).toEqual(['totals.net_amount', 'totals.total_amount']);
	});

	it('withholdings may make the taxes negative, but the total stays positive (Mexico: 1000 + 160 − 160 − 100 = 900)', () => {
		expect(issuesOf(fixture('mx-income-76-withholdings'), { country: 'MX', strictTotals: true })).toEqual([]);
	});

	it.each([
		['details[0].unit_price', (b: Obj) => (b.details[0].unit_price = 1e300)],
		['details[0].quantity', (b: Obj) => (b.details[0].quantity = '1e16')],
		['totals.total_amount', (b: Obj) => (b.totals.total_amount = 5e15)],
	])('an absurd amount (%s) is refused before it reaches Koywe', (path, change) => {
		const body = fixture('co-invoice-82');
		change(body);
		expect(issuesOf(body, { country: 'CO' })).toContainEqual(
			expect.objectContaining({ path, message: expect.stringContaining('15 significant digits') }),
		);
	});
});

describe('the blocks guided mode now fills', () => {
	it('Argentina: a services invoice without its service period is refused, naming what ARCA requires', () => {
		const body = fixture('ar-invoice-b-115-services');
		delete body.header.additional.ar_header.service_date_to;
		delete body.header.additional.ar_header.service_payment_due_date;
		expectSingleIssue(body, 'header.additional.ar_header.service_date_to', { country: 'AR' }, /service_date_to and service_payment_due_date.*invoice_concept 2/);
	});

	it('Argentina: a service period that ends before it starts is refused', () => {
		const body = fixture('ar-invoice-b-115-services');
		body.header.additional.ar_header.service_date_to = '2024-12-31';
		expectSingleIssue(body, 'header.additional.ar_header.service_date_to', { country: 'AR' }, /before/);
	});

	it('Argentina: a goods invoice (concept 1) needs no service dates', () => {
		expect(issuesOf(fixture('ar-invoice-b-115'), { country: 'AR' })).toEqual([]);
	});

	it('Mexico: a two-month global invoice needs a two-month period (13–18), a monthly one a month (01–12)', () => {
		const body = fixture('mx-income-76-global-invoice');
		body.header.additional.mx_header.global_month = '13';
		expectSingleIssue(body, 'header.additional.mx_header.global_month', { country: 'MX' }, /13.*05/);
		body.header.additional.mx_header.global_periodicity = '05';
		expect(issuesOf(body, { country: 'MX' })).toEqual([]);
		body.header.additional.mx_header.global_month = '02';
		expectSingleIssue(body, 'header.additional.mx_header.global_month', { country: 'MX' }, /13–18/);
	});

	it('Mexico: an invoice to the general public without the global invoice data warns', () => {
		const body = fixture('mx-income-76-global-invoice');
		delete body.header.additional.mx_header.global_periodicity;
		delete body.header.additional.mx_header.global_month;
		delete body.header.additional.mx_header.global_year;
		expect(issuesOf(body, { country: 'MX' })).toEqual([]);
		expect(warningsOf(body, { country: 'MX' })).toContainEqual(expect.stringContaining('global_periodicity'));
	});

	it('Mexico: SAT keys that cannot be SAT keys warn, and so do global-invoice lines without 01010101 / ACT', () => {
		const body = fixture('mx-income-76-global-invoice');
		body.details[0].additional.mx_detail = { product_service_identifier: '123', measure_unit_code: 'pieza' };
		const warnings = warningsOf(body, { country: 'MX' });
		expect(issuesOf(body, { country: 'MX' })).toEqual([]);
		expect(warnings).toEqual(
			expect.arrayContaining([
				expect.stringContaining('details[0].additional.mx_detail.product_service_identifier "123"'),
				expect.stringContaining('details[0].additional.mx_detail.measure_unit_code "pieza"'),
			]),
		);
	});

	it('Chile: an export code outside the documented table warns', () => {
		const body = fixture('cl-export-invoice-46-foreign-receiver');
		body.header.sale_clause = 7;
		expect(issuesOf(body, { country: 'CL' })).toEqual([]);
		expect(warningsOf(body, { country: 'CL' })).toContainEqual(expect.stringMatching(/header\.sale_clause 7 .*FOB/));
	});

	it('Peru: a retention receipt whose retained invoice has no pe_retention_details warns', () => {
		const body = fixture('pe-retention-109-two-invoices');
		delete body.references[1].additional;
		expect(issuesOf(body, { country: 'PE' })).toEqual([]);
		expect(warningsOf(body, { country: 'PE' })).toContainEqual(expect.stringContaining('references[1].additional.pe_retention_details'));
		expect(warningsOf(fixture('pe-retention-109-two-invoices'), { country: 'PE' })).toEqual([]);
	});

	it('global discounts with an unknown code or type warn', () => {
		const body = fixture('cl-invoice-2-global-discount');
		body.globals_discounts_surcharges[0].discount_surcharge_code = 'XX';
		body.globals_discounts_surcharges[1].discount_surcharge_type = '#';
		const result = validateDocumentBody(body, { country: 'CL' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toEqual(
			expect.arrayContaining([
				expect.stringContaining('globals_discounts_surcharges[0].discount_surcharge_code "XX"'),
				expect.stringContaining('globals_discounts_surcharges[1].discount_surcharge_type "#"'),
			]),
		);
	});
});

describe('one problem per absurd line', () => {
	it('10^8 units at 10^8 each is reported once, on the line, not on every amount computed from it', () => {
		const body = fixture('co-invoice-82');
		Object.assign(body.details[0], { quantity: 1e8, unit_price: 1e8, modifier_amount: 0, total_taxes: 1.9e15, total_amount_line: 1.19e16 });
		body.details[0].taxes[0].tax_amount = 1.9e15;
		body.totals = { net_amount: 1e16, taxes_amount: 1.9e15, total_amount: 1.19e16 };
		expect(issuesOf(body, { country: 'CO' })).toEqual([
			expect.objectContaining({ path: 'details[0].unit_price', message: expect.stringContaining('quantity × unit_price is 10000000000000000') }),
		]);
	});
});
