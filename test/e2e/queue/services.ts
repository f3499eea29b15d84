/**
 * Private PostgreSQL and Redis instances for the queue-mode e2e: each in a folder of the run's temporary directory,
 * listening on a free loopback port, started as child processes of the harness (so the driver's exit hook kills
 * them whatever happens) and never touching a system instance or its ports.
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` system user that the Debian
 * package creates (or a `koywe-e2e-pg` system user created here when there is none); otherwise as the current user.
 * The instance is tuned for a throwaway test (fsync off, trust authentication on 127.0.0.1 only).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { freePort, startProcess, type PostgresConnection, type RunningProcess } from '../n8n';

type Log = (line: string) => void;

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------------------

/** Folder of initdb/postgres: KOYWE_QUEUE_PG_BIN, Debian's newest /usr/lib/postgresql/<v>/bin, or `pg_config --bindir`. */
export function postgresBinDir(): string {
	const fromEnv = process.env.KOYWE_QUEUE_PG_BIN;
	if (fromEnv) return fromEnv;
	const debian = '/usr/lib/postgresql';
	if (fs.existsSync(debian)) {
		const versions = fs
			.readdirSync(debian)
			.filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'postgres')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(debian, versions[0], 'bin');
	}
	try {
		return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres, no pg_config); run test/e2e/queue/run.sh as root to install it');
	}
}

function idOf(user: string, flag: '-u' | '-g'): number | undefined {
	const r = spawnSync('id', [flag, user], { encoding: 'utf8' });
	return r.status === 0 ? Number(r.stdout.trim()) : undefined;
}

/** The user PostgreSQL runs as: undefined = this process's user (not root). */
function postgresUser(log: Log): { uid: number; gid: number; name: string } | undefined {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	for (const name of ['postgres', 'koywe-e2e-pg']) {
		const uid = idOf(name, '-u');
		const gid = idOf(name, '-g');
		if (uid !== undefined && gid !== undefined) return { uid, gid, name };
	}
	log('  no postgres system user: creating koywe-e2e-pg (PostgreSQL refuses to run as root)');
	execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'koywe-e2e-pg']);
	return { uid: Number(idOf('koywe-e2e-pg', '-u')), gid: Number(idOf('koywe-e2e-pg', '-g')), name: 'koywe-e2e-pg' };
}

/** The `pg` client of the n8n install (n8n talks to PostgreSQL with it); the harness uses it for its own queries. */
export interface PgClient {
	connect(): Promise<void>;
	query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
	end(): Promise<void>;
}

export function pgClientClass(n8nDir: string): new (config: Record<string, unknown>) => PgClient {
	const load = createRequire(path.join(n8nDir, 'package.json'));
	return (load('pg') as { Client: new (config: Record<string, unknown>) => PgClient }).Client;
}

export class Postgres {
	private constructor(
		readonly process: RunningProcess,
		readonly host: string,
		readonly port: number,
		readonly user: string,
		private readonly Client: new (config: Record<string, unknown>) => PgClient,
	) {}

	/** initdb in `<dir>/data`, then postgres on a free port of 127.0.0.1 (socket in `<dir>/run`). */
	static async start(dir: string, n8nDir: string, log: Log): Promise<Postgres> {
		const bin = postgresBinDir();
		const owner = postgresUser(log);
		const data = path.join(dir, 'data');
		const run = path.join(dir, 'run');
		fs.mkdirSync(data, { recursive: true, mode: 0o700 });
		fs.mkdirSync(run, { recursive: true });
		if (owner) {
			// The postgres user must reach its folders through the run's temporary directory (mkdtemp makes it 0700).
			fs.chmodSync(path.dirname(dir), 0o755);
			fs.chownSync(dir, owner.uid, owner.gid);
			fs.chownSync(data, owner.uid, owner.gid);
			fs.chownSync(run, owner.uid, owner.gid);
		}
		const user = 'n8n';
		const started = Date.now();
		const initdb = spawnSync(
			path.join(bin, 'initdb'),
			['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
			{ encoding: 'utf8', cwd: dir, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), env: { ...process.env, LC_ALL: 'C' } },
		);
		if (initdb.status !== 0) throw new Error(`initdb failed (exit ${initdb.status}):\n${initdb.stdout}\n${initdb.stderr}`);
		const port = await freePort();
		const proc = startProcess(
			'postgres',
			path.join(bin, 'postgres'),
			[
				'-D', data, '-p', String(port), '-k', run,
				'-c', 'listen_addresses=127.0.0.1',
				'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
				'-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
			],
			{
				cwd: dir,
				env: { ...process.env, LC_ALL: 'C' },
				user: owner,
				ready: /database system is ready to accept connections/,
				readyTimeoutMs: 60_000,
				logDir: path.join(path.dirname(dir), 'logs'),
				stopSignal: 'SIGINT', // "fast shutdown": roll back open transactions, close clients, exit
			},
		);
		await proc.ready;
		const pg = new Postgres(proc, '127.0.0.1', port, user, pgClientClass(n8nDir));
		log(`  PostgreSQL (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}${owner ? ` as ${owner.name}` : ''}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return pg;
	}

	/** A new, empty database, and how n8n connects to it. */
	async createDatabase(name: string): Promise<PostgresConnection> {
		const client = new this.Client({ host: this.host, port: this.port, user: this.user, database: 'postgres' });
		await client.connect();
		try {
			await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
		} finally {
			await client.end();
		}
		return { host: this.host, port: this.port, database: name, user: this.user, password: '' };
	}

	/** A connected client of one database (the caller ends it). */
	async client(database: string): Promise<PgClient> {
		const client = new this.Client({ host: this.host, port: this.port, user: this.user, database });
		await client.connect();
		return client;
	}

	async stop(): Promise<void> {
		await this.process.stop(15_000);
	}
}

// ---------------------------------------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------------------------------------

export function redisServerBinary(): string {
	const candidates = [process.env.KOYWE_QUEUE_REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
	for (const c of candidates) if (c && fs.existsSync(c)) return c;
	const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
	throw new Error('redis-server is not installed; run test/e2e/queue/run.sh as root to install it');
}

export class Redis {
	private constructor(
		readonly process: RunningProcess,
		readonly host: string,
		readonly port: number,
	) {}

	/** redis-server on a free port of 127.0.0.1, no persistence, working directory `dir`. */
	static async start(dir: string, log: Log): Promise<Redis> {
		fs.mkdirSync(dir, { recursive: true });
		const port = await freePort();
		const started = Date.now();
		const proc = startProcess(
			'redis',
			redisServerBinary(),
			['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice'],
			{
				cwd: dir,
				env: process.env,
				ready: /Ready to accept connections/,
				readyTimeoutMs: 30_000,
				logDir: path.join(path.dirname(dir), 'logs'),
			},
		);
		await proc.ready;
		log(`  Redis on 127.0.0.1:${port}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return new Redis(proc, '127.0.0.1', port);
	}

	async stop(): Promise<void> {
		await this.process.stop(10_000);
	}
}
