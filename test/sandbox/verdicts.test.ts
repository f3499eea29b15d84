import type { KoyweSandbox, StoredDocument } from './index';
import { call, chileInvoice, countryDocument, mexicanInvoice, setup, sleep, waitForStatus } from './helpers';

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

async function issue(body: Record<string, unknown> = chileInvoice()): Promise<number> {
	const r = await call('POST', docs, { token, json: body });
	if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
	return r.body.document_id as number;
}

/** Every status the document passes through, in order (sending, validation), from the status-change events. */
function recordStatuses(documentId: number): Array<[unknown, unknown]> {
	const seen: Array<[unknown, unknown]> = [];
	sb.events.on('status-change', (doc: StoredDocument) => {
		if (doc.document_id === documentId || documentId === 0) {
			seen.push([doc.header.taxbureau_sending_status, doc.header.taxbureau_validation_status]);
		}
	});
	return seen;
}

const validation = (h: Record<string, unknown>) => h.taxbureau_validation_status;

describe('tax-bureau verdicts: default', () => {
	it('leaves documents at sending status 0 and validation null when verdicts is not set', async () => {
		const id = await issue();
		await sleep(300);
		const r = await call('GET', `${docs}/${id}`, { token });
		expect(r.body.header).toMatchObject({ taxbureau_sending_status: 0, taxbureau_validation_status: null });
		expect(r.body.header).not.toHaveProperty('taxbureau_validation_comments');
		expect(sb.stats().statusChanges).toBe(0);
	});
});

describe('tax-bureau verdicts: Chile (asynchronous)', () => {
	it('issues with sending status 0, then received, then accepted', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted', delayMs: 50 } });
		const seen = recordStatuses(0);
		const r = await call('POST', docs, { token, json: chileInvoice() });
		expect(r.body.header).toMatchObject({ taxbureau_sending_status: 0, taxbureau_validation_status: null });
		await waitForStatus(sb, r.body.document_id, (h) => validation(h) === 3);
		expect(seen).toEqual([
			[0, null],
			[1, 0],
			[1, 3],
		]);
	});

	it('shows the verdict in GET and in the list filters', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted', delayMs: 30 } });
		const id = await issue();
		await waitForStatus(sb, id, (h) => validation(h) === 3);
		const got = await call('GET', `${docs}/${id}`, { token });
		expect(got.body.header).toMatchObject({
			taxbureau_sending_status: 1,
			taxbureau_validation_status: 3,
			taxbureau_send_id: String(9_000_000_000 + id),
			taxbureau_send_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		const listed = await call('GET', `${docs}?taxbureau_validation_status=3&taxbureau_sending_status=1`, { token });
		expect(listed.body.documents.map((d: { document_id: number }) => d.document_id)).toEqual([id]);
	});

	it('rejects with validation 5 and the configured comments', async () => {
		sb.setFaults({ verdicts: { outcome: 'rejected', delayMs: 30, comments: 'CAF vencido' } });
		const id = await issue();
		const header = await waitForStatus(sb, id, (h) => validation(h) === 5);
		expect(header.taxbureau_validation_comments).toBe('CAF vencido');
	});

	it('accepts with remarks (validation 4) and a default comment', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted_with_remarks', delayMs: 30 } });
		const id = await issue();
		const header = await waitForStatus(sb, id, (h) => validation(h) === 4);
		expect(header.taxbureau_validation_comments).toMatch(/reparos.*SII/);
	});

	it('passes through temporary sending statuses 101, 102 before the verdict', async () => {
		sb.setFaults({ verdicts: { outcome: 'temporary_then_accepted', delayMs: 30 } });
		const seen = recordStatuses(0);
		const id = await issue();
		await waitForStatus(sb, id, (h) => validation(h) === 3);
		expect(seen).toEqual([
			[0, null],
			[101, null],
			[102, null],
			[1, 0],
			[1, 3],
		]);
	});

	it('stops at a permanent sending error with no validation', async () => {
		sb.setFaults({ verdicts: { outcome: 'permanent_error', permanentStatus: 204, delayMs: 30 } });
		const id = await issue();
		const header = await waitForStatus(sb, id, (h) => h.taxbureau_sending_status === 204);
		expect(header.taxbureau_validation_status).toBeNull();
		expect(header.taxbureau_validation_comments).toMatch(/204/);
	});

	it('stays pending for outcome pending', async () => {
		sb.setFaults({ verdicts: { outcome: 'pending', delayMs: 20 } });
		const id = await issue();
		await sleep(200);
		expect(sb.documents().find((d) => d.document_id === id)!.header).toMatchObject({
			taxbureau_sending_status: 0,
			taxbureau_validation_status: null,
		});
	});

	it('gives drafts no verdict', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted', delayMs: 20 } });
		await issue(chileInvoice({ extra: { options: { draft_only: 1 } } }));
		await sleep(150);
		expect(sb.stats().statusChanges).toBe(0);
	});
});

