/**
 * The release rules that can be checked offline: package.json stays within n8n's rules for verified community
 * nodes, only the publish workflow can publish (a local `npm publish` is refused, and never uploads), `npm run
 * release` makes the tag the publish workflow runs on and dates the changelog, the docs links resolve, and the
 * workflow lint catches broken workflow files.
 *
 * npm and git run in throwaway copies of the package with a clean environment (no CI variables, an empty npm user
 * config); the only registry any of them talks to is a stub on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const RELEASE_SCRIPT = path.join('scripts', 'release.mjs');
const LINT_SCRIPT = path.join(ROOT, 'scripts', 'lint-workflows.mjs');

let scratch: string;
beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-release-test-'));
	fs.mkdirSync(path.join(scratch, 'home'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A shell environment with nothing from this one but PATH: no CI variables, no RELEASE_MODE, no npm token. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const home = path.join(scratch, 'home');
	return {
		PATH: process.env.PATH,
		HOME: home,
		LANG: 'C.UTF-8',
		npm_config_userconfig: path.join(home, '.npmrc'),
		npm_config_cache: path.join(home, '.npm'),
		npm_config_update_notifier: 'false',
		GIT_AUTHOR_NAME: 'Release Test',
		GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
		GIT_COMMITTER_NAME: 'Release Test',
		GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
		GIT_CONFIG_NOSYSTEM: '1',
		...extra,
	};
}

interface Run {
	code: number;
	output: string;
}

function run(command: string, args: string[], cwd: string, env = cleanEnv()): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			command,
			args,
			{ cwd, env, encoding: 'utf8', timeout: 60_000 },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({ code, output: `${stdout}${stderr}` });
			},
		);
	});
}

let stageCount = 0;
/** A copy of the package as a maintainer's checkout has it: package.json, .npmrc, the changelog, the release
 * script, README and LICENSE, and a stand-in for the built files package.json's `n8n` section lists. */
function stagePackage({ built = true } = {}): string {
	const dir = path.join(scratch, `package-${++stageCount}`);
	fs.mkdirSync(path.join(dir, 'scripts'), { recursive: true });
	for (const file of [
		'package.json',
		'.npmrc',
		'CHANGELOG.md',
		'README.md',
		'LICENSE',
		RELEASE_SCRIPT,
	]) {
		fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
	}
	if (built) {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
			fs.writeFileSync(path.join(dir, file), 'module.exports = {};\n');
		}
	}
	return dir;
}

