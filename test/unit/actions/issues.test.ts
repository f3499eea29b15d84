/**
 * How every input problem reads: the item and the first field in the message, every fix in the description.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../../nodes/Koywe/actions/issues';

const node = { id: '1', name: 'Koywe Billing', type: 'koywe', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

test('one problem: the message names the item and the field; the description says how to fix it', () => {
	const error = inputError(node, 4, [{ path: 'documentId', message: 'Document ID must be numeric', hint: 'Use the document_id.' }]);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error.message).toBe('Item 4: Document ID must be numeric');
	expect(error.description).toBe('Nothing was sent to Koywe. Fix: Document ID must be numeric. Use the document_id.');
	expect(error.context.itemIndex).toBe(4);
});

test('several problems: the first is named, all are listed, and the error item carries each with its path', () => {
	const error = inputError(node, 0, [
		{ path: 'a', message: 'first.' },
		{ path: 'b', message: 'second.' },
		{ path: 'c', message: 'third.', hint: 'Do this.' },
	]);
	expect(error.message).toBe('Item 0: first. (and 2 more problems)');
	expect(error.description).toBe('Nothing was sent to Koywe. Fix: first. | second. | third. Do this.');
	expect(error.context.validationIssues).toEqual([
		{ path: 'a', message: 'first.' },
		{ path: 'b', message: 'second.' },
		{ path: 'c', message: 'third.' },
	]);
});

test('two problems say "1 more problem"', () => {
	expect(inputError(node, 1, [{ path: 'a', message: 'x' }, { path: 'b', message: 'y' }]).message).toBe(
		'Item 1: x (and 1 more problem)',
	);
});
