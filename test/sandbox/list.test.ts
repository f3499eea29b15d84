import type { KoyweSandbox, SandboxOptions } from './index';
import { call, chileInvoice, countryDocument, setup } from './helpers';

async function seed(sb: KoyweSandbox, token: string): Promise<void> {
	// 12 Chilean invoices on 2025-01-01..12 (refs TXN-1..12), one CO invoice, one credit note referencing 1001.
	for (let i = 1; i <= 12; i++) {
		const day = String(i).padStart(2, '0');
		const r = await call('POST', `${sb.baseUrl}/documents`, {
			token,
			json: chileInvoice({
				ref: `TXN-${i}`,
				header: {
					issue_date: `2025-01-${day}`,
					receiver_tax_id_code: i % 2 === 0 ? '66666666-6' : '76399932-7',
					receiver_legal_name: i % 2 === 0 ? 'Consumidor Final' : 'Cliente Demo Ltda',
				},
				extra: { totals: { net_amount: 1000 * i, taxes_amount: 190 * i, total_amount: 1190 * i } },
			}),
		});
		if (r.status !== 201) throw new Error(r.text);
	}
	await call('POST', `${sb.baseUrl}/documents`, { token, json: countryDocument('CO', 82) });
	const nc = chileInvoice({ header: { document_type_id: 16, issue_date: '2025-01-20' } });
	nc.references = [{ document_type_id: 2, reference_document_id: 1001, reference_code: 1, description: 'Anula' }];
	await call('POST', `${sb.baseUrl}/documents`, { token, json: nc });
}

async function withSeed(options: SandboxOptions = {}): Promise<{ sb: KoyweSandbox; token: string }> {
	const ctx = await setup(options);
	await seed(ctx.sb, ctx.token);
	return ctx;
}

