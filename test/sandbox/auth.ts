/**
 * POST /V1/auth (password grant) and the bearer tokens it issues.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { SandboxCore } from './core';
import { parseJson } from './http';
import type { Bucket } from './ratelimit';
import type { JsonObject, SandboxCredentials } from './types';
import { isObject } from './util';

export const DEMO_CREDENTIALS: SandboxCredentials = {
	clientId: 'demo/001',
	clientSecret: 'sandbox-secret-K7q2ZpX9vL4mW8',
	username: 'demoapi',
	password: 'sandbox-password-R3t6YhN1cB5j',
};

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export interface TokenInfo {
	expiresAt: number;
	/** Rate-limit bucket of this token (created on first use; rateLimitScope 'token'). */
	bucket: Bucket | null;
	/** The API user the token was issued to (client_id + username): rateLimitScope 'account' shares one bucket per user. */
	principal: string;
}

export class TokenStore {
	private readonly tokens = new Map<string, TokenInfo>();
	private readonly principalBuckets = new Map<string, Bucket>();

	issue(ttlSeconds: number, principal = ''): string {
		const token = randomBytes(20).toString('hex');
		this.tokens.set(token, { expiresAt: Date.now() + ttlSeconds * 1000, bucket: null, principal });
		return token;
	}

	/** The bucket every token of this API user shares (rateLimitScope 'account'); made full by `create`. */
	principalBucket(principal: string, create: () => Bucket): Bucket {
		let bucket = this.principalBuckets.get(principal);
		if (!bucket) {
			bucket = create();
			this.principalBuckets.set(principal, bucket);
		}
		return bucket;
	}

	/** The token's info if it is known and not expired (an expired token is forgotten). */
	lookup(token: string): TokenInfo | undefined {
		const info = this.tokens.get(token);
		if (!info) return undefined;
		if (Date.now() >= info.expiresAt) {
			this.tokens.delete(token);
			return undefined;
		}
		return info;
	}

	/** Every token becomes invalid. */
	clear(): void {
		this.tokens.clear();
	}

	/** Refills every bucket (a new rate limit starts from full buckets). */
	resetBuckets(): void {
		for (const info of this.tokens.values()) info.bucket = null;
		this.principalBuckets.clear();
	}
}

/** The bearer token of the request, if its Authorization header carries one. */
export function bearerToken(req: IncomingMessage): string | undefined {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	return m ? m[1] : undefined;
}

export function handleAuth(core: SandboxCore, req: IncomingMessage, raw: string, res: ServerResponse): void {
	core.counters.authCalls++;
	const problem = (status: number, error: string, title: string, detail: string, headers = {}) =>
		core.send(
			res,
			status,
			{ type: 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2', title, status, detail, error },
			headers,
			'application/problem+json',
		);
	let body: JsonObject | undefined;
	const contentType = String(req.headers['content-type'] ?? '');
	if (contentType.includes('application/x-www-form-urlencoded')) {
		body = Object.fromEntries(new URLSearchParams(raw));
	} else {
		const parsed = parseJson(raw);
		if (parsed.ok && isObject(parsed.value)) body = parsed.value;
	}
	if (!body) {
		problem(400, 'invalid_request', 'invalid_request', 'The request body must be a JSON object');
		return;
	}
	const fields = ['grant_type', 'client_id', 'client_secret', 'username', 'password'];
	const missing = fields.filter((f) => typeof body![f] !== 'string' || (body![f] as string) === '');
	if (missing.length > 0) {
		problem(400, 'invalid_request', 'invalid_request', `Missing or invalid parameters: ${missing.join(', ')}`);
		return;
	}
	if (body.grant_type !== 'password') {
		problem(400, 'unsupported_grant_type', 'unsupported_grant_type', 'Only the password grant type is supported');
		return;
	}
	if (core.faults.authFailure) {
		problem(401, 'invalid_grant', 'invalid_grant', 'Invalid username and password combination', {
			'X-Sandbox-Fault': 'authFailure',
		});
		return;
	}
	const c = core.credentials;
	if (body.client_id !== c.clientId || body.client_secret !== c.clientSecret) {
		problem(401, 'invalid_client', 'invalid_client', 'The client credentials are invalid');
		return;
	}
	if (body.username !== c.username || body.password !== c.password) {
		problem(401, 'invalid_grant', 'invalid_grant', 'Invalid username and password combination');
		return;
	}
	const token = core.tokens.issue(core.tokenTtlSeconds, `${c.clientId}\u0000${c.username}`);
	core.send(res, 200, {
		access_token: token,
		expires_in: Math.max(1, Math.ceil(core.tokenTtlSeconds)),
		token_type: 'Bearer',
		scope: 'billing',
		refresh_token: randomBytes(20).toString('hex'),
	});
}
