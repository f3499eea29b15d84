/**
 * Create: one item becomes at most one legal document. The item goes one way through the stages in create/:
 * parameters read once -> body built (pure) -> every input issue collected -> the body validated -> created at
 * most once -> Koywe's verdict read once -> output shaped. Nothing is sent while any issue remains.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { todayIn, validateDocumentBody } from '../../validation';
import type { ItemContext } from '../context';
import { inputError } from '../issues';
import { buildCreateBody } from './create/body';
import { createOnce } from './create/once';
import { readCreateInput } from './create/parameters';
import { properties } from './create/properties';
import { createdOutput } from './create/result';

const displayOptions = { show: { resource: ['document'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const input = readCreateInput.call(this, context);
	const { body, country, reference, issues } = buildCreateBody(input);
	if (reference) context.annotations.reference = reference;
	if (issues.length || !body || !country) throw inputError(node, context.itemIndex, issues);

	// Only what Koywe documents (or what can never be valid) stops the item; anything merely unusual is a warning,
	// since refusing a valid invoice is as bad as sending a wrong one.
	const checked = validateDocumentBody(body, {
		country,
		strictTotals: input.options.strictTotals,
		today: todayIn(country, input.now),
	});
	if (checked.issues.length) throw inputError(node, context.itemIndex, checked.issues);

	if (input.options.validateOnly) {
		const json = { valid: true, validateOnly: true, reference: reference || undefined };
		return [{ json: { ...json, warnings: checked.warnings, body } }];
	}

	const created = await createOnce.call(this, context, {
		body,
		reference,
		accountId: input.accountId,
		generateStamp: input.options.generateStamp,
		checkBeforeCreate: input.options.checkBeforeCreate,
	});
	const output = await createdOutput.call(this, context, created, {
		country,
		reference,
		options: input.options,
		warnings: checked.warnings,
	});
	return [output];
}
