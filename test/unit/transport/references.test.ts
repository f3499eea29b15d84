/**
 * Finding a document by its reference: what "already issued" rests on.
 */
import type { IDataObject } from 'n8n-workflow';

import { carriesReference, listByReference, lookUpReference } from '../../../nodes/Koywe/transport';
import { fakeClient } from './fakeClient';

const withReference = (id: number, number = 'TXN-1', account = 423): IDataObject => ({
	document_id: id,
	header: { account_id: account },
	references: [{ reference_type: 802, reference_number: number }],
});

/** A Koywe whose list answers `listed` and whose GET /documents/:id answers `full[id]`. */
function koywe(listed: IDataObject[], full: Record<number, IDataObject> = {}) {
	return fakeClient((call) => {
		if (call.path === '/documents') return { documents: listed, page: 1, page_count: 1 };
		const id = Number(call.path.split('/').pop());
		return full[id] ?? withReference(id);
	});
}

const query = { referenceType: 802, referenceNumber: 'TXN-1', accountId: 423, purpose: 'look up' };

test('a document carries a reference when type and number both match; a flat list entry cannot tell', () => {
	expect(carriesReference(withReference(1), 802, 'TXN-1')).toBe(true);
	expect(carriesReference(withReference(1), '802', 'TXN-1')).toBe(true);
	expect(carriesReference(withReference(1), 801, 'TXN-1')).toBe(false);
	expect(carriesReference(withReference(1, 'TXN-2'), 802, 'TXN-1')).toBe(false);
	expect(carriesReference({ document_id: 1 }, 802, 'TXN-1')).toBeUndefined();
	expect(carriesReference({ document_id: 1, references: null }, 802, 'TXN-1')).toBe(false);
});

test('the verified look-up returns the full document of the match', async () => {
	const client = koywe([{ document_id: 7 }]);
	const found = await lookUpReference(client, query);
	expect(found).toEqual({ document: withReference(7), warnings: [] });
	expect(client.calls.map((call) => call.path)).toEqual(['/documents', '/documents/7']);
});

test('when Koywe holds several, the oldest counts and the others are reported', async () => {
	const client = koywe([withReference(12), withReference(9), withReference(30)]);
	const found = await lookUpReference(client, query);
	expect(found.document?.document_id).toBe(9);
	expect(found.warnings).toEqual([
		'Koywe already holds 3 documents with reference TXN-1 (document_id 9, 12, 30); the oldest is returned. Review the others with Koywe.',
	]);
});

test("another account's document with the same reference is not this account's document", async () => {
	const client = koywe([withReference(3, 'TXN-1', 999)]);
	expect(await lookUpReference(client, query)).toEqual({ warnings: [] });
	expect(client.calls).toHaveLength(1);
});

test('a list entry whose full document lacks the reference is not a match', async () => {
	const client = koywe([{ document_id: 4 }, { document_id: 5 }], { 4: { document_id: 4, references: [] } });
	const found = await lookUpReference(client, query);
	expect(found.document?.document_id).toBe(5);
});

test('a server that ignores the reference filter cannot make an unrelated document look like a match', async () => {
	const client = koywe([withReference(1, 'OTHER'), { document_id: 2 }]);
	const listed = await listByReference(client, { referenceType: '802', referenceNumber: 'TXN-1', purpose: 'find' });
	expect(listed).toEqual([{ document_id: 2 }]);
	expect(client.calls[0].qs).toEqual(expect.objectContaining({ reference_type: '802', reference_number: 'TXN-1' }));
});
