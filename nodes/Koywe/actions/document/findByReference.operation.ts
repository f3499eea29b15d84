import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { splitDocument } from '../../output';
import { asObject, text } from '../../shared/values';
import { listByReference } from '../../transport';
import { isIsoDate } from '../../validation';
import { operationOptions } from '../common.descriptions';
import type { ItemContext } from '../context';
import { inputError, type InputIssue } from '../issues';

const displayOptions = { show: { resource: ['document'], operation: ['findByReference'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'TXN-2025-001234',
		description:
			'The reference to look for, e.g. the internal transaction ID you sent as Reference when creating the document',
	},
	{
		displayName: 'Reference Type',
		name: 'referenceType',
		type: 'string',
		default: '802',
		description:
			'Koywe reference_type. 802 (nota de pedido) is the one this node uses for its Reference field; Chile also has 801 purchase order, 803 contract and others.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Document Type ID',
				name: 'documentTypeId',
				type: 'number',
				default: 0,
				description:
					'Only documents of this Koywe document_type_id (e.g. 2 Chilean invoice, 82 Colombian invoice)',
			},
			{
				displayName: 'Issued From',
				name: 'issueDateFrom',
				type: 'string',
				default: '',
				placeholder: '2026-01-31',
				description: 'Only documents issued on or after this date (YYYY-MM-DD)',
			},
			{
				displayName: 'Issued To',
				name: 'issueDateTo',
				type: 'string',
				default: '',
				placeholder: '2026-12-31',
				description: 'Only documents issued on or before this date (YYYY-MM-DD)',
			},
		],
	},
	operationOptions([
		{
			displayName: 'Output When Not Found',
			name: 'outputWhenNotFound',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item {found: false} when nothing matches, so the workflow can branch on it (otherwise the item yields nothing)',
		},
	]),
];

export const description = updateDisplayOptions(displayOptions, properties);

/** Date filters: parameter, Koywe query key, label. */
const DATE_FILTERS = [
	['issueDateFrom', 'issue_date_from', 'Issued From'],
	['issueDateTo', 'issue_date_to', 'Issued To'],
] as const;

export async function execute(
	this: IExecuteFunctions,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const referenceNumber = text(this.getNodeParameter('referenceNumber', itemIndex, ''));
	const referenceType = text(this.getNodeParameter('referenceType', itemIndex, '802'));
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filterValues = asObject(this.getNodeParameter('filters', itemIndex, {}));
	const options = context.options;

	const issues: InputIssue[] = [];
	if (!referenceNumber) {
		issues.push({
			path: 'referenceNumber',
			message: 'Reference Number is empty',
			hint: 'Give the reference to look for, e.g. the transaction ID sent as Reference when the document was created.',
		});
	}
	const filters: IDataObject = {};
	if (Number(filterValues.documentTypeId) > 0) {
		filters.document_type_id = Number(filterValues.documentTypeId);
	}
	for (const [name, key, label] of DATE_FILTERS) {
		const value = text(filterValues[name]);
		if (!value) continue;
		if (!isIsoDate(value)) {
			issues.push({
				path: `filters.${name}`,
				message: `Filter "${label}" must be a date like 2026-01-31 (got "${value}")`,
			});
		}
		filters[key] = value;
	}
	if (issues.length) throw inputError(this.getNode(), itemIndex, issues);

	// This lists what Koywe holds for the reference, as the list shows it (no extra request per document). The
	// verified look-up that decides "already issued" (same account, full document, oldest first) is Create's.
	const matching = await listByReference(context, {
		referenceType,
		referenceNumber,
		filters,
		limit,
		purpose: `find documents with reference ${referenceNumber}`,
	});
	if (!matching.length) {
		return options.outputWhenNotFound === true
			? [
					{
						json: {
							found: false,
							reference_type: referenceType,
							reference_number: referenceNumber,
						},
					},
				]
			: [];
	}
	return matching.map((document) => ({ json: { found: true, ...splitDocument(document).json } }));
}
