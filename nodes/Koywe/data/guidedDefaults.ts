/**
 * Header codes a guided ("Fill in Fields") document gets when the user leaves the field empty. The property
 * defaults in the Create form show the same values. Sources (reference notes §4.9, §6): S01 and 01 are the
 * defaults Koywe's Mexico create page documents; 0101 is what the Peru examples send; invoice_concept 1 is what
 * every Argentina example (PM12) sends.
 */
export const GUIDED_DEFAULTS = {
	/** Days until payment: 0 = cash. */
	paymentConditions: '0',
	/** SUNAT operation type 0101: internal sale. */
	peOperationType: '0101',
	/** SAT uso del CFDI S01: no tax effects. */
	mxCfdiUsage: 'S01',
	/** SAT forma de pago 01: cash. */
	mxPaymentCode: '01',
	/** ARCA invoice concept 1: goods. */
	arInvoiceConcept: 1,
	/** Guided lines without a quantity sell one unit. */
	quantity: 1,
} as const;
