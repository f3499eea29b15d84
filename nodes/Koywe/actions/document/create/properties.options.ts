import { operationOptions } from '../../common.descriptions';

/** Options: how the document is created and checked, and how requests are paced. */
export const optionsProperty = operationOptions([
	{
		displayName: 'Check Before Create',
		name: 'checkBeforeCreate',
		type: 'boolean',
		default: false,
		description:
			'Whether to look every Reference up in Koywe before creating. Use it when re-running a workflow after a crash; it costs one extra request per document, so it is off by default.',
	},
	{
		displayName: 'Compute Totals',
		name: 'computeTotals',
		type: 'boolean',
		default: true,
		description:
			'Whether to compute line taxes, line totals and document totals, rounded as the tax authority allows (Chilean pesos whole; others, Colombian pesos too, 2 decimals). Guided fields only.',
		displayOptions: { show: { '/inputMode': ['fields'] } },
	},
	{
		displayName: 'Download Files',
		name: 'downloadFiles',
		type: 'boolean',
		default: false,
		description: 'Whether to output the PDF and XML as binary data named like CL-33-1234.pdf',
	},
	{
		displayName: 'Draft Only (Chile)',
		name: 'draftOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to create the document as a draft that is not sent to the SII',
	},
	{
		displayName: 'Generate Stamp',
		name: 'generateStamp',
		type: 'boolean',
		default: false,
		description: 'Whether to also return the stamp image (timbre electrónico, Chile)',
	},
	{
		displayName: 'Send Email (Colombia)',
		name: 'sendEmail',
		type: 'boolean',
		default: true,
		description:
			'Whether Koywe e-mails the document to the receiver e-mail (Koywe does so by default)',
	},
	{
		displayName: 'Strict Totals',
		name: 'strictTotals',
		type: 'boolean',
		default: false,
		description:
			'Whether arithmetic mismatches between lines and totals stop the item instead of being reported as warnings',
	},
	{
		displayName: 'Validate Only (Dry Run)',
		name: 'validateOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to only validate and output the exact body that would be sent. Nothing is sent and no folio is used.',
	},
]);
