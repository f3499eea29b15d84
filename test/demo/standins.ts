/**
 * Small, honest stand-ins for the n8n-nodes-base nodes the example workflows use. n8n-nodes-base (400+ nodes and
 * their dependencies) is not installed in this repository, so `npm run demo` runs the examples with these instead.
 * Each one does only what the examples need and refuses anything else, so a workflow never silently runs
 * differently here than in n8n. Real n8n runs the very same files (`npm run test:e2e` proves the node there).
 *
 *   n8n-nodes-base.manualTrigger  emits one empty item, as n8n's Manual Trigger does when you click "Execute"
 *   n8n-nodes-base.code           runs `jsCode` once for all items (JavaScript only) in a node:vm context that
 *                                 offers `$input.all()/first()/last()`, `items` and `console`
 *   n8n-nodes-base.readWriteFile  reads one file into a binary field ("Read File(s) From Disk", no globs)
 *   n8n-nodes-base.stickyNote     a note on the canvas; never executed
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

function description(
	name: string,
	displayName: string,
	version: number | number[],
	inputs: string[],
	properties: INodeProperties[] = [],
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version,
		description: `Demo stand-in for n8n's ${displayName} node`,
		defaults: { name: displayName },
		inputs,
		outputs: ['main'],
		properties,
	} as unknown as INodeTypeDescription;
}

/** Manual Trigger: one empty item, like clicking "Execute workflow" in n8n. */
export class ManualTriggerStandIn implements INodeType {
	description = description('manualTrigger', 'Manual Trigger', 1, []);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Lines the Code nodes printed with console.log, for the demo to show. */
export const codeConsole: string[] = [];

function plain<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Code node (typeVersion 2), "Run Once for All Items", JavaScript. */
export class CodeStandIn implements INodeType {
	description = description('code', 'Code', [1, 2], ['main'], [
		{ displayName: 'Mode', name: 'mode', type: 'string', default: 'runOnceForAllItems' },
		{ displayName: 'Language', name: 'language', type: 'string', default: 'javaScript' },
		{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const mode = String(this.getNodeParameter('mode', 0, 'runOnceForAllItems'));
		const language = String(this.getNodeParameter('language', 0, 'javaScript'));
		if (mode !== 'runOnceForAllItems' || language !== 'javaScript') {
			throw new NodeOperationError(
				node,
				`The demo's Code stand-in runs JavaScript "Run Once for All Items" only (got ${language}, ${mode})`,
			);
		}
		const code = String(this.getNodeParameter('jsCode', 0, ''));
		const input = this.getInputData().map((item) => ({ json: plain(item.json) }));
		const $input = {
			all: () => input,
			first: () => input[0],
			last: () => input[input.length - 1],
		};
		const context = vm.createContext({
			$input,
			items: input,
			console: {
				log: (...args: unknown[]) => codeConsole.push(args.map(String).join(' ')),
			},
		});
		let result: unknown;
		try {
			result = await new vm.Script(`(async () => {\n${code}\n})()`, { filename: `${node.name}.js` }).runInContext(
				context,
				{ timeout: 5000 },
			);
		} catch (error) {
			throw new NodeOperationError(node, `Code node "${node.name}" failed: ${(error as Error).message}`);
		}
		const list = Array.isArray(result) ? result : result === undefined || result === null ? [] : [result];
		const output: INodeExecutionData[] = list.map((entry, index) => {
			const value = plain(entry) as IDataObject;
			if (!value || typeof value !== 'object' || Array.isArray(value)) {
				throw new NodeOperationError(node, `Code node "${node.name}" returned a non-object item at index ${index}`);
			}
			const json = 'json' in value ? (value.json as IDataObject) : value;
			return { json };
		});
		return [output];
	}
}

/** Read/Write Files from Disk, operation "Read File(s) From Disk", one plain path (no glob patterns). */
export class ReadWriteFileStandIn implements INodeType {
	description = description('readWriteFile', 'Read/Write Files from Disk', [1, 1.1], ['main'], [
		{ displayName: 'Operation', name: 'operation', type: 'string', default: 'read' },
		{ displayName: 'File(s) Selector', name: 'fileSelector', type: 'string', default: '' },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: [{ displayName: 'Put Output File in Field', name: 'dataPropertyName', type: 'string', default: 'data' }],
		},
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			const operation = this.getNodeParameter('operation', index, 'read') as string;
			if (operation !== 'read') {
				throw new NodeOperationError(node, `The demo's Read/Write Files stand-in only reads files (got "${operation}")`);
			}
			const selector = String(this.getNodeParameter('fileSelector', index, ''));
			if (/[*?{}[\]]/.test(selector)) {
				throw new NodeOperationError(node, `The demo's Read/Write Files stand-in reads one plain path, not a pattern ("${selector}")`);
			}
			const options = this.getNodeParameter('options', index, {}) as IDataObject;
			const property = String(options.dataPropertyName || 'data');
			const file = path.resolve(selector);
			const buffer = fs.readFileSync(file);
			const binary = await this.helpers.prepareBinaryData(buffer, path.basename(file));
			output.push({ json: {}, binary: { [property]: binary }, pairedItem: { item: index } });
		}
		return [output];
	}
}

/** Sticky Note: documentation on the canvas. n8n never executes it. */
export class StickyNoteStandIn implements INodeType {
	description = description('stickyNote', 'Sticky Note', 1, [], [
		{ displayName: 'Content', name: 'content', type: 'string', default: '' },
		{ displayName: 'Height', name: 'height', type: 'number', default: 160 },
		{ displayName: 'Width', name: 'width', type: 'number', default: 240 },
		{ displayName: 'Color', name: 'color', type: 'number', default: 1 },
	]);

	async execute(): Promise<INodeExecutionData[][]> {
		return [[]];
	}
}

export const STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
	'n8n-nodes-base.code': new CodeStandIn(),
	'n8n-nodes-base.readWriteFile': new ReadWriteFileStandIn(),
	'n8n-nodes-base.stickyNote': new StickyNoteStandIn(),
};
