/**
 * Runs workflows that contain the Koywe node inside n8n's real execution engine (`WorkflowExecute` from
 * n8n-core), the way n8n runs them, with a credentials helper that follows n8n's own rules for expirable
 * credentials (packages/cli credentials-helper): `preAuthentication` runs when the hidden token is empty or after
 * a 401, and whatever it returns is persisted, so later executions reuse it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// n8n-core writes an instance config (encryption key) into the user folder on first use; keep it out of $HOME.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-n8n-'));
}

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { KoyweApi } from '../../credentials/KoyweApi.credentials';
import { Koywe } from '../../nodes/Koywe/Koywe.node';

/** Stands in for n8n's encrypted credentials table: one stored credential, with counters for assertions. */
export class CredentialStore {
	data: ICredentialDataDecryptedObject;
	preAuthenticationCalls = 0;
	updates = 0;

	constructor(data: ICredentialDataDecryptedObject) {
		this.data = { accessToken: '', ...data };
	}
}

const credentialTypes: Record<string, ICredentialType> = { koyweApi: new KoyweApi() };

/** n8n's credential rules (packages/cli CredentialsHelper) over one stored credential; shared with the demo runner. */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: CredentialStore) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const authenticate = type.authenticate;
		if (!authenticate || typeof authenticate === 'function') return requestOptions;
		const options = requestOptions as unknown as Record<string, IDataObject>;
		for (const [outer, inner] of Object.entries(authenticate.properties as Record<string, IDataObject>)) {
			options[outer] = { ...(options[outer] ?? {}) };
			for (const [key, value] of Object.entries(inner)) {
				options[outer][key] =
					typeof value === 'string' && isExpression(value) && workflow && node
						? String(
								workflow.expression.getSimpleParameterValue(
									node,
									value,
									'internal',
									{ $credentials: credentials },
									undefined,
									'',
								),
							)
						: value;
			}
		}
		return requestOptions;
	}

	/** The rule of packages/cli CredentialsHelper.preAuthentication. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || !type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.store.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		await this.updateCredentials({ id: 'koywe-1', name: 'Koywe' }, typeName, output as ICredentialDataDecryptedObject);
		return { ...credentials, ...output } as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.store.data };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.updates++;
		this.store.data = { ...this.store.data, ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

/** A start node that emits the test's items, standing in for Manual Trigger + a node that produces data. */
class ItemsSourceNode implements INodeType {
	description = {
		displayName: 'Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits the items given in its parameters',
		defaults: { name: 'Items Source' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

const nodeTypeInstances: Record<string, INodeType | IVersionedNodeType> = {
	'n8n-nodes-koywe.koywe': new Koywe(),
	'harness.itemsSource': new ItemsSourceNode(),
};

const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypeInstances[type],
	getByNameAndVersion: (type: string, version?: number) =>
		NodeHelpers.getVersionedNodeType(nodeTypeInstances[type], version),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

export interface NodeSettings {
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	continueOnFail?: boolean;
	onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow';
}

export interface RunOptions {
	parameters: INodeParameters | IDataObject;
	items?: IDataObject[];
	store: CredentialStore;
	settings?: NodeSettings;
	/** Cancel the execution this many ms after it starts (tests cancellation during waits). */
	cancelAfterMs?: number;
}

export interface RunResult {
	status: string;
	/** Items on the Koywe node's first output (empty when the node failed). */
	items: INodeExecutionData[];
	/** All outputs of the Koywe node (the error output too, with `onError: continueErrorOutput`). */
	outputs: INodeExecutionData[][];
	error?: Error & IDataObject;
	run: IRun;
	durationMs: number;
	/** Log lines the node wrote through n8n's logger. */
	logs: string[];
}

export const KOYWE_NODE_NAME = 'Koywe Billing';

let executionCounter = 0;

export async function runKoywe(options: RunOptions): Promise<RunResult> {
	const koyweNode: INode = {
		id: 'koywe-node',
		name: KOYWE_NODE_NAME,
		type: 'n8n-nodes-koywe.koywe',
		typeVersion: 1,
		position: [200, 0],
		parameters: { resource: 'document', ...(options.parameters as INodeParameters) },
		credentials: { koyweApi: { id: 'koywe-1', name: 'Koywe' } },
		...(options.settings ?? {}),
	};
	const sourceNode: INode = {
		id: 'source-node',
		name: 'Items Source',
		type: 'harness.itemsSource',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const connections = {
		'Items Source': { main: [[{ node: KOYWE_NODE_NAME, type: 'main' as const, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'wf-koywe-test',
		name: 'Koywe test',
		nodes: [sourceNode, koyweNode],
		connections,
		active: false,
		nodeTypes,
		settings: {},
	});

	const { run, durationMs, logs } = await executeWorkflow(workflow, sourceNode, options.store, {
		executionId: `exec-${++executionCounter}`,
		cancelAfterMs: options.cancelAfterMs,
	});

	const task = run.data.resultData.runData[KOYWE_NODE_NAME]?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	return {
		status: run.status,
		items: outputs[0] ?? [],
		outputs,
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
		durationMs,
		logs,
	};
}

export interface EngineRun {
	run: IRun;
	durationMs: number;
	/** Log lines the nodes wrote through n8n's logger. */
	logs: string[];
}

/**
 * Runs a workflow in n8n-core's WorkflowExecute from its start node, with n8n's credential rules over `store` and
 * n8n's logger routed into `logs`. Used by the engine tests and by the demo's workflow runner.
 */
export async function executeWorkflow(
	workflow: Workflow,
	start: INode,
	store: CredentialStore,
	options: { executionId: string; userId?: string; cancelAfterMs?: number },
): Promise<EngineRun> {
	const mode: WorkflowExecuteMode = 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, options.executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: false,
		settings: workflow.settings,
	} as never);
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => finished(run));

	const logs: string[] = [];
	const logger: Record<string, unknown> = {
		info: (message: string) => logs.push(message),
		warn: (message: string) => logs.push(message),
		error: (message: string) => logs.push(message),
		debug: () => {},
		scoped: () => logger,
	};

	const additionalData = {
		hooks,
		credentialsHelper: new HarnessCredentialsHelper(store),
		variables: {},
		restApiUrl: '',
		instanceBaseUrl: '',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		currentNodeExecutionIndex: 0,
		executionId: options.executionId,
		userId: options.userId ?? 'user-1',
		logger,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	await installLogger(logger);
	const started = Date.now();
	const execution = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	let cancelTimer: NodeJS.Timeout | undefined;
	if (options.cancelAfterMs !== undefined) {
		cancelTimer = setTimeout(() => execution.cancel(), options.cancelAfterMs);
	}
	const run = await Promise.race([done, execution.then((value) => value as IRun)]);
	if (cancelTimer) clearTimeout(cancelTimer);
	return { run, durationMs: Date.now() - started, logs };
}

/** n8n-core logs through the DI container's Logger; route the node's `this.logger` calls into the test. */
async function installLogger(logger: object) {
	const di = await import('@n8n/di');
	const backend = (await import('@n8n/backend-common').catch(() => undefined)) as IDataObject | undefined;
	const LoggerClass = backend?.Logger as (new (...args: unknown[]) => unknown) | undefined;
	if (LoggerClass) di.Container.set(LoggerClass, logger as never);
}
