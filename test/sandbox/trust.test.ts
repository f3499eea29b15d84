/**
 * Faults for the trust (issue 11) and queue-mode (issue 15) work: slow commits after a client timeout, reads
 * failing while creates commit, echoing errors, the account's rate limit across tokens, revocation mid-run.
 */
import { request } from 'undici';

import type { KoyweSandbox } from './index';
import { DEMO_CREDENTIALS } from './index';
import { authBody, call, chileInvoice, login, setup, sleep } from './helpers';

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

const findByRef = (ref: string) => call('GET', `${docs}?reference_type=802&reference_number=${ref}`, { token });

/** A create whose client gives up after timeoutMs (as a node with a 1 s request timeout would). */
async function createWithTimeout(body: unknown, timeoutMs: number): Promise<'timeout' | number> {
	try {
		const r = await request(docs, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		await r.body.text();
		return r.statusCode;
	} catch {
		return 'timeout';
	}
}

describe('ambiguousCreate mode late-commit (Koywe commits after the client timed out)', () => {
	it('stores nothing visible before commitDelayMs, then the document appears', async () => {
		sb.setFaults({ ambiguousCreate: { every: 1, mode: 'late-commit', commitDelayMs: 1500, answerDelayMs: null } });
		const outcome = await createWithTimeout(chileInvoice({ ref: 'LATE-1' }), 200);
		expect(outcome).toBe('timeout');
		expect((await findByRef('LATE-1')).body.total_items).toBe(0);
		expect(sb.documents()).toEqual([]);
		await sleep(1400);
		const found = await findByRef('LATE-1');
		expect(found.body.total_items).toBe(1);
		expect(sb.documents()[0]).toMatchObject({ ambiguous: 'late-commit', document_number: 1 });
		expect(sb.stats().creates).toBe(1);
	});

	it('answers 201 at answerDelayMs when the client waits that long', async () => {
		sb.setFaults({ ambiguousCreate: { every: 1, mode: 'late-commit', commitDelayMs: 100, answerDelayMs: 300 } });
		const started = Date.now();
		const r = await call('POST', docs, { token, json: chileInvoice({ ref: 'LATE-2' }) });
		expect(r.status).toBe(201);
		expect(r.body.references[0].reference_number).toBe('LATE-2');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('leaves the other creates alone (every 2)', async () => {
		sb.setFaults({ ambiguousCreate: { every: 2, mode: 'late-commit', commitDelayMs: 1500 } });
		expect((await call('POST', docs, { token, json: chileInvoice({ ref: 'A' }) })).status).toBe(201);
		expect(await createWithTimeout(chileInvoice({ ref: 'B' }), 150)).toBe('timeout');
		expect((await call('POST', docs, { token, json: chileInvoice({ ref: 'C' }) })).status).toBe(201);
		await sleep(1500);
		expect(sb.documents().map((d) => d.references![0].reference_number)).toEqual(['A', 'C', 'B']);
	});

	it('drops a commit that is still due when the sandbox is reset', async () => {
		sb.setFaults({ ambiguousCreate: { every: 1, mode: 'late-commit', commitDelayMs: 1000 } });
		await createWithTimeout(chileInvoice(), 50);
		sb.reset();
		await sleep(1100);
		expect(sb.documents()).toEqual([]);
	});

	it('rejects an answer that would come before the commit', () => {
		expect(() =>
			sb.setFaults({ ambiguousCreate: { every: 1, mode: 'late-commit', commitDelayMs: 500, answerDelayMs: 100 } }),
		).toThrow(/answerDelayMs/);
	});
});

describe('reads failing while creates commit', () => {
	it('combines a 500 after commit with every read failing', async () => {
		sb.setFaults({ ambiguousCreate: { every: 1, mode: '500' }, readErrorEvery: 1 });
		expect((await call('POST', docs, { token, json: chileInvoice({ ref: 'R-1' }) })).status).toBe(500);
		expect((await findByRef('R-1')).status).toBe(503);
		expect((await call('GET', `${docs}/1001`, { token })).status).toBe(503);
		expect(sb.documents()).toHaveLength(1);
		sb.setFaults({ readErrorEvery: null });
		expect((await findByRef('R-1')).body.total_items).toBe(1);
	});

	it('listErrorEvery fails list searches only, GET by id still works', async () => {
		sb.setFaults({ listErrorEvery: 1 });
		const created = await call('POST', docs, { token, json: chileInvoice({ ref: 'L-1' }) });
		const list = await findByRef('L-1');
		expect(list.status).toBe(503);
		expect(list.headers['x-sandbox-fault']).toBe('listErrorEvery');
		expect((await call('GET', `${docs}/${created.body.document_id}`, { token })).status).toBe(200);
	});

	it('listErrorEvery 2 fails every second list search', async () => {
		sb.setFaults({ listErrorEvery: 2 });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('GET', docs, { token })).status);
		expect(statuses).toEqual([200, 503, 200, 503]);
	});
});

describe('echoRequestOnError (servers that echo the request in their errors)', () => {
	it('echoes a MIPYME certificate and password in a 500', async () => {
		sb.setFaults({ echoRequestOnError: { status: 500 } });
		const body = {
			certificate_pfx_base64: Buffer.from('PFX-SECRET-BYTES').toString('base64'),
			certificate_password: 'pfx-password-Q9',
			tax_id_code: '76399932-7',
			document_type_taxbureau: '33',
			document_number: '12',
		};
		const r = await call('POST', `${sb.baseUrl}/mipyme_get_document`, { token, json: body });
		expect(r.status).toBe(500);
		expect(r.headers['x-sandbox-fault']).toBe('echoRequestOnError');
		expect(r.body.error).toContain(body.certificate_pfx_base64);
		expect(r.body.error).toContain('pfx-password-Q9');
	});

	it('echoes /auth secrets after a lead of exactly prefixLength characters', async () => {
		sb.setFaults({ echoRequestOnError: { status: 400, prefixLength: 290, on: ['auth'] } });
		sb.resetStats();
		const r = await call('POST', `${sb.baseUrl}/auth`, { json: authBody() });
		expect(r.status).toBe(400);
		const message = r.body.error as string;
		expect(message.length).toBeGreaterThan(300);
		expect(message.slice(290)).toBe(JSON.stringify(authBody()));
		const at = message.indexOf(DEMO_CREDENTIALS.password);
		expect(at).toBeGreaterThan(290);
		expect(sb.stats()).toMatchObject({ authCalls: 1, echoedErrors: 1 });
	});

	it('echoes a create body and stores nothing', async () => {
		sb.setFaults({ echoRequestOnError: { status: 400, on: ['documents'] } });
		const r = await call('POST', docs, { token, json: chileInvoice({ ref: 'ECHO-1' }) });
		expect(r.status).toBe(400);
		expect(r.body.error).toContain('"reference_number":"ECHO-1"');
		expect(sb.documents()).toEqual([]);
	});

	it('hits only the targets in `on` and every k-th request', async () => {
		sb.setFaults({ echoRequestOnError: { status: 502, every: 2, on: ['documents'] } });
		expect((await call('POST', `${sb.baseUrl}/auth`, { json: authBody() })).status).toBe(200);
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('POST', docs, { token, json: chileInvoice() })).status);
		expect(statuses).toEqual([201, 502, 201, 502]);
		expect((await call('GET', docs, { token })).status).toBe(200);
	});
});

