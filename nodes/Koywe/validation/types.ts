import type { CountryCode } from '../data/countries';

/** One reason a document body must not be sent as it is. */
export interface ValidationIssue {
	/** Where the problem is, e.g. 'header.receiver_tax_id_code' or 'details[2].unit_price'. */
	path: string;
	/** What is wrong and how to fix it. */
	message: string;
}

export interface ValidationContext {
	/** Country of the issuing account. When given, the document type must be one of its issuing types. */
	country?: CountryCode;
	/** Report arithmetic mismatches (and missing computed totals) as issues instead of warnings. */
	strictTotals?: boolean;
	/** Today's date (YYYY-MM-DD) in the account's time zone; enables date checks such as Peru's same-day receipts. */
	today?: string;
}

export interface ValidationResult {
	/** Blocking problems: the document must not be sent. */
	issues: ValidationIssue[];
	/** Non-blocking remarks (each names the field), e.g. totals that do not add up. */
	warnings: string[];
}
