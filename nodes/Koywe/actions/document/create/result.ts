/**
 * What Koywe's answer means, read once per document (`readResult`), and the output item a person reads
 * (`createdOutput`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { COUNTRIES, type CountryCode } from '../../../data';
import { fileBaseName, filesToBinary, splitDocument } from '../../../output';
import { asObject } from '../../../shared/values';
import { credentialSecrets, redact } from '../../../transport';
import type { ItemContext } from '../../context';
import type { CreateOptions } from './parameters';

/**
 * Koywe's `result.status`: 1 = rejected, nothing was issued (the create fails); 2 = the document was created but
 * not sent to the tax authority (it exists: it must never be created again, only sent from Koywe); anything else
 * (0, or no status) = issued.
 */
export type KoyweVerdict = 'issued' | 'rejected' | 'notSent';

export interface DocumentResult {
	verdict: KoyweVerdict;
	/** Koywe's `result.error_message`, as given (not yet redacted). */
	koyweMessage: string;
}

const VERDICTS: Readonly<Record<number, KoyweVerdict>> = { 1: 'rejected', 2: 'notSent' };

export function readResult(document: IDataObject): DocumentResult {
	const result = asObject(document.result);
	const status = result.status === '' || result.status === null ? NaN : Number(result.status);
	return {
		verdict: VERDICTS[status] ?? 'issued',
		koyweMessage: String(result.error_message ?? ''),
	};
}

/** How an existing document was found instead of creating it again. */
export type FoundBy = 'memory' | 'checkBeforeCreate' | 'reconciliation';

/** The document Create ends with: issued now, or found because it already existed. */
export interface CreatedDocument {
	document: IDataObject;
	result: DocumentResult;
	deduplicated: boolean;
	foundBy?: FoundBy;
	warnings: string[];
}

/** The output item of a created (or found) document: key facts, counters, warnings, and files on request. */
export async function createdOutput(
	this: IExecuteFunctions,
	context: ItemContext,
	created: CreatedDocument,
	facts: { country: CountryCode; reference: string; options: CreateOptions; warnings: string[] },
): Promise<INodeExecutionData> {
	const { json, files } = splitDocument(created.document);
	const warnings = [...facts.warnings, ...created.warnings];
	if (created.result.verdict === 'notSent') {
		const reason = redact(created.result.koyweMessage, await credentialSecrets.call(this));
		warnings.push(
			`Koywe created the document but did not send it to ${COUNTRIES[facts.country].taxBureau} (result status 2${reason ? `: ${reason}` : ''}). The document exists (document_id ${String(json.document_id)}): do not create it again; fix the cause and send it from Koywe.`,
		);
	}
	if (!facts.reference) {
		warnings.push(
			'No Reference was set: if this workflow is re-run, this document cannot be recognised and may be issued again.',
		);
	}
	Object.assign(json, {
		deduplicated: created.deduplicated,
		...(created.foundBy ? { found_by: created.foundBy } : {}),
		reference: facts.reference || null,
		attempts: context.trace.attempts,
		waited_ms: context.trace.waitedMs,
		rate_limited: context.trace.rateLimited,
		warnings,
	});
	const output: INodeExecutionData = { json };
	if (facts.options.downloadFiles) {
		const binary = await filesToBinary.call(this, files, fileBaseName(facts.country, json));
		if (binary) output.binary = binary;
	}
	return output;
}
