import { startSandbox } from './index';
import type { KoyweSandbox } from './index';
import { authBody, call, chileInvoice, login, setup, sleep } from './helpers';

const running: KoyweSandbox[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(faults: Parameters<typeof startSandbox>[0] = {}) {
	const ctx = await setup(faults);
	running.push(ctx.sb);
	return { sb: ctx.sb, token: ctx.token, docs: `${ctx.sb.baseUrl}/documents` };
}

describe('rate limit (token bucket per bearer token)', () => {
	it('answers 429 with Retry-After seconds computed from the bucket', async () => {
		const { sb, token, docs } = await start({ faults: { rateLimit: { perSecond: 1, burst: 2, retryAfter: 'seconds' } } });
		expect((await call('GET', docs, { token })).status).toBe(200);
		expect((await call('GET', docs, { token })).status).toBe(200);
		const limited = await call('GET', docs, { token });
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('1');
		expect(limited.headers['x-sandbox-fault']).toBe('rateLimit');
		expect(limited.body.error).toBe('Too Many Requests');
		expect(sb.stats().rateLimited).toBe(1);
		await sleep(1050);
		expect((await call('GET', docs, { token })).status).toBe(200);
	});

	it('uses burst = perSecond by default (at least 1) and rounds the wait up to whole seconds', async () => {
		const { token, docs } = await start({ faults: { rateLimit: { perSecond: 0.5, retryAfter: 'seconds' } } });
		expect((await call('GET', docs, { token })).status).toBe(200);
		const r = await call('GET', docs, { token });
		expect(r.status).toBe(429);
		expect(r.headers['retry-after']).toBe('2');
		const three = await start({ faults: { rateLimit: { perSecond: 3, retryAfter: 'seconds' } } });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('GET', three.docs, { token: three.token })).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
	});

	it('advertises an HTTP-date when configured', async () => {
		const { token, docs } = await start({ faults: { rateLimit: { perSecond: 0.25, burst: 1, retryAfter: 'http-date' } } });
		expect((await call('GET', docs, { token })).status).toBe(200);
		const before = Date.now();
		const r = await call('GET', docs, { token });
		expect(r.status).toBe(429);
		const header = r.headers['retry-after'] as string;
		expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
		const delta = Date.parse(header) - before;
		expect(delta).toBeGreaterThanOrEqual(3000);
		expect(delta).toBeLessThanOrEqual(5000);
	});

	it('can omit Retry-After', async () => {
		const { token, docs } = await start({ faults: { rateLimit: { perSecond: 1, burst: 1, retryAfter: 'none' } } });
		await call('GET', docs, { token });
		const r = await call('GET', docs, { token });
		expect(r.status).toBe(429);
		expect(r.headers['retry-after']).toBeUndefined();
	});

	it('keeps one bucket per token and never limits /auth', async () => {
		const { sb, token, docs } = await start({ faults: { rateLimit: { perSecond: 1, burst: 1, retryAfter: 'seconds' } } });
		expect((await call('GET', docs, { token })).status).toBe(200);
		expect((await call('GET', docs, { token })).status).toBe(429);
		for (let i = 0; i < 5; i++) expect((await call('POST', `${sb.baseUrl}/auth`, { json: authBody() })).status).toBe(200);
		const other = await login(sb);
		expect((await call('GET', docs, { token: other })).status).toBe(200);
		expect(sb.stats().rateLimited).toBe(1);
	});

	it('limits creates too (counted as attempts, nothing stored)', async () => {
		const { sb, token, docs } = await start({ faults: { rateLimit: { perSecond: 1, burst: 1, retryAfter: 'seconds' } } });
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(429);
		expect(sb.stats()).toMatchObject({ createAttempts: 2, creates: 1, documentsStored: 1, rateLimited: 1 });
	});
});

