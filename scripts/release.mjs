#!/usr/bin/env node
// The release rules of n8n-nodes-koywe, run by npm's lifecycle hooks and by .github/workflows/publish.yml.
// Plain Node (20 or newer), no dependencies; works in the current directory, which is the package root when npm
// runs it. Never shipped: package.json `files` is ["dist"].
//
//   guard          prepublishOnly. Refuses unless RELEASE_MODE=true, which only publish.yml sets, and then
//                  refuses a package whose build is missing (the tarball would hold no node).
//   preversion     `npm version`'s first hook, before anything is changed: refuses to release from a branch other
//                  than main, or when the changelog's Unreleased section is empty (unless the release is the
//                  final version of the newest pre-release: 1.0.0 after 1.0.0-rc.2).
//   version        `npm version`'s hook after the bump: Unreleased becomes the new version's section, dated
//                  today (UTC), with its compare link.
//   check-tag TAG [--on REF]
//                  publish.yml: TAG is tag-version-prefix (.npmrc) + package.json's version, the changelog's newest
//                  release is that version, and (with --on) the tagged commit is on REF. Writes the npm dist-tag
//                  (latest, or next for a pre-release) to $GITHUB_OUTPUT.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHANGELOG = 'CHANGELOG.md';
const RELEASE_BRANCH = 'main';
const SEMVER =
	/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const RELEASE_HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/;

class ReleaseError extends Error {}

function readPackage() {
	if (!fs.existsSync('package.json')) {
		throw new ReleaseError('no package.json here: run this from the package root (npm does)');
	}
	return JSON.parse(fs.readFileSync('package.json', 'utf8'));
}

/** The prefix `npm version` puts before the version in the tag: `tag-version-prefix` of the project's .npmrc
 * (npm's default "v" when it is not set there). */
