/**
 * Header codes a guided ("Fill in Fields") document gets when the user leaves the field empty. The property
 * defaults in the Create form show the same values.
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