describe('rateLimitScope (whose limit a bucket is)', () => {
	const strict = { perSecond: 1, burst: 1, retryAfter: 'seconds' as const };

	it('token (default): another token of the same user has its own bucket', async () => {
		sb.setFaults({ rateLimit: strict });
		const other = await login(sb);
		expect((await call('GET', docs, { token })).status).toBe(200);
		expect((await call('GET', docs, { token: other })).status).toBe(200);
	});

	it('account: every token of the same API user shares one bucket', async () => {
		sb.setFaults({ rateLimit: strict, rateLimitScope: 'account' });
		const other = await login(sb);
		expect((await call('GET', docs, { token })).status).toBe(200);
		const second = await call('GET', docs, { token: other });
		expect(second.status).toBe(429);
		expect(second.headers['retry-after']).toBe('1');
	});

	it('account: four workers\' tokens together get one budget, not four', async () => {
		// A refill of one request per 100 s: only the bucket size (1) is available during the test.
		const slow = { perSecond: 0.01, burst: 1, retryAfter: 'seconds' as const };
		const tokens = [token, await login(sb), await login(sb), await login(sb)];
		const burst = async () => {
			const answers = await Promise.all(tokens.flatMap((t) => [t, t]).map((t) => call('GET', docs, { token: t })));
			return answers.filter((r) => r.status === 200).length;
		};
		sb.setFaults({ rateLimit: slow, rateLimitScope: 'token' });
		expect(await burst()).toBe(4);
		sb.setFaults({ rateLimit: slow, rateLimitScope: 'account' });
		expect(await burst()).toBe(1);
	});
});

