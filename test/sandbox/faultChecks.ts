/**
 * Checks of the faults and settings added for the lifecycle, trigger, trust and queue-mode work (the original
 * faults are checked in faults.ts). Each check writes the normalised value into `out` or throws.
 */
import type {
	CancelRefusalFault,
	EchoRequestFault,
	EchoTarget,
	Faults,
	ListGrowthFault,
	VerdictMode,
	VerdictOutcome,
	VerdictsConfig,
	WebhookAuth,
} from './types';
import { isObject } from './util';

export const VERDICT_OUTCOMES: readonly VerdictOutcome[] = [
	'accepted',
	'accepted_with_remarks',
	'rejected',
	'sending_rejected',
	'temporary_then_accepted',
	'temporary_then_rejected',
	'permanent_error',
	'pending',
];
const VERDICT_MODES: readonly VerdictMode[] = ['auto', 'async', 'sync'];
const ECHO_TARGETS: readonly EchoTarget[] = ['auth', 'documents', 'mipyme', 'webhook_subscriptions'];
const WEBHOOK_AUTH: readonly WebhookAuth[] = ['basic', 'body', 'both', 'none'];

export const DEFAULT_VERDICT_DELAY_MS = 200;
export const DEFAULT_LIST_GROWTH_MAX = 100;

const nonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const positiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

function objectOrNull(key: string, value: unknown): Record<string, unknown> | null {
	if (value === null) return null;
	if (!isObject(value)) throw new Error(`${key} must be null or an object`);
	return value;
}

function onlyKeys(key: string, value: Record<string, unknown>, allowed: string[]): void {
	for (const k of Object.keys(value)) {
		if (!allowed.includes(k)) throw new Error(`${key}.${k} is unknown (allowed: ${allowed.join(', ')})`);
	}
}

function optional<T>(key: string, value: unknown, ok: (v: unknown) => boolean, what: string, fallback: T): T {
	if (value === undefined) return fallback;
	if (!ok(value)) throw new Error(`${key} must be ${what}`);
	return value as T;
}

function echo(value: unknown): EchoRequestFault | null {
	const v = objectOrNull('echoRequestOnError', value);
	if (!v) return null;
	onlyKeys('echoRequestOnError', v, ['status', 'every', 'prefixLength', 'on']);
	const status = v.status;
	if (!(typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599)) {
		throw new Error('echoRequestOnError.status must be an HTTP error status 400–599');
	}
	const on = optional<EchoTarget[]>(
		'echoRequestOnError.on',
		v.on,
		(x) => Array.isArray(x) && x.length > 0 && x.every((t) => ECHO_TARGETS.includes(t as EchoTarget)),
		`a non-empty list of ${ECHO_TARGETS.join(', ')}`,
		[...ECHO_TARGETS],
	);
	return {
		status,
		every: optional('echoRequestOnError.every', v.every, positiveInteger, 'an integer >= 1', 1),
		prefixLength: optional('echoRequestOnError.prefixLength', v.prefixLength, nonNegative, 'a number >= 0', 0),
		on: [...on],
	};
}

function cancelRefusal(value: unknown): CancelRefusalFault | null {
	const v = objectOrNull('cancelRefusal', value);
	if (!v) return null;
	onlyKeys('cancelRefusal', v, ['message', 'httpStatus', 'every']);
	return {
		message: optional(
			'cancelRefusal.message',
			v.message,
			(x) => typeof x === 'string' && x.trim() !== '',
			'a non-empty string',
			'El SAT rechazó la solicitud de cancelación: el receptor no aceptó la cancelación del CFDI (sandbox cancelRefusal)',
		),
		httpStatus: optional<200 | 400>('cancelRefusal.httpStatus', v.httpStatus, (x) => x === 200 || x === 400, '200 or 400', 200),
		every: optional('cancelRefusal.every', v.every, positiveInteger, 'an integer >= 1', 1),
	};
}

function listGrowth(value: unknown): ListGrowthFault | null {
	const v = objectOrNull('listGrowth', value);
	if (!v) return null;
	onlyKeys('listGrowth', v, ['perPage', 'max']);
	if (!positiveInteger(v.perPage)) throw new Error('listGrowth.perPage must be an integer >= 1');
	return {
		perPage: v.perPage,
		max: optional('listGrowth.max', v.max, (x) => typeof x === 'number' && Number.isInteger(x) && x >= 0, 'an integer >= 0', DEFAULT_LIST_GROWTH_MAX),
	};
}

