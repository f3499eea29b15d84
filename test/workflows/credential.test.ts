/**
 * The credential and the transport inside n8n's engine: one login, reused; one refresh after a 401; waits on 429
 * as Koywe asks; clear errors without secrets; cancellation stops a wait at once.
 */
import { runKoywe } from '../harness/engine';
import { FAST_RETRY, chileInvoice, createFromItems, invoiceItems, sandboxWithStore, DEMO_CREDENTIALS } from './fixtures';
import type { KoyweSandbox } from '../sandbox';

let sandbox: KoyweSandbox;
afterEach(async () => {
	await sandbox?.stop();
});

test('the first request logs in once and carries the bearer token', async () => {
	const setup = await sandboxWithStore();
	sandbox = setup.sandbox;
	const result = await runKoywe({ parameters: createFromItems(), items: invoiceItems(1), store: setup.store });
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.document_id).toEqual(expect.any(Number));
	expect(sandbox.stats().authCalls).toBe(1);
	expect(setup.store.data.accessToken).toEqual(expect.any(String));
	expect(setup.store.data.accessToken).not.toBe('');
});

test('a second execution reuses the persisted token without logging in', async () => {
	const setup = await sandboxWithStore();
	sandbox = setup.sandbox;
	await runKoywe({ parameters: createFromItems(), items: invoiceItems(2, 'A'), store: setup.store });
	const token = setup.store.data.accessToken;
	const callsBefore = setup.store.preAuthenticationCalls;
	const second = await runKoywe({ parameters: createFromItems(), items: invoiceItems(2, 'B'), store: setup.store });
	expect(second.status).toBe('success');
	expect(sandbox.stats().authCalls).toBe(1);
	expect(setup.store.preAuthenticationCalls).toBe(callsBefore);
	expect(setup.store.data.accessToken).toBe(token);
});

test('a revoked token is refreshed exactly once and the request succeeds', async () => {
	const setup = await sandboxWithStore();
	sandbox = setup.sandbox;
	await runKoywe({ parameters: createFromItems(), items: invoiceItems(1, 'A'), store: setup.store });
	sandbox.revokeAllTokens();
	const result = await runKoywe({ parameters: createFromItems(), items: invoiceItems(1, 'B'), store: setup.store });
	expect(result.status).toBe('success');
	expect(sandbox.stats().authCalls).toBe(2);
	expect(sandbox.stats().unauthorized).toBe(1);
	expect(sandbox.stats().documentsStored).toBe(2);
});

test('ten items sent concurrently with an empty token cause a single login', async () => {
	const setup = await sandboxWithStore({ faults: { latencyMs: 30 } });
	sandbox = setup.sandbox;
	const result = await runKoywe({
		parameters: createFromItems({ concurrency: 10 }),
		items: invoiceItems(10),
		store: setup.store,
	});
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(10);
	expect(sandbox.stats().maxInFlight).toBeGreaterThan(1);
	expect(sandbox.stats().authCalls).toBe(1);
});

test('a 429 with Retry-After: 1 waits about one second, then succeeds', async () => {
	const setup = await sandboxWithStore({
		faults: { forced429: 1, forced429RetryAfter: 'seconds', forced429RetryAfterSeconds: 1 },
	});
	sandbox = setup.sandbox;
	const result = await runKoywe({
		parameters: createFromItems({ retryBaseSeconds: 10, retryMaxSeconds: 20 }),
		items: invoiceItems(1),
		store: setup.store,
	});
	expect(result.status).toBe('success');
	expect(result.items[0].json.waited_ms).toBe(1000);
	expect(result.items[0].json.attempts).toBe(2);
	expect(result.durationMs).toBeGreaterThanOrEqual(950);
	expect(result.durationMs).toBeLessThan(5000);
	expect(result.logs.join('\n')).toMatch(/rate-limited \(HTTP 429\).*waiting 1 s as Koywe asked/);
});

test('a 429 without Retry-After waits the configured base wait', async () => {
	const setup = await sandboxWithStore({ faults: { forced429: 1, forced429RetryAfter: 'none' } });
	sandbox = setup.sandbox;
	const result = await runKoywe({
		parameters: createFromItems({ retryBaseSeconds: 0.4, retryMaxSeconds: 10 }),
		items: invoiceItems(1),
		store: setup.store,
	});
	expect(result.status).toBe('success');
	const waited = result.items[0].json.waited_ms as number;
	expect(waited).toBeGreaterThanOrEqual(400);
	expect(waited).toBeLessThanOrEqual(400 * 1.2 + 1);
	expect(sandbox.stats().documentsStored).toBe(1);
});

test('when retries run out the error gives the HTTP code, attempts, waiting time and what to do', async () => {
	const setup = await sandboxWithStore({ faults: { forced429: 10, forced429RetryAfter: 'none' } });
	sandbox = setup.sandbox;
	const result = await runKoywe({
		parameters: createFromItems({ maxRetries: 2, retryBaseSeconds: 0.02 }),
		items: invoiceItems(1),
		store: setup.store,
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/429.*gave up after 3 attempts and \d+ ms of waiting/);
	expect(String(result.error?.description)).toMatch(/whitelist/);
	expect(String(result.error?.httpCode)).toBe('429');
	expect(sandbox.stats().documentsStored).toBe(0);
});

test('cancelling the execution during a 429 wait ends it promptly', async () => {
	const setup = await sandboxWithStore({ faults: { forced429: 5, forced429RetryAfter: 'none' } });
	sandbox = setup.sandbox;
	const result = await runKoywe({
		parameters: createFromItems({ retryBaseSeconds: 60, retryMaxSeconds: 120 }),
		items: invoiceItems(1),
		store: setup.store,
		cancelAfterMs: 400,
	});
	expect(result.status).toBe('canceled');
	expect(result.durationMs).toBeLessThan(1400);
	expect(sandbox.stats().documentsStored).toBe(0);
});

test('wrong credentials give a clear error that names no secret', async () => {
	const setup = await sandboxWithStore();
	sandbox = setup.sandbox;
	setup.store.data.password = 'not-the-password-9f3a';
	const result = await runKoywe({ parameters: createFromItems(), items: invoiceItems(1), store: setup.store });
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/Koywe rejected the API credentials \(HTTP 401/);
	expect(String(result.error?.description)).toMatch(/Client ID, Client Secret, API Username and API Password/);
	const everything = JSON.stringify(result.run.data) + String(result.error?.message) + String(result.error?.description);
	for (const secret of ['not-the-password-9f3a', DEMO_CREDENTIALS.clientSecret]) {
		expect(everything).not.toContain(secret);
	}
	expect(sandbox.stats().authCalls).toBe(1);
});

test('a plain http:// base URL that is not local is refused before anything is sent', async () => {
	const setup = await sandboxWithStore();
	sandbox = setup.sandbox;
	setup.store.data.baseUrl = 'http://billing.example.com/V1';
	const result = await runKoywe({
		parameters: createFromItems(),
		items: [{ reference: 'X-1', body: chileInvoice() }],
		store: setup.store,
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/must start with https:\/\//);
});

test('FAST_RETRY keeps the defaults for Koywe production elsewhere', () => {
	expect(FAST_RETRY.retryBaseSeconds).toBeLessThan(1);
});
