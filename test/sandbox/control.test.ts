import { startSandbox } from './index';
import type { KoyweSandbox } from './index';
import { call, chileInvoice, login } from './helpers';

describe('sandbox control API (/__sandbox, no auth)', () => {
	let sb: KoyweSandbox;
	beforeEach(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterEach(async () => {
		await sb.stop();
	});

	it('GET stats, POST faults, GET documents, POST reset', async () => {
		const ctl = `${sb.origin}/__sandbox`;
		const token = await login(sb);
		await call('POST', `${sb.baseUrl}/documents`, { token, json: chileInvoice({ ref: 'CTL-1' }) });

		const stats = await call('GET', `${ctl}/stats`);
		expect(stats.status).toBe(200);
		expect(stats.body).toMatchObject({ requests: 2, authCalls: 1, creates: 1, documentsStored: 1, duplicates: 0 });

		const docs = await call('GET', `${ctl}/documents`);
		expect(docs.status).toBe(200);
		expect(docs.body).toHaveLength(1);
		expect(docs.body[0]).toMatchObject({ document_id: 1001, document_number: 1, country: 'CL' });
		expect(docs.body[0].references[0].reference_number).toBe('CTL-1');

		const set = await call('POST', `${ctl}/faults`, { json: { forced429: 1, latencyMs: 1 } });
		expect(set.status).toBe(200);
		expect(set.body).toMatchObject({ forced429: 1, latencyMs: 1, rateLimit: null });
		expect(sb.getFaults().forced429).toBe(1);
		expect((await call('GET', `${ctl}/faults`)).body.forced429).toBe(1);
		expect((await call('GET', `${sb.baseUrl}/documents`, { token })).status).toBe(429);

		const bad = await call('POST', `${ctl}/faults`, { json: { forced429: 'lots' } });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatch(/forced429/);
		expect((await call('POST', `${ctl}/faults`, { raw: '{x' })).status).toBe(400);

		const config = await call('POST', `${ctl}/config`, { json: { listEnvelope: 'data' } });
		expect(config.body).toEqual({ listEnvelope: 'data', listItemShape: 'simplified' });
		const listed = await call('GET', `${sb.baseUrl}/documents`, { token });
		expect(listed.body.pagination.total).toBe(1);

		expect((await call('POST', `${ctl}/revoke-tokens`)).status).toBe(200);
		expect((await call('GET', `${sb.baseUrl}/documents`, { token })).status).toBe(401);

		expect((await call('POST', `${ctl}/reset-stats`)).body.requests).toBe(0);

		const reset = await call('POST', `${ctl}/reset`);
		expect(reset.body).toEqual({ ok: true });
		expect(sb.documents()).toEqual([]);
		expect(sb.getFaults().latencyMs).toBe(0);
		expect((await call('GET', `${ctl}/stats`)).body.requests).toBe(0);
	});

	it('control calls are not counted, not delayed and not under /V1', async () => {
		sb.setFaults({ latencyMs: 2000, authFailure: true, forced429: 5 });
		const t = Date.now();
		expect((await call('GET', `${sb.origin}/__sandbox/stats`)).status).toBe(200);
		expect(Date.now() - t).toBeLessThan(1000);
		expect(sb.stats().requests).toBe(0);
		expect((await call('GET', `${sb.baseUrl}/__sandbox/stats`)).status).toBe(404);
		expect((await call('GET', `${sb.origin}/__sandbox/nope`)).status).toBe(404);
	});
});
