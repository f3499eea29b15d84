/**
 * Global discounts and surcharges (`globals_discounts_surcharges[]`): Koywe API reference notes §3.3, from the OAS.
 * A discount or surcharge applies to the taxed lines (DA, RA) or to the exempt ones (DE, RE), as an amount ($) or a
 * percentage (%).
 */

export interface GlobalModifierCode {
	code: 'DA' | 'DE' | 'RA' | 'RE';
	name: string;
	discount: boolean;
	/** Applies to the exempt lines (no taxes). */
	exempt: boolean;
}

// prettier-ignore
export const GLOBAL_MODIFIER_CODES: readonly GlobalModifierCode[] = [
	{ code: 'DA', name: 'Discount on Taxed Lines', discount: true, exempt: false },
	{ code: 'DE', name: 'Discount on Exempt Lines', discount: true, exempt: true },
	{ code: 'RA', name: 'Surcharge on Taxed Lines', discount: false, exempt: false },
	{ code: 'RE', name: 'Surcharge on Exempt Lines', discount: false, exempt: true },
];

export const GLOBAL_MODIFIER_TYPES: ReadonlyArray<{ code: '$' | '%'; name: string }> = [
	{ code: '%', name: 'Percentage (%)' },
	{ code: '$', name: 'Amount ($)' },
];