describe('token revoked mid-run over HTTP control', () => {
	it('POST /__sandbox/faults {revokeTokensAfterCreates} revokes the tokens after that many more creates', async () => {
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		const set = await call('POST', `${sb.origin}/__sandbox/faults`, { json: { revokeTokensAfterCreates: 2 } });
		expect(set.status).toBe(200);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(201);
		expect((await call('POST', docs, { token, json: chileInvoice() })).status).toBe(401);
		const fresh = await login(sb);
		expect((await call('POST', docs, { token: fresh, json: chileInvoice() })).status).toBe(201);
	});

	it('POST /__sandbox/revoke-tokens during a run makes the next call 401', async () => {
		expect((await call('GET', docs, { token })).status).toBe(200);
		await call('POST', `${sb.origin}/__sandbox/revoke-tokens`);
		expect((await call('GET', docs, { token })).status).toBe(401);
	});
});

describe('configuration of the added faults', () => {
	it.each([
		[{ echoRequestOnError: { status: 200 } }, /echoRequestOnError.status/],
		[{ echoRequestOnError: { status: 500, on: ['everything'] } }, /echoRequestOnError.on/],
		[{ listGrowth: { perPage: 0 } }, /listGrowth.perPage/],
		[{ cancelRefusal: { httpStatus: 418 } }, /cancelRefusal.httpStatus/],
		[{ rateLimitScope: 'galaxy' }, /rateLimitScope/],
		[{ listErrorEvery: 0 }, /listErrorEvery/],
		[{ webhookAuth: 'hmac' }, /webhookAuth/],
		[{ webhookDuplicate: { times: 0 } }, /webhookDuplicate.times/],
		[{ webhookRetries: { attempts: 0 } }, /webhookRetries.attempts/],
		[{ webhookDelayMs: -5 }, /webhookDelayMs/],
		[{ ambiguousCreate: { every: 1, mode: 'late-commit', commitDelayMs: -1 } }, /commitDelayMs/],
	])('refuses %j', (faults, message) => {
		expect(() => sb.setFaults(faults as never)).toThrow(message);
	});

	it('normalises shorthand values and fills defaults', () => {
		sb.setFaults({ webhookDuplicate: true, echoRequestOnError: { status: 500 }, listGrowth: { perPage: 2 } });
		expect(sb.getFaults()).toMatchObject({
			webhookDuplicate: { times: 2, gapMs: 0 },
			echoRequestOnError: { status: 500, every: 1, prefixLength: 0, on: ['auth', 'documents', 'mipyme', 'webhook_subscriptions'] },
			listGrowth: { perPage: 2, max: 100 },
		});
		sb.setFaults({ webhookDuplicate: false });
		expect(sb.getFaults().webhookDuplicate).toBeNull();
	});

	it('takes the added faults over HTTP and reset() restores the defaults', async () => {
		const r = await call('POST', `${sb.origin}/__sandbox/faults`, {
			json: { rateLimitScope: 'account', verdicts: { outcome: 'rejected' }, webhookAuth: 'none' },
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ rateLimitScope: 'account', webhookAuth: 'none', verdicts: { outcome: 'rejected' } });
		sb.reset();
		expect(sb.getFaults()).toMatchObject({ rateLimitScope: 'token', webhookAuth: 'basic', verdicts: null });
	});
});
