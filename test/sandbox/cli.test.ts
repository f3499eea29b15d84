import { banner, parseCliArgs, runCli, CLI_HELP } from './cli';
import { DEMO_CREDENTIALS } from './index';
import { authBody, call } from './helpers';

describe('sandbox CLI', () => {
	it('defaults to port 8787 without faults', () => {
		expect(parseCliArgs([])).toEqual({ help: false, options: { port: 8787 } });
	});

	it('maps fault flags to a Partial<Faults>', () => {
		const { options } = parseCliArgs([
			'--port',
			'0',
			'--rate-limit',
			'5',
			'--burst=8',
			'--retry-after',
			'http-date',
			'--forced-429',
			'3',
			'--forced-429-retry-after',
			'none',
			'--latency',
			'25',
			'--revoke-after-creates',
			'4',
			'--ambiguous-every',
			'3',
			'--ambiguous-mode',
			'delay',
			'--ambiguous-delay',
			'900',
			'--read-error-every',
			'7',
			'--auth-failure',
			'--folio-limit',
			'10',
			'--envelope',
			'hal',
			'--items',
			'full',
			'--token-ttl',
			'60',
		]);
		expect(options).toEqual({
			port: 0,
			listEnvelope: 'hal',
			listItemShape: 'full',
			tokenTtlSeconds: 60,
			faults: {
				rateLimit: { perSecond: 5, burst: 8, retryAfter: 'http-date' },
				forced429: 3,
				forced429RetryAfter: 'none',
				latencyMs: 25,
				revokeTokensAfterCreates: 4,
				ambiguousCreate: { every: 3, mode: 'delay', delayMs: 900 },
				readErrorEvery: 7,
				authFailure: true,
				folioLimit: 10,
			},
		});
	});

	it.each([
		[['--port', 'x']],
		[['--port']],
		[['--rate-limit', '0']],
		[['--retry-after', 'soon']],
		[['--ambiguous-mode', 'explode']],
		[['--burst', '2']],
		[['--whatever']],
	])('rejects %j', (argv) => {
		expect(() => parseCliArgs(argv)).toThrow();
	});

	it('prints help', async () => {
		const lines: string[] = [];
		expect(await runCli(['--help'], (l) => lines.push(l))).toBeUndefined();
		expect(lines.join('\n')).toBe(CLI_HELP);
		expect(CLI_HELP).toContain('--rate-limit');
	});

	it('starts a working sandbox and prints the base URL and demo credentials', async () => {
		const lines: string[] = [];
		const sb = await runCli(['--port', '0', '--rate-limit', '5'], (l) => lines.push(l));
		try {
			const text = lines.join('\n');
			expect(text).toContain(`Base URL:      ${sb!.baseUrl}`);
			expect(text).toContain(DEMO_CREDENTIALS.clientSecret);
			expect(text).toContain(DEMO_CREDENTIALS.password);
			expect(text).toContain('CL 423');
			expect(text).toMatch(/rateLimit=\{"perSecond":5,"retryAfter":"seconds"\}/);
			expect(banner(sb!)).toBe(text);
			const auth = await call('POST', `${sb!.baseUrl}/auth`, { json: authBody() });
			expect(auth.status).toBe(200);
		} finally {
			await sb?.stop();
		}
	});
});