async function gitRepo(dir: string, branch = 'main'): Promise<void> {
	for (const args of [
		['init', '-q', '-b', branch],
		['add', '-A'],
		['commit', '-q', '-m', 'staged package'],
	]) {
		const result = await run('git', args, dir);
		if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.output}`);
	}
}

describe("package.json keeps n8n's rules for verified community nodes", () => {
	test('no runtime dependencies, no overrides, and n8n-workflow as the only peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.overrides).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	test('no install lifecycle script; the publish guard is a prepublishOnly, which n8n allows', () => {
		const forbidden = [
			'prepare',
			'preinstall',
			'install',
			'postinstall',
			'prepublish',
			'preprepare',
			'postprepare',
		];
		expect(Object.keys(pkg.scripts).filter((name) => forbidden.includes(name))).toEqual([]);
		expect(pkg.scripts.prepublishOnly).toBe('node scripts/release.mjs guard');
	});

	test('npm pack works without running the guard, and packs the build only (no release scripts)', async () => {
		const dir = stagePackage();
		const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], dir);
		expect(packed.code).toBe(0);
		expect(packed.output).not.toContain('npm publish refused');
		const files: string[] = JSON.parse(
			packed.output.slice(packed.output.indexOf('[')),
		)[0].files.map((f: { path: string }) => f.path);
		expect(files).toEqual(
			expect.arrayContaining([...pkg.n8n.nodes, ...pkg.n8n.credentials, 'package.json']),
		);
		expect(files.filter((f) => !f.startsWith('dist/'))).toEqual([
			'LICENSE',
			'README.md',
			'package.json',
		]);
	});
});

describe('only the publish workflow can publish', () => {
	test('npm publish without RELEASE_MODE stops at the guard, which points at the publish workflow', async () => {
		const dir = stagePackage();
		const result = await run('npm', ['publish', '--dry-run', '--ignore-scripts=false'], dir);
		expect(result.code).not.toBe(0);
		expect(result.output).toContain(
			'npm publish refused: n8n-nodes-koywe is published only by the GitHub Actions',
		);
		expect(result.output).toContain('.github/workflows/publish.yml');
		expect(result.output).toContain('npm run release -- patch|minor|major');
		expect(result.output).not.toContain('Publishing to');
	});

	test('with RELEASE_MODE=true the guard lets a built package through', async () => {
		const result = await run(
			'node',
			[RELEASE_SCRIPT, 'guard'],
			stagePackage(),
			cleanEnv({ RELEASE_MODE: 'true' }),
		);
		expect(result).toEqual({ code: 0, output: expect.stringContaining('publishing') });
	});

	test('with RELEASE_MODE=true but nothing built, the guard refuses to ship an empty package', async () => {
		const dir = stagePackage({ built: false });
		const result = await run(
			'node',
			[RELEASE_SCRIPT, 'guard'],
			dir,
			cleanEnv({ RELEASE_MODE: 'true' }),
		);
		expect(result.code).toBe(1);
		expect(result.output).toContain('the build is missing (dist/nodes/Koywe/Koywe.node.js');
	});

	test.each([
		['with the checkout’s .npmrc (scripts ignored, so no guard)', [], {}],
		[
			'with scripts on and RELEASE_MODE=true set by hand',
			['--ignore-scripts=false'],
			{ RELEASE_MODE: 'true' },
		],
	])(
		'logged in, a publish from outside GitHub Actions never uploads: %s',
		async (_name, flags, extraEnv) => {
			const requests: string[] = [];
			const registry = http.createServer((req, res) => {
				requests.push(`${req.method} ${req.url}`);
				req.resume();
				req.on('end', () => {
					res.writeHead(req.method === 'GET' ? 404 : 201, { 'content-type': 'application/json' });
					res.end(req.method === 'GET' ? '{"error":"Not found"}' : '{}');
				});
			});
			await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
			try {
				const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
				const auth = `--${url.replace(/^http:/, '')}:_authToken=stub-token`;
				const result = await run(
					'npm',
					['publish', `--registry=${url}`, auth, ...flags],
					stagePackage(),
					cleanEnv(extraEnv),
				);
				expect(result.code).not.toBe(0);
				expect(result.output).toContain('provenance generation not supported');
				expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
			} finally {
				await new Promise((resolve) => registry.close(resolve));
			}
		},
	);
});

describe('npm run release', () => {
	const today = () => new Date().toISOString().slice(0, 10);

	test('bumps the version, dates the Unreleased changes as that version, commits and tags v<version>', async () => {
		const dir = stagePackage({ built: false });
		const unreleased = /## \[Unreleased\]\n\n([\s\S]*?)\n## \[/.exec(
			fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8'),
		);
		expect(unreleased?.[1]).toMatch(/^- /m);
		await gitRepo(dir);

		const release = await run('npm', ['run', 'release', '--', 'minor'], dir);
		expect(release.code).toBe(0);

		const [major, minor] = pkg.version.split('.').map(Number);
		const next = `${major}.${minor + 1}.0`;
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(next);
		const changelog = fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toContain(
			`## [Unreleased]\n\n## [${next}] - ${today()}\n\n${unreleased![1].trim()}\n`,
		);
		expect(changelog).toContain(
			`[Unreleased]: https://github.com/koywe-community/n8n-nodes-koywe/compare/v${next}...HEAD`,
		);
		expect(changelog).toContain(
			`[${next}]: https://github.com/koywe-community/n8n-nodes-koywe/compare/v${pkg.version}...v${next}`,
		);
		expect((await run('git', ['status', '--porcelain'], dir)).output).toBe('');
		expect((await run('git', ['cat-file', '-t', `v${next}`], dir)).output.trim()).toBe('tag');
		expect((await run('git', ['rev-parse', `v${next}^{commit}`], dir)).output).toBe(
			(await run('git', ['rev-parse', 'HEAD'], dir)).output,
		);
		const checked = await run(
			'node',
			[RELEASE_SCRIPT, 'check-tag', `v${next}`, '--on', 'main'],
			dir,
		);
		expect(checked).toEqual({ code: 0, output: expect.stringContaining('npm dist-tag latest') });
	});

	test('a release candidate goes to npm as next; its final version needs no new entries and goes as latest', async () => {
		const dir = stagePackage({ built: false });
		await gitRepo(dir);
		const [major, minor] = pkg.version.split('.').map(Number);
		const final = `${major}.${minor + 1}.0`;

		expect((await run('npm', ['run', 'release', '--', `${final}-rc.0`], dir)).code).toBe(0);
		const candidate = await run('node', [RELEASE_SCRIPT, 'check-tag', `v${final}-rc.0`], dir);
		expect(candidate.output).toContain('npm dist-tag next');

		expect((await run('npm', ['run', 'release', '--', final], dir)).code).toBe(0);
		const changelog = fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toContain(
			`## [${final}] - ${today()}\n\n- ${final}-rc.0, released as ${final} without changes.\n`,
		);
		const stable = await run('node', [RELEASE_SCRIPT, 'check-tag', `v${final}`], dir);
		expect(stable.output).toContain('npm dist-tag latest');
	});

	test('with nothing under Unreleased, it refuses and changes nothing', async () => {
		const dir = stagePackage({ built: false });
		const file = path.join(dir, 'CHANGELOG.md');
		const emptied = fs
			.readFileSync(file, 'utf8')
			.replace(/## \[Unreleased\]\n[\s\S]*?\n(## \[)/, '## [Unreleased]\n\n### Added\n\n$1');
		fs.writeFileSync(file, emptied);
		await gitRepo(dir);

		const release = await run('npm', ['run', 'release', '--', 'patch'], dir);
		expect(release.code).not.toBe(0);
		expect(release.output).toContain('the [Unreleased] section lists no change');
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe(
			pkg.version,
		);
		expect(fs.readFileSync(file, 'utf8')).toBe(emptied);
		expect((await run('git', ['tag'], dir)).output).toBe('');
	});

	test('on a branch other than main, it refuses before changing anything', async () => {
		const dir = stagePackage({ built: false });
		await gitRepo(dir, 'feature');
		const release = await run('npm', ['run', 'release', '--', 'patch'], dir);
		expect(release.code).not.toBe(0);
		expect(release.output).toContain('releases are cut from main, and this checkout is on feature');
		expect((await run('git', ['tag'], dir)).output).toBe('');
	});
});

