import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as document from './actions/document/Document.resource';
import { router } from './actions/router';

export class Koywe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Koywe Billing',
		name: 'koywe',
		icon: { light: 'file:koywe.svg', dark: 'file:koywe.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Issue legal electronic invoices, receipts and notes in Chile, Colombia, Peru, Mexico and Argentina with the Koywe Billing API, without duplicates',
		defaults: { name: 'Koywe Billing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'koyweApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Document', value: 'document' }],
				default: 'document',
			},
			...document.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
