import type { KoyweSandbox } from './index';
import { CERTIFICATION_EVENT, DEMO_ACCOUNTS, DOCUMENT_STATUS_EVENT, FIRST_SUBSCRIPTION_ID } from './index';
import { call, chileInvoice, setup, sleep, startReceiver, waitForStatus } from './helpers';

let sb: KoyweSandbox;
let token: string;
let subs: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
	({ sb, token } = await setup());
	subs = `${sb.baseUrl}/webhook_subscriptions`;
	receiver = await startReceiver();
});
afterEach(async () => {
	await sb.stop();
	await receiver.stop();
});

function subscribe(overrides: Record<string, unknown> = {}) {
	return call('POST', subs, {
		token,
		json: {
			account_id: DEMO_ACCOUNTS.CL,
			callback_url: receiver.url,
			callback_username: 'n8n-hook',
			callback_password: 'hook-secret-123',
			event_id: DOCUMENT_STATUS_EVENT,
			...overrides,
		},
	});
}

async function issuedDocument(): Promise<number> {
	const r = await call('POST', `${sb.baseUrl}/documents`, { token, json: chileInvoice() });
	return r.body.document_id as number;
}

const statusControl = (id: number, body: Record<string, unknown>) =>
	call('POST', `${sb.origin}/__sandbox/documents/${id}/status`, { json: body });

describe('POST /V1/webhook_subscriptions', () => {
	it('answers 201 with the subscription in webhook_data', async () => {
		const r = await subscribe();
		expect(r.status).toBe(201);
		expect(r.body).toEqual({
			account_id: DEMO_ACCOUNTS.CL,
			webhook_subscription_id: FIRST_SUBSCRIPTION_ID,
			webhook_data: {
				event_id: DOCUMENT_STATUS_EVENT,
				subscription_creation_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
				subscription_output_type: 'APINOTIFICATION',
				callback_url: receiver.url,
				callback_username: 'n8n-hook',
				callback_password: 'hook-secret-123',
				user_id: 1,
				product_location_id: null,
			},
		});
	});

	it('accepts ACCOUNT_CERTIFICATIONUPDATE and keeps it as written', async () => {
		const r = await subscribe({ event_id: 'ACCOUNT_CERTIFICATIONUPDATE' });
		expect(r.status).toBe(201);
		expect(r.body.webhook_data.event_id).toBe('ACCOUNT_CERTIFICATIONUPDATE');
	});

	it.each([
		[{ event_id: 'DOCUMENT.CREATED' }, /event_id/],
		[{ callback_url: 'not a url' }, /callback_url/],
		[{ callback_url: 'ftp://example.org/x' }, /callback_url/],
		[{ account_id: 1 }, /account 1/],
		[{ callback_password: 42 }, /callback_password/],
		[{ callback_url: 'http://127.0.0.1:PORT/__sandbox/webhooks/emit' }, /control API/],
	])('refuses %j with 400', async (overrides, message) => {
		const r = await subscribe(
			'callback_url' in overrides
				? { callback_url: String(overrides.callback_url).replace('PORT', String(sb.listenPort)) }
				: overrides,
		);
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(message);
	});

	it('needs a bearer token', async () => {
		expect((await call('POST', subs, { json: { event_id: DOCUMENT_STATUS_EVENT, callback_url: receiver.url } })).status).toBe(401);
	});
});

describe('GET and DELETE /V1/webhook_subscriptions', () => {
	it('lists subscriptions paginated, filtered by account and event', async () => {
		await subscribe();
		await subscribe({ event_id: CERTIFICATION_EVENT });
		await subscribe({ account_id: DEMO_ACCOUNTS.MX });
		const all = await call('GET', subs, { token });
		expect(all.body).toMatchObject({ total_items: 3, page: 1, page_size: 10, page_count: 1 });
		expect(all.body.webhook_subscriptions).toHaveLength(3);
		const cl = await call('GET', `${subs}?account_id=${DEMO_ACCOUNTS.CL}&event_id=DOCUMENT_STATUSUPDATE`, { token });
		expect(cl.body.webhook_subscriptions.map((s: { webhook_subscription_id: number }) => s.webhook_subscription_id)).toEqual([
			FIRST_SUBSCRIPTION_ID,
		]);
	});

	it('gets one subscription and answers 404 for an unknown one', async () => {
		const made = await subscribe();
		const r = await call('GET', `${subs}/${made.body.webhook_subscription_id}`, { token });
		expect(r.body).toEqual(made.body);
		expect((await call('GET', `${subs}/9999`, { token })).status).toBe(404);
	});

	it('deletes with 204, after which the subscription is gone', async () => {
		const made = await subscribe();
		const del = await call('DELETE', `${subs}/${made.body.webhook_subscription_id}`, { token });
		expect(del.status).toBe(204);
		expect(del.text).toBe('');
		expect((await call('GET', `${subs}/${made.body.webhook_subscription_id}`, { token })).status).toBe(404);
		expect((await call('DELETE', `${subs}/${made.body.webhook_subscription_id}`, { token })).status).toBe(404);
	});
});

