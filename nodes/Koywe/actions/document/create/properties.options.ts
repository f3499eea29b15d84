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
		displayOptions: { show: { '/country': ['CL'] } },
	},
	{
		displayName: 'Generate Stamp',
		name: 'generateStamp',
		type: 'boolean',
		default: false,
		description: 'Whether to also return the stamp image (timbre electrónico, Chile)',
	},
	{
		displayName: 'Prices Include VAT (Chile)',
		name: 'grossValues',
		type: 'boolean',
		default: false,
		description:
			"Whether the line prices include VAT (Koywe's gross_values, documented for electronic receipts 37 and 41). Computed totals then derive the net from them.",
		displayOptions: { show: { '/country': ['CL'] } },
	},
	{
		displayName: 'Rounding Type',
		name: 'roundingType',
		type: 'options',
		default: '',
		options: [
			{ name: "Account's Setting", value: '' },
			{
				name: 'Gross',
				value: 'gross',
				description: 'Koywe rounds VAT on the amounts including it',
			},
			{ name: 'Net', value: 'net', description: 'Koywe rounds VAT on the net amounts' },
		],
		description:
			"How Koywe rounds VAT (rounding_type). The node's computed totals always round the net first, then the tax.",
	},
	{
		displayName: 'Send Email (Colombia)',
		name: 'sendEmail',
		type: 'boolean',
		default: true,
		description:
			'Whether Koywe e-mails the document to the receiver e-mail (Koywe does so by default)',
		displayOptions: { show: { '/country': ['CO'] } },
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
		displayName: 'Template ID',
		name: 'templateId',
		type: 'number',
		default: 0,
		description:
			"Koywe print template (template_id); 0 = the account's default. An unknown ID falls back to the default.",
	},
	{
		displayName: 'Transfer Copy (Chile)',
		name: 'pdfTransferCopy',
		type: 'boolean',
		default: false,
		description:
			'Whether Koywe also produces the copia cedible, the copy used to transfer the invoice to a factoring company (pdf_transfer_copy)',
		displayOptions: { show: { '/country': ['CL'] } },
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
