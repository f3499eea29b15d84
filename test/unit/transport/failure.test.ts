/**
 * What the node does about a failed request: resend what is safe, never resend a create whose outcome is unknown.
 */
import {
	classifyFailure,
	describeFailure,
	fromErrorResponse,
	fromThrown,
	type FailedExchange,
} from '../../../nodes/Koywe/transport/failure';

const failure = (overrides: Partial<FailedExchange> = {}): FailedExchange => ({
	headers: {},
	message: '',
	...overrides,
});

describe('which failures are sent again', () => {
	test('a 429 is rate limiting, for reads and creates alike (Koywe did not process it)', () => {
		expect(classifyFailure(failure({ status: 429 }), true)).toBe('rateLimited');
		expect(classifyFailure(failure({ status: 429 }), false)).toBe('rateLimited');
	});

	test('a 5xx is retried for a read but leaves a create with an unknown outcome', () => {
		expect(classifyFailure(failure({ status: 503 }), true)).toBe('retryable');
		expect(classifyFailure(failure({ status: 500 }), false)).toBe('outcomeUnknown');
	});

	test('a 4xx other than 429 is a rejection: sending it again would get the same answer', () => {
		for (const status of [400, 401, 403, 404, 422]) {
			expect(classifyFailure(failure({ status }), false)).toBe('rejected');
		}
	});

	test('a connection that was never made is safe to retry, even for a create', () => {
		for (const code of ['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
			expect(classifyFailure(failure({ code }), false)).toBe('retryable');
		}
	});

	test('a timeout or a dropped connection leaves a create with an unknown outcome', () => {
		for (const code of ['ETIMEDOUT', 'ECONNABORTED', 'ECONNRESET', 'EPIPE']) {
			expect(classifyFailure(failure({ code }), false)).toBe('outcomeUnknown');
			expect(classifyFailure(failure({ code }), true)).toBe('retryable');
		}
		expect(classifyFailure(failure({ message: 'socket hang up' }), false)).toBe('outcomeUnknown');
	});

	test('a refused login is never retried', () => {
		const refused = failure({ authFailure: { message: 'rejected', description: '', status: 401 } });
		expect(classifyFailure(refused, true)).toBe('credentialRejected');
	});

	test('a cancelled execution stops, whatever the failure', () => {
		const controller = new AbortController();
		controller.abort();
		expect(classifyFailure(failure({ status: 429 }), true, controller.signal)).toBe('cancelled');
		expect(classifyFailure(failure({ code: 'ERR_CANCELED' }), false)).toBe('cancelled');
	});
});

describe('how a failure reads in messages', () => {
	test('an HTTP status, a timeout, or the network code', () => {
		expect(describeFailure(failure({ status: 502 }))).toBe('HTTP 502');
		expect(describeFailure(failure({ code: 'ETIMEDOUT' }))).toBe('no answer before the timeout');
		expect(describeFailure(failure({ message: 'timeout of 60000ms exceeded' }))).toBe(
			'no answer before the timeout',
		);
		expect(describeFailure(failure({ code: 'ECONNRESET' }))).toBe('connection error ECONNRESET');
		expect(describeFailure(failure())).toBe('connection error');
	});
});

describe('reading what went wrong', () => {
	test('an error response keeps its status, body and headers (in lower case, for Retry-After)', () => {
		const read = fromErrorResponse({
			statusCode: 429,
			headers: { 'Retry-After': '7' },
			body: { error: 'slow down' },
		});
		expect(read).toEqual({
			status: 429,
			headers: { 'retry-after': '7' },
			data: { error: 'slow down' },
			message: 'HTTP 429',
		});
	});

	test("n8n's wrapped HTTP error gives up its response and network code", () => {
		const thrown = {
			message: 'outer',
			cause: { code: 'ECONNRESET', message: 'socket hang up', response: { status: 502, data: 'x' } },
		};
		expect(fromThrown(thrown)).toEqual(
			expect.objectContaining({ status: 502, code: 'ECONNRESET', data: 'x', message: 'socket hang up' }),
		);
	});

	test("the credential's refused login is recognised wherever n8n wrapped it", () => {
		const login = { koyweAuthFailure: true, message: 'Koywe rejected the API credentials', httpStatus: 401 };
		const read = fromThrown({ message: 'wrapper', cause: { cause: login } });
		expect(read.authFailure).toEqual({
			message: 'Koywe rejected the API credentials',
			description: '',
			status: 401,
		});
	});
});
