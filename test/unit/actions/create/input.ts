import type { CreateInput } from '../../../../nodes/Koywe/actions/document/create/parameters';

/** A Create input as the parameters reader would give it, for the pure stages' tests. */
export function createInput(overrides: Partial<CreateInput> = {}): CreateInput {
	return {
		country: 'CL',
		documentType: 2,
		accountId: 423,
		reference: 'ORDER-1',
		mode: 'fields',
		guided: {
			issueDate: '2026-11-21',
			receiverTaxId: '76399932-7',
			receiverTaxIdType: '',
			receiverLegalName: 'Comercial Los Andes SpA',
			receiver: {},
			issuer: {},
			globalDiscounts: [],
			lineItems: [{ description: 'Soporte', quantity: 2, unitPrice: 1000 }],
			references: [],
			additionalFields: {},
		},
		extraHeaderJson: '{}',
		options: {
			checkBeforeCreate: false,
			computeTotals: true,
			downloadFiles: false,
			draftOnly: false,
			generateStamp: false,
			strictTotals: false,
			validateOnly: false,
		},
		now: new Date('2026-11-21T15:00:00Z'),
		...overrides,
	};
}
