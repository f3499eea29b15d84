/**
 * Get Many support: seeding large lists, pages that change while a client pages (listGrowth), order_by by id,
 * and the §3.2 filters the first list tests did not cover.
 */
import type { KoyweSandbox } from './index';
import { DEMO_ACCOUNTS, MAX_SEED } from './index';
import { call, chileInvoice, setup } from './helpers';

let sb: KoyweSandbox;
let token: string;
let docs: string;
beforeEach(async () => {
	({ sb, token } = await setup());
	docs = `${sb.baseUrl}/documents`;
});
afterEach(async () => {
	await sb.stop();
});

const seed = (body: Record<string, unknown>) => call('POST', `${sb.origin}/__sandbox/seed`, { json: body });
const idsOf = (body: { documents: Array<{ document_id: number }> }) => body.documents.map((d) => d.document_id);

/** Reads pages 1, 2, … until a page comes back short, as Return All does; returns every id in the order read. */
async function readAll(query: string, perPage: number): Promise<number[]> {
	const seen: number[] = [];
	for (let page = 1; ; page++) {
		const r = await call('GET', `${docs}?${query}&per_page=${perPage}&page=${page}`, { token });
		seen.push(...idsOf(r.body));
		if (r.body.documents.length < perPage) return seen;
	}
}

describe('POST /__sandbox/seed', () => {
	it('stores 5,000 documents at once, listed over 50 pages of 100', async () => {
		const r = await seed({ count: 5000 });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ created: 5000, first_document_id: 1001, last_document_id: 6000, documents_stored: 5000 });
		const last = await call('GET', `${docs}?per_page=100&page=50`, { token });
		expect(last.body).toMatchObject({ total_items: 5000, page_count: 50 });
		expect(idsOf(last.body)[99]).toBe(6000);
		expect(sb.stats()).toMatchObject({ seeded: 5000, creates: 0, documentsStored: 5000, duplicates: 0 });
	});

	it('gives each document an 802 reference, numbered folios and amounts that vary', async () => {
		await seed({ count: 12, referencePrefix: 'BENCH-', unitPrice: 100 });
		const found = await call('GET', `${docs}?reference_type=802&reference_number=BENCH-11`, { token });
		expect(found.body.documents[0]).toMatchObject({ document_id: 1011, document_number: 11, net_amount: '100.00' });
		const second = await call('GET', `${docs}/1002`, { token });
		expect(second.body.totals.net_amount).toBe(200);
	});

	it('spreads issue dates over `days` up to issueDate', async () => {
		await seed({ count: 6, issueDate: '2025-03-10', days: 3 });
		const dates = (await call('GET', docs, { token })).body.documents.map((d: { issue_date: string }) => d.issue_date);
		expect(dates).toEqual(['2025-03-08', '2025-03-09', '2025-03-10', '2025-03-08', '2025-03-09', '2025-03-10']);
	});

	it('seeds another account and type with given statuses', async () => {
		await seed({
			count: 3,
			accountId: DEMO_ACCOUNTS.CO,
			documentTypeId: 84,
			referencePrefix: null,
			status: { taxbureau_sending_status: 1, taxbureau_validation_status: 5 },
		});
		const r = await call('GET', `${docs}?account_id=${DEMO_ACCOUNTS.CO}&taxbureau_validation_status=5`, { token });
		expect(r.body.total_items).toBe(3);
		expect(r.body.documents[0]).toMatchObject({ document_type_id: 84, taxbureau_sending_status: 1 });
		expect((await call('GET', `${docs}/1001`, { token })).body.references).toBeNull();
	});

	it.each([
		[{}, /count/],
		[{ count: MAX_SEED + 1 }, /count/],
		[{ count: 1, accountId: 7 }, /account 7/],
		[{ count: 1, documentTypeId: 76 }, /not valid/],
		[{ count: 1, colour: 'red' }, /unknown option "colour"/],
		[{ count: 1, issueDate: '2025-02-30' }, /issueDate/],
	])('refuses %j with 400', async (body, message) => {
		const r = await seed(body);
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(message);
		expect(sb.documents()).toEqual([]);
	});
});

