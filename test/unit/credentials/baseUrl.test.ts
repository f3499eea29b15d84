/**
 * Which Base URLs the credential accepts, and what a refused login says (never a secret).
 */
import type { IHttpRequestHelper } from 'n8n-workflow';

import {
	KoyweAuthError,
	identityKey,
	normaliseBaseUrl,
	obtainAccessToken,
} from '../../../credentials/KoyweApi.credentials';

describe('Base URL', () => {
	test('https is accepted, without its trailing slashes', () => {
		expect(normaliseBaseUrl(' https://api-billing.koywe.com/V1// ')).toBe('https://api-billing.koywe.com/V1');
	});

	test('plain http only for a sandbox on this machine', () => {
		expect(normaliseBaseUrl('http://127.0.0.1:8787/V1')).toBe('http://127.0.0.1:8787/V1');
		expect(normaliseBaseUrl('http://localhost:8787/V1')).toBe('http://localhost:8787/V1');
		expect(normaliseBaseUrl('http://[::1]:8787/V1')).toBe('http://[::1]:8787/V1');
		expect(() => normaliseBaseUrl('http://api-billing.koywe.com/V1')).toThrow(/must start with https:\/\//);
	});

	test('anything that is not a URL is refused with the addresses to use instead', () => {
		expect(() => normaliseBaseUrl('')).toThrow(KoyweAuthError);
		expect(() => normaliseBaseUrl(undefined)).toThrow(/is not a valid URL/);
		expect(() => normaliseBaseUrl('ftp://api-billing.koywe.com')).toThrow(/https/);
	});

	test('the same login on the same address is one identity, whatever the trailing slash', () => {
		const a = identityKey({ baseUrl: 'https://x.koywe.com/V1/', clientId: 'c', username: 'u' });
		const b = identityKey({ baseUrl: 'https://x.koywe.com/V1', clientId: 'c', username: 'u', password: 'p' });
		expect(a).toBe(b);
		expect(identityKey({ baseUrl: 'https://x.koywe.com/V1', clientId: 'c', username: 'other' })).not.toBe(a);
	});
});

test("a refused login quotes Koywe's answer with the credential's secrets and any bearer token taken out", async () => {
	const helper = {
		helpers: {
			httpRequest: async () => ({
				statusCode: 401,
				body: { error: 'invalid_client', error_description: 'secret very-secret-1 / pass pass-word-2 / Bearer abc.def' },
			}),
		},
	} as unknown as IHttpRequestHelper;
	const credentials = {
		baseUrl: 'https://unit-test-login.koywe.com/V1',
		clientId: 'c',
		clientSecret: 'very-secret-1',
		username: 'u',
		password: 'pass-word-2',
	};
	const failure = (await obtainAccessToken(helper, credentials).catch((error) => error)) as KoyweAuthError;
	expect(failure.message).toBe(
		'Koywe rejected the API credentials (HTTP 401: secret *** / pass *** / Bearer *** - invalid_client)',
	);
	expect(failure.httpStatus).toBe(401);
});
