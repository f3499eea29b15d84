import type { KoyweSandbox } from './index';
import { SAT_CANCEL_ACCEPTED } from './index';
import { call, chileInvoice, countryDocument, line, mexicanInvoice, setup } from './helpers';

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

async function create(body: Record<string, unknown>): Promise<number> {
	const r = await call('POST', docs, { token, json: body });
	if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
	return r.body.document_id as number;
}

const chileDraft = (extra: Record<string, unknown> = {}) =>
	chileInvoice({ ref: 'DRAFT-1', extra: { options: { draft_only: 1 }, ...extra } });

describe('PUT /V1/documents/{id} on a draft', () => {
	it('merges the header fields given and keeps the rest', async () => {
		const id = await create(chileDraft());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { header: { receiver_legal_name: 'Otro Cliente SpA' } } });
		expect(r.status).toBe(200);
		expect(r.body.header).toMatchObject({
			receiver_legal_name: 'Otro Cliente SpA',
			receiver_tax_id_code: '76399932-7',
			document_status: 0,
			document_number: null,
		});
		expect(r.body.references[0].reference_number).toBe('DRAFT-1');
	});

	it('recomputes the totals from new lines when no totals are given', async () => {
		const id = await create(chileDraft());
		const details = [line({ quantity: 2, unit_price: 1000, taxes: [{ tax_type_id: 387, tax_percentage: 19, tax_amount: 380 }] })];
		const r = await call('PUT', `${docs}/${id}`, { token, json: { details } });
		expect(r.body.totals).toMatchObject({ net_amount: 2000, taxes_amount: 380, total_amount: '2380.00' });
		expect(r.body.details[0].quantity).toBe('2.000000');
	});

	it('takes the totals given', async () => {
		const id = await create(chileDraft());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { totals: { net_amount: 10, taxes_amount: 2, total_amount: 12 } } });
		expect(r.body.totals).toMatchObject({ net_amount: 10, taxes_amount: 2, total_amount: '12.00' });
	});

	it('is visible to GET afterwards and counted as an update', async () => {
		const id = await create(chileDraft());
		await call('PUT', `${docs}/${id}`, { token, json: { header: { receiver_legal_name: 'Nuevo Nombre' } } });
		const got = await call('GET', `${docs}/${id}`, { token });
		expect(got.body.header.receiver_legal_name).toBe('Nuevo Nombre');
		expect(sb.stats().updates).toBe(1);
		expect(sb.documents()[0].updated_at).not.toBeNull();
	});

	it('refuses an invalid update with 400 and leaves the draft as it was', async () => {
		const id = await create(chileDraft());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { details: [line({ quantity: 0 })] } });
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(/details\[0\]\.quantity must be greater than 0/);
		expect(sb.documents()[0].details[0].quantity).toBe('1.000000');
		expect(sb.stats().updates).toBe(0);
	});
});

describe('PUT /V1/documents/{id} refusals', () => {
	it('answers 400 "Cannot update a signed document" for an issued document', async () => {
		const id = await create(chileInvoice());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { header: { receiver_legal_name: 'X' } } });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: 'Cannot update a signed document' });
	});

	it('answers 404 for an unknown document', async () => {
		const r = await call('PUT', `${docs}/999999`, { token, json: { header: {} } });
		expect(r.status).toBe(404);
		expect(r.body).toEqual({ error: 'Document not found' });
	});

	it('answers 400 for a body that is not a JSON object', async () => {
		const id = await create(chileDraft());
		expect((await call('PUT', `${docs}/${id}`, { token, raw: '[1]' })).status).toBe(400);
		expect((await call('PUT', `${docs}/${id}`, { token, raw: '{oops' })).status).toBe(400);
	});

	it('answers 400 for a document_status that is not a number or cannot be set on a draft', async () => {
		const id = await create(chileDraft());
		for (const document_status of ['abc', 1, '3']) {
			const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status } });
			expect([document_status, r.status]).toEqual([document_status, 400]);
			expect(r.body.error).toMatch(/document_status/);
		}
	});

	it('needs a bearer token', async () => {
		const id = await create(chileDraft());
		expect((await call('PUT', `${docs}/${id}`, { json: { header: {} } })).status).toBe(401);
	});
});

