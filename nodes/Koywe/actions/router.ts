import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { createItemContext, createRunContext, type ItemAnnotations } from './context';
import type { KoyweOperations, OperationExecute } from './node.type';
import { ERROR_CONTEXT_KEYS, errorContextOf } from '../transport';
import * as document from './document/Document.resource';

const operations: KoyweOperations = {
	document: document.operations,
};

/** Runs `task` for the given indexes with at most `limit` running at once; stops starting new ones when told. */
async function pool(
	indexes: number[],
	limit: number,
	task: (index: number) => Promise<boolean>,
): Promise<boolean> {
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < indexes.length) {
			const index = indexes[next++];
			if (!(await task(index))) stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, indexes.length) }, worker));
	return !stopped;
}

/** The JSON of an error item: what happened, how to fix it, and Koywe's codes, never a secret. */
export function errorJson(error: unknown, annotations: ItemAnnotations = {}): IDataObject {
	const failure = error as Partial<NodeApiError> | undefined;
	const json: IDataObject = { error: failure?.message ?? String(error), ...annotations };
	if (failure?.description) json.description = failure.description;
	if (failure?.httpCode) json.httpCode = failure.httpCode;
	const context = errorContextOf(error);
	for (const key of ERROR_CONTEXT_KEYS) {
		if (context[key] !== undefined) json[key] = context[key] as IDataObject[string];
	}
	return json;
}

/**
 * Runs the chosen operation for every input item, up to `concurrency` at a time. Every input item yields its
 * output items (or one error item with `continueOnFail`), in input order, each paired with its input item. Without
 * `continueOnFail`, the first failure stops new items from starting, lets the ones in flight finish (a create
 * cannot be taken back) and fails the node with that item's error.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = (operations as Record<string, Record<string, OperationExecute>>)[resource]?.[
		operation
	];
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
			{
				itemIndex: 0,
			},
		);
	}
	const run = await createRunContext.call(this);
	const results: INodeExecutionData[][] = new Array(items.length);
	const failures: Array<{ index: number; error: unknown }> = [];
	const continueOnFail = this.continueOnFail();

	const runItem = async (index: number) => {
		const context = createItemContext.call(this, run, index, items[index]);
		try {
			const output = await execute.call(this, context);
			results[index] = output.map((entry) => ({ ...entry, pairedItem: { item: index } }));
			return true;
		} catch (error) {
			if (continueOnFail) {
				results[index] = [
					{ json: errorJson(error, context.annotations), pairedItem: { item: index } },
				];
				return true;
			}
			failures.push({ index, error });
			return false;
		}
	};
	const indexes = items.map((_, index) => index);
	// Without a stored token the first item logs in alone; the others then share its token (and the pacing starts
	// from a request that was really sent, not one still waiting for /auth).
	const head = run.loginFirst && run.concurrency > 1 ? indexes.splice(0, 1) : [];
	if ((await pool(head, 1, runItem)) || continueOnFail)
		await pool(indexes, run.concurrency, runItem);

	if (failures.length) {
		const { index, error } = failures.sort((a, b) => a.index - b.index)[0];
		if (error instanceof NodeOperationError || error instanceof NodeApiError) {
			error.context.itemIndex = index;
			throw error;
		}
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: index });
	}
	return [results.flat()];
}