function verdicts(value: unknown): VerdictsConfig | null {
	const v = objectOrNull('verdicts', value);
	if (!v) return null;
	onlyKeys('verdicts', v, ['mode', 'delayMs', 'outcome', 'comments', 'temporaryRetries', 'permanentStatus']);
	const outcome = optional<VerdictOutcome>(
		'verdicts.outcome',
		v.outcome,
		(x) => VERDICT_OUTCOMES.includes(x as VerdictOutcome),
		VERDICT_OUTCOMES.join(', '),
		'accepted',
	);
	const temporaryDefault = outcome === 'temporary_then_accepted' || outcome === 'temporary_then_rejected' ? 2 : 0;
	return {
		mode: optional('verdicts.mode', v.mode, (x) => VERDICT_MODES.includes(x as VerdictMode), 'auto, async or sync', 'auto'),
		delayMs: optional('verdicts.delayMs', v.delayMs, nonNegative, 'a number >= 0', DEFAULT_VERDICT_DELAY_MS),
		outcome,
		comments: optional<string | null>(
			'verdicts.comments',
			v.comments,
			(x) => x === null || typeof x === 'string',
			'a string or null',
			null,
		),
		temporaryRetries: optional(
			'verdicts.temporaryRetries',
			v.temporaryRetries,
			(x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 10,
			'an integer 0–10',
			temporaryDefault,
		),
		permanentStatus: optional(
			'verdicts.permanentStatus',
			v.permanentStatus,
			(x) => typeof x === 'number' && Number.isInteger(x) && x >= 201 && x <= 206,
			'an integer 201–206',
			202,
		),
	};
}

function webhookDuplicate(value: unknown): Faults['webhookDuplicate'] {
	if (value === null || value === false) return null;
	if (value === true) return { times: 2, gapMs: 0 };
	if (!isObject(value)) throw new Error('webhookDuplicate must be true, false, null or {times, gapMs}');
	onlyKeys('webhookDuplicate', value, ['times', 'gapMs']);
	return {
		times: optional('webhookDuplicate.times', value.times, (x) => positiveInteger(x) && (x as number) <= 10, 'an integer 1–10', 2),
		gapMs: optional('webhookDuplicate.gapMs', value.gapMs, nonNegative, 'a number >= 0', 0),
	};
}

function webhookRetries(value: unknown): Faults['webhookRetries'] {
	if (!isObject(value)) throw new Error('webhookRetries must be {attempts, delayMs}');
	onlyKeys('webhookRetries', value, ['attempts', 'delayMs']);
	return {
		attempts: optional('webhookRetries.attempts', value.attempts, (x) => positiveInteger(x) && (x as number) <= 10, 'an integer 1–10', 3),
		delayMs: optional('webhookRetries.delayMs', value.delayMs, nonNegative, 'a number >= 0', 250),
	};
}

/** The faults added after the first release of the sandbox; unknown keys throw. */
export function validateNewFault(key: string, value: unknown, out: Partial<Faults>): void {
	switch (key) {
		case 'rateLimitScope':
			if (value !== 'token' && value !== 'account') throw new Error('rateLimitScope must be token or account');
			out.rateLimitScope = value;
			return;
		case 'listErrorEvery':
			if (value !== null && !positiveInteger(value)) throw new Error('listErrorEvery must be null or an integer >= 1');
			out.listErrorEvery = value as number | null;
			return;
		case 'echoRequestOnError':
			out.echoRequestOnError = echo(value);
			return;
		case 'cancelRefusal':
			out.cancelRefusal = cancelRefusal(value);
			return;
		case 'listGrowth':
			out.listGrowth = listGrowth(value);
			return;
		case 'verdicts':
			out.verdicts = verdicts(value);
			return;
		case 'webhookAuth':
			if (!WEBHOOK_AUTH.includes(value as WebhookAuth)) throw new Error(`webhookAuth must be ${WEBHOOK_AUTH.join(', ')}`);
			out.webhookAuth = value as WebhookAuth;
			return;
		case 'webhookDuplicate':
			out.webhookDuplicate = webhookDuplicate(value);
			return;
		case 'webhookDelayMs':
		case 'webhookTimeoutMs':
			if (!nonNegative(value)) throw new Error(`${key} must be a number >= 0`);
			out[key] = value;
			return;
		case 'webhookRetries':
			out.webhookRetries = webhookRetries(value);
			return;
		default:
			throw new Error(`unknown fault "${key}"`);
	}
}