describe('forced 429 bursts', () => {
	it('answers 429 to the next N authenticated calls with Retry-After seconds', async () => {
		const { sb, token, docs } = await start();
		sb.setFaults({ forced429: 2, forced429RetryAfterSeconds: 7 });
		const a = await call('GET', docs, { token });
		expect((await call('POST', `${sb.baseUrl}/auth`, { json: authBody() })).status).toBe(200);
		const b = await call('POST', docs, { token, json: chileInvoice() });
		const c = await call('GET', docs, { token });
		expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
		expect(a.headers['retry-after']).toBe('7');
		expect(a.headers['x-sandbox-fault']).toBe('forced429');
		expect(sb.getFaults().forced429).toBe(0);
		expect(sb.documents()).toHaveLength(0);
		expect(sb.stats().rateLimited).toBe(2);
	});

	it('does not count unauthenticated calls against the burst', async () => {
		const { sb, token, docs } = await start({ faults: { forced429: 1 } });
		expect((await call('GET', docs)).status).toBe(401);
		expect((await call('GET', docs, { token })).status).toBe(429);
		expect((await call('GET', docs, { token })).status).toBe(200);
		expect(sb.stats()).toMatchObject({ unauthorized: 1, rateLimited: 1 });
	});

	it('can send an HTTP-date or no Retry-After', async () => {
		const { sb, token, docs } = await start({
			faults: { forced429: 1, forced429RetryAfter: 'http-date', forced429RetryAfterSeconds: 30 },
		});
		const before = Date.now();
		const dated = await call('GET', docs, { token });
		const delta = Date.parse(dated.headers['retry-after'] as string) - before;
		expect(delta).toBeGreaterThanOrEqual(29000);
		expect(delta).toBeLessThanOrEqual(32000);
		sb.setFaults({ forced429: 1, forced429RetryAfter: 'none' });
		const bare = await call('GET', docs, { token });
		expect(bare.status).toBe(429);
		expect(bare.headers['retry-after']).toBeUndefined();
	});
});

describe('token revocation after N creates', () => {
	it('revokes every issued token once after the N-th stored document', async () => {
		const { sb, token, docs } = await start({ faults: { revokeTokensAfterCreates: 2 } });
		const spare = await login(sb);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		expect((await call('POST', docs, { token, json: chileInvoice({ details: [] }) })).body.result.status).toBe(1);
		expect((await call('GET', docs, { token })).status).toBe(200);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		const after = await call('POST', docs, { token, json: chileInvoice() });
		expect(after.status).toBe(401);
		expect(after.body).toEqual({ error: 'Invalid or expired token' });
		expect((await call('GET', docs, { token: spare })).status).toBe(401);
		const fresh = await login(sb);
		for (let i = 0; i < 3; i++) expect((await call('POST', docs, { token: fresh, json: chileInvoice() })).status).toBe(201);
		expect(sb.stats()).toMatchObject({ creates: 5, unauthorized: 2 });
	});
});

describe('ambiguous creates (committed, then answered badly)', () => {
	it('mode 500: every k-th create is stored and answered 500', async () => {
		const { sb, token, docs } = await start({ faults: { ambiguousCreate: { every: 2, mode: '500' } } });
		const statuses: number[] = [];
		for (let i = 1; i <= 4; i++) {
			const r = await call('POST', docs, { token, json: chileInvoice({ ref: `T-${i}` }) });
			statuses.push(r.status);
			if (r.status === 500) expect(r.body).toEqual({ error: 'Internal server error' });
		}
		expect(statuses).toEqual([201, 500, 201, 500]);
		const stored = sb.documents();
		expect(stored.map((d) => d.ambiguous)).toEqual([null, '500', null, '500']);
		expect(stored.map((d) => d.document_number)).toEqual([1, 2, 3, 4]);
		const found = await call('GET', `${docs}?reference_type=802&reference_number=T-2`, { token });
		expect(found.body.documents[0].document_number).toBe(2);
		expect(sb.stats()).toMatchObject({ creates: 4, serverErrors: 2, documentsStored: 4 });
	});

	it('mode destroy: the document is stored and the socket is reset', async () => {
		const { sb, token, docs } = await start({ faults: { ambiguousCreate: { every: 1, mode: 'destroy' } } });
		await expect(call('POST', docs, { token, json: chileInvoice({ ref: 'D-1' }) })).rejects.toThrow();
		expect(sb.documents()).toHaveLength(1);
		expect(sb.documents()[0]).toMatchObject({ ambiguous: 'destroy', document_number: 1 });
		expect(sb.stats().serverErrors).toBe(1);
		sb.setFaults({ ambiguousCreate: null });
		const next = await call('POST', docs, { token, json: chileInvoice({ ref: 'D-2' }) });
		expect(next.status).toBe(201);
		expect(next.body.header.document_number).toBe(2);
	});

	it('mode delay: the document is stored at once and the answer comes late', async () => {
		const { sb, token, docs } = await start({ faults: { ambiguousCreate: { every: 1, mode: 'delay', delayMs: 500 } } });
		const started = Date.now();
		const pending = call('POST', docs, { token, json: chileInvoice({ ref: 'L-1' }) });
		await sleep(200);
		expect(sb.documents()).toHaveLength(1);
		expect(sb.documents()[0].ambiguous).toBe('delay');
		const r = await pending;
		expect(r.status).toBe(201);
		expect(r.body.references[0].reference_number).toBe('L-1');
		expect(Date.now() - started).toBeGreaterThanOrEqual(480);
	});

	it('does not count input errors as creates', async () => {
		const { sb, token, docs } = await start({ faults: { ambiguousCreate: { every: 2, mode: '500' } } });
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		expect((await call('POST', docs, { token, json: chileInvoice({ details: [] }) })).status).toBe(200);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(500);
		expect(sb.documents()).toHaveLength(2);
	});
});

