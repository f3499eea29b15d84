/**
 * What one execution reads once: the credential's Base URL and the pacing of the first item.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createRunContext } from '../../../nodes/Koywe/actions/context';

const node = { id: '1', name: 'Koywe Billing', type: 'koywe', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

function execution(baseUrl: string, options: Record<string, unknown> = {}, accessToken = ''): IExecuteFunctions {
	return {
		getNode: () => node,
		getCredentials: async () => ({ baseUrl, clientId: 'c', username: 'u', accessToken }),
		getNodeParameter: () => options,
		getExecutionCancelSignal: () => undefined,
	} as unknown as IExecuteFunctions;
}

test('a Base URL over plain http fails the first item with a NodeOperationError that says why', async () => {
	const failure = await createRunContext.call(execution('http://billing.example.com/V1')).catch((error) => error);
	expect(failure).toBeInstanceOf(NodeOperationError);
	expect(failure.message).toBe('The Koywe Base URL must start with https:// (got "http://billing.example.com")');
	expect(failure.description).toMatch(/never travel unencrypted/);
	expect(failure.context.itemIndex).toBe(0);
});

test('a Base URL that is not a URL is reported the same way', async () => {
	const failure = await createRunContext.call(execution('api-billing')).catch((error) => error);
	expect(failure).toBeInstanceOf(NodeOperationError);
	expect(failure.message).toBe('The Koywe Base URL "api-billing" is not a valid URL');
});

test('a good credential gives the base URL without trailing slash, the pacing and the concurrency of the first item', async () => {
	const run = await createRunContext.call(
		execution('https://api-billing.koywe.com/V1/', { concurrency: 3.7, maxRequestsPerSecond: 2 }),
	);
	expect(run.settings.baseUrl).toBe('https://api-billing.koywe.com/V1');
	expect(run.concurrency).toBe(3);
	expect(run.settings.limiter.requestsPerSecond).toBe(2);
	expect(run.loginFirst).toBe(true);
});

test('with a stored token the batch does not wait for a first login', async () => {
	const run = await createRunContext.call(execution('https://api-billing.koywe.com/V1', {}, 'stored-token'));
	expect(run.loginFirst).toBe(false);
});
