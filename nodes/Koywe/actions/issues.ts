/**
 * Problems with an item's input, found before anything is sent. Every operation collects them as
 * `{ path, message }` (the style of the body validation) and reports them through `inputError`, so every input
 * error reads the same: the message names the item and the first field to fix, the description lists them all,
 * and the error item carries them as `validationIssues`.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withErrorContext } from '../transport';
import type { ValidationIssue } from '../validation';

export interface InputIssue extends ValidationIssue {
	/** How to fix it, when the message alone does not say. */
	hint?: string;
}

/** The message as a sentence, so the hint that follows reads as the next one. */
const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);

const plural = (count: number, word: string) => `${count} more ${word}${count === 1 ? '' : 's'}`;

/** The one error for an item whose input cannot be sent; `issues` must not be empty. */
export function inputError(
	node: INode,
	itemIndex: number,
	issues: readonly InputIssue[],
): NodeOperationError {
	const [first, ...others] = issues;
	const more = others.length ? ` (and ${plural(others.length, 'problem')})` : '';
	const fixes = issues.map((issue) =>
		issue.hint ? `${sentence(issue.message)} ${issue.hint}` : issue.message,
	);
	const error = new NodeOperationError(node, `Item ${itemIndex}: ${first.message}${more}`, {
		itemIndex,
		description: `Nothing was sent to Koywe. Fix: ${fixes.join(' | ')}`,
	});
	return withErrorContext(error, {
		validationIssues: issues.map(({ path, message }) => ({ path, message })),
	});
}
