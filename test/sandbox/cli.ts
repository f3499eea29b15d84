/**
 * `npm run sandbox` – starts the Koywe sandbox for a person. Ctrl-C stops it.
 *
 *   npm run sandbox -- --port 0 --rate-limit 5 --retry-after http-date
 */
import { readFileSync } from 'node:fs';

import { DEMO_ACCOUNTS } from './data';
import { VERDICT_OUTCOMES } from './faultChecks';
import { DEFAULT_FAULTS, DEFAULT_PORT, KoyweSandbox, validateFaults } from './server';
import type {
	AmbiguousMode,
	FaultsInput,
	ListEnvelope,
	ListItemShape,
	RetryAfterMode,
	SandboxOptions,
	VerdictOutcome,
	WebhookAuth,
} from './types';

export const CLI_HELP = `Koywe Billing API sandbox (local simulator, in-memory)

Usage: npm run sandbox -- [options]

  --port N                      listen port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H                      listen address (default 127.0.0.1)
  --token-ttl S                 access token lifetime in seconds (default 3600)
  --envelope documents|hal|data list envelope of GET /documents (default documents)
  --items simplified|full       list item shape (default simplified)
Faults:
  --latency MS                  added to every request
  --rate-limit N                N requests per second per token or API user (429 beyond)
  --burst N                     bucket size for --rate-limit (default N)
  --retry-after seconds|http-date|none   Retry-After form on rate-limit 429s (default seconds)
  --forced-429 N                the next N authenticated calls answer 429
  --forced-429-retry-after seconds|http-date|none
  --forced-429-seconds S        Retry-After value of forced 429s (default 1)
  --revoke-after-creates N      after N stored documents every token is revoked once
  --ambiguous-every K           every K-th stored create misbehaves after committing
  --ambiguous-mode 500|destroy|delay|late-commit     (default 500)
  --ambiguous-delay MS          delay for --ambiguous-mode delay (default 3000)
  --commit-delay MS             late-commit: the document is stored MS after the request (default 1500)
  --answer-delay MS             late-commit: the 201 comes MS after the request (default: never)
  --read-error-every K          every K-th GET answers 503
  --auth-failure                POST /auth rejects everyone
  --folio-limit N               after N folios per account and type, creates answer result.status 2
  --rate-limit-scope token|account       one bucket per token (default) or per API user (the account's limit)
  --list-error-every K          every K-th list search (GET /documents) answers 503
  --verdicts OUTCOME            simulate tax-bureau verdicts (${VERDICT_OUTCOMES.join(', ')})
  --verdict-delay MS            ms between verdict steps (default 200)
  --webhook-auth basic|body|both|none    how webhook deliveries present the callback credentials (default basic)
  --faults JSON|@FILE           any faults as JSON (see test/sandbox/README.md), e.g.
                                '{"ambiguousCreate":{"every":2,"mode":"late-commit","commitDelayMs":2500}}';
                                the flags above are applied over it
  --help                        this text
`;

export interface CliConfig {
	help: boolean;
	options: SandboxOptions;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(value)) {
		throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

function num(flag: string, value: string, { integer = true, min = 0 } = {}): number {
	const n = Number(value);
	if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
		throw new Error(`${flag} expects ${integer ? 'an integer' : 'a number'} >= ${min}, got "${value}"`);
	}
	return n;
}