describe('the repository is ready to release', () => {
	test("the newest release in CHANGELOG.md is package.json's version, below an Unreleased section", () => {
		const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
		const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)];
		expect(headings[0][1]).toBe('Unreleased');
		expect(headings[1][1]).toBe(pkg.version);
		expect(headings[1][2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	test("the publish workflow's tag check accepts v<version> and nothing else", async () => {
		const ok = await run('node', [RELEASE_SCRIPT, 'check-tag', `v${pkg.version}`], ROOT);
		expect(ok.code).toBe(0);
		for (const tag of [pkg.version, `v${pkg.version}-rc.1`, 'v9.9.9']) {
			const refused = await run('node', [RELEASE_SCRIPT, 'check-tag', tag], ROOT);
			expect(refused.code).toBe(1);
			expect(refused.output).toContain(`the tag must be "v${pkg.version}"`);
		}
	});

	test("the node's and the credential's documentation links open README sections that exist", () => {
		const readme = fs
			.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
			.replace(/^```[\s\S]*?^```/gm, '');
		const anchors = new Set(
			[...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
				m[1]
					.trim()
					.toLowerCase()
					.replace(/[^\p{L}\p{N} _-]/gu, '')
					.replace(/ /g, '-'),
			),
		);
		const repo = 'https://github.com/koywe-community/n8n-nodes-koywe';
		const codex = JSON.parse(
			fs.readFileSync(path.join(ROOT, 'nodes/Koywe/Koywe.node.json'), 'utf8'),
		);
		const credential = fs.readFileSync(
			path.join(ROOT, 'credentials/KoyweApi.credentials.ts'),
			'utf8',
		);
		const links = {
			primary: codex.resources.primaryDocumentation.map((d: { url: string }) => d.url),
			credential: codex.resources.credentialDocumentation.map((d: { url: string }) => d.url),
			credentialClass: [/documentationUrl = '([^']+)'/.exec(credential)?.[1]],
		};
		expect(links).toEqual({
			primary: [`${repo}#operations`],
			credential: [`${repo}#credentials`],
			credentialClass: [`${repo}#credentials`],
		});
		expect(anchors).toContain('operations');
		expect(anchors).toContain('credentials');
	});
});

describe('the workflow lint (npm run lint:workflows)', () => {
	/** A copy of what the lint reads, with one file changed. */
	function stageWorkflows(file: string, change: (text: string) => string): string {
		const dir = path.join(scratch, `workflows-${++stageCount}`);
		fs.cpSync(path.join(ROOT, '.github'), path.join(dir, '.github'), { recursive: true });
		fs.mkdirSync(path.join(dir, '.ci'));
		for (const f of ['package.json', '.npmrc', '.ci/run'])
			fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
		const target = path.join(dir, file);
		const before = fs.readFileSync(target, 'utf8');
		const after = change(before);
		if (after === before) throw new Error(`the change to ${file} matched nothing`);
		fs.writeFileSync(target, after);
		return dir;
	}

	test("passes on the repository's workflow files", async () => {
		const result = await run('node', [LINT_SCRIPT], ROOT);
		expect(result).toEqual({ code: 0, output: expect.stringContaining(', 0 problems') });
	});

	const publish = '.github/workflows/publish.yml';
	const ci = '.github/workflows/ci.yml';
	test.each([
		[
			'the publish job loses id-token: write',
			publish,
			(t: string) => t.replace('      id-token: write\n', ''),
			'publish-permissions',
		],
		[
			'npm publish drops --provenance',
			publish,
			(t: string) => t.replace('--provenance ', ''),
			'publish-provenance',
		],
		[
			'npm publish no longer sets RELEASE_MODE',
			publish,
			(t: string) => t.replace(/^ +RELEASE_MODE: .*\n/m, ''),
			'publish-guard',
		],
		[
			'the tests run after npm publish',
			publish,
			(t: string) => t.replace('run: npm test', 'run: echo no tests'),
			'publish-order',
		],
		[
			'npm version tags without the prefix publish.yml listens for',
			'.npmrc',
			(t: string) => t.replace('tag-version-prefix=v', 'tag-version-prefix='),
			'publish-tags',
		],
		[
			'an action follows a moving major tag',
			ci,
			(t: string) => t.replace('actions/checkout@v5.0.0', 'actions/checkout@v5'),
			'pinned-actions',
		],
		[
			'CI skips a check that .ci/run makes',
			ci,
			(t: string) => t.replace('run: npm run typecheck', 'run: echo skipped'),
			'ci-same-checks',
		],
		[
			'a job key is misspelt',
			ci,
			(t: string) => t.replace('runs-on:', 'runs_on:'),
			'actionlint syntax-check',
		],
		[
			'an expression refers to a step that does not exist',
			publish,
			(t: string) => t.replace('steps.release.outputs', 'steps.relase.outputs'),
			'actionlint expression',
		],
		['the file is not valid YAML', publish, (t: string) => `${t}\n  broken: [\n`, 'yaml'],
	])('fails when %s', async (_name, file, change, rule) => {
		const result = await run('node', [LINT_SCRIPT, '--root', stageWorkflows(file, change)], ROOT);
		expect(result.code).toBe(1);
		expect(result.output).toContain(`(${rule})`);
	});
});