describe('listGrowth (documents issued while a client pages)', () => {
	it('in id order, a client that reads until a short page sees every document once', async () => {
		await seed({ count: 25 });
		sb.setFaults({ listGrowth: { perPage: 3, max: 6 } });
		const seen = await readAll('order_by=id_asc', 10);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toEqual(sb.documents().map((d) => d.document_id));
		expect(seen).toHaveLength(31);
		expect(sb.stats().listGrowthInserts).toBe(6);
	});

	it('newest first, the same growth shows a document twice', async () => {
		await seed({ count: 25, issueDate: '2025-01-01' });
		sb.setFaults({ listGrowth: { perPage: 3, max: 6 } });
		const seen = await readAll('order_by=desc', 10);
		expect(new Set(seen).size).toBeLessThan(seen.length);
	});

	it('inserts copies of the newest matching document with their own id, folio and reference', async () => {
		await call('POST', docs, { token, json: chileInvoice({ ref: 'GROW-1' }) });
		sb.setFaults({ listGrowth: { perPage: 2 } });
		await call('GET', `${docs}?document_type_id=2`, { token });
		const stored = sb.documents();
		expect(stored.map((d) => [d.document_id, d.document_number, d.source])).toEqual([
			[1001, 1, 'api'],
			[1002, 2, 'listGrowth'],
			[1003, 3, 'listGrowth'],
		]);
		expect(stored[1].references![0].reference_number).toBe('GROW-1~1002');
		expect(sb.stats().duplicates).toBe(0);
	});

	it('adds nothing when nothing matches, and stops at max', async () => {
		await seed({ count: 2 });
		sb.setFaults({ listGrowth: { perPage: 5, max: 7 } });
		await call('GET', `${docs}?document_type_id=16`, { token });
		expect(sb.documents()).toHaveLength(2);
		for (let i = 0; i < 3; i++) await call('GET', docs, { token });
		expect(sb.documents()).toHaveLength(9);
	});
});

describe('GET /V1/documents: order_by and the remaining filters', () => {
	beforeEach(async () => {
		await seed({ count: 4, issueDate: '2025-05-02', days: 2 });
	});

	it('order_by id_desc sorts by document_id only (sandbox extension)', async () => {
		expect(idsOf((await call('GET', `${docs}?order_by=id_desc`, { token })).body)).toEqual([1004, 1003, 1002, 1001]);
		expect(idsOf((await call('GET', `${docs}?order_by=asc`, { token })).body)).toEqual([1001, 1003, 1002, 1004]);
	});

	it('refuses an unknown order_by', async () => {
		const r = await call('GET', `${docs}?order_by=sideways`, { token });
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(/order_by/);
	});

	it('filters by received_issued_flag', async () => {
		await call('POST', docs, { token, json: chileInvoice({ header: { received_issued_flag: 0 } }) });
		expect(idsOf((await call('GET', `${docs}?received_issued_flag=0`, { token })).body)).toEqual([1005]);
		expect((await call('GET', `${docs}?received_issued_flag=1`, { token })).body.total_items).toBe(4);
	});

	it('filters by document_status and taxbureau_sending_status', async () => {
		await call('POST', docs, { token, json: chileInvoice({ extra: { options: { draft_only: 1 } } }) });
		await call('POST', `${sb.origin}/__sandbox/documents/1002/status`, { json: { taxbureau_sending_status: 101 } });
		expect(idsOf((await call('GET', `${docs}?document_status=0`, { token })).body)).toEqual([1005]);
		expect(idsOf((await call('GET', `${docs}?taxbureau_sending_status=101`, { token })).body)).toEqual([1002]);
		expect((await call('GET', `${docs}?taxbureau_sending_status=0`, { token })).body.total_items).toBe(3);
	});

	it('filters by reference_code and by reference_type alone', async () => {
		const nc = chileInvoice({ header: { document_type_id: 16 } });
		nc.references = [{ document_type_id: 2, reference_document_id: 1001, reference_code: 1, description: 'Anula' }];
		await call('POST', docs, { token, json: nc });
		expect(idsOf((await call('GET', `${docs}?reference_code=1`, { token })).body)).toEqual([1005]);
		expect((await call('GET', `${docs}?reference_type=802`, { token })).body.total_items).toBe(4);
		expect((await call('GET', `${docs}?reference_code=5&reference_type=802&reference_number=SEED-3`, { token })).body.total_items).toBe(1);
	});
});
