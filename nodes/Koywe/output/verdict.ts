/**
 * The tax authority's verdict on a document, in plain words: what "Wait for Verdict", Get and the Koywe Trigger
 * report. Reads the full document (`header` nested), the flat list shape and the webhook payload alike.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	COUNTRIES,
	DOCUMENT_STATUS_DRAFT,
	MEXICO_CANCELLED_STATUS,
	PERMANENT_SENDING_ERRORS,
	PERMANENT_SENDING_RANGE,
	SENDING_STATUSES,
	TEMPORARY_SENDING_RANGE,
	VALIDATION_STATUSES,
	VERDICT_TIMING,
	countryByCountryId,
	isCountryCode,
	type CountryCode,
} from '../data';
import { asObject, text } from '../shared/values';

export type Verdict = 'accepted' | 'accepted_with_remarks' | 'rejected' | 'pending';

export interface VerdictReading {
	verdict: Verdict;
	/** Waiting longer cannot change the verdict (accepted, rejected, a draft, closed without sending...). */
	final: boolean;
	/** One sentence a person reads: what the tax authority (or Koywe) did. */
	reason: string;
	/** What to do about it, for rejections and permanent errors. */
	action?: string;
	/** The tax authority's comments (`taxbureau_validation_comments`), when it made any. */
	comments?: string;
	/** Mexico: the document was cancelled after it was accepted. */
	cancelled?: boolean;
	documentStatus?: number;
	sendingStatus?: number;
	validationStatus?: number;
}

function statusNumber(value: unknown): number | undefined {
	if (value === undefined || value === null || text(value) === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}

function within(value: number, range: { from: number; to: number }): boolean {
	return value >= range.from && value <= range.to;
}

function countryOf(
	document: IDataObject,
	header: IDataObject,
	given?: string,
): CountryCode | undefined {
	if (isCountryCode(given)) return given;
	const id = statusNumber(header.issuer_country_id ?? document.issuer_country_id);
	return id === undefined ? undefined : countryByCountryId(id);
}

/**
 * Reads the verdict of a document. `country` (CL, CO, PE, MX, AR) is taken from the document's issuer country
 * when not given; it decides whether an issued document without a validation status is still waiting (Chile) or
 * was validated at issuance (Mexico, Colombia).
 */
export function readVerdict(document: IDataObject, country?: string): VerdictReading {
	const reading = verdictOf(document, country);
	if (!reading.cancelled) return reading;
	return { ...reading, reason: `${reading.reason} The document was cancelled afterwards.` };
}

function verdictOf(document: IDataObject, country?: string): VerdictReading {
	const header = asObject(document.header);
	const field = (name: string) => header[name] ?? document[name];
	const documentStatus = statusNumber(field('document_status'));
	const sendingStatus = statusNumber(
		field('taxbureau_sending_status') ?? field('taxbureau_send_status'),
	);
	const validationStatus = statusNumber(field('taxbureau_validation_status'));
	const comments = text(field('taxbureau_validation_comments')) || undefined;
	const code = countryOf(document, header, country);
	const bureau = code ? COUNTRIES[code].taxBureau : 'the tax authority';
	const base = { documentStatus, sendingStatus, validationStatus, comments };
	const cancelled = code === 'MX' && documentStatus === MEXICO_CANCELLED_STATUS ? true : undefined;

	if (documentStatus === DOCUMENT_STATUS_DRAFT) {
		return {
			...base,
			verdict: 'pending',
			final: true,
			reason: `The document is a draft: it has not been sent to ${bureau}.`,
			action:
				'Issue the draft from Koywe (or create the document without Draft Only) to get a verdict.',
		};
	}

	// The content verdict, once there is one, is the answer whatever the sending status says.
	const validation =
		validationStatus === undefined ? undefined : VALIDATION_STATUSES[validationStatus];
	if (validation && validation.verdict !== 'pending') {
		return {
			...base,
			verdict: validation.verdict,
			final: true,
			cancelled,
			reason: `${bureau} ${validation.meaning} (validation status ${validationStatus}).`,
			action: validation.action,
		};
	}

	if (sendingStatus !== undefined && within(sendingStatus, PERMANENT_SENDING_RANGE)) {
		const known = PERMANENT_SENDING_ERRORS[sendingStatus];
		return {
			...base,
			verdict: 'rejected',
			final: true,
			reason: `The document could not be sent to ${bureau}: ${known ?? 'a permanent sending error'} (sending status ${sendingStatus}).`,
			action:
				sendingStatus === 201 || sendingStatus === 204 || sendingStatus === 205
					? 'Fix the certificate or the company’s authorisation with Koywe, then issue the document again.'
					: 'Correct the document data and issue it again; Koywe will not retry this one.',
		};
	}
	if (sendingStatus !== undefined && within(sendingStatus, TEMPORARY_SENDING_RANGE)) {
		return {
			...base,
			verdict: 'pending',
			final: false,
			reason: `Sending to ${bureau} failed temporarily (sending status ${sendingStatus}); Koywe retries by itself, nothing to do yet.`,
		};
	}
	if (sendingStatus === 2 || sendingStatus === 3) {
		return {
			...base,
			verdict: 'pending',
			final: true,
			cancelled,
			reason: `The document was ${SENDING_STATUSES[sendingStatus]}, so ${bureau} gives no verdict on it.`,
		};
	}

	// Issued, no content verdict yet: where the authority validates at issuance, being issued is the acceptance.
	const timing = code ? VERDICT_TIMING[code].timing : 'async';
	if (timing === 'issuance' && validationStatus === undefined && documentStatus !== undefined) {
		return {
			...base,
			verdict: 'accepted',
			final: true,
			cancelled,
			reason: `${bureau} validated the document when it was issued.`,
		};
	}
	const stage =
		validation !== undefined
			? validation.meaning
			: sendingStatus !== undefined && SENDING_STATUSES[sendingStatus]
				? SENDING_STATUSES[sendingStatus]
				: 'waiting to be sent';
	return {
		...base,
		verdict: 'pending',
		final: false,
		cancelled,
		reason: `No verdict from ${bureau} yet: ${stage}.`,
	};
}