describe('latency and read errors', () => {
	it('adds latency to every request, /auth included', async () => {
		const { sb, token, docs } = await start({ faults: { latencyMs: 150 } });
		let t = Date.now();
		await call('GET', docs, { token });
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		t = Date.now();
		await call('POST', `${sb.baseUrl}/auth`, { json: authBody() });
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		sb.setFaults({ latencyMs: 0 });
		t = Date.now();
		await call('GET', docs, { token });
		expect(Date.now() - t).toBeLessThan(140);
	});

	it('answers 503 to every k-th GET, not to POSTs', async () => {
		const { sb, token, docs } = await start({ faults: { readErrorEvery: 2 } });
		const created = await call('POST', docs, { token, json: chileInvoice() });
		expect(created.status).toBe(201);
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('GET', `${docs}/${created.body.document_id}`, { token })).status);
		expect(statuses).toEqual([200, 503, 200, 503]);
		const r = await call('GET', docs, { token });
		expect(r.status).toBe(200);
		const e = await call('GET', docs, { token });
		expect(e.status).toBe(503);
		expect(e.body.error).toMatch(/unavailable/i);
		expect(sb.stats()).toMatchObject({ reads: 6, serverErrors: 3 });
	});
});

describe('folio exhaustion', () => {
	it('stores the document without folio and answers result.status 2 after folioLimit per account and type', async () => {
		const { sb, token, docs } = await start({ faults: { folioLimit: 2 } });
		const a = await call('POST', docs, { token, json: chileInvoice() });
		const b = await call('POST', docs, { token, json: chileInvoice() });
		const c = await call('POST', docs, { token, json: chileInvoice({ ref: 'NOFOLIO' }) });
		expect([a.body.header.document_number, b.body.header.document_number]).toEqual([1, 2]);
		expect(c.status).toBe(201);
		expect(c.body.result.status).toBe(2);
		expect(c.body.result.error_message).toMatch(/folio/i);
		expect(c.body.header).toMatchObject({ document_status: 0, document_number: null });
		expect(c.body.electronic_document).toBeNull();
		const boleta = await call('POST', docs, { token, json: chileInvoice({ header: { document_type_id: 37 } }) });
		expect(boleta.body.result.status).toBe(0);
		const stored = sb.documents();
		expect(stored).toHaveLength(4);
		expect(stored[2]).toMatchObject({ result_status: 2, document_status: 0, document_number: null });
		const byRef = await call('GET', `${docs}?reference_type=802&reference_number=NOFOLIO`, { token });
		expect(byRef.body.documents[0]).toMatchObject({ document_status: 0, document_number: null });
		const get = await call('GET', `${docs}/${c.body.document_id}`, { token });
		expect(get.body.result.status).toBe(2);
	});
});

