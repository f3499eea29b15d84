/**
 * Every operation, input mode, country and error path, run in n8n's engine against the sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { runKoywe } from '../harness/engine';
import { MIPYME_TRIGGERS, type KoyweSandbox } from '../sandbox';
import { DEMO_ACCOUNTS, FAST_RETRY, chileInvoice, createFromItems, invoiceItems, sandboxWithStore, today } from './fixtures';

let sandbox: KoyweSandbox;
afterEach(async () => {
	await sandbox?.stop();
});

async function setUp(options: Parameters<typeof sandboxWithStore>[0] = {}) {
	const setup = await sandboxWithStore(options);
	sandbox = setup.sandbox;
	return setup.store;
}

const countryToday = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
const ZONES: Record<string, string> = {
	CL: 'America/Santiago',
	CO: 'America/Bogota',
	PE: 'America/Lima',
	MX: 'America/Mexico_City',
	AR: 'America/Argentina/Buenos_Aires',
};

describe('create, guided fields', () => {
	const guided = (country: string, documentType: number, extra: IDataObject = {}) => ({
		operation: 'create',
		country,
		documentType,
		accountId: DEMO_ACCOUNTS[country as keyof typeof DEMO_ACCOUNTS],
		inputMode: 'fields',
		reference: `G-${country}-1`,
		lineItems: {
			item: [
				{ description: 'Consulting hours', quantity: 3, unitPrice: 1000.5 },
				{ description: 'Exempt service', quantity: 1, unitPrice: 200, taxTypeId: 0 },
			],
		},
		options: FAST_RETRY,
		...extra,
	});

	const receivers: Record<string, IDataObject> = {
		CL: { receiverTaxId: '76399932-7', receiverLegalName: 'Comercial Los Andes SpA', receiver: { address: 'Av. Providencia 1', district: 'Providencia', city: 'Santiago', activity: 'Comercio' } },
		CO: { receiverTaxId: '860517022-2', receiverLegalName: 'Escuela Kemper', receiver: { address: 'Calle 1', countyId: '496' } },
		PE: { receiverTaxId: '20610383727', receiverLegalName: 'Empresa SAC', receiver: { address: 'Av. Lima 1' }, additionalFields: { documentSequenceCode: 'F001' } },
		MX: { receiverTaxId: 'EKU9003173C9', receiverLegalName: 'ESCUELA KEMPER URGATE', receiver: { activity: '601', postalCode: '42501' } },
		AR: { receiverTaxId: '20357265992', receiverLegalName: 'Cliente SA', receiver: { address: 'Av. Corrientes 1' }, additionalFields: { branchOfficeCode: '12', arReceiverVatConditionId: 1 } },
	};
	const invoiceTypes: Record<string, number> = { CL: 2, CO: 82, PE: 96, MX: 76, AR: 111 };

	test.each(Object.keys(invoiceTypes))('%s: an invoice from guided fields is issued with computed totals', async (country) => {
		const store = await setUp();
		const result = await runKoywe({ parameters: guided(country, invoiceTypes[country], receivers[country]), store });
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		const json = result.items[0].json;
		expect(json.document_id).toEqual(expect.any(Number));
		expect(json.document_type_id).toBe(invoiceTypes[country]);
		expect(json.deduplicated).toBe(false);
		const stored = sandbox.documents()[0] as unknown as { body: IDataObject };
		const body = (stored.body ?? stored) as IDataObject;
		const header = body.header as IDataObject;
		expect(header.issue_date).toBe(countryToday(ZONES[country]));
		const totals = body.totals as IDataObject;
		// 3 × 1000.5 taxed + 200 exempt. CLP rounds each line to whole pesos (3001.5 → 3002), the others keep cents;
		// tax is the rate on the taxed line, rounded half-up to the currency's unit.
		const expected: Record<string, { net: number; tax: number }> = {
			CL: { net: 3202, tax: 570 },
			CO: { net: 3201.5, tax: 570.29 },
			PE: { net: 3201.5, tax: 540.27 },
			MX: { net: 3201.5, tax: 480.24 },
			AR: { net: 3201.5, tax: 630.32 },
		};
		expect(Number(totals.net_amount)).toBeCloseTo(expected[country].net, 2);
		expect(Number(totals.taxes_amount)).toBeCloseTo(expected[country].tax, 2);
		expect(Number(totals.total_amount)).toBeCloseTo(Number(totals.net_amount) + Number(totals.taxes_amount), 2);
		const references = body.references as IDataObject[];
		expect(references).toContainEqual(expect.objectContaining({ reference_type: 802, reference_code: 5, reference_number: `G-${country}-1` }));
	});

	test('a Chilean credit note references the invoice it corrects', async () => {
		const store = await setUp();
		const invoice = await runKoywe({ parameters: guided('CL', 2, receivers.CL), store });
		const folio = String(invoice.items[0].json.document_number);
		const note = await runKoywe({
			parameters: guided('CL', 16, {
				...receivers.CL,
				reference: 'G-CL-NC-1',
				references: { reference: [{ documentTypeId: 2, referenceNumber: folio, referenceCode: '1', description: 'Anula factura' }] },
			}),
			store,
		});
		expect(note.status).toBe('success');
		const body = (sandbox.documents()[1] as unknown as { body: IDataObject }).body ?? sandbox.documents()[1];
		expect((body as IDataObject).references).toContainEqual(
			expect.objectContaining({ document_type_id: 2, reference_number: folio, reference_code: 1, description: 'Anula factura' }),
		);
	});

	test('a credit note without the referenced document is stopped before sending, naming the field', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: guided('CL', 16, receivers.CL), store });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Item 0: references: .*add one pointing to the corrected document/);
		expect(sandbox.stats().createAttempts).toBe(0);
	});
});

describe('create, JSON body: the documented examples of all five countries', () => {
	const dir = path.join(__dirname, '..', 'fixtures', 'koywe-examples');
	const files = fs.readdirSync(dir).filter((file) => file.endsWith('.json'));
	const prepared = files.map((file) => {
		const body = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as IDataObject;
		const country = file.slice(0, 2).toUpperCase() as keyof typeof DEMO_ACCOUNTS;
		const header: IDataObject = { ...(body.header as IDataObject), account_id: DEMO_ACCOUNTS[country], issue_date: countryToday(ZONES[country]) };
		return { file, country, body: { ...body, header }, documentType: Number(header.document_type_id) };
	});

	test('every example passes validation and is issued by the sandbox', async () => {
		const store = await setUp();
		const failures: string[] = [];
		for (const example of prepared) {
			const result = await runKoywe({
				parameters: {
					operation: 'create',
					country: example.country,
					documentType: example.documentType,
					accountId: DEMO_ACCOUNTS[example.country],
					inputMode: 'json',
					documentJson: JSON.stringify(example.body),
					// Bodies that already carry reference 802 keep it; the others get one.
					reference: JSON.stringify(example.body).includes('"reference_type":802') ? '' : `EX-${example.file}`,
					options: FAST_RETRY,
				},
				store,
			});
			const json = result.items[0]?.json;
			if (result.status !== 'success' || !json?.document_id) {
				failures.push(`${example.file}: ${result.error?.message ?? JSON.stringify(json?.result)}`);
			}
		}
		expect(failures).toEqual([]);
		expect(sandbox.stats().documentsStored).toBe(prepared.length);
	});

	test('a dry run returns the exact body with the 802 reference and sends nothing', async () => {
		const store = await setUp();
		const result = await runKoywe({
			parameters: createFromItems({ validateOnly: true }),
			items: [{ reference: 'DRY-1', body: chileInvoice() }],
			store,
		});
		expect(result.status).toBe('success');
		const json = result.items[0].json;
		expect(json.valid).toBe(true);
		const body = json.body as IDataObject;
		expect(body.header).toEqual(chileInvoice().header);
		expect(body.references).toEqual([
			{ reference_type: 802, reference_number: 'DRY-1', reference_code: 5, description: 'Transaction ID' },
		]);
		expect(sandbox.stats().requests).toBe(0);
	});

	test('an invalid RUT is reported with item index and field, and nothing is sent', async () => {
		const store = await setUp();
		const bad = chileInvoice();
		(bad.header as IDataObject).receiver_tax_id_code = '76399932-8';
		const result = await runKoywe({
			parameters: createFromItems(),
			items: [{ reference: 'OK-1', body: chileInvoice() }, { reference: 'BAD-1', body: bad }],
			store,
			settings: { continueOnFail: true },
		});
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.document_id).toEqual(expect.any(Number));
		expect(result.items[1].json.error).toMatch(/^Item 1: header\.receiver_tax_id_code.*wrong check digit/);
		expect(result.items[1].json.validationIssues).toEqual([expect.objectContaining({ path: 'header.receiver_tax_id_code' })]);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(sandbox.stats().createAttempts).toBe(1);
	});

	test('totals that do not add up are a warning, or an error with Strict Totals', async () => {
		const store = await setUp();
		const off = chileInvoice();
		(off.totals as IDataObject).total_amount = 9999;
		const lenient = await runKoywe({ parameters: createFromItems({ validateOnly: true }), items: [{ reference: 'T-1', body: off }], store });
		expect(lenient.items[0].json.warnings).toEqual([expect.stringMatching(/total_amount/)]);
		const strict = await runKoywe({ parameters: createFromItems({ strictTotals: true }), items: [{ reference: 'T-2', body: off }], store });
		expect(strict.status).toBe('error');
		expect(strict.error?.message).toMatch(/totals/);
		expect(sandbox.stats().createAttempts).toBe(0);
	});

	test('a JSON body whose account differs from Account ID is refused', async () => {
		const store = await setUp();
		const other = chileInvoice();
		(other.header as IDataObject).account_id = 999;
		const result = await runKoywe({ parameters: createFromItems(), items: [{ reference: 'A-1', body: other }], store });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/header\.account_id in the JSON is 999 but Account ID is 423/);
	});

	test('broken JSON text names the parameter', async () => {
		const store = await setUp();
		const result = await runKoywe({
			parameters: { ...createFromItems(), documentJson: '{"header": {' },
			items: [{ reference: 'J-1' }],
			store,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/"Document JSON" is not valid JSON/);
	});
});

describe('create, references', () => {
	test('a Reference expression that gives nothing stops the item instead of issuing it unprotected', async () => {
		const store = await setUp();
		const result = await runKoywe({
			parameters: createFromItems(),
			items: [{ body: chileInvoice() }],
			store,
			settings: { continueOnFail: true },
		});
		expect(result.items[0].json.error).toMatch(/Reference expression evaluated to an empty value/);
		expect(sandbox.stats().createAttempts).toBe(0);
	});

	test('a Reference expression that gives nothing is fine when the body carries its own 802 reference', async () => {
		const store = await setUp();
		const body = { ...chileInvoice(), references: [{ reference_type: 802, reference_number: 'BODY-7', reference_code: 5, description: 'Order' }] };
		const result = await runKoywe({ parameters: createFromItems(), items: [{ body }], store });
		expect(result.status).toBe('success');
		expect(result.items[0].json.reference).toBe('BODY-7');
	});

	test('an empty fixed Reference issues the document with a warning', async () => {
		const store = await setUp();
		const result = await runKoywe({
			parameters: { ...createFromItems(), reference: '' },
			items: [{ body: chileInvoice() }],
			store,
		});
		expect(result.items[0].json.reference).toBeNull();
		expect(result.items[0].json.warnings).toEqual([expect.stringMatching(/No Reference was set/)]);
	});

	test('an error item carries the reference of its input item', async () => {
		const store = await setUp({ faults: { forced429: 5, forced429RetryAfter: 'none' } });
		const result = await runKoywe({
			parameters: createFromItems({ maxRetries: 0 }),
			items: invoiceItems(1, 'ERR'),
			store,
			settings: { continueOnFail: true },
		});
		expect(result.items[0].json).toEqual(expect.objectContaining({ reference: 'ERR-0001', httpCode: '429' }));
	});
});

describe('create, Koywe answers', () => {
	test('PDF and XML come out as binary files named after country, SII code and folio', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: createFromItems({ downloadFiles: true }), items: invoiceItems(1), store });
		const item = result.items[0];
		const folio = item.json.document_number;
		expect(item.binary?.pdf?.fileName).toBe(`CL-33-${folio}.pdf`);
		expect(item.binary?.pdf?.mimeType).toBe('application/pdf');
		expect(Buffer.from(item.binary?.pdf?.data ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		expect(item.binary?.xml?.fileName).toBe(`CL-33-${folio}.xml`);
		expect(JSON.stringify(item.json)).not.toMatch(/JVBER/);
	});

	test('without Download Files no base64 blob reaches the JSON output', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: createFromItems(), items: invoiceItems(1), store });
		const json = result.items[0].json;
		expect(result.items[0].binary).toBeUndefined();
		expect((json.electronic_document as IDataObject).files_available).toEqual(expect.arrayContaining(['pdf', 'xml']));
		expect(JSON.stringify(json).length).toBeLessThan(6000);
	});

	test('result status 2 (created, not sent) is a success with a warning never to resend', async () => {
		const store = await setUp({ faults: { folioLimit: 1 } });
		const result = await runKoywe({ parameters: createFromItems(), items: invoiceItems(2), store });
		expect(result.status).toBe('success');
		const second = result.items[1].json;
		expect((second.result as IDataObject).status).toBe(2);
		expect(second.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/did not send it to SII.*do not create it again/)]));
	});

	test('result status 1 fails the item with Koywe\'s message and status', async () => {
		const store = await setUp();
		const wrong = chileInvoice();
		(wrong.header as IDataObject).document_type_id = 82;
		const result = await runKoywe({
			parameters: { ...createFromItems(), country: 'CO', documentType: 82, accountId: DEMO_ACCOUNTS.CL },
			items: [{ reference: 'S1-1', body: { ...wrong, header: { ...(wrong.header as IDataObject), receiver_tax_id_code: '860517022-2', receiver_tax_id_type: 'CO-NIT', receiver_county_id: '496' } } }],
			store,
			settings: { continueOnFail: true },
		});
		const json = result.items[0].json;
		expect(json.error).toMatch(/Koywe rejected the document.*result status 1/);
		expect(json.koyweStatus).toBe(1);
		expect(sandbox.stats().documentsStored).toBe(0);
	});
});

describe('find by reference', () => {
	test.each(['documents', 'hal', 'data'] as const)('finds the document in the %s list envelope', async (listEnvelope) => {
		const store = await setUp({ listEnvelope });
		await runKoywe({ parameters: createFromItems(), items: invoiceItems(3), store });
		const result = await runKoywe({
			parameters: { operation: 'findByReference', referenceNumber: 'TXN-0002', options: FAST_RETRY },
			store,
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.found).toBe(true);
		expect(result.items[0].json.document_id).toBe(sandbox.documents()[1].document_id);
	});

	test('flat list items are found as well', async () => {
		const store = await setUp({ listItemShape: 'simplified' });
		await runKoywe({ parameters: createFromItems(), items: invoiceItems(2), store });
		const result = await runKoywe({ parameters: { operation: 'findByReference', referenceNumber: 'TXN-0001', options: FAST_RETRY }, store });
		expect(result.items.map((item) => item.json.document_id)).toEqual([sandbox.documents()[0].document_id]);
	});

	test('nothing found yields no items, or one {found: false} item when asked', async () => {
		const store = await setUp();
		const silent = await runKoywe({ parameters: { operation: 'findByReference', referenceNumber: 'NOPE', options: FAST_RETRY }, store });
		expect(silent.status).toBe('success');
		expect(silent.items).toHaveLength(0);
		const loud = await runKoywe({
			parameters: { operation: 'findByReference', referenceNumber: 'NOPE', options: { ...FAST_RETRY, outputWhenNotFound: true } },
			store,
		});
		expect(loud.items).toEqual([{ json: { found: false, reference_type: '802', reference_number: 'NOPE' }, pairedItem: { item: 0 } }]);
	});

	test('Return All pages through every match; Limit stops early', async () => {
		const store = await setUp();
		const items = Array.from({ length: 120 }, () => ({ reference: 'SHARED-REF', body: chileInvoice() }));
		// The node refuses to create a reference twice, so store duplicates through the sandbox directly.
		for (const item of items.slice(0, 3)) {
			await runKoywe({ parameters: createFromItems(), items: [item], store });
			(await import('../../nodes/Koywe/memory/issuedDocuments')).clearMemory();
		}
		const all = await runKoywe({
			parameters: { operation: 'findByReference', referenceNumber: 'SHARED-REF', returnAll: true, options: FAST_RETRY },
			store,
		});
		expect(all.items.length).toBe(3);
		const limited = await runKoywe({
			parameters: { operation: 'findByReference', referenceNumber: 'SHARED-REF', returnAll: false, limit: 2, options: FAST_RETRY },
			store,
		});
		expect(limited.items.length).toBe(2);
	});

	test('a malformed date filter is refused before calling Koywe', async () => {
		const store = await setUp();
		const result = await runKoywe({
			parameters: { operation: 'findByReference', referenceNumber: 'X', filters: { issueDateFrom: '21/11/2026' }, options: FAST_RETRY },
			store,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Issued From.*2026-01-31/);
		expect(sandbox.stats().reads).toBe(0);
	});
});

describe('get', () => {
	test('gets a document by id with its files', async () => {
		const store = await setUp();
		const created = await runKoywe({ parameters: createFromItems(), items: invoiceItems(1), store });
		const id = created.items[0].json.document_id;
		const result = await runKoywe({
			parameters: { operation: 'get', documentId: String(id), options: { ...FAST_RETRY, downloadFiles: true } },
			store,
		});
		expect(result.items[0].json.document_id).toBe(id);
		expect(result.items[0].binary?.pdf?.fileName).toMatch(/^CL-33-\d+\.pdf$/);
	});

	test('an unknown id is a clear 404 error', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: { operation: 'get', documentId: '99999', options: FAST_RETRY }, store });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Koywe could not get document 99999 \(HTTP 404/);
	});

	test('a folio-like id is refused with a hint', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: { operation: 'get', documentId: 'F001-123', options: FAST_RETRY }, store });
		expect(result.error?.message).toMatch(/numeric document_id/);
	});
});

describe('get MIPYME document', () => {
	const certificate = Buffer.from('PFX-CERTIFICATE-FOR-TESTS').toString('base64');
	const mipyme = (overrides: IDataObject = {}) => ({
		operation: 'getMipyme',
		certificateSource: 'base64',
		certificateBase64: certificate,
		certificatePassword: 'pfx-pass-1234',
		taxIdCode: '76399932-7',
		documentTypeTaxbureau: '33',
		documentNumber: '123',
		options: FAST_RETRY,
		...overrides,
	});

	test('status 0 returns the document with its XML and PDF as binary', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: mipyme(), store });
		expect(result.status).toBe('success');
		expect(result.items[0].json.status).toBe(0);
		expect(result.items[0].binary?.xml?.fileName).toBe('CL-33-123.xml');
	});

	test('the certificate can come as a binary file on the input item', async () => {
		const store = await setUp();
		// The items source emits JSON only; base64 mode covers the request. Binary mode is checked for its error.
		const result = await runKoywe({ parameters: mipyme({ certificateSource: 'binary', certificateBinaryProperty: 'pfx' }), store });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/no binary field "pfx"/);
		expect(sandbox.stats().requests).toBe(0);
	});

	test.each([
		['invalid parameters', { documentNumber: '12a' }, /Folio: "12a" must be a number/],
		['certificate error', { certificatePassword: MIPYME_TRIGGERS.wrongCertificatePassword }, /certificate was refused \(MIPYME status 2\)/],
		['SII login error', { taxIdCode: MIPYME_TRIGGERS.siiLoginErrorTaxId }, /could not log in to the SII.*status 3/],
		['not found', { documentNumber: MIPYME_TRIGGERS.notFoundDocumentNumber }, /not found in MIPYME \(status 5\)/],
	])('%s is reported clearly', async (_name, overrides, message) => {
		const store = await setUp();
		const result = await runKoywe({ parameters: mipyme(overrides), store, settings: { continueOnFail: true } });
		expect(result.items[0].json.error).toMatch(message);
		expect(JSON.stringify(result.items[0].json)).not.toContain(certificate);
	});

	test('an invalid RUT is caught before sending', async () => {
		const store = await setUp();
		const result = await runKoywe({ parameters: mipyme({ taxIdCode: '76399932-0' }), store });
		expect(result.error?.message).toMatch(/Company RUT/);
		expect(sandbox.stats().requests).toBe(0);
	});
});

test('today() of the fixtures is a date', () => {
	expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
