import { readVerdict } from '../../../nodes/Koywe/output/verdict';

const chile = (header: Record<string, unknown>) => ({
	document_id: 1001,
	header: { issuer_country_id: 253, document_status: 1, ...header },
});

describe('the tax authority verdict of a document', () => {
	test('a Chilean invoice just issued is pending, and waiting can still change that', () => {
		const reading = readVerdict(chile({ taxbureau_sending_status: 0 }));
		expect(reading).toMatchObject({ verdict: 'pending', final: false });
		expect(reading.reason).toContain('SII');
	});

	test('a Chilean invoice received by SII but not yet validated is still pending', () => {
		const reading = readVerdict(chile({ taxbureau_sending_status: 1, taxbureau_validation_status: 1 }));
		expect(reading).toMatchObject({ verdict: 'pending', final: false });
	});

	test('validation status 3 is accepted and final', () => {
		const reading = readVerdict(chile({ taxbureau_sending_status: 1, taxbureau_validation_status: 3 }));
		expect(reading).toMatchObject({ verdict: 'accepted', final: true, validationStatus: 3 });
	});

	test('validation status 4 is accepted with remarks and carries the comments', () => {
		const reading = readVerdict(
			chile({
				taxbureau_sending_status: 1,
				taxbureau_validation_status: '4',
				taxbureau_validation_comments: 'Receptor sin giro',
			}),
		);
		expect(reading).toMatchObject({
			verdict: 'accepted_with_remarks',
			final: true,
			comments: 'Receptor sin giro',
		});
	});

	test('validation status 5 is rejected, with the comments and what to do', () => {
		const reading = readVerdict(
			chile({ taxbureau_validation_status: 5, taxbureau_validation_comments: 'Folio duplicado' }),
		);
		expect(reading).toMatchObject({ verdict: 'rejected', final: true, comments: 'Folio duplicado' });
		expect(reading.action).toMatch(/issue it again/);
	});

	test('a temporary sending error (Chile 101-110) is not a verdict: Koywe retries by itself', () => {
		const reading = readVerdict(chile({ taxbureau_sending_status: 103 }));
		expect(reading).toMatchObject({ verdict: 'pending', final: false });
		expect(reading.reason).toMatch(/retries by itself/);
	});

	test('a permanent sending error (Chile 204, certificate revoked) is a rejection that says what to fix', () => {
		const reading = readVerdict(chile({ taxbureau_sending_status: 204 }));
		expect(reading).toMatchObject({ verdict: 'rejected', final: true });
		expect(reading.reason).toMatch(/revoked/);
		expect(reading.action).toMatch(/certificate/);
	});

	test('a draft has no verdict and waiting for one would never end', () => {
		const reading = readVerdict(chile({ document_status: 0 }));
		expect(reading).toMatchObject({ verdict: 'pending', final: true });
		expect(reading.reason).toMatch(/draft/);
	});

	test('a Mexican CFDI issued without a validation status was validated by SAT at issuance', () => {
		const reading = readVerdict({ header: { issuer_country_id: 80, document_status: 1 } });
		expect(reading).toMatchObject({ verdict: 'accepted', final: true });
		expect(reading.reason).toContain('SAT');
	});

	test('a cancelled Mexican CFDI says it was cancelled', () => {
		const reading = readVerdict({ header: { document_status: 2 } }, 'MX');
		expect(reading).toMatchObject({ verdict: 'accepted', cancelled: true });
		expect(reading.reason).toMatch(/cancelled/);
	});

	test('a Chilean document with no status fields at all is pending, not accepted', () => {
		expect(readVerdict({ document_id: 7 }, 'CL')).toMatchObject({ verdict: 'pending', final: false });
	});

	test('the webhook payload shape (taxbureau_send_status, flat) reads the same as a document', () => {
		const reading = readVerdict(
			{ document_id: 9, taxbureau_send_status: 1, taxbureau_validation_status: 3, document_status: 1 },
			'CL',
		);
		expect(reading).toMatchObject({ verdict: 'accepted', sendingStatus: 1, validationStatus: 3 });
	});

	test('a document closed without being sent gives no verdict, and waiting will not bring one', () => {
		const reading = readVerdict(chile({ taxbureau_sending_status: 2 }));
		expect(reading).toMatchObject({ verdict: 'pending', final: true });
	});
});
