/**
 * Fault configuration: the defaults, the checks of a Partial<Faults> (code, CLI, POST /__sandbox/faults) and the
 * counters of the "every k-th" faults.
 */
import type { Faults, RetryAfterMode } from './types';
import { isObject } from './util';

export const DEFAULT_AMBIGUOUS_DELAY_MS = 3000;

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
});

const RETRY_AFTER_MODES: readonly RetryAfterMode[] = ['seconds', 'http-date', 'none'];

function isNonNegativeNumber(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isPositiveInteger(v: unknown): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Checks a Partial<Faults> (from code or from POST /__sandbox/faults); throws on anything unknown or mistyped. */
export function validateFaults(input: unknown): Partial<Faults> {
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
				if (mode !== '500' && mode !== 'destroy' && mode !== 'delay') {
					throw new Error('ambiguousCreate.mode must be 500, destroy or delay');
				}
				if (delayMs !== undefined && !isNonNegativeNumber(delayMs)) {
					throw new Error('ambiguousCreate.delayMs must be a number >= 0');
				}
				out.ambiguousCreate = { every, mode, ...(delayMs === undefined ? {} : { delayMs: delayMs as number }) };
				break;
			}
			default:
				throw new Error(`unknown fault "${key}"`);
		}
	}
	return out;
}

/** Where the "every k-th" faults are in their count. */
export class FaultCounters {
	reads = 0;
	ambiguous = 0;
	createsSinceArm = 0;
	revokeArmed = false;

	/** Called after a patch was merged: a fault that is set again starts counting from zero. */
	rearm(valid: Partial<Faults>): void {
		if ('revokeTokensAfterCreates' in valid) {
			this.createsSinceArm = 0;
			this.revokeArmed = valid.revokeTokensAfterCreates !== null;
		}
		if ('ambiguousCreate' in valid) this.ambiguous = 0;
		if ('readErrorEvery' in valid) this.reads = 0;
	}

	reset(): void {
		this.reads = 0;
		this.ambiguous = 0;
		this.createsSinceArm = 0;
		this.revokeArmed = false;
	}
}