describe('stats', () => {
	it('counts requests, creates and duplicates of 802 references', async () => {
		const { sb, token, docs } = await start();
		for (const ref of ['A', 'A', 'B', undefined, 'A']) {
			await call('POST', docs, { token, json: chileInvoice(ref ? { ref } : {}) });
		}
		const other = chileInvoice();
		other.references = [{ reference_type: 801, reference_number: 'B', reference_code: 5, description: 'OC' }];
		await call('POST', docs, { token, json: other });
		const asString = chileInvoice();
		asString.references = [{ reference_type: '802', reference_number: 'B', reference_code: 5, description: 'x' }];
		await call('POST', docs, { token, json: asString });
		await call('POST', docs, { token, json: chileInvoice({ details: [] }) });
		await call('GET', docs, { token });
		expect(sb.stats()).toEqual({
			requests: 10,
			authCalls: 1,
			createAttempts: 8,
			creates: 7,
			documentsStored: 7,
			duplicates: 3,
			rateLimited: 0,
			unauthorized: 0,
			serverErrors: 0,
			reads: 1,
			maxInFlight: 1,
			updates: 0,
			cancellations: 0,
			cancellationRefusals: 0,
			deletes: 0,
			previews: 0,
			statusChanges: 0,
			webhookDeliveries: 0,
			webhookDeliveryFailures: 0,
			seeded: 0,
			listGrowthInserts: 0,
			echoedErrors: 0,
		});
		sb.resetStats();
		expect(sb.stats()).toMatchObject({ requests: 0, creates: 0, documentsStored: 7, duplicates: 3 });
	});

	it('measures the highest number of concurrent requests', async () => {
		const { sb, token, docs } = await start({ faults: { latencyMs: 200 } });
		sb.resetStats();
		await Promise.all(Array.from({ length: 5 }, () => call('GET', docs, { token })));
		expect(sb.stats().maxInFlight).toBe(5);
		await call('GET', docs, { token });
		expect(sb.stats().maxInFlight).toBe(5);
	});
});

describe('fault configuration', () => {
	it('rejects unknown or mistyped faults', async () => {
		const { sb } = await start();
		expect(() => sb.setFaults({ nope: 1 } as never)).toThrow(/unknown fault/);
		expect(() => sb.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
		expect(() => sb.setFaults({ rateLimit: { perSecond: 0, retryAfter: 'seconds' } })).toThrow(/perSecond/);
		expect(() => sb.setFaults({ ambiguousCreate: { every: 1, mode: 'boom' as never } })).toThrow(/mode/);
		expect(() => sb.setFaults({ forced429RetryAfter: 'later' as never })).toThrow(/forced429RetryAfter/);
		await expect(startSandbox({ port: 0, faults: { readErrorEvery: 0 } })).rejects.toThrow(/readErrorEvery/);
	});

	it('reset() forgets documents, tokens, stats and returns faults to the start options', async () => {
		const { sb, token, docs } = await start({ faults: { latencyMs: 5 } });
		await call('POST', docs, { token, json: chileInvoice() });
		sb.setFaults({ forced429: 3, folioLimit: 0 });
		sb.reset();
		expect(sb.getFaults()).toMatchObject({ latencyMs: 5, forced429: 0, folioLimit: null });
		expect(sb.documents()).toEqual([]);
		expect(sb.stats()).toMatchObject({ requests: 0, documentsStored: 0 });
		expect((await call('GET', docs, { token })).status).toBe(401);
		const fresh = await login(sb);
		const again = await call('POST', docs, { token: fresh, json: chileInvoice() });
		expect(again.body).toMatchObject({ document_id: 1001, header: { document_number: 1 } });
	});

	it('starts quickly and stops with requests in flight', async () => {
		const t = Date.now();
		const quick = await startSandbox({ port: 0, faults: { latencyMs: 10_000 } });
		running.push(quick);
		expect(Date.now() - t).toBeLessThan(1000);
		const pending = call('POST', `${quick.baseUrl}/auth`, { json: authBody() }).catch((e: Error) => e);
		await sleep(50);
		const s = Date.now();
		await quick.stop();
		expect(Date.now() - s).toBeLessThan(1000);
		expect(await pending).toBeInstanceOf(Error);
		await quick.stop();
	});
});
