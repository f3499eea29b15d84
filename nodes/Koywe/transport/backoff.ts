/** Retry policy shared by every request the node sends. All durations are milliseconds. */
export interface RetryPolicy {
	/** Retries after the first attempt (so at most maxRetries + 1 attempts). */
	maxRetries: number;
	/** First wait when Koywe gives no Retry-After (Koywe asks for at least 30 s after a 429). */
	baseMs: number;
	/** Longest single wait. A Retry-After longer than this is not waited out: the item fails and says so. */
	capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseMs: 30_000, capMs: 120_000 };

/** Extra wait added on top of the exponential delay, as a fraction of it, so parallel items do not retry in step. */
export const JITTER_FRACTION = 0.2;

/**
 * Reads an HTTP Retry-After value: delta-seconds ("30", "1.5") or an HTTP-date. Returns milliseconds from `now`,
 * never negative, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw === 'number')
		return Number.isFinite(raw) && raw >= 0 ? Math.round(raw * 1000) : undefined;
	if (typeof raw !== 'string') return undefined;
	const trimmed = raw.trim();
	if (trimmed === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	if (!/[a-z]/i.test(trimmed)) return undefined;
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Wait before retry number `retry` (1 = first retry) when the server said nothing: base × 2^(retry-1), plus up to
 * JITTER_FRACTION of it, never more than the cap. `random` is injectable for tests (0 ≤ random < 1).
 */
export function backoffDelay(
	retry: number,
	policy: RetryPolicy,
	random: number = Math.random(),
): number {
	const exponential = policy.baseMs * Math.pow(2, Math.max(0, retry - 1));
	const withJitter = exponential * (1 + JITTER_FRACTION * Math.min(Math.max(random, 0), 1));
	return Math.round(Math.min(policy.capMs, withJitter));
}

/** Human form of a duration for messages: "850 ms", "12 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	const seconds = Math.round(ms / 100) / 10;
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	const rest = Math.round(seconds - minutes * 60);
	return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