describe('tax-bureau verdicts: Mexico and Colombia (synchronous)', () => {
	it('answers the create with the verdict already given', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted' } });
		const r = await call('POST', docs, { token, json: mexicanInvoice() });
		expect(r.status).toBe(201);
		expect(r.body.header).toMatchObject({ taxbureau_sending_status: 1, taxbureau_validation_status: 3 });
	});

	it('creates nothing when the tax bureau rejects: result.status 1 with its reason', async () => {
		sb.setFaults({ verdicts: { outcome: 'rejected', comments: 'Regla CFDI40147: RFC del receptor no válido' } });
		const r = await call('POST', docs, { token, json: mexicanInvoice() });
		expect(r.status).toBe(200);
		expect(r.body.result).toEqual({ status: 1, error_message: 'Regla CFDI40147: RFC del receptor no válido' });
		expect(r.body.document_id).toBeNull();
		expect(sb.stats()).toMatchObject({ createAttempts: 1, creates: 0, documentsStored: 0 });
	});

	it('treats Colombia as synchronous and Chile as asynchronous in mode auto', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted_with_remarks', delayMs: 5000 } });
		const co = await call('POST', docs, { token, json: countryDocument('CO', 82) });
		const cl = await call('POST', docs, { token, json: chileInvoice() });
		expect(co.body.header.taxbureau_validation_status).toBe(4);
		expect(cl.body.header.taxbureau_validation_status).toBeNull();
	});

	it('makes Chile synchronous in mode sync', async () => {
		sb.setFaults({ verdicts: { mode: 'sync', outcome: 'accepted' } });
		const r = await call('POST', docs, { token, json: chileInvoice() });
		expect(r.body.header.taxbureau_validation_status).toBe(3);
	});
});

describe('POST /__sandbox/documents/{id}/status', () => {
	it('sets any status field at once and answers the stored document', async () => {
		const id = await issue();
		const r = await call('POST', `${sb.origin}/__sandbox/documents/${id}/status`, {
			json: { taxbureau_sending_status: 1, taxbureau_validation_status: 5, taxbureau_validation_comments: 'Folio repetido' },
		});
		expect(r.status).toBe(200);
		expect(r.body.header).toMatchObject({ taxbureau_validation_status: 5, taxbureau_validation_comments: 'Folio repetido' });
		const got = await call('GET', `${docs}/${id}`, { token });
		expect(got.body.header.taxbureau_validation_comments).toBe('Folio repetido');
		expect(sb.stats().statusChanges).toBe(1);
	});

	it('stops the simulated verdict of that document', async () => {
		sb.setFaults({ verdicts: { outcome: 'accepted', delayMs: 300 } });
		const id = await issue();
		await call('POST', `${sb.origin}/__sandbox/documents/${id}/status`, { json: { taxbureau_validation_status: 5 } });
		await sleep(800);
		expect(sb.documents()[0].header.taxbureau_validation_status).toBe(5);
	});

	it('sets document_status too (e.g. a cancelled CFDI)', async () => {
		const id = await issue(mexicanInvoice());
		await call('POST', `${sb.origin}/__sandbox/documents/${id}/status`, { json: { document_status: 2 } });
		expect((await call('GET', `${docs}/${id}`, { token })).body.header.document_status).toBe(2);
		expect(sb.documents()[0].document_status).toBe(2);
	});

	it('can change the status without an event (notify false)', async () => {
		const id = await issue();
		await call('POST', `${sb.origin}/__sandbox/documents/${id}/status`, { json: { taxbureau_validation_status: 3, notify: false } });
		expect(sb.stats().statusChanges).toBe(0);
		expect(sb.documents()[0].header.taxbureau_validation_status).toBe(3);
	});

	it('answers 404 for an unknown document and 400 for an unknown field', async () => {
		expect((await call('POST', `${sb.origin}/__sandbox/documents/4242/status`, { json: { document_status: 1 } })).status).toBe(404);
		const id = await issue();
		const bad = await call('POST', `${sb.origin}/__sandbox/documents/${id}/status`, { json: { colour: 'red' } });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatch(/unknown status field "colour"/);
	});
});

describe('verdicts configuration', () => {
	it('fills defaults and rejects nonsense', () => {
		sb.setFaults({ verdicts: { outcome: 'temporary_then_rejected' } });
		expect(sb.getFaults().verdicts).toEqual({
			mode: 'auto',
			delayMs: 200,
			outcome: 'temporary_then_rejected',
			comments: null,
			temporaryRetries: 2,
			permanentStatus: 202,
		});
		expect(() => sb.setFaults({ verdicts: { outcome: 'maybe' as never } })).toThrow(/verdicts.outcome/);
		expect(() => sb.setFaults({ verdicts: { permanentStatus: 207 } })).toThrow(/permanentStatus/);
		expect(() => sb.setFaults({ verdicts: { delay: 1 } as never })).toThrow(/verdicts.delay is unknown/);
	});
});
