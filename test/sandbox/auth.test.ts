import { DEMO_CREDENTIALS, startSandbox } from './index';
import type { KoyweSandbox } from './index';
import { authBody, call, login, sleep } from './helpers';

describe('sandbox POST /V1/auth', () => {
	let sb: KoyweSandbox;
	beforeEach(async () => {
		sb = await startSandbox({ port: 0 });
	});
	afterEach(async () => {
		await sb.stop();
	});

	it('issues an opaque 40-hex bearer token with the OAuth key set', async () => {
		const r = await call('POST', `${sb.baseUrl}/auth`, { json: authBody() });
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
		expect(r.body.access_token).toMatch(/^[0-9a-f]{40}$/);
		expect(r.body.refresh_token).toMatch(/^[0-9a-f]{40}$/);
		expect(r.body.refresh_token).not.toBe(r.body.access_token);
		expect(r.body.token_type).toBe('Bearer');
		expect(r.body.expires_in).toBe(3600);
		expect(typeof r.body.scope).toBe('string');
		expect(sb.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/V1$/);
		expect(sb.stats().authCalls).toBe(1);
	});

	it('accepts a form-encoded body too', async () => {
		const r = await call('POST', `${sb.baseUrl}/auth`, {
			raw: new URLSearchParams(authBody() as Record<string, string>).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(r.status).toBe(200);
		expect(r.body.access_token).toMatch(/^[0-9a-f]{40}$/);
	});

	it('answers 401 invalid_grant (problem+json) for a wrong password, without echoing secrets', async () => {
		const r = await call('POST', `${sb.baseUrl}/auth`, { json: authBody({ password: 'nope-not-it' }) });
		expect(r.status).toBe(401);
		expect(r.headers['content-type']).toContain('application/problem+json');
		expect(r.body).toMatchObject({ status: 401, error: 'invalid_grant', title: 'invalid_grant' });
		expect(typeof r.body.type).toBe('string');
		expect(r.body.detail).toMatch(/username and password/i);
		expect(r.text).not.toContain('nope-not-it');
		expect(r.text).not.toContain(DEMO_CREDENTIALS.clientSecret);
		expect(sb.stats().unauthorized).toBe(1);
	});

	it('answers 401 invalid_client for a wrong client secret or id', async () => {
		const a = await call('POST', `${sb.baseUrl}/auth`, { json: authBody({ client_secret: 'other' }) });
		const b = await call('POST', `${sb.baseUrl}/auth`, { json: authBody({ client_id: 'demo/002' }) });
		expect([a.status, b.status]).toEqual([401, 401]);
		expect(a.body.error).toBe('invalid_client');
		expect(b.body.error).toBe('invalid_client');
	});

	it('answers 400 for missing fields, a wrong grant type or a non-JSON body', async () => {
		const missing = await call('POST', `${sb.baseUrl}/auth`, { json: authBody({ username: undefined }) });
		expect(missing.status).toBe(400);
		expect(missing.body.error).toBe('invalid_request');
		expect(missing.body.detail).toContain('username');
		const grant = await call('POST', `${sb.baseUrl}/auth`, { json: authBody({ grant_type: 'client_credentials' }) });
		expect(grant.status).toBe(400);
		expect(grant.body.error).toBe('unsupported_grant_type');
		const empty = await call('POST', `${sb.baseUrl}/auth`, { raw: '' });
		expect(empty.status).toBe(400);
		const garbage = await call('POST', `${sb.baseUrl}/auth`, { raw: '{not json' });
		expect(garbage.status).toBe(400);
		const get = await call('GET', `${sb.baseUrl}/auth`);
		expect(get.status).toBe(405);
	});

	it('uses custom credentials when given', async () => {
		const custom = await startSandbox({
			port: 0,
			credentials: { clientId: 'c1', clientSecret: 's1-secret', username: 'u1', password: 'p1-password' },
		});
		try {
			const demo = await call('POST', `${custom.baseUrl}/auth`, { json: authBody() });
			expect(demo.status).toBe(401);
			const ok = await call('POST', `${custom.baseUrl}/auth`, {
				json: { grant_type: 'password', client_id: 'c1', client_secret: 's1-secret', username: 'u1', password: 'p1-password' },
			});
			expect(ok.status).toBe(200);
		} finally {
			await custom.stop();
		}
	});

	it('authFailure rejects everyone with 401 while it is on; existing tokens keep working', async () => {
		const token = await login(sb);
		sb.setFaults({ authFailure: true });
		const r = await call('POST', `${sb.baseUrl}/auth`, { json: authBody() });
		expect(r.status).toBe(401);
		expect(r.body.error).toBe('invalid_grant');
		expect(r.headers['x-sandbox-fault']).toBe('authFailure');
		const list = await call('GET', `${sb.baseUrl}/documents`, { token });
		expect(list.status).toBe(200);
		sb.setFaults({ authFailure: false });
		expect((await call('POST', `${sb.baseUrl}/auth`, { json: authBody() })).status).toBe(200);
		expect(sb.stats().authCalls).toBe(3);
	});
});

describe('sandbox bearer tokens', () => {
	it('answers 401 {"error":"Invalid or expired token"} for missing, unknown, malformed, expired and revoked tokens', async () => {
		const sb = await startSandbox({ port: 0, tokenTtlSeconds: 0.3 });
		try {
			const url = `${sb.baseUrl}/documents`;
			const none = await call('GET', url);
			expect(none.status).toBe(401);
			expect(none.body).toEqual({ error: 'Invalid or expired token' });
			expect((await call('GET', url, { token: 'f'.repeat(40) })).status).toBe(401);
			expect((await call('GET', url, { headers: { authorization: 'Basic abc' } })).status).toBe(401);

			const token = await login(sb);
			expect((await call('GET', url, { token })).status).toBe(200);
			await sleep(350);
			const expired = await call('GET', url, { token });
			expect(expired.status).toBe(401);
			expect(expired.body.error).toBe('Invalid or expired token');

			const fresh = await login(sb);
			expect((await call('GET', url, { token: fresh })).status).toBe(200);
			sb.revokeAllTokens();
			expect((await call('GET', url, { token: fresh })).status).toBe(401);
			expect((await call('POST', `${sb.baseUrl}/mipyme_get_document`, { token: fresh, json: {} })).status).toBe(401);
			expect(sb.stats().unauthorized).toBe(6);
		} finally {
			await sb.stop();
		}
	});

	it('reports expires_in from tokenTtlSeconds', async () => {
		const sb = await startSandbox({ port: 0, tokenTtlSeconds: 120 });
		try {
			const r = await call('POST', `${sb.baseUrl}/auth`, { json: authBody() });
			expect(r.body.expires_in).toBe(120);
		} finally {
			await sb.stop();
		}
	});
});