export function tagPrefix(npmrcText) {
	for (const raw of npmrcText.split(/\r?\n/)) {
		const line = raw.trim();
		if (line.startsWith('#') || line.startsWith(';')) continue;
		const match = /^tag-version-prefix\s*=\s*(.*)$/.exec(line);
		if (match) return match[1].trim().replace(/^(["'])(.*)\1$/, '$2');
	}
	return 'v';
}

function readTagPrefix() {
	return tagPrefix(fs.existsSync('.npmrc') ? fs.readFileSync('.npmrc', 'utf8') : '');
}

/** Splits a Keep a Changelog file into the text before the first `## [` heading, its sections, and the link
 * definitions at the end (`[x]: url`). */
export function parseChangelog(text) {
	const lines = text.replace(/\r\n/g, '\n').split('\n');
	const preamble = [];
	const sections = [];
	const links = [];
	for (const line of lines) {
		const heading = RELEASE_HEADING.exec(line);
		if (heading) {
			sections.push({ name: heading[1], date: heading[2] ?? null, heading: line, body: [] });
		} else if (/^\[[^\]]+\]:\s*\S+/.test(line)) {
			links.push(line);
		} else if (sections.length === 0) {
			preamble.push(line);
		} else {
			sections[sections.length - 1].body.push(line);
		}
	}
	const unreleased = sections.find((s) => s.name.toLowerCase() === 'unreleased') ?? null;
	const released = sections.filter((s) => s !== unreleased);
	return { preamble, sections, links, unreleased, released };
}

function readChangelog() {
	if (!fs.existsSync(CHANGELOG)) throw new ReleaseError(`${CHANGELOG} is missing`);
	return parseChangelog(fs.readFileSync(CHANGELOG, 'utf8'));
}

function trimBlank(lines) {
	const out = [...lines];
	while (out.length && out[0].trim() === '') out.shift();
	while (out.length && out[out.length - 1].trim() === '') out.pop();
	return out;
}

/** Entries are list items; an Unreleased section with only empty `### Added` headings has nothing to release. */
function hasEntries(section) {
	return section.body.some((line) => /^\s*[-*] \S/.test(line));
}

/** A final version whose pre-release is the newest entry (1.0.0 after 1.0.0-rc.2) may have nothing new. */
function promotesPrerelease(changelog, version) {
	const newest = changelog.released[0]?.name;
	return Boolean(
		version &&
			newest?.includes('-') &&
			!version.includes('-') &&
			newest.replace(/-.*$/, '') === version,
	);
}

function requireUnreleasedEntries(changelog, version) {
	if (!changelog.unreleased) {
		throw new ReleaseError(`${CHANGELOG} has no "## [Unreleased]" section`);
	}
	if (version && changelog.released.some((s) => s.name === version)) {
		throw new ReleaseError(`${CHANGELOG} already has a section for ${version}`);
	}
	if (!hasEntries(changelog.unreleased) && !promotesPrerelease(changelog, version)) {
		throw new ReleaseError(
			`${CHANGELOG}: the [Unreleased] section lists no change. Write what this release changes there ` +
				'(Added / Changed / Deprecated / Removed / Fixed / Security, breaking changes first), commit, then release.',
		);
	}
}

function repositoryUrl(pkg) {
	const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	if (!url) throw new ReleaseError('package.json has no repository URL for the changelog links');
	return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The changelog once `version` is released today: Unreleased emptied, its entries under `## [version] - date`,
 * the Unreleased and version compare links updated. */
export function releaseChangelog(text, { version, date, prefix, repo }) {
	const changelog = parseChangelog(text);
	requireUnreleasedEntries(changelog, version);
	const previous = changelog.released[0]?.name ?? null;
	const entries = hasEntries(changelog.unreleased)
		? trimBlank(changelog.unreleased.body)
		: [`- ${previous}, released as ${version} without changes.`];
	const out = [...trimBlank(changelog.preamble), ''];
	for (const section of changelog.sections) {
		if (section === changelog.unreleased) {
			out.push('## [Unreleased]', '', `## [${version}] - ${date}`, '', ...entries, '');
		} else {
			out.push(section.heading, '', ...trimBlank(section.body), '');
		}
	}
	const versionLink = previous
		? `[${version}]: ${repo}/compare/${prefix}${previous}...${prefix}${version}`
		: `[${version}]: ${repo}/releases/tag/${prefix}${version}`;
	const links = [`[Unreleased]: ${repo}/compare/${prefix}${version}...HEAD`, versionLink];
	for (const link of changelog.links) {
		if (!/^\[unreleased\]:/i.test(link) && !link.startsWith(`[${version}]:`)) links.push(link);
	}
	return `${out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trimEnd()}\n\n${links.join('\n')}\n`;
}

function guard() {
	const pkg = readPackage();
	if (process.env.RELEASE_MODE !== 'true') {
		throw new ReleaseError(
			[
				`npm publish refused: ${pkg.name} is published only by the GitHub Actions workflow`,
				'.github/workflows/publish.yml, with npm provenance (n8n accepts community nodes only when they are',
				'published from GitHub Actions with provenance). A package published from a laptop cannot be verified.',
				'',
				'To release: npm run release -- patch|minor|major   (changelog, version, commit and tag),',
				'            git push --follow-tags                 (the tag starts the publish workflow).',
				'See "Releasing" in README.md. Only that workflow sets RELEASE_MODE=true.',
			].join('\n'),
		);
	}
	const shipped = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = shipped.filter((file) => !fs.existsSync(file));
	if (shipped.length === 0 || missing.length > 0) {
		throw new ReleaseError(
			`npm publish refused: the build is missing (${missing.join(', ') || 'no n8n.nodes in package.json'}); ` +
				'run `npm run build` before publishing.',
		);
	}
	console.log(
		`release guard: RELEASE_MODE=true, ${shipped.length} built files present; publishing ${pkg.version}`,
	);
}

function preversion() {
	let branch = null;
	try {
		branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], {
			encoding: 'utf8',
			stdio: 'pipe',
		}).trim();
	} catch {
		throw new ReleaseError(
			'npm run release needs a git checkout: the release is a commit and a tag',
		);
	}
	if (branch !== RELEASE_BRANCH) {
		throw new ReleaseError(
			`releases are cut from ${RELEASE_BRANCH}, and this checkout is on ${branch}: ` +
				`the publish workflow refuses tags that are not on ${RELEASE_BRANCH}`,
		);
	}
	requireUnreleasedEntries(readChangelog(), process.env.npm_new_version);
}

function version() {
	const pkg = readPackage();
	const today = new Date().toISOString().slice(0, 10);
	if (!fs.existsSync(CHANGELOG)) throw new ReleaseError(`${CHANGELOG} is missing`);
	const text = fs.readFileSync(CHANGELOG, 'utf8');
	const next = releaseChangelog(text, {
		version: pkg.version,
		date: today,
		prefix: readTagPrefix(),
		repo: repositoryUrl(pkg),
	});
	fs.writeFileSync(CHANGELOG, next);
	console.log(`${CHANGELOG}: [Unreleased] is now [${pkg.version}] - ${today}`);
}

function checkTag(args) {
	const onIndex = args.indexOf('--on');
	const branch = onIndex >= 0 ? args[onIndex + 1] : null;
	if (onIndex >= 0 && !branch)
		throw new ReleaseError('check-tag: --on needs a git ref, e.g. origin/main');
	const tag = args.find((a, i) => !a.startsWith('--') && (onIndex < 0 || i !== onIndex + 1));
	if (!tag) throw new ReleaseError('check-tag: give the tag, e.g. check-tag "$GITHUB_REF_NAME"');

	const pkg = readPackage();
	const prefix = readTagPrefix();
	const expected = `${prefix}${pkg.version}`;
	if (!SEMVER.test(pkg.version))
		throw new ReleaseError(`package.json version "${pkg.version}" is not semver`);
	if (tag !== expected) {
		throw new ReleaseError(
			`tag "${tag}" is not this package's version: package.json says ${pkg.version}, so the tag must be ` +
				`"${expected}" (tag-version-prefix "${prefix}" in .npmrc). Create tags with npm run release.`,
		);
	}
	const changelog = readChangelog();
	const newest = changelog.released[0];
	if (!newest || newest.name !== pkg.version || !newest.date) {
		throw new ReleaseError(
			`${CHANGELOG}: the newest release section must be "## [${pkg.version}] - YYYY-MM-DD", found ` +
				`${newest ? `"${newest.heading}"` : 'none'}. Was the version bumped without npm run release?`,
		);
	}
	if (branch) {
		try {
			execFileSync('git', ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`], {
				stdio: 'pipe',
			});
		} catch {
			throw new ReleaseError(
				`check-tag: git ref ${branch} not found (a shallow checkout? fetch-depth: 0)`,
			);
		}
		try {
			execFileSync('git', ['merge-base', '--is-ancestor', 'HEAD', branch], { stdio: 'pipe' });
		} catch {
			throw new ReleaseError(
				`${tag} is not on ${branch}: release only commits that are on ${branch}`,
			);
		}
	}
	const distTag = SEMVER.exec(pkg.version)[4] ? 'next' : 'latest';
	if (process.env.GITHUB_OUTPUT)
		fs.appendFileSync(process.env.GITHUB_OUTPUT, `dist-tag=${distTag}\n`);
	console.log(
		`${tag}: ${pkg.name}@${pkg.version}, changelog dated ${newest.date}, npm dist-tag ${distTag}`,
	);
}

const commands = { guard, preversion, version, 'check-tag': checkTag };

if (path.resolve(process.argv[1] ?? '') === path.resolve(new URL(import.meta.url).pathname)) {
	const [command, ...args] = process.argv.slice(2);
	const run = commands[command];
	try {
		if (!run)
			throw new ReleaseError(`usage: node scripts/release.mjs ${Object.keys(commands).join('|')}`);
		run(args);
	} catch (error) {
		if (!(error instanceof ReleaseError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}
