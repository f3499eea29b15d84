import type { KoyweSandbox } from './index';
import { DEFAULT_CERTIFICATION_STATUS, DEMO_ACCOUNTS } from './index';
import { call, chileInvoice, countryDocument, setup } from './helpers';

let sb: KoyweSandbox;
let token: string;
beforeEach(async () => {
	({ sb, token } = await setup());
});
afterEach(async () => {
	await sb.stop();
});

type TypeItem = { document_type_id: number; name: string; account_id: number; last_sequence_number: number };
const ids = (items: TypeItem[]) => items.map((t) => t.document_type_id);

describe('GET /V1/document_types', () => {
	it('lists the account\'s types with the documented fields', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types?account_id=${DEMO_ACCOUNTS.CL}&per_page=100`, { token });
		expect(r.status).toBe(200);
		const invoice = r.body.document_types.find((t: TypeItem) => t.document_type_id === 2);
		expect(invoice).toEqual({
			document_type_id: 2,
			name: 'Factura electronica',
			last_sequence_number: 0,
			active_user: 1,
			active_system: 1,
			received_issued_flag: 1,
			charged_credit_flag: 1,
			account_id: DEMO_ACCOUNTS.CL,
		});
		expect(r.body.document_types.every((t: TypeItem) => t.account_id === DEMO_ACCOUNTS.CL)).toBe(true);
	});

	it('marks received types with received_issued_flag 0 and credit notes with charged_credit_flag 0', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types?account_id=${DEMO_ACCOUNTS.CL}&per_page=100`, { token });
		const byId = new Map(r.body.document_types.map((t: TypeItem) => [t.document_type_id, t]));
		expect(byId.get(9)).toMatchObject({ received_issued_flag: 0, active_user: 0 });
		expect(byId.get(16)).toMatchObject({ charged_credit_flag: 0, received_issued_flag: 1 });
	});

	it('offers Colombia\'s support document (85, a sandbox id) that the node\'s table lacks', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types?account_id=${DEMO_ACCOUNTS.CO}`, { token });
		expect(ids(r.body.document_types)).toEqual([82, 83, 84, 85, 87, 88]);
		expect(r.body.document_types[3].name).toMatch(/^Documento soporte/);
	});

	it('issues the support document', async () => {
		const r = await call('POST', `${sb.baseUrl}/documents`, { token, json: countryDocument('CO', 85) });
		expect(r.status).toBe(201);
		expect(r.body.header.document_type_taxbureau).toBe('05');
	});

	it('reports the last folio used as last_sequence_number', async () => {
		await call('POST', `${sb.baseUrl}/documents`, { token, json: chileInvoice() });
		await call('POST', `${sb.baseUrl}/documents`, { token, json: chileInvoice() });
		const r = await call('GET', `${sb.baseUrl}/document_types/2?account_id=${DEMO_ACCOUNTS.CL}`, { token });
		expect(r.body.last_sequence_number).toBe(2);
	});

	it('lists every account\'s types without account_id, each row naming its account', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types?per_page=100`, { token });
		const accounts = new Set(r.body.document_types.map((t: TypeItem) => t.account_id));
		expect([...accounts].sort()).toEqual(Object.values(DEMO_ACCOUNTS).sort());
		expect(r.body.total_items).toBe(r.body.document_types.length);
	});

	it('paginates like the documents list', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types?account_id=${DEMO_ACCOUNTS.CL}&per_page=5&page=2`, { token });
		expect(r.body).toMatchObject({ page: 2, page_size: 5, total_items: 20, page_count: 4 });
		expect(r.body.document_types).toHaveLength(5);
		expect(r.body._links.next.href).toContain('page=3');
		expect(r.body._links.next.href).toContain(`account_id=${DEMO_ACCOUNTS.CL}`);
	});

	it('answers 404 for an unknown account', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types?account_id=1`, { token });
		expect(r.status).toBe(404);
		expect(r.body).toEqual({ error: 'Account not found' });
	});

	it('needs a bearer token', async () => {
		expect((await call('GET', `${sb.baseUrl}/document_types`)).status).toBe(401);
	});
});

describe('GET /V1/document_types/{id}', () => {
	it('answers one type of its own country without account_id', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types/76`, { token });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ document_type_id: 76, account_id: DEMO_ACCOUNTS.MX, received_issued_flag: 1 });
	});

	it('answers 404 for a type of another country than the account\'s', async () => {
		const r = await call('GET', `${sb.baseUrl}/document_types/76?account_id=${DEMO_ACCOUNTS.CL}`, { token });
		expect(r.status).toBe(404);
		expect(r.body).toEqual({ error: 'Document type not found' });
	});

	it('answers 404 for an unknown id', async () => {
		expect((await call('GET', `${sb.baseUrl}/document_types/9999`, { token })).status).toBe(404);
		expect((await call('GET', `${sb.baseUrl}/document_types/abc`, { token })).status).toBe(404);
	});
});

describe('GET /V1/accounts/{account_id}', () => {
	it('answers the account with its country and certification status', async () => {
		const r = await call('GET', `${sb.baseUrl}/accounts/${DEMO_ACCOUNTS.PE}`, { token });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			account_id: DEMO_ACCOUNTS.PE,
			country: 'PE',
			country_id: 83,
			certification_status: DEFAULT_CERTIFICATION_STATUS,
			account_created: { country_id: 83, registration_tax_id_type: 'PE-RUC', certification_status: DEFAULT_CERTIFICATION_STATUS },
		});
	});

	it('answers 404 {"error":"Account not found"} for an account the credentials cannot use', async () => {
		for (const id of ['1', '0', 'abc']) {
			const r = await call('GET', `${sb.baseUrl}/accounts/${id}`, { token });
			expect([id, r.status, r.body]).toEqual([id, 404, { error: 'Account not found' }]);
		}
	});

	it('needs a bearer token', async () => {
		expect((await call('GET', `${sb.baseUrl}/accounts/${DEMO_ACCOUNTS.CL}`)).status).toBe(401);
	});

	it('shows a certification status changed through the control API', async () => {
		const ctl = await call('POST', `${sb.origin}/__sandbox/accounts/${DEMO_ACCOUNTS.CL}/certification`, {
			json: { certification_status: 3, observations: 'Set de pruebas aprobado' },
		});
		expect(ctl.status).toBe(200);
		const r = await call('GET', `${sb.baseUrl}/accounts/${DEMO_ACCOUNTS.CL}`, { token });
		expect(r.body.certification_status).toBe(3);
		expect(r.body.account_created.certification_status_trace).toEqual([{ date: expect.any(String), status: 3 }]);
	});
});
