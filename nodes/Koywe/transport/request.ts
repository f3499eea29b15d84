import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asObject } from '../shared/values';
import { backoffDelay, formatDuration, parseRetryAfter } from './backoff';
import {
	cancelledError,
	credentialRejectedError,
	failureLabel,
	gaveUpError,
	outcomeUnknownError,
	rejectedRequestError,
	waitTooLongError,
	type FailedRequest,
} from './errors';
import { classifyFailure, fromErrorResponse, fromThrown, type FailedExchange } from './failure';
import { credentialSecrets, redact, redactData } from './redact';
import {
	CREDENTIAL_TYPE,
	newTrace,
	type KoyweRequest,
	type KoyweResponse,
	type RequestTrace,
	type TransportSettings,
} from './types';

interface RawResponse {
	body: unknown;
	statusCode: number;
	headers: unknown;
}

/** One HTTP exchange: the response, or what went wrong. */
type Exchange = { response: RawResponse; failure?: undefined } | { failure: FailedExchange };

/**
 * One HTTP exchange. Error statuses other than 401 come back as responses, so their headers (Retry-After) and body
 * are read the same way in every n8n version (n8n 1.x drops the HTTP client's error, headers included, when it
 * wraps it). A 401 must still be thrown for n8n to log in again and resend; where an n8n version returns it
 * instead, the request is sent once more without the option so that n8n's refresh runs.
 */
async function exchange(
	this: IExecuteFunctions,
	settings: TransportSettings,
	request: KoyweRequest,
): Promise<Exchange> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${settings.baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		headers: { Accept: 'application/json' },
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	const send = async (sent: IHttpRequestOptions) =>
		(await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			sent,
		)) as RawResponse;
	try {
		let response = await send(options);
		if (response.statusCode === 401)
			response = await send({ ...options, ignoreHttpStatusErrors: false });
		return response.statusCode < 400 ? { response } : { failure: fromErrorResponse(response) };
	} catch (error) {
		return { failure: fromThrown(error) };
	}
}

/**
 * Sends one request to Koywe through n8n's authenticated HTTP helper (which logs in and refreshes the token on a
 * 401), pacing it with the rate limiter and retrying what is safe to retry. This is the only function in the
 * package that sends HTTP.
 */
export async function koyweRequest<T = IDataObject>(
	this: IExecuteFunctions,
	settings: TransportSettings,
	request: KoyweRequest,
	trace: RequestTrace = newTrace(),
): Promise<KoyweResponse<T>> {
	const { retry, signal } = settings;
	const node = this.getNode();
	const itemIndex = request.itemIndex;
	for (let attempt = 1; ; attempt++) {
		await settings.limiter.acquire(signal).catch(() => undefined);
		if (signal?.aborted) throw cancelledError(node, itemIndex, 'before Koywe was called');
		trace.attempts++;
		const result = await exchange.call(this, settings, request);
		if (!result.failure) {
			const { response } = result;
			return {
				body: response.body as T,
				statusCode: response.statusCode,
				headers: asObject(response.headers),
			};
		}
		const failure = result.failure;
		if (failure.data !== undefined) {
			const secrets = await credentialSecrets.call(this);
			failure.data = redactData(failure.data, secrets);
			failure.message = redact(failure.message, secrets);
		}
		const failed: FailedRequest = { node, request, failure, trace };
		const kind = classifyFailure(failure, request.idempotent, signal);
		if (kind === 'cancelled')
			throw cancelledError(node, itemIndex, `while trying to ${request.purpose}`);
		if (kind === 'credentialRejected') throw credentialRejectedError(failed);
		if (kind === 'rejected') throw rejectedRequestError(failed);
		if (kind === 'outcomeUnknown') throw outcomeUnknownError(failed);

		// 429, or a failure that is safe to retry.
		const rateLimited = kind === 'rateLimited';
		const retryAfterMs = parseRetryAfter(failure.headers['retry-after']);
		if (rateLimited) trace.rateLimited++;
		if (attempt - 1 >= retry.maxRetries) throw gaveUpError(failed, rateLimited, retryAfterMs);
		const waitMs = retryAfterMs ?? backoffDelay(attempt, retry);
		// Waiting longer than the user allows would block the workflow; the item fails and says why instead.
		if (waitMs > retry.capMs) throw waitTooLongError(failed, waitMs, retry.capMs);
		const label = failureLabel(failure, rateLimited);
		this.logger.info(
			`Koywe: item ${itemIndex} ${label} while trying to ${request.purpose}; waiting ${formatDuration(waitMs)}${retryAfterMs !== undefined ? ' as Koywe asked (Retry-After)' : ''} before attempt ${attempt + 1} of ${retry.maxRetries + 1}`,
		);
		try {
			await sleep(waitMs, signal);
		} catch {
			throw cancelledError(node, itemIndex, `while waiting to retry (${label})`);
		}
		trace.waitedMs += waitMs;
	}
}