export function parseCliArgs(argv: string[]): CliConfig {
	const options: SandboxOptions = { port: DEFAULT_PORT };
	const faults: FaultsInput = {};
	let jsonFaults: FaultsInput = {};
	let verdictOutcome: VerdictOutcome | undefined;
	let verdictDelay: number | undefined;
	const modes = ['seconds', 'http-date', 'none'] as const;
	let rateLimit: number | undefined;
	let burst: number | undefined;
	let retryAfter: RetryAfterMode = 'seconds';
	let ambiguousEvery: number | undefined;
	let ambiguousMode: AmbiguousMode = '500';
	let ambiguousDelay: number | undefined;
	let commitDelay: number | undefined;
	let answerDelay: number | undefined;
	let help = false;

	const args = [...argv];
	while (args.length > 0) {
		let flag = args.shift()!;
		let inline: string | undefined;
		const eq = flag.indexOf('=');
		if (flag.startsWith('--') && eq > 0) {
			inline = flag.slice(eq + 1);
			flag = flag.slice(0, eq);
		}
		const value = (): string => {
			const v = inline ?? args.shift();
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--help':
			case '-h':
				help = true;
				break;
			case '--port':
				options.port = num(flag, value());
				break;
			case '--host':
				options.host = value();
				break;
			case '--token-ttl':
				options.tokenTtlSeconds = num(flag, value(), { integer: false, min: 0.001 });
				break;
			case '--envelope':
				options.listEnvelope = oneOf<ListEnvelope>(flag, value(), ['documents', 'hal', 'data']);
				break;
			case '--items':
				options.listItemShape = oneOf<ListItemShape>(flag, value(), ['simplified', 'full']);
				break;
			case '--latency':
				faults.latencyMs = num(flag, value(), { integer: false });
				break;
			case '--rate-limit':
				rateLimit = num(flag, value(), { integer: false, min: 0.001 });
				break;
			case '--burst':
				burst = num(flag, value(), { min: 1 });
				break;
			case '--retry-after':
				retryAfter = oneOf(flag, value(), modes);
				break;
			case '--forced-429':
				faults.forced429 = num(flag, value());
				break;
			case '--forced-429-retry-after':
				faults.forced429RetryAfter = oneOf(flag, value(), modes);
				break;
			case '--forced-429-seconds':
				faults.forced429RetryAfterSeconds = num(flag, value(), { integer: false });
				break;
			case '--revoke-after-creates':
				faults.revokeTokensAfterCreates = num(flag, value(), { min: 1 });
				break;
			case '--ambiguous-every':
				ambiguousEvery = num(flag, value(), { min: 1 });
				break;
			case '--ambiguous-mode':
				ambiguousMode = oneOf<AmbiguousMode>(flag, value(), ['500', 'destroy', 'delay', 'late-commit']);
				break;
			case '--ambiguous-delay':
				ambiguousDelay = num(flag, value());
				break;
			case '--commit-delay':
				commitDelay = num(flag, value());
				break;
			case '--answer-delay':
				answerDelay = num(flag, value());
				break;
			case '--read-error-every':
				faults.readErrorEvery = num(flag, value(), { min: 1 });
				break;
			case '--auth-failure':
				faults.authFailure = true;
				break;
			case '--folio-limit':
				faults.folioLimit = num(flag, value());
				break;
			case '--rate-limit-scope':
				faults.rateLimitScope = oneOf(flag, value(), ['token', 'account'] as const);
				break;
			case '--list-error-every':
				faults.listErrorEvery = num(flag, value(), { min: 1 });
				break;
			case '--verdicts':
				verdictOutcome = oneOf<VerdictOutcome>(flag, value(), VERDICT_OUTCOMES);
				break;
			case '--verdict-delay':
				verdictDelay = num(flag, value());
				break;
			case '--webhook-auth':
				faults.webhookAuth = oneOf<WebhookAuth>(flag, value(), ['basic', 'body', 'both', 'none']);
				break;
			case '--faults':
				jsonFaults = parseFaultsJson(value());
				break;
			default:
				throw new Error(`unknown option ${flag} (see --help)`);
		}
	}
	if (rateLimit !== undefined) {
		faults.rateLimit = { perSecond: rateLimit, retryAfter, ...(burst === undefined ? {} : { burst }) };
	} else if (burst !== undefined) {
		throw new Error('--burst needs --rate-limit');
	}
	if (ambiguousEvery !== undefined) {
		faults.ambiguousCreate = {
			every: ambiguousEvery,
			mode: ambiguousMode,
			...(ambiguousDelay === undefined ? {} : { delayMs: ambiguousDelay }),
			...(commitDelay === undefined ? {} : { commitDelayMs: commitDelay }),
			...(answerDelay === undefined ? {} : { answerDelayMs: answerDelay }),
		};
	} else if (commitDelay !== undefined || answerDelay !== undefined) {
		throw new Error('--commit-delay and --answer-delay need --ambiguous-every');
	}
	if (verdictOutcome !== undefined) {
		faults.verdicts = { outcome: verdictOutcome, ...(verdictDelay === undefined ? {} : { delayMs: verdictDelay }) };
	} else if (verdictDelay !== undefined) {
		throw new Error('--verdict-delay needs --verdicts');
	}
	const merged = { ...jsonFaults, ...faults };
	if (Object.keys(merged).length > 0) options.faults = validateFaults(merged);
	return { help, options };
}

/** `--faults` value: inline JSON, or @path to a JSON file. */
function parseFaultsJson(value: string): FaultsInput {
	const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new Error(`--faults is not valid JSON: ${(error as Error).message}`);
	}
	validateFaults(parsed);
	return parsed as FaultsInput;
}

export function banner(sandbox: KoyweSandbox): string {
	const c = sandbox.credentials;
	const faults = sandbox.getFaults();
	const defaults = DEFAULT_FAULTS as unknown as Record<string, unknown>;
	const active = Object.entries(faults).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]));
	return [
		'Koywe sandbox (simulated Koywe Billing API, nothing leaves this machine)',
		`  Base URL:      ${sandbox.baseUrl}`,
		'  Credentials:',
		`    client_id      ${c.clientId}`,
		`    client_secret  ${c.clientSecret}`,
		`    username       ${c.username}`,
		`    password       ${c.password}`,
		`  Accounts:      ${Object.entries(DEMO_ACCOUNTS)
			.map(([country, id]) => `${country} ${id}`)
			.join(', ')}`,
		`  Control API:   ${sandbox.origin}/__sandbox/{stats,faults,documents,reset,seed,webhook_deliveries,…} (no auth)`,
		`  Faults:        ${active.length === 0 ? 'none' : active.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`,
		'  Ctrl-C stops it.',
	].join('\n');
}

/** Starts the sandbox from CLI arguments; returns it (undefined for --help). */
export async function runCli(
	argv: string[],
	log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<KoyweSandbox | undefined> {
	const config = parseCliArgs(argv);
	if (config.help) {
		log(CLI_HELP);
		return undefined;
	}
	const sandbox = await new KoyweSandbox(config.options).start();
	log(banner(sandbox));
	return sandbox;
}

if (require.main === module) {
	runCli(process.argv.slice(2)).then(
		(sandbox) => {
			if (!sandbox) return;
			const shutdown = () => {
				void sandbox.stop().then(() => process.exit(0));
			};
			process.once('SIGINT', shutdown);
			process.once('SIGTERM', shutdown);
		},
		(error: unknown) => {
			process.stderr.write(`sandbox: ${(error as Error).message}\n`);
			process.exit(1);
		},
	);
}
