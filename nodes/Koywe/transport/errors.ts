/**
 * Every error that reports what Koywe answered (or failed to answer) is built here, by `koyweApiError`, so each
 * one says what happened and what to do, carries the same typed context, and never holds a secret: the error is
 * built from a plain summary, not from the HTTP client's error object (which carries the request, its bearer
 * token and, for /auth, the passwords).
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MIPYME_STATUSES } from '../data';
import { asObject } from '../shared/values';
import { formatDuration } from './backoff';
import { describeFailure, type FailedExchange } from './failure';
import type { KoyweRequest, RequestTrace } from './types';

/** Whether Koywe certainly did not do what was asked (`failed`) or may have done it (`unknown`). */
export type KoyweOutcome = 'failed' | 'unknown';

/** A field of a request or a body that must be fixed before anything is sent. */
export interface IssueAt {
	path: string;
	message: string;
}

/** What an error item (continue-on-fail) shows besides the message; typed so producers and router agree. */
export interface KoyweErrorContext {
	koyweStatus?: number | string;
	koyweOutcome?: KoyweOutcome;
	attempts?: number;
	waitedMs?: number;
	validationIssues?: IssueAt[];
}

/** The context keys, in the order error items show them. */
export const ERROR_CONTEXT_KEYS: ReadonlyArray<keyof KoyweErrorContext> = [
	'koyweStatus',
	'koyweOutcome',
	'attempts',
	'waitedMs',
	'validationIssues',
];

/** The Koywe context of any error (empty for errors that are not ours). */
export function errorContextOf(error: unknown): KoyweErrorContext {
	return asObject((error as { context?: unknown })?.context) as KoyweErrorContext;
}

export function withErrorContext<E extends NodeApiError | NodeOperationError>(
	error: E,
	context: KoyweErrorContext,
): E {
	Object.assign(error.context, context);
	return error;
}

/** True when a create may have been processed: the caller must look it up before anything else. */
export function isOutcomeUnknown(error: unknown): boolean {
	return errorContextOf(error).koyweOutcome === 'unknown';
}

export interface KoyweApiErrorSpec {
	message: string;
	description: string;
	httpCode?: string | number;
	/** Koywe's own status, code and words, already redacted: what the error keeps as its cause. */
	summary?: JsonObject;
	failure?: NodeApiError['failure'];
	context?: KoyweErrorContext;
}

/** The one builder of Koywe API errors. */
export function koyweApiError(
	node: INode,
	itemIndex: number,
	spec: KoyweApiErrorSpec,
): NodeApiError {
	const httpCode = spec.httpCode === undefined ? undefined : String(spec.httpCode);
	const error = new NodeApiError(node, spec.summary ?? { message: spec.message }, {
		message: spec.message,
		description: spec.description,
		httpCode,
		itemIndex,
		failure: spec.failure,
	});
	// n8n replaces messages that mention an HTTP status word or a network code with a generic text; keep ours,
	// it says what happened and what to do.
	error.message = spec.message;
	error.description = spec.description;
	return withErrorContext(error, spec.context ?? {});
}

/** Koywe answers errors as `{ error }`, `{ error_message }`, `{ result: { error_message } }` or problem+json. */
export function koyweErrorText(data: unknown): string {
	if (typeof data === 'string') return data.slice(0, 500);
	const body = asObject(data);
	const result = asObject(body.result);
	const candidates = [
		body.error_message,
		result.error_message,
		typeof body.error === 'string' ? body.error : asObject(body.error).message,
		body.detail,
		body.message,
		body.title,
	];
	const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
	return found ? String(found).slice(0, 500) : '';
}

const withKoyweText = (text: string) => (text ? `: ${text}` : '');

// ---------------------------------------------------------------- request failures

/** One failed request, as the request loop hands it over. */
export interface FailedRequest {
	node: INode;
	request: KoyweRequest;
	failure: FailedExchange;
	trace: RequestTrace;
}

