/**
 * Token buckets of the rateLimit fault and the Retry-After forms.
 */
import type { RateLimitFault, RetryAfterMode } from './types';

export interface Bucket {
	tokens: number;
	updatedAt: number;
}

export function retryAfterHeader(mode: RetryAfterMode, seconds: number): Record<string, string> {
	if (mode === 'none') return {};
	if (mode === 'seconds') return { 'Retry-After': String(seconds) };
	// HTTP-date has one-second resolution: round up so the date is never earlier than the wait.
	const at = Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000;
	return { 'Retry-After': new Date(at).toUTCString() };
}

/** Takes one token from the bucket (refilled first). Returns 0 when taken, else the whole seconds to wait (>= 1). */
export function takeToken(bucket: Bucket, limit: RateLimitFault, now = Date.now()): number {
	const capacity = limit.burst ?? Math.max(1, limit.perSecond);
	bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.perSecond);
	bucket.updatedAt = now;
	if (bucket.tokens >= 1) {
		bucket.tokens -= 1;
		return 0;
	}
	return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
}

export function fullBucket(limit: RateLimitFault, now = Date.now()): Bucket {
	return { tokens: limit.burst ?? Math.max(1, limit.perSecond), updatedAt: now };
}
