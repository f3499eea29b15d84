import { inflateSync } from 'node:zlib';

import { DEMO_ACCOUNTS, DOCUMENT_TYPES } from './index';
import type { KoyweSandbox } from './index';
import { call, chileInvoice, countryDocument, line, setup } from './helpers';

describe('sandbox POST /V1/documents', () => {
	let sb: KoyweSandbox;
	let token: string;
	let url: string;
	beforeEach(async () => {
		({ sb, token } = await setup());
		url = `${sb.baseUrl}/documents`;
	});
	afterEach(async () => {
		await sb.stop();
	});

	it('stores a Chilean invoice and answers 201 with the Koywe document shape', async () => {
		const r = await call('POST', url, { token, json: chileInvoice({ ref: 'TXN-1' }) });
		expect(r.status).toBe(201);
		const d = r.body;
		expect(d.document_id).toBe(1001);
		expect(d.header).toMatchObject({
			account_id: 423,
			document_type_id: 2,
			document_type_taxbureau: '33',
			document_number: 1,
			document_status: 1,
			taxbureau_sending_status: 0,
			taxbureau_validation_status: null,
			receiver_tax_id_code: '76399932-7',
			issue_date: '2025-01-07',
		});
		expect(d.details[0].quantity).toBe('1.000000');
		expect(d.details[0].unit_price).toBe('1500.000000');
		expect(d.totals).toMatchObject({ net_amount: 1500, taxes_amount: 285, total_amount: '1785.00' });
		expect(d.references).toEqual([
			{ reference_type: 802, reference_number: 'TXN-1', reference_code: 5, description: 'Internal transaction ID' },
		]);
		expect(d.result).toEqual({ status: 0, error_message: '' });
		expect(d._links.self.href).toBe(`${sb.baseUrl}/documents/1001`);
		expect(d.payment_link).toBeNull();
		expect(d.electronic_document.stamp_img).toBeUndefined();

		const pdf = Buffer.from(d.electronic_document.document_pdf, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(pdf).toContain('No 1');
		const xml = Buffer.from(d.electronic_document.document_xml, 'base64').toString('utf8');
		expect(xml).toContain('<TipoDTE>33</TipoDTE>');
		expect(xml).toContain('<Folio>1</Folio>');

		const stored = sb.documents();
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ document_id: 1001, account_id: 423, country: 'CL', document_number: 1 });
		expect(sb.stats()).toMatchObject({ createAttempts: 1, creates: 1, documentsStored: 1 });
	});

	it('numbers folios per account and document type and ids globally', async () => {
		const a = await call('POST', url, { token, json: chileInvoice() });
		const b = await call('POST', url, { token, json: chileInvoice() });
		const boleta = await call('POST', url, {
			token,
			json: chileInvoice({ header: { document_type_id: 37, receiver_tax_id_code: undefined } }),
		});
		const co = await call('POST', url, { token, json: countryDocument('CO', 82) });
		expect([a.body.header.document_number, b.body.header.document_number]).toEqual([1, 2]);
		expect(boleta.body.header.document_number).toBe(1);
		expect(boleta.body.header.document_type_taxbureau).toBe('39');
		expect(co.body.header.document_number).toBe(1);
		expect([a.body.document_id, b.body.document_id, boleta.body.document_id, co.body.document_id]).toEqual([
			1001, 1002, 1003, 1004,
		]);
	});

	it('accepts ids as numbers or numeric strings and honours a forced folio once', async () => {
		const r = await call('POST', url, {
			token,
			json: chileInvoice({ header: { account_id: '423', document_type_id: 2, document_number: '500' } }),
		});
		expect(r.status).toBe(201);
		expect(r.body.header.document_number).toBe(500);
		const again = await call('POST', url, { token, json: chileInvoice({ header: { document_number: 500 } }) });
		expect(again.status).toBe(200);
		expect(again.body.result.status).toBe(1);
		expect(again.body.result.error_message).toContain('500');
		const next = await call('POST', url, { token, json: chileInvoice() });
		expect(next.body.header.document_number).toBe(501);
	});

	it.each(
		DOCUMENT_TYPES.map((t) => [t.country, t.id, t.taxBureauCode, t.pdf] as const),
	)('issues %s document type %i (tax bureau code %s)', async (country, typeId, code, pdf) => {
		const r = await call('POST', url, { token, json: countryDocument(country, typeId) });
		expect(r.status).toBe(201);
		expect(r.body.result.status).toBe(0);
		expect(r.body.header.document_type_taxbureau).toBe(code);
		expect(r.body.header.account_id).toBe(DEMO_ACCOUNTS[country]);
		expect(typeof r.body.electronic_document.document_xml).toBe('string');
		if (pdf) expect(r.body.electronic_document.document_pdf).toMatch(/^JVBERi0xLjQ/);
		else expect(r.body.electronic_document).not.toHaveProperty('document_pdf');
	});

	it('Colombian POS documents (87, 88) come with XML only', async () => {
		for (const typeId of [87, 88]) {
			const r = await call('POST', url, { token, json: countryDocument('CO', typeId) });
			expect(r.status).toBe(201);
			expect(Object.keys(r.body.electronic_document)).toEqual(['document_xml']);
		}
	});

	it('adds a PNG stamp with generate_stamp=1', async () => {
		const r = await call('POST', `${url}?generate_stamp=1`, { token, json: chileInvoice() });
		expect(r.status).toBe(201);
		const png = Buffer.from(r.body.electronic_document.stamp_img, 'base64');
		expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
		const idatLength = png.readUInt32BE(33);
		expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
		const raw = inflateSync(png.subarray(41, 41 + idatLength));
		expect(raw.length).toBe(png.readUInt32BE(20) * (png.readUInt32BE(16) + 1));
	});

	it('stores Chilean drafts (options.draft_only) without folio or files', async () => {
		const r = await call('POST', url, { token, json: chileInvoice({ extra: { options: { draft_only: 1 } } }) });
		expect(r.status).toBe(201);
		expect(r.body.header.document_status).toBe(0);
		expect(r.body.header.document_number).toBeNull();
		expect(r.body.electronic_document).toBeNull();
		expect(r.body.result.status).toBe(0);
		const issued = await call('POST', url, { token, json: chileInvoice() });
		expect(issued.body.header.document_number).toBe(1);
		const co = await call('POST', url, {
			token,
			json: { ...countryDocument('CO', 82), options: { draft_only: 1 } },
		});
		expect(co.status).toBe(200);
		expect(co.body.result.status).toBe(1);
		expect(co.body.result.error_message).toMatch(/Chile/);
	});

	it('echoes payment_link, fills issuer defaults and computes totals when absent', async () => {
		const body = countryDocument('PE', 96);
		body.payment_link = { payment_url: 'https://pay.example/abc' };
		const r = await call('POST', url, { token, json: body });
		expect(r.status).toBe(201);
		expect(r.body.payment_link).toEqual({ payment_url: 'https://pay.example/abc' });
		expect(r.body.header.issuer_tax_id_code).toBe('20610383727');
		expect(r.body.header.currency_id).toBe(7);
		expect(r.body.totals).toMatchObject({ net_amount: 1500, taxes_amount: 0, total_amount: '1500.00' });
	});

	describe('400 for malformed requests (nothing stored)', () => {
		it.each([
			['no body', undefined],
			['an array body', []],
			['no header', { details: [line()] }],
			['no details', { header: { account_id: 423, document_type_id: 2 } }],
			['details not an array', { header: { account_id: 423, document_type_id: 2 }, details: {} }],
			['no document_type_id', { header: { account_id: 423 }, details: [line()] }],
			['an unknown document_type_id', { header: { account_id: 423, document_type_id: 9999 }, details: [line()] }],
			['a received-only document type', { header: { account_id: 423, document_type_id: 9 }, details: [line()] }],
		])('%s', async (_name, body) => {
			const r = await call('POST', url, body === undefined ? { token } : { token, json: body });
			expect(r.status).toBe(400);
			expect(typeof r.body.error).toBe('string');
			expect(sb.documents()).toHaveLength(0);
		});

		it('invalid JSON', async () => {
			const r = await call('POST', url, { token, raw: '{"header": ' });
			expect(r.status).toBe(400);
			expect(r.body.error).toMatch(/JSON/);
		});

		it('says "Invalid document type ID" for unknown types', async () => {
			const r = await call('POST', url, { token, json: chileInvoice({ header: { document_type_id: 'abc' } }) });
			expect(r.body).toEqual({ error: 'Invalid document type ID' });
		});
	});

	describe('result.status 1 (HTTP 200) for input errors, nothing stored', () => {
		it.each([
			['type of another country', chileInvoice({ header: { document_type_id: 82 } }), /Colombia/],
			['unknown account', chileInvoice({ header: { account_id: 999 } }), /account 999/],
			['missing account', chileInvoice({ header: { account_id: undefined } }), /account_id/],
			['RUT with wrong check digit', chileInvoice({ header: { receiver_tax_id_code: '76399932-8' } }), /RUT/],
			['RUT with dots', chileInvoice({ header: { receiver_tax_id_code: '76.399.932-7' } }), /RUT/],
			['invoice without receiver', chileInvoice({ header: { receiver_tax_id_code: undefined } }), /receiver_tax_id_code/],
			['empty details', chileInvoice({ details: [] }), /at least one line/],
			['line without quantity', chileInvoice({ details: [line({ quantity: undefined })] }), /quantity/],
			['line with zero quantity', chileInvoice({ details: [line({ quantity: 0 })] }), /quantity/],
			['line without unit_price', chileInvoice({ details: [line({ unit_price: undefined })] }), /unit_price/],
			['line without description', chileInvoice({ details: [line({ line_description: '' })] }), /line_description/],
			['bad issue_date', chileInvoice({ header: { issue_date: '07-01-2025' } }), /issue_date/],
			[
				'reference with number and id',
				chileInvoice({
					extra: { references: [{ reference_type: 802, reference_number: 'X', reference_document_id: 5, reference_code: 5 }] },
				}),
				/never both/,
			],
			['Colombian NIT with wrong check digit', { ...countryDocument('CO', 82), header: { ...(countryDocument('CO', 82).header as object), receiver_tax_id_code: '860517022-3' } }, /NIT/],
			['Peruvian RUC with wrong check digit', { ...countryDocument('PE', 96), header: { ...(countryDocument('PE', 96).header as object), receiver_tax_id_code: '20610383728' } }, /RUC/],
			['Mexican RFC malformed', { ...countryDocument('MX', 76), header: { ...(countryDocument('MX', 76).header as object), receiver_tax_id_code: 'EKU-9003' } }, /RFC/],
			['Argentine CUIT with wrong check digit', { ...countryDocument('AR', 111), header: { ...(countryDocument('AR', 111).header as object), receiver_tax_id_code: '20357265993' } }, /CUIT/],
		])('%s', async (_name, body, message) => {
			const r = await call('POST', url, { token, json: body });
			expect(r.status).toBe(200);
			expect(r.body.result.status).toBe(1);
			expect(r.body.result.error_message).toMatch(message);
			expect(r.body.document_id).toBeNull();
			expect(r.body.electronic_document).toBeNull();
			expect(sb.documents()).toHaveLength(0);
			expect(sb.stats()).toMatchObject({ createAttempts: 1, creates: 0, documentsStored: 0 });
		});

		it('reports every problem at once', async () => {
			const r = await call('POST', url, {
				token,
				json: chileInvoice({ header: { receiver_tax_id_code: '1-1' }, details: [line({ unit_price: 'x' })] }),
			});
			expect(r.body.result.error_message).toMatch(/RUT.*unit_price/);
		});

		it('boletas and Peruvian/Argentine consumer documents may omit the receiver', async () => {
			for (const [country, typeId] of [
				['CL', 37],
				['CL', 41],
				['PE', 97],
				['AR', 115],
				['CO', 87],
			] as const) {
				const body = countryDocument(country, typeId);
				delete (body.header as Record<string, unknown>).receiver_tax_id_code;
				const r = await call('POST', url, { token, json: body });
				expect([country, typeId, r.status]).toEqual([country, typeId, 201]);
			}
		});

		it('accepts the generic Chilean RUT 66666666-6 and a Peruvian DNI on boletas', async () => {
			const cl = await call('POST', url, {
				token,
				json: chileInvoice({ header: { document_type_id: 16, receiver_tax_id_code: '66666666-6' } }),
			});
			expect(cl.status).toBe(201);
			const pe = countryDocument('PE', 97);
			Object.assign(pe.header as object, { receiver_tax_id_code: '12345678', receiver_tax_id_type: 'PE-DNI' });
			expect((await call('POST', url, { token, json: pe })).status).toBe(201);
		});
	});
});

