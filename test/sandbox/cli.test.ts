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

	it('takes any faults as JSON with --faults, the flags applied over it', () => {
		const json = JSON.stringify({
			ambiguousCreate: { every: 2, mode: 'late-commit', commitDelayMs: 2500 },
			webhookDuplicate: true,
			latencyMs: 5,
		});
		const { options } = parseCliArgs(['--faults', json, '--latency', '9']);
		expect(options.faults).toEqual({
			ambiguousCreate: { every: 2, mode: 'late-commit', commitDelayMs: 2500, answerDelayMs: null },
			webhookDuplicate: { times: 2, gapMs: 0 },
			latencyMs: 9,
		});
	});

	it('reads --faults @file', () => {
		const { writeFileSync, mkdtempSync } = require('node:fs') as typeof import('node:fs');
		const dir = mkdtempSync(`${require('node:os').tmpdir()}/sandbox-cli-`);
		writeFileSync(`${dir}/faults.json`, '{"listErrorEvery": 3}');
		expect(parseCliArgs(['--faults', `@${dir}/faults.json`]).options.faults).toEqual({ listErrorEvery: 3 });
	});

	it('maps a late commit', () => {
		const { options } = parseCliArgs(['--ambiguous-every', '3', '--ambiguous-mode', 'late-commit', '--commit-delay', '2500']);
		expect(options.faults).toEqual({
			ambiguousCreate: { every: 3, mode: 'late-commit', commitDelayMs: 2500, answerDelayMs: null },
		});
	});

	it('maps the lifecycle and queue-mode flags', () => {
		const { options } = parseCliArgs([
			'--rate-limit-scope',
			'account',
			'--list-error-every',
			'4',
			'--verdicts',
			'rejected',
			'--verdict-delay',
			'100',
			'--webhook-auth',
			'body',
		]);
		expect(options.faults).toMatchObject({
			rateLimitScope: 'account',
			listErrorEvery: 4,
			verdicts: { outcome: 'rejected', delayMs: 100, mode: 'auto' },
			webhookAuth: 'body',
		});
	});

	it.each([
		[['--port', 'x']],
		[['--faults', '{nope']],
		[['--faults', '{"boom":1}']],
		[['--verdicts', 'maybe']],
		[['--verdict-delay', '10']],
		[['--rate-limit-scope', 'galaxy']],
		[['--commit-delay', '10']],
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