describe('DOCUMENT.STATUSUPDATE deliveries', () => {
	it('posts the documented payload with HTTP Basic credentials when a status changes', async () => {
		await subscribe();
		const id = await issuedDocument();
		await statusControl(id, { taxbureau_sending_status: 1, taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		expect(receiver.calls).toHaveLength(1);
		const [hook] = receiver.calls;
		expect(hook.method).toBe('POST');
		expect(hook.headers.authorization).toBe(`Basic ${Buffer.from('n8n-hook:hook-secret-123').toString('base64')}`);
		expect(hook.body).toEqual({
			event_id: DOCUMENT_STATUS_EVENT,
			document_id: id,
			account_id: DEMO_ACCOUNTS.CL,
			document_status: 1,
			taxbureau_send_status: 1,
			taxbureau_send_id: null,
			taxbureau_send_date: null,
			taxbureau_validation_status: 3,
			taxbureau_validation_comments: null,
		});
	});

	it('sends every step of an asynchronous verdict', async () => {
		sb.setFaults({ verdicts: { outcome: 'rejected', delayMs: 30 } });
		await subscribe();
		const id = await issuedDocument();
		await waitForStatus(sb, id, (h) => h.taxbureau_validation_status === 5);
		await sb.waitForWebhookDeliveries(3);
		expect(receiver.calls.map((c) => [c.body.taxbureau_send_status, c.body.taxbureau_validation_status])).toEqual([
			[0, null],
			[1, 0],
			[1, 5],
		]);
		expect(receiver.calls[2].body.taxbureau_validation_comments).toMatch(/Rechazado/);
	});

	it('sends a Mexican cancellation', async () => {
		await subscribe({ account_id: DEMO_ACCOUNTS.MX });
		const { mexicanInvoice } = await import('./helpers');
		const created = await call('POST', `${sb.baseUrl}/documents`, { token, json: mexicanInvoice() });
		await call('PUT', `${sb.baseUrl}/documents/${created.body.document_id}`, { token, json: { document_status: '2' } });
		await sb.waitForWebhookDeliveries(1);
		expect(receiver.calls[0].body).toMatchObject({ document_id: created.body.document_id, document_status: 2 });
	});

	it('puts the credentials in the JSON body with webhookAuth body', async () => {
		sb.setFaults({ webhookAuth: 'body' });
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		expect(receiver.calls[0].headers.authorization).toBeUndefined();
		expect(receiver.calls[0].body).toMatchObject({ callback_username: 'n8n-hook', callback_password: 'hook-secret-123' });
	});

	it('presents no credentials with webhookAuth none', async () => {
		sb.setFaults({ webhookAuth: 'none' });
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		expect(receiver.calls[0].headers.authorization).toBeUndefined();
		expect(receiver.calls[0].body).not.toHaveProperty('callback_password');
	});

	it('goes only to subscriptions of the document\'s account and event', async () => {
		await subscribe({ account_id: DEMO_ACCOUNTS.MX });
		await subscribe({ event_id: CERTIFICATION_EVENT });
		const all = await subscribe({ account_id: null });
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		await sleep(100);
		expect(sb.webhookDeliveries().map((d) => d.subscription_id)).toEqual([all.body.webhook_subscription_id]);
	});

	it('stops after a subscription is deleted', async () => {
		const made = await subscribe();
		await call('DELETE', `${subs}/${made.body.webhook_subscription_id}`, { token });
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sleep(150);
		expect(receiver.calls).toEqual([]);
	});
});

describe('webhook delivery faults', () => {
	it('delivers each event twice with webhookDuplicate true', async () => {
		sb.setFaults({ webhookDuplicate: true });
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(2);
		expect(receiver.calls).toHaveLength(2);
		expect(receiver.calls[0].body).toEqual(receiver.calls[1].body);
		expect(sb.webhookDeliveries().map((d) => d.copy)).toEqual([1, 2]);
	});

	it('spaces the copies by gapMs', async () => {
		sb.setFaults({ webhookDuplicate: { times: 3, gapMs: 150 } });
		await subscribe();
		const id = await issuedDocument();
		const before = Date.now();
		await statusControl(id, { taxbureau_validation_status: 3 });
		const log = await sb.waitForWebhookDeliveries(3);
		// Copy k leaves no earlier than (k - 1) × gapMs after the change (timers may be late, never early).
		for (const d of log) expect(Date.parse(d.sent_at) - before).toBeGreaterThanOrEqual((d.copy - 1) * 150 - 5);
		expect(log.map((d) => d.copy).sort()).toEqual([1, 2, 3]);
	});

	it('delivers late with webhookDelayMs', async () => {
		sb.setFaults({ webhookDelayMs: 300 });
		await subscribe();
		const id = await issuedDocument();
		const changed = Date.now();
		await statusControl(id, { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		expect(receiver.calls[0].at - changed).toBeGreaterThanOrEqual(290);
	});

	it('retries a non-2xx answer (3 tries in all) and logs every attempt', async () => {
		await receiver.stop();
		receiver = await startReceiver(() => 503);
		sb.setFaults({ webhookRetries: { attempts: 3, delayMs: 20 } });
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(3);
		await sleep(150);
		const log = sb.webhookDeliveries();
		expect(log.map((d) => [d.attempt, d.status, d.ok])).toEqual([
			[1, 503, false],
			[2, 503, false],
			[3, 503, false],
		]);
		expect(sb.stats()).toMatchObject({ webhookDeliveries: 3, webhookDeliveryFailures: 3 });
	});

	it('stops retrying once the receiver answers 2xx', async () => {
		await receiver.stop();
		receiver = await startReceiver((_call, i) => (i === 0 ? 500 : 204));
		sb.setFaults({ webhookRetries: { attempts: 3, delayMs: 20 } });
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(2);
		await sleep(150);
		expect(sb.webhookDeliveries().map((d) => d.status)).toEqual([500, 204]);
	});

	it('logs a receiver that cannot be reached as status null with the error', async () => {
		sb.setFaults({ webhookRetries: { attempts: 1 } });
		await subscribe({ callback_url: 'http://127.0.0.1:1/unreachable' });
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		const [attempt] = await sb.waitForWebhookDeliveries(1);
		expect(attempt).toMatchObject({ status: null, ok: false });
		expect(attempt.error).toMatch(/ECONNREFUSED/);
	});

	it('shows the log over HTTP at GET /__sandbox/webhook_deliveries', async () => {
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		const r = await call('GET', `${sb.origin}/__sandbox/webhook_deliveries`);
		expect(r.body).toHaveLength(1);
		expect(r.body[0]).toMatchObject({ event_id: DOCUMENT_STATUS_EVENT, status: 200, ok: true, callback_url: receiver.url, auth: 'basic' });
	});
});

describe('POST /__sandbox/webhooks/emit', () => {
	it('sends a certification update with the account\'s status and waits for the answer', async () => {
		await subscribe({ event_id: 'ACCOUNT_CERTIFICATIONUPDATE' });
		const r = await call('POST', `${sb.origin}/__sandbox/webhooks/emit`, {
			json: { event_id: CERTIFICATION_EVENT, account_id: DEMO_ACCOUNTS.CL, payload: { observations: 'OK' }, wait: true },
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ event_id: CERTIFICATION_EVENT, targets: 1 });
		expect(r.body.deliveries).toHaveLength(1);
		expect(receiver.calls[0].body).toEqual({
			event_id: CERTIFICATION_EVENT,
			account_id: DEMO_ACCOUNTS.CL,
			certification_status: 80,
			observations: 'OK',
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
	});

	it('sends a document event built from the document, with fields overridden', async () => {
		await subscribe();
		const id = await issuedDocument();
		await call('POST', `${sb.origin}/__sandbox/webhooks/emit`, {
			json: { event_id: DOCUMENT_STATUS_EVENT, document_id: id, payload: { taxbureau_validation_status: 4 }, wait: true },
		});
		expect(receiver.calls[0].body).toMatchObject({ document_id: id, document_status: 1, taxbureau_validation_status: 4 });
		expect(sb.documents()[0].header.taxbureau_validation_status).toBeNull();
	});

	it('refuses an unknown event and a missing account', async () => {
		const bad = await call('POST', `${sb.origin}/__sandbox/webhooks/emit`, { json: { event_id: 'NOPE', account_id: 423 } });
		expect(bad.status).toBe(400);
		const noAccount = await call('POST', `${sb.origin}/__sandbox/webhooks/emit`, { json: { event_id: CERTIFICATION_EVENT } });
		expect(noAccount.body.error).toMatch(/account_id/);
	});

	it('the certification control call sends ACCOUNT.CERTIFICATIONUPDATE', async () => {
		await subscribe({ event_id: CERTIFICATION_EVENT });
		await call('POST', `${sb.origin}/__sandbox/accounts/${DEMO_ACCOUNTS.CL}/certification`, {
			json: { certification_status: 5, observations: 'Certificado revocado' },
		});
		await sb.waitForWebhookDeliveries(1);
		expect(receiver.calls[0].body).toMatchObject({ certification_status: 5, observations: 'Certificado revocado' });
	});

	it('GET /__sandbox/webhook_subscriptions lists them with their credentials', async () => {
		await subscribe();
		const r = await call('GET', `${sb.origin}/__sandbox/webhook_subscriptions`);
		expect(r.body).toEqual([expect.objectContaining({ callback_password: 'hook-secret-123', account_id: DEMO_ACCOUNTS.CL })]);
	});

	it('reset forgets subscriptions and the delivery log', async () => {
		await subscribe();
		await statusControl(await issuedDocument(), { taxbureau_validation_status: 3 });
		await sb.waitForWebhookDeliveries(1);
		sb.reset();
		expect(sb.webhookSubscriptions()).toEqual([]);
		expect(sb.webhookDeliveries()).toEqual([]);
	});
});
