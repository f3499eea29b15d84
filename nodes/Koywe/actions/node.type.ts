import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemContext } from './context';

/** Every resource of the node and its operations: a new operation is added here first, and the map must follow. */
export type KoyweMap = {
	document: 'create' | 'findByReference' | 'get' | 'getMipyme';
};

export type KoyweResource = keyof KoyweMap;

/**
 * One operation's work for one input item: the output items it yields (the router pairs them with the input
 * item and turns a thrown error into an error item under continue-on-fail).
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	context: ItemContext,
) => Promise<INodeExecutionData[]>;

export type KoyweOperations = {
	[R in KoyweResource]: Record<KoyweMap[R], OperationExecute>;
};
