/**
 * Finding documents by a reference (`references[]` entry with reference_type + reference_number). This is what
 * keeps a document from being issued twice: Create sends the caller's transaction ID as reference 802 and, when
 * it must know whether a document already exists, asks Koywe here.
 */
import type { IDataObject } from 'n8n-workflow';

import { documentAccountId, documentId, getDocument, searchDocuments } from './documents';
import type { KoyweClient } from './types';

/**
 * Whether a document carries the reference (type + number). `undefined` when the document does not show its
 * references (the flat list shape), so the caller must read the full document to be sure.
 */
export function carriesReference(
	document: IDataObject,
	referenceType: number | string,
	referenceNumber: string,
): boolean | undefined {
	if (!Array.isArray(document.references)) return document.references === null ? false : undefined;
	return (document.references as IDataObject[]).some(
		(reference) =>
			String(reference?.reference_type ?? '') === String(referenceType) &&
			String(reference?.reference_number ?? '') === referenceNumber,
	);
}

export interface ReferenceQuery {
	referenceType: number | string;
	referenceNumber: string;
	/** Only documents of this account (documents that do not show their account are kept). */
	accountId?: number;
	filters?: IDataObject;
	/** Stop after this many listed documents (undefined = all). */
	limit?: number;
	purpose: string;
}

/**
 * The documents Koywe lists for a reference, minus those that visibly lack it or belong to another account: a
 * server that ignored the filter must not make an unrelated document look like a match. List entries that do not
 * show their references are kept (`carriesReference` is undefined for them).
 */
export async function listByReference(
	client: KoyweClient,
	query: ReferenceQuery,
): Promise<IDataObject[]> {
	const listed = await searchDocuments(client, {
		referenceType: query.referenceType,
		referenceNumber: query.referenceNumber,
		filters: query.filters,
		limit: query.limit,
		purpose: query.purpose,
	});
	return listed.filter(
		(document) =>
			carriesReference(document, query.referenceType, query.referenceNumber) !== false &&
			isOfAccount(document, query.accountId),
	);
}

function isOfAccount(document: IDataObject, accountId: number | undefined): boolean {
	if (accountId === undefined) return true;
	const account = documentAccountId(document);
	return account === undefined || account === null || String(account) === String(accountId);
}

export interface VerifiedDocument {
	/** The oldest document confirmed to carry the reference, in the full shape; undefined when there is none. */
	document?: IDataObject;
	warnings: string[];
}

/** How many listed documents the verified look-up considers; more than one is already a problem to report. */
const LOOK_UP_LIMIT = 20;

/**
 * The verified look-up Create relies on before it may say "already issued": the listed candidates of the account,
 * oldest first (lowest document_id), each confirmed on its full document, since a list entry may not show its
 * references. When Koywe holds several, the oldest is the one that counts and the others are reported.
 */
export async function lookUpReference(
	client: KoyweClient,
	query: Omit<ReferenceQuery, 'limit' | 'filters'>,
): Promise<VerifiedDocument> {
	const candidates = (await listByReference(client, { ...query, limit: LOOK_UP_LIMIT })).sort(
		(a, b) => Number(documentId(a)) - Number(documentId(b)),
	);
	for (const candidate of candidates) {
		const id = documentId(candidate);
		if (id === undefined) continue;
		const full = await getDocument(client, id);
		if (carriesReference(full, query.referenceType, query.referenceNumber) === false) continue;
		const others = candidates
			.map(documentId)
			.filter((other) => other !== undefined && other !== id);
		const warnings = others.length
			? [
					`Koywe already holds ${others.length + 1} documents with reference ${query.referenceNumber} (document_id ${[id, ...others].join(', ')}); the oldest is returned. Review the others with Koywe.`,
				]
			: [];
		return { document: full, warnings };
	}
	return { warnings: [] };
}
