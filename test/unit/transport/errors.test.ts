/**
 * What an error says when Koywe refuses, fails or cannot be reached, and what its error item carries.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorJson } from '../../../nodes/Koywe/actions/router';
import {
	documentRejectedError,
	errorContextOf,
	gaveUpError,
	isOutcomeUnknown,
	koyweApiError,
	koyweErrorText,
	mipymeStatusError,
	missingDocumentIdError,
	newTrace,
	notFoundAfterUnknownOutcome,
	outcomeUnknownError,
	rejectedRequestError,
	waitTooLongError,
	type FailedRequest,
} from '../../../nodes/Koywe/transport';

const node: INode = {
	id: '1',
	name: 'Koywe Billing',
	type: 'n8n-nodes-koywe.koywe',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function failed(overrides: Partial<FailedRequest['failure']> = {}, attempts = 1): FailedRequest {
	const trace = { ...newTrace(), attempts, waitedMs: 1500 };
	return {
		node,
		trace,
		request: { method: 'POST', path: '/documents', idempotent: false, purpose: 'create the document', itemIndex: 3 },
		failure: { headers: {}, message: '', ...overrides },
	};
}

describe('Koywe refuses a request', () => {
	test('a 422 quotes what Koywe said and that nothing was issued', () => {
		const error = rejectedRequestError(failed({ status: 422, data: { error_message: 'receiver_tax_id_code invalid' } }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Koywe could not create the document (HTTP 422: receiver_tax_id_code invalid)');
		expect(error.description).toMatch(/nothing was issued/);
		expect(error.httpCode).toBe('422');
		expect(error.context.itemIndex).toBe(3);
		expect(errorContextOf(error)).toEqual(expect.objectContaining({ koyweOutcome: 'failed', attempts: 1, waitedMs: 1500 }));
	});

	test('a 401 after logging in again points at the API user permissions', () => {
		const error = rejectedRequestError(failed({ status: 401 }));
		expect(error.message).toBe('Koywe refused the access token even after logging in again (HTTP 401)');
		expect(error.description).toMatch(/permission/);
	});

	test("Koywe's error text is found in every shape it comes in", () => {
		expect(koyweErrorText({ error: 'a' })).toBe('a');
		expect(koyweErrorText({ error: { message: 'b' } })).toBe('b');
		expect(koyweErrorText({ result: { error_message: 'c' } })).toBe('c');
		expect(koyweErrorText({ title: 'Bad', detail: 'd' })).toBe('d');
		expect(koyweErrorText('plain text')).toBe('plain text');
		expect(koyweErrorText({})).toBe('');
	});
});

describe('the outcome of a create is unknown', () => {
	test('the message says so, the item is not resent, and the error is marked for reconciliation', () => {
		const error = outcomeUnknownError(failed({ code: 'ETIMEDOUT' }));
		expect(error.message).toBe(
			'Outcome unknown: Koywe may or may not have processed the request to create the document (no answer before the timeout)',
		);
		expect(error.description).toMatch(/Set a Reference/);
		expect(isOutcomeUnknown(error)).toBe(true);
		expect(isOutcomeUnknown(rejectedRequestError(failed({ status: 400 })))).toBe(false);
	});

	test('when the document cannot be found by its reference either, the message adds that', () => {
		const error = notFoundAfterUnknownOutcome(outcomeUnknownError(failed({ status: 503 })), 'TXN-9', 3);
		expect(error.message).toMatch(/\(HTTP 503\); the document was not found by reference TXN-9 after 3 attempts$/);
		expect(error.description).toMatch(/most likely not issued/);
	});
});

describe('rate limiting', () => {
	test('giving up after the retries says how long it waited and what to change', () => {
		const error = gaveUpError(failed({ status: 429 }, 4), true, 30_000);
		expect(error.message).toBe('Koywe kept answering rate-limited (HTTP 429): gave up after 4 attempts and 1.5 s of waiting');
		expect(error.description).toMatch(/Max Requests per Second/);
		expect(error.httpCode).toBe('429');
	});

	test('a Retry-After longer than allowed fails at once, naming the setting', () => {
		const error = waitTooLongError(failed({ status: 429 }), 600_000, 120_000);
		expect(error.message).toBe(
			'Koywe asked to wait 10 min before retrying, longer than the 2 min allowed by "Max Wait per Retry"',
		);
	});
});

describe('Koywe answers a create', () => {
	test('result status 1 fails the item with Koywe\'s message, its status and the attempts', () => {
		const error = documentRejectedError(node, 0, { koyweMessage: 'folio exhausted', httpCode: 200, attempts: 2 });
		expect(error.message).toBe('Koywe rejected the document: folio exhausted (result status 1)');
		expect(errorContextOf(error)).toEqual({ koyweStatus: 1, attempts: 2, itemIndex: 0 });
	});

	test('an answer without document_id is reported as not being a Koywe document', () => {
		const error = missingDocumentIdError(node, 0, 200);
		expect(error.message).toBe('Koywe answered the create without a document_id');
		expect(error.description).toMatch(/Base URL/);
	});
});

describe('MIPYME statuses', () => {
	test('a documented status uses the words of the status table', () => {
		const error = mipymeStatusError(node, 0, { status: 2, koyweMessage: 'bad pfx' });
		expect(error.message).toBe('The certificate was refused (MIPYME status 2): bad pfx');
		expect(error.httpCode).toBe('400');
		expect(errorContextOf(error).koyweStatus).toBe(2);
	});

	test('an undocumented status is reported as such', () => {
		const error = mipymeStatusError(node, 0, { status: 4, koyweMessage: '' });
		expect(error.message).toBe('Koywe answered MIPYME status 4');
		expect(error.description).toMatch(/not documented/);
	});
});

test('messages n8n would rewrite (they name an HTTP status) keep their own words', () => {
	const error = koyweApiError(node, 0, { message: 'Koywe said 500 Internal Server Error', description: 'x', httpCode: 500 });
	expect(error.message).toBe('Koywe said 500 Internal Server Error');
});

test('an error item carries the message, the fix, the HTTP code and the Koywe context, in that order', () => {
	const error = gaveUpError(failed({ status: 429 }, 2), true, undefined);
	const json = errorJson(error, { reference: 'TXN-1' });
	expect(Object.keys(json)).toEqual(['error', 'reference', 'description', 'httpCode', 'koyweOutcome', 'attempts', 'waitedMs']);
	expect(json).toEqual(expect.objectContaining({ reference: 'TXN-1', httpCode: '429', koyweOutcome: 'failed', attempts: 2 }));
});
