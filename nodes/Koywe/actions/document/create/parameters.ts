import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asList, asObject, text } from '../../../shared/values';
import type { ItemContext } from '../../context';
import type { GuidedFields } from './guided';

export interface CreateOptions {
	checkBeforeCreate: boolean;
	computeTotals: boolean;
	downloadFiles: boolean;
	draftOnly: boolean;
	generateStamp: boolean;
	/** Chile only: line prices include VAT (Koywe's gross_values). */
	grossValues?: boolean;
	/** Chile only: also produce the transfer copy (copia cedible, Koywe's pdf_transfer_copy). */
	pdfTransferCopy?: boolean;
	/** Koywe's rounding_type ('net' or 'gross'); '' = the account's. */
	roundingType?: string;
	/** Koywe's template_id; 0 = the account's default template. */
	templateId?: number;
	/** Colombia only; undefined = not set (Koywe e-mails by default). */
	sendEmail?: boolean;
	strictTotals: boolean;
	validateOnly: boolean;
}

/** Every parameter Create reads for one item, read once, in one place. */
export interface CreateInput {
	/** As given; the body builder checks it is one of the five countries. */
	country: string;
	documentType: number;
	accountId: number;
	/** The Reference parameter, trimmed ('' = none). */
	reference: string;
	/**
	 * The Reference parameter's expression (without the leading =), when it is one: an expression that gives
	 * nothing for an item is a mistake, not a choice to issue without protection.
	 */
	referenceExpression?: string;
	mode: 'fields' | 'json';
	/** Document JSON mode: the body, as an object (expression) or as text (pasted). */
	documentJson?: unknown;
	/** Fill in Fields mode: the guided fields, and the Extra Header JSON as given. */
	guided?: GuidedFields;
	extraHeaderJson?: unknown;
	options: CreateOptions;
	/** When the item is read: "today" (issue date, Peru's same-day receipts) is taken in the country's zone. */
	now: Date;
}

function readOptions(options: IDataObject): CreateOptions {
	return {
		checkBeforeCreate: options.checkBeforeCreate === true,
		computeTotals: options.computeTotals !== false,
		downloadFiles: options.downloadFiles === true,
		draftOnly: options.draftOnly === true,
		generateStamp: options.generateStamp === true,
		grossValues: options.grossValues === true,
		pdfTransferCopy: options.pdfTransferCopy === true,
		roundingType: text(options.roundingType),
		templateId: Number(options.templateId) || 0,
		sendEmail: options.sendEmail === undefined ? undefined : options.sendEmail === true,
		strictTotals: options.strictTotals === true,
		validateOnly: options.validateOnly === true,
	};
}

/** The values of a fixedCollection (`{ item: [...] }`) as a list. */
function collectionValues(value: unknown, key: string): IDataObject[] {
	return asList<IDataObject>(asObject(value)[key]);
}

export function readCreateInput(this: IExecuteFunctions, context: ItemContext): CreateInput {
	const { itemIndex } = context;
	const parameter = (name: string, fallback: unknown) =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const rawReference = this.getNode().parameters.reference;
	const isExpression =
		typeof rawReference === 'string' && rawReference.startsWith('=') && rawReference.trim() !== '=';
	const mode = parameter('inputMode', 'fields') === 'json' ? 'json' : 'fields';
	const input: CreateInput = {
		country: String(parameter('country', 'CL')),
		documentType: Number(parameter('documentType', 0)),
		accountId: Number(parameter('accountId', 0)),
		reference: text(parameter('reference', '')),
		referenceExpression: isExpression ? rawReference.slice(1) : undefined,
		mode,
		options: readOptions(context.options),
		now: new Date(),
	};
	if (mode === 'json') {
		input.documentJson = parameter('documentJson', '{}');
		return input;
	}
	const additionalFields = asObject(parameter('additionalFields', {}));
	input.extraHeaderJson = additionalFields.headerJson ?? '{}';
	input.guided = {
		issueDate: String(parameter('issueDate', '')),
		receiverTaxId: String(parameter('receiverTaxId', '')),
		receiverTaxIdType: String(parameter('receiverTaxIdType', '')),
		receiverLegalName: String(parameter('receiverLegalName', '')),
		receiver: asObject(parameter('receiver', {})),
		issuer: asObject(parameter('issuer', {})),
		lineItems: collectionValues(parameter('lineItems', {}), 'item'),
		references: collectionValues(parameter('references', {}), 'reference'),
		globalDiscounts: collectionValues(parameter('globalDiscounts', {}), 'entry'),
		additionalFields,
	};
	return input;
}