describe('sandbox GET /V1/documents/{id}', () => {
	let sb: KoyweSandbox;
	let token: string;
	beforeEach(async () => {
		({ sb, token } = await setup());
	});
	afterEach(async () => {
		await sb.stop();
	});

	it('returns the full document with base64 files, and the stamp on request', async () => {
		const created = await call('POST', `${sb.baseUrl}/documents`, { token, json: chileInvoice({ ref: 'R-9' }) });
		const id = created.body.document_id as number;
		const r = await call('GET', `${sb.baseUrl}/documents/${id}`, { token });
		expect(r.status).toBe(200);
		expect(r.body.document_id).toBe(id);
		expect(r.body.header.document_number).toBe(1);
		expect(r.body.references[0].reference_number).toBe('R-9');
		expect(r.body.electronic_document.document_pdf).toBe(created.body.electronic_document.document_pdf);
		expect(r.body.electronic_document.stamp_img).toBeUndefined();
		const stamped = await call('GET', `${sb.baseUrl}/documents/${id}?generate_stamp=1`, { token });
		expect(stamped.body.electronic_document.stamp_img).toMatch(/^iVBORw0KGgo/);
		expect(sb.stats().reads).toBe(2);
	});

	it('answers 404 {"error":"Document not found"} for unknown ids', async () => {
		for (const id of ['999999', 'abc', '0']) {
			const r = await call('GET', `${sb.baseUrl}/documents/${id}`, { token });
			expect(r.status).toBe(404);
			expect(r.body).toEqual({ error: 'Document not found' });
		}
	});

	it('answers 404 for unknown paths, 405 for unsupported methods and requires auth first', async () => {
		expect((await call('GET', `${sb.baseUrl}/nothing-here`, { token })).status).toBe(404);
		expect((await call('GET', `${sb.origin}/v2/documents`, { token })).status).toBe(404);
		// DELETE and PUT exist since drafts can be updated and deleted; PATCH is still not a method of documents.
		const patch = await call('PATCH', `${sb.baseUrl}/documents/1001`, { token });
		expect(patch.status).toBe(405);
		expect(patch.headers.allow).toBe('GET, PUT, DELETE');
		expect((await call('GET', `${sb.baseUrl}/documents/1001`)).status).toBe(401);
	});
});
