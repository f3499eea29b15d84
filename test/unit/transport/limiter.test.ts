/**
 * The pacing that keeps a batch under the account's requests per second (fake timers: no real waiting).
 */
import { RateLimiter, limiterFor } from '../../../nodes/Koywe/transport';

beforeEach(() => {
	jest.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
	jest.useRealTimers();
});

test('at 10 requests per second, requests start 100 ms apart', async () => {
	const limiter = new RateLimiter(10);
	const starts: number[] = [];
	const all = Promise.all(
		[1, 2, 3].map(async () => {
			await limiter.acquire();
			starts.push(Date.now());
		}),
	);
	await jest.advanceTimersByTimeAsync(1000);
	await all;
	expect(starts.map((start) => start - starts[0])).toEqual([0, 100, 200]);
});

test('a request after a quiet moment starts at once', async () => {
	const limiter = new RateLimiter(2);
	await limiter.acquire();
	await jest.advanceTimersByTimeAsync(5000);
	await expect(limiter.acquire()).resolves.toBe(0);
});

test('0 requests per second means no pacing at all', async () => {
	const limiter = new RateLimiter(0);
	await expect(limiter.acquire()).resolves.toBe(0);
	await expect(limiter.acquire()).resolves.toBe(0);
});

test('a cancelled execution stops waiting for its turn', async () => {
	const limiter = new RateLimiter(1);
	await limiter.acquire();
	const controller = new AbortController();
	const waiting = limiter.acquire(controller.signal);
	controller.abort();
	await expect(waiting).rejects.toBeDefined();
});

test('executions with the same Koywe login share one limiter, and the latest rate applies', () => {
	const first = limiterFor('identity-limiter-test', 5);
	const second = limiterFor('identity-limiter-test', 2);
	expect(second).toBe(first);
	expect(first.requestsPerSecond).toBe(2);
	expect(limiterFor('another-identity-limiter-test', 5)).not.toBe(first);
});
