import { sleep } from 'n8n-workflow';

/**
 * Spaces request starts at least 1/rate seconds apart, so a batch stays under the requests-per-second the Koywe
 * contract allows and 429s stay the exception. One limiter exists per Koywe identity in this n8n process, so
 * parallel executions of workflows that use the same credential share the budget.
 */
export class RateLimiter {
	private nextSlot = 0;

	constructor(public requestsPerSecond: number) {}

	/** Waits for this caller's slot. Returns how long it waited (ms). */
	async acquire(signal?: AbortSignal): Promise<number> {
		if (!(this.requestsPerSecond > 0)) return 0;
		const interval = 1000 / this.requestsPerSecond;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + interval;
		const wait = slot - now;
		if (wait > 0) await sleep(wait, signal);
		return wait;
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