describe('sandbox GET /V1/documents', () => {
	describe('default envelope (top-level documents, simplified items)', () => {
		let sb: KoyweSandbox;
		let token: string;
		beforeEach(async () => {
			({ sb, token } = await withSeed());
		});
		afterEach(async () => {
			await sb.stop();
		});
		const list = (query: string) => call('GET', `${sb.baseUrl}/documents${query}`, { token });

		it('paginates with page/per_page defaults 1/10 and HAL-ish links', async () => {
			const r = await list('');
			expect(r.status).toBe(200);
			expect(r.body).toMatchObject({ page: 1, page_size: 10, page_count: 2, total_items: 14 });
			expect(r.body.documents).toHaveLength(10);
			expect(r.body.documents.map((d: { document_id: number }) => d.document_id)).toEqual([
				1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010,
			]);
			expect(r.body._links.self.href).toBe(`${sb.baseUrl}/documents?page=1&per_page=10`);
			expect(r.body._links.first.href).toContain('page=1');
			expect(r.body._links.last.href).toContain('page=2');
			expect(r.body._links.next.href).toContain('page=2');
			expect(r.body._links.prev).toBeUndefined();

			const second = await call('GET', r.body._links.next.href, { token });
			expect(second.body.documents.map((d: { document_id: number }) => d.document_id)).toEqual([
				1011, 1012, 1013, 1014,
			]);
			expect(second.body.page).toBe(2);
			expect(second.body._links.next).toBeUndefined();
			expect(second.body._links.prev.href).toContain('page=1');

			const beyond = await list('?page=9');
			expect(beyond.body.documents).toEqual([]);
			expect(beyond.body.total_items).toBe(14);
		});

		it('caps per_page at 100 and rejects nonsense', async () => {
			const big = await list('?per_page=500');
			expect(big.body.page_size).toBe(100);
			expect(big.body.documents).toHaveLength(14);
			expect(big.body.page_count).toBe(1);
			for (const q of ['?page=0', '?per_page=-1', '?page=abc', '?issue_date_from=2025-13-01', '?document_type_id=x']) {
				const r = await list(q);
				expect([q, r.status]).toEqual([q, 400]);
				expect(typeof r.body.error).toBe('string');
			}
		});

		it('returns flat SimplifiedDocument items with amounts as strings and no files', async () => {
			const r = await list('?per_page=1');
			const item = r.body.documents[0];
			expect(Object.keys(item).sort()).toEqual(
				[
					'account_id',
					'currency_id',
					'document_id',
					'document_number',
					'document_status',
					'document_type_id',
					'document_type_taxbureau',
					'issue_date',
					'issuer_tax_id_code',
					'issuer_tax_id_type',
					'net_amount',
					'receiver_legal_name',
					'receiver_tax_id_code',
					'receiver_tax_id_type',
					'received_issued_flag',
					'taxbureau_sending_status',
					'taxbureau_validation_status',
					'taxes_amount',
					'total_amount',
				].sort(),
			);
			expect(item).toMatchObject({
				document_id: 1001,
				account_id: 423,
				document_number: 1,
				document_type_id: 2,
				document_type_taxbureau: '33',
				net_amount: '1000.00',
				taxes_amount: '190.00',
				total_amount: '1190.00',
				document_status: 1,
			});
		});

		it('filters by 802 reference (the idempotency lookup)', async () => {
			const r = await list('?reference_type=802&reference_number=TXN-7');
			expect(r.body.total_items).toBe(1);
			expect(r.body.documents[0].document_id).toBe(1007);
			const none = await list('?reference_type=802&reference_number=TXN-99');
			expect(none.body.total_items).toBe(0);
			expect(none.body.page_count).toBe(0);
			expect(none.body.documents).toEqual([]);
			const wrongType = await list('?reference_type=801&reference_number=TXN-7');
			expect(wrongType.body.total_items).toBe(0);
			const numberOnly = await list('?reference_number=TXN-12');
			expect(numberOnly.body.documents.map((d: { document_id: number }) => d.document_id)).toEqual([1012]);
		});

		it('filters by reference_document_id, document type, folio, dates, receiver and totals', async () => {
			const ids = async (q: string) =>
				(await list(q)).body.documents.map((d: { document_id: number }) => d.document_id) as number[];
			expect(await ids('?reference_document_id=1001')).toEqual([1014]);
			expect(await ids('?reference_document_id=1002')).toEqual([]);
			expect(await ids('?document_type_id=82')).toEqual([1013]);
			expect(await ids('?document_type_id=16')).toEqual([1014]);
			expect(await ids('?document_type_id=2&document_number=3')).toEqual([1003]);
			expect(await ids('?issue_date_from=2025-01-03&issue_date_to=2025-01-05')).toEqual([1003, 1004, 1005]);
			expect(await ids('?issue_date_from=2025-01-12&document_type_id=2')).toEqual([1012]);
			expect(await ids('?receiver_tax_id_code=66666666-6&issue_date_to=2025-01-06')).toEqual([1002, 1004, 1006]);
			expect(await ids('?receiver_legal_name=consumidor&per_page=100')).toHaveLength(6);
			expect(await ids('?min_total_amount=11900&max_total_amount=13090')).toEqual([1010, 1011]);
			expect(await ids('?account_id=14540')).toEqual([1013]);
			expect(await ids('?order_by=desc&document_type_id=2&per_page=3')).toEqual([1012, 1011, 1010]);
		});
	});

	it.each([
		['documents' as const, (b: { documents: unknown[] }) => b.documents],
		['hal' as const, (b: { _embedded: { documents: unknown[] } }) => b._embedded.documents],
	])('envelope %s carries page fields and links', async (envelope, items) => {
		const { sb, token } = await withSeed({ listEnvelope: envelope });
		try {
			const r = await call('GET', `${sb.baseUrl}/documents?per_page=5&page=2`, { token });
			expect(r.body).toMatchObject({ page: 2, page_size: 5, page_count: 3, total_items: 14 });
			expect(items(r.body)).toHaveLength(5);
			expect(r.body._links.next.href).toContain('page=3');
			if (envelope === 'hal') expect(r.body.documents).toBeUndefined();
			else expect(r.body._embedded).toBeUndefined();
		} finally {
			await sb.stop();
		}
	});

	it('envelope data follows the seed: data + pagination only', async () => {
		const { sb, token } = await withSeed({ listEnvelope: 'data', listItemShape: 'full' });
		try {
			const r = await call('GET', `${sb.baseUrl}/documents?per_page=4&page=4`, { token });
			expect(Object.keys(r.body).sort()).toEqual(['data', 'pagination']);
			expect(r.body.pagination).toEqual({ total: 14, per_page: 4, current_page: 4 });
			expect(r.body.data).toHaveLength(2);
			const ref = await call('GET', `${sb.baseUrl}/documents?reference_type=802&reference_number=TXN-2`, { token });
			expect(ref.body.data[0].header.document_number).toBe(2);
			expect(ref.body.data[0].references[0]).toMatchObject({ reference_type: 802, reference_number: 'TXN-2' });
		} finally {
			await sb.stop();
		}
	});

	it('full items are nested like the create answer but carry no files', async () => {
		const { sb, token } = await withSeed({ listItemShape: 'full' });
		try {
			const r = await call('GET', `${sb.baseUrl}/documents?per_page=1`, { token });
			const item = r.body.documents[0];
			expect(item.document_id).toBe(1001);
			expect(item.header).toMatchObject({ document_number: 1, document_type_id: 2, document_status: 1 });
			expect(item.details[0].quantity).toBe('1.000000');
			expect(item.totals.total_amount).toBe('1190.00');
			expect(item.references[0].reference_number).toBe('TXN-1');
			expect(item.result).toEqual({ status: 0, error_message: '' });
			expect(item).not.toHaveProperty('electronic_document');
			expect(r.text).not.toContain('JVBERi0');
		} finally {
			await sb.stop();
		}
	});

	it('envelope and item shape can be switched at run time', async () => {
		const { sb, token } = await withSeed();
		try {
			sb.setListFormat({ listEnvelope: 'hal', listItemShape: 'full' });
			const r = await call('GET', `${sb.baseUrl}/documents?per_page=2`, { token });
			expect(r.body._embedded.documents[0].header.document_number).toBe(1);
			expect(() => sb.setListFormat({ listEnvelope: 'xml' as never })).toThrow(/listEnvelope/);
			sb.reset();
			const token2 = (await call('POST', `${sb.baseUrl}/auth`, { json: (await import('./helpers')).authBody() })).body
				.access_token as string;
			const after = await call('GET', `${sb.baseUrl}/documents`, { token: token2 });
			expect(after.body.documents).toEqual([]);
			expect(after.body.total_items).toBe(0);
		} finally {
			await sb.stop();
		}
	});
});
