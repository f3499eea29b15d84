/**
 * What the tax-bureau fields of a Koywe document mean (Koywe API reference notes §5.2, §3.8, and the Chilean
 * invoicing-lifecycle page it cites). Plain data; `output/verdict.ts` reads a document with it.
 */
import type { CountryCode } from './countries';

/**
 * When the tax authority's verdict is known. `async`: Koywe issues first and the authority decides minutes
 * later (poll or webhook). `issuance`: the authority validates while the document is issued, so an issued
 * document that shows no validation status was accepted.
 */
export type VerdictTiming = 'async' | 'issuance';

export interface VerdictTimingInfo {
	timing: VerdictTiming;
	/** False where no source says so and the timing is our reading of how the authority works. */
	verified: boolean;
}

export const VERDICT_TIMING: Readonly<Record<CountryCode, VerdictTimingInfo>> = {
	CL: { timing: 'async', verified: true },
	MX: { timing: 'issuance', verified: true },
	// DIAN validates at issuance in our reading; the API notes state the timing only for Chile and Mexico.
	CO: { timing: 'issuance', verified: false },
	// ARCA grants the CAE while the document is authorised; Koywe documents nothing either way.
	AR: { timing: 'issuance', verified: false },
	// SUNAT receipts travel in daily summaries; wait for the statuses Koywe reports.
	PE: { timing: 'async', verified: false },
};

/** `taxbureau_validation_status` (webhooks and documents): what the authority said about the content. */
export interface ValidationStatusInfo {
	meaning: string;
	verdict: 'pending' | 'accepted' | 'accepted_with_remarks' | 'rejected';
	/** What the person should do, for rejections. */
	action?: string;
}

export const VALIDATION_STATUSES: Readonly<Record<number, ValidationStatusInfo>> = {
	0: { meaning: 'validation in process', verdict: 'pending' },
	1: { meaning: 'validation in process', verdict: 'pending' },
	2: {
		meaning: 'the sending was rejected',
		verdict: 'rejected',
		action: 'Correct the data the tax authority points out and issue the document again.',
	},
	3: { meaning: 'accepted', verdict: 'accepted' },
	4: { meaning: 'accepted with remarks (see the comments)', verdict: 'accepted_with_remarks' },
	5: {
		meaning: 'the content was rejected (see the comments)',
		verdict: 'rejected',
		action:
			'Read the comments, correct the document and issue it again: a rejected document has no legal effect.',
	},
};

/** `taxbureau_sending_status` values that are not ranges (0–3). */
export const SENDING_STATUSES: Readonly<Record<number, string>> = {
	0: 'being sent to the tax authority',
	1: 'received by the tax authority, waiting for its validation',
	2: 'closed without being sent to the tax authority',
	3: 'imported from another system',
};

/** Chile's permanent sending errors (201–206): Koywe stops retrying; the document must be issued again. */
export const PERMANENT_SENDING_ERRORS: Readonly<Record<number, string>> = {
	201: 'the certificate is not allowed to send documents to the SII',
	202: 'the document data is incorrect',
	203: 'the document data is incorrect',
	204: 'the certificate has been revoked',
	205: 'the company is not allowed to send documents',
	206: 'the document data is incorrect',
};

/** 1XX sending statuses are temporary errors that Koywe retries by itself (Chile: every 5 minutes). */
export const TEMPORARY_SENDING_RANGE = { from: 100, to: 199 } as const;

/** 2XX sending statuses are permanent: the tax authority will never see this document. */
export const PERMANENT_SENDING_RANGE = { from: 200, to: 299 } as const;

/** `document_status`: 0 draft, 1 issued, 2 sent to the counterparty (Mexico: cancelled), 3 accepted by it. */
export const DOCUMENT_STATUS_DRAFT = 0;
export const MEXICO_CANCELLED_STATUS = 2;
