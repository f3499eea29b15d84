#!/usr/bin/env node
// Runs the checks of @n8n/scan-community-package 0.32.0 locally: the scanner's own ESLint configuration with
// inline `eslint-disable` comments ignored, once on the shippable source (package.json, nodes/, credentials/)
// and once on the tarball `npm pack` produces (its compiled **/*.js and package.json). The provenance and
// source-download steps of the real scanner need the public registry and GitHub, so they are not repeated here.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const parser = tseslint.parser;

const scanConfig = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser } },
	{ files: ['**/*.ts'], languageOptions: { parser } },
);

function walk(dir, accept, base = dir, out = []) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'node_modules') walk(full, accept, base, out);
		} else if (accept(path.relative(base, full))) out.push(full);
	}
	return out;
}

async function analyze(label, cwd, files) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	if (errors + warnings > 0) {
		const formatter = await eslint.loadFormatter('stylish');
		process.stdout.write(await formatter.format(results));
	}
	console.log(`scan ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

const sourceFiles = walk(root, (rel) =>
	rel === 'package.json' || /^(nodes|credentials)\/.*\.(js|ts|json)$/.test(rel.split(path.sep).join('/')),
);
let errors = await analyze('source', root, sourceFiles);

if (!fs.existsSync(path.join(root, 'dist'))) {
	console.error('scan dist: no dist/ folder; run `npm run build` first');
	process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-pack-'));
try {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' });
	const tarball = path.join(tmp, JSON.parse(out)[0].filename);
	execFileSync('tar', ['xzf', tarball, '-C', tmp]);
	const packageDir = path.join(tmp, 'package');
	const packed = walk(packageDir, (rel) => rel === 'package.json' || rel.endsWith('.js'));
	errors += await analyze('packed tarball', packageDir, packed);
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(errors > 0 ? 1 : 0);
