/**
 * ARCA's invoice concepts (`ar_header.invoice_concept`). The Argentina examples (PM12) send 1; the meanings are
 * ARCA's catalogue (WSFE "Concepto"), not a Koywe source (`verified: false`). Concepts 2 and 3 bill services: ARCA
 * then requires the service period and the payment due date (`service_date_from`, `service_date_to`,
 * `service_payment_due_date`).
 */

export interface ArInvoiceConcept {
	code: number;
	name: string;
	/** ARCA requires the service dates. */
	services: boolean;
	verified: boolean;
}

// prettier-ignore
export const AR_INVOICE_CONCEPTS: readonly ArInvoiceConcept[] = [
	{ code: 1, name: 'Goods (Productos)', services: false, verified: false },
	{ code: 2, name: 'Services (Servicios)', services: true, verified: false },
	{ code: 3, name: 'Goods and Services (Productos y Servicios)', services: true, verified: false },
];

/** The ar_header fields ARCA requires for concepts 2 and 3. */
export const AR_SERVICE_DATE_FIELDS = [
	'service_date_from',
	'service_date_to',
	'service_payment_due_date',
] as const;
