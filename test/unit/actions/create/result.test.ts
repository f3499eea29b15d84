/**
 * What Koywe's result.status of a created document means for the person who ran the workflow.
 */
import { readResult } from '../../../../nodes/Koywe/actions/document/create/result';

test('status 1: rejected, nothing was issued', () => {
	expect(readResult({ result: { status: 1, error_message: 'bad RUT' } })).toEqual({ verdict: 'rejected', koyweMessage: 'bad RUT' });
	expect(readResult({ result: { status: '1' } }).verdict).toBe('rejected');
});

test('status 2: created but not sent to the tax authority (it exists and must not be created again)', () => {
	expect(readResult({ result: { status: 2, error_message: 'SII down' } })).toEqual({ verdict: 'notSent', koyweMessage: 'SII down' });
});

test('status 0, or no status at all: issued', () => {
	expect(readResult({ result: { status: 0 } }).verdict).toBe('issued');
	expect(readResult({ document_id: 1 }).verdict).toBe('issued');
	expect(readResult({ result: { status: '' } }).verdict).toBe('issued');
	expect(readResult({ result: { status: null } }).verdict).toBe('issued');
});
