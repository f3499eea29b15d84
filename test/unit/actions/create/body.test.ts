/**
 * From the Create parameters to the body that is sent, or to the problems that stop the item before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildCreateBody } from '../../../../nodes/Koywe/actions/document/create/body';
import { createInput } from './input';

const paths = (input: Parameters<typeof buildCreateBody>[0]) =>
	buildCreateBody(input).issues.map((issue) => issue.path);

describe('the reference that keeps a document from being issued twice', () => {
	test('the Reference is added as reference 802 with code 5', () => {
		const { body, reference } = buildCreateBody(createInput());
		expect(reference).toBe('ORDER-1');
		expect(body?.references).toEqual([
			{ reference_type: 802, reference_number: 'ORDER-1', reference_code: 5, description: 'Transaction ID' },
		]);
	});

	test("a JSON body's own 802 reference is used when Reference is empty, and not added twice", () => {
		const documentJson = { header: {}, details: [], references: [{ reference_type: 802, reference_number: 'BODY-7' }] };
		const { body, reference, issues } = buildCreateBody(createInput({ mode: 'json', documentJson, reference: '' }));
		expect(issues).toEqual([]);
		expect(reference).toBe('BODY-7');
		expect(body?.references).toHaveLength(1);
	});

	test('a Reference that differs from the body\'s 802 reference stops the item', () => {
		const documentJson = { header: {}, references: [{ reference_type: 802, reference_number: 'BODY-7' }] };
		const { issues } = buildCreateBody(createInput({ mode: 'json', documentJson }));
		expect(issues).toEqual([
			expect.objectContaining({ path: 'reference', message: 'Reference is "ORDER-1" but the body already carries reference 802 "BODY-7"' }),
		]);
	});

	test('a Reference expression that gives nothing stops the item instead of issuing it unprotected', () => {
		const { issues } = buildCreateBody(createInput({ reference: '', referenceExpression: '{{ $json.orderId }}' }));
		expect(issues).toEqual([
			expect.objectContaining({ path: 'reference', message: 'the Reference expression evaluated to an empty value' }),
		]);
		expect(issues[0].hint).toMatch(/"\{\{ \$json.orderId \}\}" gave nothing for this item/);
	});

	test('an empty fixed Reference is a choice: no reference, no issue', () => {
		const { body, reference, issues } = buildCreateBody(createInput({ reference: '' }));
		expect(issues).toEqual([]);
		expect(reference).toBe('');
		expect(body).not.toHaveProperty('references');
	});
});

describe('problems found before anything is sent', () => {
	test('an unknown country says which ones exist', () => {
		const { issues } = buildCreateBody(createInput({ country: 'BR' }));
		expect(issues).toEqual([{ path: 'country', message: 'unknown country "BR"', hint: 'Use CL, CO, PE, MX or AR.' }]);
	});

	test('a missing Account ID and a broken JSON body are reported together', () => {
		expect(paths(createInput({ accountId: 0, mode: 'json', documentJson: '{"header": {' }))).toEqual(['accountId', 'documentJson']);
	});

	test('a JSON body that is a list is not a document', () => {
		const { issues } = buildCreateBody(createInput({ mode: 'json', documentJson: '[1, 2]' }));
		expect(issues[0].message).toBe('"Document JSON" must be a JSON object');
	});

	test('a JSON header for another account or document type is refused, naming both values', () => {
		const documentJson = { header: { account_id: 999, document_type_id: 33 } };
		const { issues } = buildCreateBody(createInput({ mode: 'json', documentJson }));
		expect(issues.map((issue) => issue.message)).toEqual([
			'header.account_id in the JSON is 999 but Account ID is 423',
			'header.document_type_id in the JSON is 33 but Document Type is 2',
		]);
	});

	test('broken Extra Header JSON names that field', () => {
		const input = createInput({ extraHeaderJson: '{oops' });
		expect(buildCreateBody(input).issues[0]).toEqual(
			expect.objectContaining({ path: 'additionalFields.headerJson', message: '"Extra Header JSON" is not valid JSON' }),
		);
	});
});

describe('what is filled in for the user', () => {
	test('a JSON header without account and type gets them from the fields; everything else is sent as given', () => {
		const documentJson = JSON.stringify({ header: { issue_date: '2026-01-02' }, details: [{ x: 1 }], custom: true });
		const { body } = buildCreateBody(createInput({ mode: 'json', documentJson, reference: '' }));
		expect(body).toEqual({ header: { issue_date: '2026-01-02', account_id: 423, document_type_id: 2 }, details: [{ x: 1 }], custom: true });
	});

	test('guided totals are computed unless switched off', () => {
		const computed = buildCreateBody(createInput()).body as IDataObject;
		expect(computed.totals).toEqual({ net_amount: 2000, taxes_amount: 380, total_amount: 2380 });
		const input = createInput();
		input.options.computeTotals = false;
		expect(buildCreateBody(input).body).not.toHaveProperty('totals');
	});

	test("Draft Only becomes Koywe's draft_only; Send Email only reaches Koywe for Colombia", () => {
		const chile = createInput();
		chile.options = { ...chile.options, draftOnly: true, sendEmail: false };
		expect(buildCreateBody(chile).body?.options).toEqual({ draft_only: 1 });
		const colombia = createInput({ country: 'CO', documentType: 82 });
		colombia.options = { ...colombia.options, sendEmail: false };
		expect(buildCreateBody(colombia).body?.options).toEqual({ send_email: 0 });
	});

	test("the issue date left empty is today in the country, not in the server's zone", () => {
		const input = createInput({ now: new Date('2026-11-22T02:30:00Z') });
		input.guided = { ...input.guided!, issueDate: '' };
		// 02:30 UTC on the 22nd is still the 21st in Santiago (UTC-3).
		expect((buildCreateBody(input).body?.header as IDataObject).issue_date).toBe('2026-11-21');
	});
});

describe('amounts and ids as the tax authority keeps them', () => {
	test('Colombian amounts keep two decimals: 3530.82 + IVA 670.86 = 4201.68, not 4202', () => {
		const input = createInput({ country: 'CO', documentType: 82 });
		input.guided = { ...input.guided!, receiverTaxId: '860517022-2', receiver: { countyId: '496' }, lineItems: [{ description: 'Soporte', unitPrice: 3530.82 }] };
		expect((buildCreateBody(input).body as IDataObject).totals).toEqual({ net_amount: 3530.82, taxes_amount: 670.86, total_amount: 4201.68 });
	});

	test('Chilean amounts stay in whole pesos', () => {
		const input = createInput();
		input.guided = { ...input.guided!, lineItems: [{ description: 'Soporte', unitPrice: 1250.5 }] };
		expect((buildCreateBody(input).body as IDataObject).totals).toEqual({ net_amount: 1251, taxes_amount: 238, total_amount: 1489 });
	});

	test('a RUT with a lowercase k is sent with a capital K, in guided and in JSON mode', () => {
		const guided = createInput();
		guided.guided = { ...guided.guided!, receiverTaxId: '10000013-k' };
		expect((buildCreateBody(guided).body?.header as IDataObject).receiver_tax_id_code).toBe('10000013-K');
		const documentJson = { header: { receiver_tax_id_code: '10000013-k', receiver_tax_id_type: 'CL-RUT', issuer_tax_id_code: '10000013-k', issuer_tax_id_type: 'CL-RUT' } };
		const header = buildCreateBody(createInput({ mode: 'json', documentJson })).body?.header as IDataObject;
		expect([header.receiver_tax_id_code, header.issuer_tax_id_code]).toEqual(['10000013-K', '10000013-K']);
	});

	test('guided problems with a line stop the item, naming the line and the field', () => {
		const input = createInput({ country: 'CO', documentType: 82 });
		input.guided = { ...input.guided!, lineItems: [{ description: 'x', unitPrice: 1, withholdingTaxTypeId: 397 }] };
		expect(paths(input)).toEqual(['lineItems.item[0].withholdingPercentage']);
	});
});

describe('the JSON fields of the guided form', () => {
	test('a broken Shipping JSON (Peru) names that field and stops the item', () => {
		const input = createInput({ country: 'PE', documentType: 100 });
		input.guided = { ...input.guided!, additionalFields: { peShippingJson: '{"handling_code": ' } };
		expect(buildCreateBody(input).issues).toEqual([
			expect.objectContaining({ path: 'additionalFields.peShippingJson', message: '"Shipping JSON (Peru)" is not valid JSON' }),
		]);
	});

	test("a retained invoice's details that are not an object name the referenced document", () => {
		const input = createInput({ country: 'PE', documentType: 109 });
		input.guided = { ...input.guided!, references: [{ referenceNumber: 'F001-1', retentionDetailsJson: '[1]' }] };
		expect(paths(input)).toEqual(['references.reference[0].retentionDetailsJson']);
	});
});

describe("Koywe's create options", () => {
	test('Prices Include VAT, Transfer Copy, Rounding Type and Template ID reach Koywe only when set', () => {
		const input = createInput();
		input.options = { ...input.options, grossValues: true, pdfTransferCopy: true, roundingType: 'gross', templateId: 7 };
		expect(buildCreateBody(input).body?.options).toEqual({ gross_values: 1, pdf_transfer_copy: 1, rounding_type: 'gross', template_id: 7 });
		expect(buildCreateBody(createInput()).body).not.toHaveProperty('options');
	});

	test('with Prices Include VAT the guided totals treat the prices as VAT-included', () => {
		const input = createInput({ documentType: 37 });
		input.guided = { ...input.guided!, receiverTaxId: '', lineItems: [{ description: 'Café', quantity: 1, unitPrice: 1190 }] };
		input.options = { ...input.options, grossValues: true };
		expect((buildCreateBody(input).body as IDataObject).totals).toEqual({ taxes_amount: 190, total_amount: 1190 });
	});
});

describe('what a careless mapping must not slip through', () => {
	test('Extra Header JSON for another account or document type is refused, as in JSON mode', () => {
		const input = createInput({ extraHeaderJson: '{"account_id": 999, "document_type_id": 33}' });
		expect(buildCreateBody(input).issues.map((issue) => issue.message)).toEqual([
			'header.account_id in the Extra Header JSON is 999 but Account ID is 423',
			'header.document_type_id in the Extra Header JSON is 33 but Document Type is 2',
		]);
	});

	test('a negative discount from an expression is refused instead of being ignored', () => {
		const input = createInput();
		input.guided = { ...input.guided!, lineItems: [{ description: 'x', unitPrice: 100, discountAmount: -50 }, { description: 'y', unitPrice: 100, discountPercent: -10 }] };
		expect(paths(input)).toEqual(['lineItems.item[0].discountAmount', 'lineItems.item[1].discountPercent']);
	});
});