function requestError(
	{ node, request, failure, trace }: FailedRequest,
	spec: Omit<KoyweApiErrorSpec, 'summary' | 'context'> & { outcome?: KoyweOutcome },
): NodeApiError {
	const status = spec.httpCode ?? failure.status;
	const summary: JsonObject = { message: spec.message };
	if (status !== undefined) summary.httpCode = String(status);
	if (failure.code) summary.networkCode = failure.code;
	const koyweText = koyweErrorText(failure.data);
	if (koyweText) summary.koyweError = koyweText;
	return koyweApiError(node, request.itemIndex, {
		...spec,
		httpCode: status,
		summary,
		context: {
			koyweOutcome: spec.outcome ?? 'failed',
			attempts: trace.attempts,
			waitedMs: trace.waitedMs,
		},
	});
}

/** The credential's login was refused: its own message says which field to check. */
export function credentialRejectedError(failed: FailedRequest): NodeApiError {
	const auth = failed.failure.authFailure ?? { message: failed.failure.message, description: '' };
	return requestError(failed, {
		message: auth.message,
		description: auth.description,
		httpCode: auth.status,
		failure: { cause: 'credential-invalid' },
	});
}

function describeRejection(status: number, koyweText: string): string {
	if (status === 400 || status === 422) {
		return `Koywe rejected the data sent. ${koyweText ? 'Fix what Koywe points out above' : 'Check the document fields'} and run the item again; nothing was issued.`;
	}
	if (status === 403) {
		return 'The API user is not allowed to do this for the given account. Check the account ID and the user permissions in Koywe.';
	}
	if (status === 404) {
		return 'Koywe has no such resource for this account. Check the ID or number you gave.';
	}
	return 'Check the request data and the Koywe account, then try again.';
}

/** Koywe answered 4xx: sending the same again would give the same answer. */
export function rejectedRequestError(failed: FailedRequest): NodeApiError {
	const { failure, request } = failed;
	const koyweText = koyweErrorText(failure.data);
	if (failure.status === 401) {
		return requestError(failed, {
			message: `Koywe refused the access token even after logging in again (HTTP 401${withKoyweText(koyweText)})`,
			description:
				'The API user may lack permission for this account or endpoint. Check the credential and the account ID with Koywe.',
		});
	}
	return requestError(failed, {
		message: `Koywe could not ${request.purpose} (HTTP ${failure.status}${withKoyweText(koyweText)})`,
		description: describeRejection(failure.status as number, koyweText),
	});
}

/** A create reached Koywe but no usable answer came back: never resent blindly. */
export function outcomeUnknownError(failed: FailedRequest): NodeApiError {
	return requestError(failed, {
		message: `Outcome unknown: Koywe may or may not have processed the request to ${failed.request.purpose} (${describeFailure(failed.failure)})`,
		description:
			'The request reached Koywe but no usable answer came back, so it was not sent again: resending could issue the same legal document twice. Set a Reference on the item so the node can look the document up and finish safely, or search Koywe for it before retrying.',
		outcome: 'unknown',
		failure: { cause: 'temporarily-unavailable' },
	});
}

/** The retry budget is spent (429s or failed reads). */
export function gaveUpError(
	failed: FailedRequest,
	rateLimited: boolean,
	retryAfterMs: number | undefined,
): NodeApiError {
	const { trace, failure } = failed;
	const koyweText = koyweErrorText(failure.data);
	return requestError(failed, {
		message: `Koywe kept answering ${failureLabel(failure, rateLimited)}: gave up after ${trace.attempts} attempt${trace.attempts === 1 ? '' : 's'} and ${formatDuration(trace.waitedMs)} of waiting`,
		description: rateLimited
			? 'Your Koywe contract limits how many requests per second you may send. Lower "Max Requests per Second" or "Concurrency", raise "Max Retries", or spread the batch over time. Above 5 documents per second, ask Koywe to whitelist your server IPs.'
			: `Koywe did not answer successfully. Try again later, or raise "Max Retries" to keep trying longer.${koyweText ? ` Koywe said: ${koyweText}` : ''}`,
		failure: rateLimited
			? { cause: 'rate-limited', retryAfterMs }
			: { cause: 'temporarily-unavailable' },
	});
}

