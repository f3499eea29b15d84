/**
 * How long the node waits after a 429: what Koywe's Retry-After says, else exponential from the base with a
 * little jitter, never beyond the cap.
 */
import { DEFAULT_RETRY_POLICY, JITTER_FRACTION, backoffDelay, formatDuration, parseRetryAfter } from '../../../nodes/Koywe/transport/backoff';
import { transportOptions } from '../../../nodes/Koywe/actions/common.descriptions';

const now = Date.parse('2026-11-21T12:00:00Z');

describe('Retry-After', () => {
	test('delta-seconds become milliseconds', () => {
		expect(parseRetryAfter('30', now)).toBe(30_000);
		expect(parseRetryAfter(' 1 ', now)).toBe(1_000);
		expect(parseRetryAfter('0', now)).toBe(0);
		expect(parseRetryAfter('1.5', now)).toBe(1_500);
	});

	test('an HTTP-date becomes the time left until then', () => {
		expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:45 GMT', now)).toBe(45_000);
	});

	test('an HTTP-date in the past means retry now', () => {
		expect(parseRetryAfter('Sat, 21 Nov 2026 11:59:00 GMT', now)).toBe(0);
	});

	test('a header given as an array uses its first value', () => {
		expect(parseRetryAfter(['7', '9'], now)).toBe(7_000);
	});

	test('absent, empty or unreadable values are ignored', () => {
		for (const value of [undefined, null, '', '   ', 'soon', '-5', '12abc', {}]) {
			expect(parseRetryAfter(value, now)).toBeUndefined();
		}
	});
});

describe('backoff without Retry-After', () => {
	const policy = { maxRetries: 3, baseMs: 30_000, capMs: 120_000 };

	test('the first retry waits the base (Koywe asks for at least 30 s)', () => {
		expect(backoffDelay(1, policy, 0)).toBe(30_000);
	});

	test('each retry doubles the wait', () => {
		expect(backoffDelay(2, policy, 0)).toBe(60_000);
		expect(backoffDelay(3, policy, 0)).toBe(120_000);
	});

	test('jitter only adds, at most a fifth of the wait', () => {
		expect(JITTER_FRACTION).toBe(0.2);
		expect(backoffDelay(1, policy, 0.999)).toBeLessThanOrEqual(36_000);
		expect(backoffDelay(1, policy, 0.5)).toBe(33_000);
		for (let i = 0; i < 200; i++) {
			const wait = backoffDelay(1, policy);
			expect(wait).toBeGreaterThanOrEqual(30_000);
			expect(wait).toBeLessThanOrEqual(36_000);
		}
	});

	test('no wait exceeds the cap', () => {
		for (let retry = 1; retry <= 12; retry++) {
			expect(backoffDelay(retry, policy, 0.999)).toBeLessThanOrEqual(120_000);
		}
	});
});

test('the node option defaults match the retry policy defaults', () => {
	const defaults = Object.fromEntries(transportOptions.map((option) => [option.name, option.default]));
	expect(defaults.maxRetries).toBe(DEFAULT_RETRY_POLICY.maxRetries);
	expect(defaults.retryBaseSeconds).toBe(DEFAULT_RETRY_POLICY.baseMs / 1000);
	expect(defaults.retryMaxSeconds).toBe(DEFAULT_RETRY_POLICY.capMs / 1000);
	expect(defaults.maxRequestsPerSecond).toBe(5);
	expect(defaults.concurrency).toBe(5);
});

test('durations read naturally in messages', () => {
	expect(formatDuration(850)).toBe('850 ms');
	expect(formatDuration(1000)).toBe('1 s');
	expect(formatDuration(12_340)).toBe('12.3 s');
	expect(formatDuration(125_000)).toBe('2 min 5 s');
});
