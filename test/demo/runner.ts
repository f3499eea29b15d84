/**
 * Runs a whole n8n workflow file (all its nodes and connections) in n8n's own execution engine, WorkflowExecute
 * from n8n-core, with:
 *  - the Koywe node and credential from this repository,
 *  - the stand-ins of standins.ts for the n8n-nodes-base nodes the examples use,
 *  - a credentials helper that follows n8n's rules for expirable credentials (packages/cli CredentialsHelper):
 *    `preAuthentication` runs when the hidden token is empty or after a 401, and what it returns is stored,
 *    so later executions reuse the token, as n8n does with its database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// n8n-core writes an instance config (encryption key) into the user folder on first use; keep it out of $HOME.
if (!process.env.N8N_USER_FOLDER) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-demo-core-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

import {
	NodeHelpers,
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowSettings,
} from 'n8n-workflow';

import { CredentialStore, executeWorkflow } from '../harness/engine';
import { Koywe } from '../../nodes/Koywe/Koywe.node';
import { STAND_INS } from './standins';

export const KOYWE_NODE_TYPE = 'n8n-nodes-koywe.koywe';

/** The one stored Koywe credential and n8n's rules for it: the engine harness's implementation. */
export { CredentialStore as StoredCredential } from '../harness/engine';

const nodeTypeInstances: Record<string, INodeType | IVersionedNodeType> = {
	[KOYWE_NODE_TYPE]: new Koywe(),
	...STAND_INS,
};

const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypeInstances[type],
	getByNameAndVersion: (type: string, version?: number) => {
		const found = nodeTypeInstances[type];
		if (!found) throw new Error(`The demo cannot run node type "${type}" (no stand-in for it)`);
		return NodeHelpers.getVersionedNodeType(found, version);
	},
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** The parts of an exported n8n workflow file the engine needs. */
export interface WorkflowFile {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export function readWorkflow(file: string): WorkflowFile {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowFile;
}

/** Parameter changes made before a run, as a person would make them in the editor: node name -> parameters. */
export type ParameterChanges = Record<string, IDataObject>;

export function mergeParameters(base: IDataObject, change: IDataObject): IDataObject {
	const merged: IDataObject = { ...base };
	for (const [key, value] of Object.entries(change)) {
		const current = merged[key];
		merged[key] =
			value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
				? mergeParameters(current as IDataObject, value as IDataObject)
				: value;
	}
	return merged;
}

export interface WorkflowRun {
	status: string;
	/** Output items of every node that ran (first output), by node name. */
	outputs: Record<string, INodeExecutionData[]>;
	/** The error of the node that failed, if any. */
	error?: Error & IDataObject;
	failedNode?: string;
	durationMs: number;
	/** Lines the Koywe node wrote through n8n's logger (waits, reconciliations). */
	logs: string[];
}

let executionCounter = 0;

export async function runWorkflow(
	file: WorkflowFile,
	stored: CredentialStore,
	changes: ParameterChanges = {},
): Promise<WorkflowRun> {
	const nodes: INode[] = file.nodes.map((node) => {
		const copy = JSON.parse(JSON.stringify(node)) as INode;
		const change = changes[node.name];
		if (change) copy.parameters = mergeParameters(copy.parameters as IDataObject, change) as INode['parameters'];
		return copy;
	});
	for (const name of Object.keys(changes)) {
		if (!nodes.some((node) => node.name === name)) throw new Error(`Workflow "${file.name}" has no node "${name}"`);
	}
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...(file.settings ?? {}) };
	const workflow = new Workflow({
		id: file.id ?? 'demo',
		name: file.name,
		nodes,
		connections: file.connections,
		active: false,
		nodeTypes,
		settings,
	});
	const start = nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!start) throw new Error(`Workflow "${file.name}" has no Manual Trigger to start from`);

	const { run, durationMs, logs } = await executeWorkflow(workflow, start, stored, {
		executionId: `demo-${++executionCounter}`,
		userId: 'demo-user',
	});

	const outputs: Record<string, INodeExecutionData[]> = {};
	let error: WorkflowRun['error'];
	let failedNode: string | undefined;
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const task = tasks[tasks.length - 1];
		outputs[name] = task?.data?.main?.[0] ?? [];
		if (task?.error) {
			error = task.error as unknown as WorkflowRun['error'];
			failedNode = name;
		}
	}
	if (!error && run.data.resultData.error) error = run.data.resultData.error as unknown as WorkflowRun['error'];
	return { status: run.status, outputs, error, failedNode, durationMs, logs };
}