/** Koywe asked (Retry-After) for a longer wait than the item may spend on one retry. */
export function waitTooLongError(
	failed: FailedRequest,
	waitMs: number,
	capMs: number,
): NodeApiError {
	return requestError(failed, {
		message: `Koywe asked to wait ${formatDuration(waitMs)} before retrying, longer than the ${formatDuration(capMs)} allowed by "Max Wait per Retry"`,
		description:
			'The item was not sent again. Raise "Max Wait per Retry" if the node should wait that long, or run the workflow later.',
		failure: { cause: 'rate-limited', retryAfterMs: waitMs },
	});
}

/** "rate-limited (HTTP 429)" or the failure's own words, for messages and logs. */
export function failureLabel(failure: FailedExchange, rateLimited: boolean): string {
	return rateLimited ? 'rate-limited (HTTP 429)' : describeFailure(failure);
}

/** The execution was stopped (not a Koywe failure, so not an API error). */
export function cancelledError(node: INode, itemIndex: number, when: string): NodeOperationError {
	return new NodeOperationError(node, `The execution was cancelled ${when}`, { itemIndex });
}

// ---------------------------------------------------------------- document answers

/** `result.status` 1: Koywe rejected the document; nothing was issued. */
export function documentRejectedError(
	node: INode,
	itemIndex: number,
	answer: { koyweMessage: string; httpCode: number; attempts: number },
): NodeApiError {
	return koyweApiError(node, itemIndex, {
		message: `Koywe rejected the document${withKoyweText(answer.koyweMessage)} (result status 1)`,
		description:
			'Nothing was issued or sent to the tax authority. Fix the data Koywe points out and run the item again.',
		httpCode: answer.httpCode,
		summary: { status: 1, message: answer.koyweMessage },
		context: { koyweStatus: 1, attempts: answer.attempts },
	});
}

/** A create answer without `document_id` is not a Koywe document (a wrong Base URL, a proxy page). */
export function missingDocumentIdError(
	node: INode,
	itemIndex: number,
	httpCode: number,
): NodeApiError {
	return koyweApiError(node, itemIndex, {
		message: 'Koywe answered the create without a document_id',
		description:
			'The answer did not look like a Koywe document. Check that the Base URL points at the Koywe Billing API.',
		httpCode,
		summary: { message: 'no document_id' },
	});
}

/**
 * The create's outcome stayed unknown and the document cannot be found by its reference after every allowed
 * attempt: it was most likely not issued, and the reference keeps a later run from issuing it twice.
 */
export function notFoundAfterUnknownOutcome(
	error: NodeApiError,
	reference: string,
	creates: number,
): NodeApiError {
	error.message = `${error.message}; the document was not found by reference ${reference} after ${creates} attempt${creates === 1 ? '' : 's'}`;
	error.description =
		'Koywe did not confirm the document and it cannot be found by its reference, so it was most likely not issued. Run the item again later: the reference protects it from being issued twice.';
	return error;
}

// ---------------------------------------------------------------- MIPYME

/** A MIPYME answer with a status other than 0, in the words of the status table. */
export function mipymeStatusError(
	node: INode,
	itemIndex: number,
	answer: { status: unknown; koyweMessage: string },
): NodeApiError {
	const status = Number(answer.status);
	const known = MIPYME_STATUSES[status];
	const koyweStatus = Number.isFinite(status) ? status : String(answer.status);
	return koyweApiError(node, itemIndex, {
		message: known
			? `${known.message}${withKoyweText(answer.koyweMessage)}`
			: `Koywe answered MIPYME status ${String(answer.status)}${withKoyweText(answer.koyweMessage)}`,
		description:
			known?.description ??
			'This status is not documented by Koywe. Contact Koywe support with the message above.',
		httpCode: known?.httpCode,
		summary: { status: koyweStatus, message: answer.koyweMessage },
		context: { koyweStatus },
	});
}