describe('Mexican cancellation (PUT document_status 2)', () => {
	it('cancels an issued Mexican invoice with a SAT acknowledgement', async () => {
		const id = await create(mexicanInvoice());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect(r.status).toBe(200);
		expect(r.body.header.document_status).toBe(2);
		expect(r.body.result).toEqual({ status: 0, error_message: '' });
		expect(r.body.cancellation_acknowledgement).toMatchObject({ status: 'accepted', code: SAT_CANCEL_ACCEPTED });
		expect(r.body.cancellation_acknowledgement.uuid).toMatch(/^[0-9A-F-]{36}$/);
		expect(sb.stats()).toMatchObject({ cancellations: 1, statusChanges: 1 });
	});

	it('accepts document_status as a number', async () => {
		const id = await create(mexicanInvoice());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status: 2 } });
		expect(r.body.header.document_status).toBe(2);
	});

	it('shows the cancellation in GET and in the list', async () => {
		const id = await create(mexicanInvoice());
		await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect((await call('GET', `${docs}/${id}`, { token })).body.header.document_status).toBe(2);
		const listed = await call('GET', `${docs}?document_status=2`, { token });
		expect(listed.body.documents.map((d: { document_id: number }) => d.document_id)).toEqual([id]);
	});

	it('refuses a second cancellation', async () => {
		const id = await create(mexicanInvoice());
		await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		const again = await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect(again.status).toBe(400);
		expect(again.body.error).toMatch(/already cancelled/);
	});

	it('refuses to cancel a Chilean invoice and names the credit note to issue', async () => {
		const id = await create(chileInvoice());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(/only for Mexican documents/);
		expect(r.body.error).toMatch(/credit note \(document type 16\)/);
		expect(sb.documents()[0].document_status).toBe(1);
	});

	it('refuses to cancel a draft', async () => {
		sb.setFaults({ folioLimit: 0 });
		const id = await create(mexicanInvoice());
		expect(sb.documents()[0].document_status).toBe(0);
		const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(/draft/);
	});

	it('cancelRefusal answers 200 with result.status 1 and the SAT reason, and the invoice stays issued', async () => {
		sb.setFaults({ cancelRefusal: { message: 'El receptor rechazó la cancelación' } });
		const id = await create(mexicanInvoice());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect(r.status).toBe(200);
		expect(r.body.result).toEqual({ status: 1, error_message: 'El receptor rechazó la cancelación' });
		expect(r.body.header.document_status).toBe(1);
		expect(r.body.cancellation_acknowledgement.status).toBe('refused');
		expect(r.headers['x-sandbox-fault']).toBe('cancelRefusal');
		expect(sb.stats()).toMatchObject({ cancellations: 0, cancellationRefusals: 1 });
	});

	it('cancelRefusal with httpStatus 400 answers {"error": reason}', async () => {
		sb.setFaults({ cancelRefusal: { httpStatus: 400 } });
		const id = await create(mexicanInvoice());
		const r = await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } });
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(/SAT/);
	});

	it('cancelRefusal every 2 refuses every second cancellation', async () => {
		sb.setFaults({ cancelRefusal: { every: 2 } });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) {
			const id = await create(mexicanInvoice());
			statuses.push((await call('PUT', `${docs}/${id}`, { token, json: { document_status: '2' } })).body.result.status);
		}
		expect(statuses).toEqual([0, 1, 0, 1]);
	});
});

describe('DELETE /V1/documents/{id}', () => {
	it('deletes a draft with 204 and no body', async () => {
		const id = await create(chileDraft());
		const r = await call('DELETE', `${docs}/${id}`, { token });
		expect(r.status).toBe(204);
		expect(r.text).toBe('');
		expect((await call('GET', `${docs}/${id}`, { token })).status).toBe(404);
		expect(sb.stats()).toMatchObject({ deletes: 1, documentsStored: 0 });
	});

	it('answers 400 "Cannot delete a signed document" for an issued document', async () => {
		const id = await create(chileInvoice());
		const r = await call('DELETE', `${docs}/${id}`, { token });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: 'Cannot delete a signed document' });
		expect(sb.documents()).toHaveLength(1);
	});

	it('answers 404 for an unknown document', async () => {
		const r = await call('DELETE', `${docs}/424242`, { token });
		expect(r.status).toBe(404);
		expect(r.body).toEqual({ error: 'Document not found' });
	});
});

describe('options.draft_preview (Chile)', () => {
	it('answers the document with document_id null, a preview PDF and result.status 0, and stores nothing', async () => {
		const r = await call('POST', docs, { token, json: chileInvoice({ ref: 'PREV-1', extra: { options: { draft_preview: 1 } } }) });
		expect(r.status).toBe(200);
		expect(r.body.document_id).toBeNull();
		expect(r.body.result).toEqual({ status: 0, error_message: '' });
		expect(r.body.header).toMatchObject({ document_number: null, document_status: 0 });
		expect(Object.keys(r.body.electronic_document)).toEqual(['document_pdf']);
		const pdf = Buffer.from(r.body.electronic_document.document_pdf, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf).toContain('PREVIEW');
		expect(sb.documents()).toEqual([]);
	});

	it('counts as a create attempt and a preview, not a create', async () => {
		await call('POST', docs, { token, json: chileInvoice({ extra: { options: { draft_preview: 1 } } }) });
		expect(sb.stats()).toMatchObject({ createAttempts: 1, creates: 0, previews: 1, documentsStored: 0 });
	});

	it('is refused outside Chile with result.status 1', async () => {
		const body = { ...countryDocument('CO', 82), options: { draft_preview: 1 } };
		const r = await call('POST', docs, { token, json: body });
		expect(r.status).toBe(200);
		expect(r.body.result.status).toBe(1);
		expect(r.body.result.error_message).toMatch(/draft_preview is only available for Chile/);
	});
});
