import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/values';

/** What went wrong with one HTTP exchange, read from an error response or from what n8n's helper threw. */
export interface FailedExchange {
	status?: number;
	/** Response headers, keys in lower case. */
	headers: IDataObject;
	/** Network error code (ECONNRESET, ETIMEDOUT, …) when no response came back. */
	code?: string;
	/** The response body, redacted before anything quotes it. */
	data?: unknown;
	message: string;
	/** Set when the credential's login was refused (it never becomes a retry). */
	authFailure?: { message: string; description: string; status?: number };
}

/**
 * What the request loop does about a failure:
 * - `cancelled`: the execution was stopped; nothing more is sent.
 * - `credentialRejected`: the login was refused; retrying cannot help.
 * - `rateLimited`: HTTP 429; Koywe did not process it, so even a create may be resent after the wait.
 * - `retryable`: safe to send again (a read, or a request that never reached Koywe).
 * - `outcomeUnknown`: a create may or may not have been processed; resending could issue it twice.
 * - `rejected`: Koywe answered 4xx; sending the same again gives the same answer.
 */
export type FailureKind =
	'cancelled' | 'credentialRejected' | 'rateLimited' | 'retryable' | 'outcomeUnknown' | 'rejected';

/** Connection failures where the request certainly never reached Koywe: safe to resend, even a create. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** No answer came back in time (the request may have been processed). */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_SERVER_ERROR = 500;

export function fromErrorResponse(response: {
	statusCode: number;
	headers?: unknown;
	body: unknown;
}): FailedExchange {
	const headers = asObject(response.headers);
	return {
		status: response.statusCode,
		headers: Object.fromEntries(
			Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
		),
		data: response.body,
		message: `HTTP ${response.statusCode}`,
	};
}

/** Pulls status, headers and body out of whatever n8n's request helper threw (a NodeApiError around an AxiosError). */
export function fromThrown(error: unknown): FailedExchange {
	const outer = asObject(error);
	const cause = asObject(outer.cause);
	const auth = [outer, cause, asObject(cause.cause)].find(
		(candidate) => candidate.koyweAuthFailure === true,
	);
	const response = asObject(cause.response ?? outer.response);
	const statusValue = response.status ?? cause.status ?? outer.httpCode;
	const status =
		statusValue === undefined || statusValue === null ? undefined : Number(statusValue);
	return {
		status: Number.isFinite(status) ? status : undefined,
		headers: asObject(response.headers),
		code: (cause.code ?? outer.code) as string | undefined,
		data: response.data,
		message: String(cause.message ?? outer.message ?? ''),
		authFailure: auth
			? {
					message: String(auth.message),
					description: String(auth.description ?? ''),
					status: auth.httpStatus as number | undefined,
				}
			: undefined,
	};
}

const isCancelled = (failure: FailedExchange, signal?: AbortSignal) =>
	signal?.aborted === true || failure.code === 'ERR_CANCELED';
const isServerError = (failure: FailedExchange) =>
	failure.status !== undefined && failure.status >= HTTP_SERVER_ERROR;
const wasNeverSent = (failure: FailedExchange) => NEVER_SENT_CODES.has(failure.code ?? '');

export function timedOut(failure: FailedExchange): boolean {
	return TIMEOUT_CODES.has(failure.code ?? '') || /timeout/i.test(failure.message);
}

export function classifyFailure(
	failure: FailedExchange,
	idempotent: boolean,
	signal?: AbortSignal,
): FailureKind {
	// A 5xx, a timeout or a dropped connection: the request may have been processed. A read can simply be sent
	// again; a create must not be, or the same legal document could be issued twice.
	const mayHaveBeenProcessed: FailureKind = idempotent ? 'retryable' : 'outcomeUnknown';
	if (isCancelled(failure, signal)) return 'cancelled';
	if (failure.authFailure) return 'credentialRejected';
	if (failure.status === HTTP_TOO_MANY_REQUESTS) return 'rateLimited';
	if (failure.status !== undefined)
		return isServerError(failure) ? mayHaveBeenProcessed : 'rejected';
	if (wasNeverSent(failure)) return 'retryable';
	return mayHaveBeenProcessed;
}

/** Short words for a failure in messages: "HTTP 503", "no answer before the timeout", "connection error ECONNRESET". */
export function describeFailure(failure: FailedExchange): string {
	if (failure.status !== undefined) return `HTTP ${failure.status}`;
	if (timedOut(failure)) return 'no answer before the timeout';
	return failure.code ? `connection error ${failure.code}` : 'connection error';
}
