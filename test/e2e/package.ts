/**
 * The package as n8n gets it: a snapshot of what would be published (package.json + dist + docs), and that snapshot
 * packed and installed into an n8n user folder the way n8n 2.41.1 installs a community package.
 * Used by the e2e suite (scenario g) and by the queue-mode e2e (`--package installed`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { tail } from './n8n';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CUSTOM_NODE_TYPE = 'CUSTOM.koywe';
export const INSTALLED_NODE_TYPE = 'n8n-nodes-koywe.koywe';

/** Runs a command to its end; resolves with stdout+stderr, rejects with its tail when it exits non-zero. */
export async function sh(cmd: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
	return await new Promise((resolve, reject) => {
		const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`${cmd} ${argv.join(' ')} (in ${cwd}) exited ${code}:\n${tail(out, 30)}`)),
		);
	});
}

/**
 * Copies package.json, dist/ and the docs into `stageDir`, once: other work in the same tree (an `npm run build`
 * starts by deleting dist/) must not pull the files away in the middle of a run. Returns `stageDir`.
 */
export function stagePackage(stageDir: string): string {
	if (!fs.existsSync(path.join(REPO, 'dist', 'nodes', 'Koywe', 'Koywe.node.js'))) {
		throw new Error(`no build in ${REPO}/dist: run npm run build`);
	}
	fs.mkdirSync(stageDir, { recursive: true });
	for (const entry of fs.readdirSync(REPO)) {
		if (entry === 'package.json' || entry === 'dist' || /^(readme|license|licence|changelog)(\.|$)/i.test(entry)) {
			fs.cpSync(path.join(REPO, entry), path.join(stageDir, entry), { recursive: true });
		}
	}
	if (!fs.existsSync(path.join(stageDir, 'dist', 'nodes', 'Koywe', 'Koywe.node.js'))) {
		throw new Error('dist/ disappeared while it was copied');
	}
	return stageDir;
}

/**
 * `npm pack` the staged package, then install the tarball into <userFolder>/.n8n/nodes exactly as n8n 2.41.1's
 * CommunityPackagesService.downloadPackage does: untar into nodes/node_modules/<pkg>, drop dev/peer/optional
 * dependencies from its package.json (so n8n-workflow resolves to n8n's own copy), `npm install` in the package
 * folder with n8n's flags, and record the dependency in nodes/package.json. n8n 2.41.1 then finds it by scanning
 * nodes/node_modules/n8n-nodes-* at start-up (no installed_packages row, no N8N_CUSTOM_EXTENSIONS). Returns the
 * package folder.
 */
export async function installPackedPackage(stageDir: string, userFolder: string, log?: (line: string) => void): Promise<string> {
	const packDir = path.join(userFolder, 'pack');
	fs.mkdirSync(packDir, { recursive: true });
	const packOut = await sh('npm', ['pack', '--ignore-scripts', '--json', `--pack-destination=${packDir}`], stageDir);
	const packed = JSON.parse(packOut.slice(packOut.indexOf('['))) as Array<{
		name: string;
		version: string;
		filename: string;
		files: Array<{ path: string }>;
	}>;
	const tgz = path.join(packDir, path.basename(packed[0].filename));
	log?.(`  packed ${path.basename(tgz)} (${packed[0].files.length} files)`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', packed[0].name);
	fs.mkdirSync(pkgDir, { recursive: true });
	await sh('tar', ['-xzf', tgz, '-C', pkgDir, '--strip-components=1'], packDir);
	const pjPath = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pj } = JSON.parse(fs.readFileSync(pjPath, 'utf8')) as Record<
		string,
		unknown
	>;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(pjPath, JSON.stringify(pj, null, 2));
	await sh(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		pkgDir,
	);
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [packed[0].name]: packed[0].version } }, null, 2),
	);
	if (!fs.existsSync(path.join(pkgDir, 'dist', 'nodes', 'Koywe', 'Koywe.node.js'))) throw new Error(`node missing from ${pkgDir}`);
	if (fs.existsSync(path.join(pkgDir, 'node_modules', 'n8n-workflow'))) throw new Error('the package brought its own n8n-workflow');
	return pkgDir;
}

/** Copies an installed package (<from>/.n8n/nodes) into another user folder, as a second n8n host would install it. */
export function copyInstalledPackage(fromUserFolder: string, toUserFolder: string): void {
	const from = path.join(fromUserFolder, '.n8n', 'nodes');
	const to = path.join(toUserFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.cpSync(from, to, { recursive: true });
}
