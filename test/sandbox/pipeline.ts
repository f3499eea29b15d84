/**
 * The checks every authenticated /V1 call passes before its handler, in this order: bearer token (401), forced
 * 429, rate limit (429), read errors (503 on GETs of documents). Each answers and returns false when it blocks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken } from './auth';
import type { SandboxCore } from './core';
import { fullBucket, retryAfterHeader, takeToken } from './ratelimit';

const TOO_MANY = { error: 'Too Many Requests', detail: 'Rate limit exceeded' };

/** Bearer check, then forced 429s, then the per-token bucket. */
export function gate(core: SandboxCore, req: IncomingMessage, res: ServerResponse): boolean {
	const token = bearerToken(req);
	const info = token === undefined ? undefined : core.tokens.lookup(token);
	if (!info) {
		core.send(res, 401, { error: 'Invalid or expired token' }, { 'WWW-Authenticate': 'Bearer realm="Service"' });
		return false;
	}
	const faults = core.faults;
	if (faults.forced429 > 0) {
		faults.forced429--;
		core.send(res, 429, TOO_MANY, {
			...retryAfterHeader(faults.forced429RetryAfter, faults.forced429RetryAfterSeconds),
			'X-Sandbox-Fault': 'forced429',
		});
		return false;
	}
	const limit = faults.rateLimit;
	if (limit) {
		if (!info.bucket) info.bucket = fullBucket(limit);
		const wait = takeToken(info.bucket, limit);
		if (wait > 0) {
			core.send(res, 429, TOO_MANY, { ...retryAfterHeader(limit.retryAfter, wait), 'X-Sandbox-Fault': 'rateLimit' });
			return false;
		}
	}
	return true;
}

/** A GET of /documents or /documents/{id}: counted as a read, and every k-th answers 503 (readErrorEvery). */
export function documentRead(core: SandboxCore, res: ServerResponse): boolean {
	core.counters.reads++;
	const every = core.faults.readErrorEvery;
	if (every !== null) {
		core.faultCounters.reads++;
		if (core.faultCounters.reads % every === 0) {
			core.send(res, 503, { error: 'Service temporarily unavailable' }, { 'X-Sandbox-Fault': 'readErrorEvery' });
			return false;
		}
	}
	return true;
}
