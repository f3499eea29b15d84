import type { IDataObject } from 'n8n-workflow';

import type { KoyweCall, KoyweClient, KoyweResponse } from '../../../nodes/Koywe/transport';

/** A Koywe client that answers from a function and records every call, for the endpoint helpers' unit tests. */
export function fakeClient(answer: (call: KoyweCall) => unknown): KoyweClient & { calls: KoyweCall[] } {
	const calls: KoyweCall[] = [];
	return {
		calls,
		async send<T = IDataObject>(call: KoyweCall): Promise<KoyweResponse<T>> {
			calls.push(call);
			return { body: answer(call) as T, statusCode: 200, headers: {} };
		},
	};
}
