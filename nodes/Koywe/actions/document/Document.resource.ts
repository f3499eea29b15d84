import type { INodeProperties } from 'n8n-workflow';

import type { KoyweMap, OperationExecute } from '../node.type';
import * as create from './create.operation';
import * as findByReference from './findByReference.operation';
import * as get from './get.operation';
import * as getMipyme from './getMipyme.operation';

export const operations: Record<KoyweMap['document'], OperationExecute> = {
	create: create.execute,
	findByReference: findByReference.execute,
	get: get.execute,
	getMipyme: getMipyme.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a document',
				description:
					'Issue an electronic invoice, receipt, credit or debit note, export or POS document. Give a Reference so it is never issued twice.',
			},
			{
				name: 'Find by Reference',
				value: 'findByReference',
				action: 'Find documents by reference',
				description:
					'Find the documents that carry a reference, such as the transaction ID given when creating them',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a document',
				description:
					'Get one document by its Koywe document ID, optionally with its PDF and XML files',
			},
			{
				name: 'Get MIPYME Document',
				value: 'getMipyme',
				action: 'Get a MIPYME document',
				description:
					"Chile: retrieve a document issued in SII's MIPYME system, using its PFX certificate",
			},
		],
	},
	...create.description,
	...findByReference.description,
	...get.description,
	...getMipyme.description,
];
