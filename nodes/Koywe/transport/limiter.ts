import { sleep } from 'n8n-workflow';

/**
 * Spaces request starts at least 1/rate seconds apart, so a batch stays under the requests-per-second the Koywe
 * contract allows and 429s stay the exception. Callers take turns: each waits until one interval after the
 * previous caller actually started (not after when it was scheduled to), so a late timer or a slow caller never
 * squeezes two requests closer together. One limiter exists per Koywe identity in this n8n process, so parallel
 * executions of workflows that use the same credential share the budget.
 */
export class RateLimiter {
	private lastStart = Number.NEGATIVE_INFINITY;

	private turn: Promise<unknown> = Promise.resolve();

	constructor(public requestsPerSecond: number) {}

	/** Waits for this caller's turn. Returns how long it waited (ms). */
	async acquire(signal?: AbortSignal): Promise<number> {
		if (!(this.requestsPerSecond > 0)) return 0;
		const mine = this.turn.then(async () => {
			const interval = 1000 / this.requestsPerSecond;
			const wait = this.lastStart + interval - Date.now();
			if (wait > 0) await sleep(wait, signal);
			this.lastStart = Date.now();
			return Math.max(0, wait);
		});
		this.turn = mine.catch(() => undefined);
		return await mine;
	}
}

const limiters = new Map<string, RateLimiter>();

export function limiterFor(identity: string, requestsPerSecond: number): RateLimiter {
	let limiter = limiters.get(identity);
	if (!limiter) {
		limiter = new RateLimiter(requestsPerSecond);
		limiters.set(identity, limiter);
	}
	limiter.requestsPerSecond = requestsPerSecond;
	return limiter;
}
