/**
 * Fault configuration: the defaults, the checks of a Partial<Faults> (code, CLI, POST /__sandbox/faults) and the
 * counters of the "every k-th" faults.
 */
import { validateNewFault } from './faultChecks';
import type { Faults, FaultsInput, RetryAfterMode } from './types';
import { isObject } from './util';

export const DEFAULT_AMBIGUOUS_DELAY_MS = 3000;
export const DEFAULT_LATE_COMMIT_MS = 1500;

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
	latencyMs: 0,
	rateLimit: null,
	forced429: 0,
	forced429RetryAfter: 'seconds',
	forced429RetryAfterSeconds: 1,
	revokeTokensAfterCreates: null,
	ambiguousCreate: null,
	readErrorEvery: null,
	authFailure: false,
	folioLimit: null,
	rateLimitScope: 'token',
	listErrorEvery: null,
	echoRequestOnError: null,
	cancelRefusal: null,
	listGrowth: null,
	verdicts: null,
	webhookAuth: 'basic',
	webhookDuplicate: null,
	webhookDelayMs: 0,
	webhookRetries: Object.freeze({ attempts: 3, delayMs: 250 }),
	webhookTimeoutMs: 5000,
});

const RETRY_AFTER_MODES: readonly RetryAfterMode[] = ['seconds', 'http-date', 'none'];

export function isNonNegativeNumber(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

export function isPositiveInteger(v: unknown): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/**
 * Checks a FaultsInput (from code or from POST /__sandbox/faults) and returns it normalised (defaults filled in);
 * throws on anything unknown or mistyped.
 */
export function validateFaults(input: FaultsInput | unknown): Partial<Faults> {
	if (!isObject(input)) throw new Error('faults must be a JSON object');
	const out: Partial<Faults> = {};
	for (const [key, value] of Object.entries(input)) {
		switch (key) {
			case 'latencyMs':
				if (!isNonNegativeNumber(value)) throw new Error('latencyMs must be a number >= 0');
				out.latencyMs = value;
				break;
			case 'forced429':
				if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
					throw new Error('forced429 must be an integer >= 0');
				}
				out.forced429 = value;
				break;
			case 'forced429RetryAfter':
				if (!RETRY_AFTER_MODES.includes(value as RetryAfterMode)) {
					throw new Error('forced429RetryAfter must be seconds, http-date or none');
				}
				out.forced429RetryAfter = value as RetryAfterMode;
				break;
			case 'forced429RetryAfterSeconds':
				if (!isNonNegativeNumber(value)) throw new Error('forced429RetryAfterSeconds must be a number >= 0');
				out.forced429RetryAfterSeconds = value;
				break;
			case 'authFailure':
				if (typeof value !== 'boolean') throw new Error('authFailure must be a boolean');
				out.authFailure = value;
				break;
			case 'revokeTokensAfterCreates':
			case 'readErrorEvery':
				if (value !== null && !isPositiveInteger(value)) throw new Error(`${key} must be null or an integer >= 1`);
				out[key] = value as number | null;
				break;
			case 'folioLimit':
				if (value !== null && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
					throw new Error('folioLimit must be null or an integer >= 0');
				}
				out.folioLimit = value as number | null;
				break;
			case 'rateLimit': {
				if (value === null) {
					out.rateLimit = null;
					break;
				}
				if (!isObject(value)) throw new Error('rateLimit must be null or an object');
				const { perSecond, burst, retryAfter } = value;
				if (!(typeof perSecond === 'number' && perSecond > 0)) throw new Error('rateLimit.perSecond must be > 0');
				if (burst !== undefined && !(typeof burst === 'number' && burst >= 1)) {
					throw new Error('rateLimit.burst must be >= 1');
				}
				const mode = retryAfter === undefined ? 'seconds' : retryAfter;
				if (!RETRY_AFTER_MODES.includes(mode as RetryAfterMode)) {
					throw new Error('rateLimit.retryAfter must be seconds, http-date or none');
				}
				out.rateLimit = {
					perSecond,
					...(burst === undefined ? {} : { burst: burst as number }),
					retryAfter: mode as RetryAfterMode,
				};
				break;
			}
			case 'ambiguousCreate': {
				if (value === null) {
					out.ambiguousCreate = null;
					break;
				}
				if (!isObject(value)) throw new Error('ambiguousCreate must be null or an object');
				const { every, mode, delayMs } = value;
				if (!isPositiveInteger(every)) throw new Error('ambiguousCreate.every must be an integer >= 1');
				if (mode !== '500' && mode !== 'destroy' && mode !== 'delay' && mode !== 'late-commit') {
					throw new Error('ambiguousCreate.mode must be 500, destroy, delay or late-commit');
				}
				if (delayMs !== undefined && !isNonNegativeNumber(delayMs)) {
					throw new Error('ambiguousCreate.delayMs must be a number >= 0');
				}
				if (mode === 'late-commit') {
					out.ambiguousCreate = lateCommit(every, value.commitDelayMs, value.answerDelayMs);
					break;
				}
				out.ambiguousCreate = { every, mode, ...(delayMs === undefined ? {} : { delayMs: delayMs as number }) };
				break;
			}
			default:
				validateNewFault(key, value, out);
		}
	}
	return out;
}

function lateCommit(every: number, commitDelayMs: unknown, answerDelayMs: unknown): Faults['ambiguousCreate'] {
	if (commitDelayMs !== undefined && !isNonNegativeNumber(commitDelayMs)) {
		throw new Error('ambiguousCreate.commitDelayMs must be a number >= 0');
	}
	const commit = commitDelayMs ?? DEFAULT_LATE_COMMIT_MS;
	if (answerDelayMs !== undefined && answerDelayMs !== null) {
		if (!isNonNegativeNumber(answerDelayMs) || answerDelayMs < commit) {
			throw new Error('ambiguousCreate.answerDelayMs must be null (never answered) or a number >= commitDelayMs');
		}
	}
	return { every, mode: 'late-commit', commitDelayMs: commit, answerDelayMs: (answerDelayMs as number | undefined) ?? null };
}

/** Where the "every k-th" faults are in their count. */
export class FaultCounters {
	reads = 0;
	lists = 0;
	ambiguous = 0;
	createsSinceArm = 0;
	revokeArmed = false;
	echoes = 0;
	cancellations = 0;
	listGrowth = 0;

	/** Called after a patch was merged: a fault that is set again starts counting from zero. */
	rearm(valid: Partial<Faults>): void {
		if ('revokeTokensAfterCreates' in valid) {
			this.createsSinceArm = 0;
			this.revokeArmed = valid.revokeTokensAfterCreates !== null;
		}
		if ('ambiguousCreate' in valid) this.ambiguous = 0;
		if ('readErrorEvery' in valid) this.reads = 0;
		if ('listErrorEvery' in valid) this.lists = 0;
		if ('echoRequestOnError' in valid) this.echoes = 0;
		if ('cancelRefusal' in valid) this.cancellations = 0;
		if ('listGrowth' in valid) this.listGrowth = 0;
	}

	reset(): void {
		this.reads = 0;
		this.lists = 0;
		this.ambiguous = 0;
		this.createsSinceArm = 0;
		this.revokeArmed = false;
		this.echoes = 0;
		this.cancellations = 0;
		this.listGrowth = 0;
	}
}
