/**
 * The checks every authenticated /V1 call passes before its handler, in this order: bearer token (401), forced
 * 429, rate limit (429), read and list errors (503 on GETs of documents), echoing errors (POST/PUT with a body).
 * /auth passes only the last. Each answers when it blocks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken } from './auth';
import type { SandboxCore } from './core';
import { fullBucket, retryAfterHeader, takeToken } from './ratelimit';
import type { EchoTarget } from './types';

const TOO_MANY = { error: 'Too Many Requests', detail: 'Rate limit exceeded' };

/** Bearer check, then forced 429s, then the bucket of the token (or of its API user, rateLimitScope 'account'). */
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
		let bucket;
		if (faults.rateLimitScope === 'account') {
			bucket = core.tokens.principalBucket(info.principal, () => fullBucket(limit));
		} else {
			if (!info.bucket) info.bucket = fullBucket(limit);
			bucket = info.bucket;
		}
		const wait = takeToken(bucket, limit);
		if (wait > 0) {
			core.send(res, 429, TOO_MANY, { ...retryAfterHeader(limit.retryAfter, wait), 'X-Sandbox-Fault': 'rateLimit' });
			return false;
		}
	}
	return true;
}

const UNAVAILABLE = { error: 'Service temporarily unavailable' };

/**
 * A GET of /documents or /documents/{id}: counted as a read; every k-th answers 503 (readErrorEvery), and of the
 * list GETs that got past it, every k-th answers 503 too (listErrorEvery).
 */
export function documentRead(core: SandboxCore, res: ServerResponse, isList: boolean): boolean {
	core.counters.reads++;
	const fc = core.faultCounters;
	const every = core.faults.readErrorEvery;
	if (every !== null) {
		fc.reads++;
		if (fc.reads % every === 0) {
			core.send(res, 503, UNAVAILABLE, { 'X-Sandbox-Fault': 'readErrorEvery' });
			return false;
		}
	}
	const listEvery = core.faults.listErrorEvery;
	if (isList && listEvery !== null) {
		fc.lists++;
		if (fc.lists % listEvery === 0) {
			core.send(res, 503, UNAVAILABLE, { 'X-Sandbox-Fault': 'listErrorEvery' });
			return false;
		}
	}
	return true;
}

/**
 * echoRequestOnError: every k-th POST or PUT with a body to a target answers an error whose message echoes the
 * request body verbatim (secrets included), after a lead of exactly prefixLength characters when one is set.
 */
export function echoFault(
	core: SandboxCore,
	res: ServerResponse,
	method: string,
	raw: string,
	target: EchoTarget | undefined,
): boolean {
	const fault = core.faults.echoRequestOnError;
	if (!fault || target === undefined || !(fault.on ?? []).includes(target)) return false;
	if ((method !== 'POST' && method !== 'PUT') || raw.trim() === '') return false;
	core.faultCounters.echoes++;
	if (core.faultCounters.echoes % (fault.every ?? 1) !== 0) return false;
	core.counters.echoedErrors++;
	const lead =
		fault.status >= 500
			? 'Internal server error while processing the request: '
			: 'Invalid input: the request could not be processed: ';
	const width = fault.prefixLength ?? 0;
	const prefix = width > 0 ? lead.slice(0, width).padEnd(width, '.') : lead;
	core.send(res, fault.status, { error: `${prefix}${raw}` }, { 'X-Sandbox-Fault': 'echoRequestOnError' });
	return true;
}
