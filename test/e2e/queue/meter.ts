/**
 * A loopback HTTP proxy between n8n and the Koywe sandbox that records, for every API request, which n8n process
 * sent it (main, worker-1, worker-2, …), what it was (`POST /V1/auth`, `POST /V1/documents`, …), the answer's
 * status, and a short fingerprint of its bearer token (never the token). The sandbox counts totals; this gives the
 * per-worker figures: `/auth` per worker, 429s per worker, creates per worker, tokens per worker.
 *
 * Attribution without touching n8n: when a connection arrives, the client's port is looked up in /proc/net/tcp
 * (its socket inode), and the inode among the open file descriptors of the n8n processes (/proc/<pid>/fd). n8n's
 * request helper opens a connection per request, so the lookup happens while the request waits for its answer.
 * Linux only; elsewhere every request is attributed to "unknown".
 *
 * The credential's base URL points at the proxy; the sandbox's faults, counters and documents are unchanged (the
 * proxy adds one loopback hop and forwards everything as it is, including a connection the sandbox destroys).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MeteredRequest {
	/** When the request arrived / was answered (ms since epoch). */
	at: number;
	doneAt: number;
	source: string;
	method: string;
	/** Path without the query string, e.g. /V1/documents. */
	path: string;
	/** HTTP status, or 0 when the sandbox closed the connection without answering. */
	status: number;
	/** First 8 hex characters of sha256(Authorization header), or '' when none. */
	token: string;
}

/** Maps a loopback client port to the name of the registered process that owns the socket. */
export class SocketOwners {
	private readonly pids = new Map<number, string>();

	register(pid: number | undefined, name: string): void {
		if (pid) this.pids.set(pid, name);
	}

	/**
	 * The registered process holding the TCP socket 127.0.0.1:clientPort → 127.0.0.1:serverPort. Asynchronous, so the
	 * sandbox (same event loop) keeps answering while a few hundred descriptors are read.
	 */
	async owner(clientPort: number, serverPort: number): Promise<string> {
		const inode = await socketInode(clientPort, serverPort);
		if (!inode) return 'unknown';
		const needle = `socket:[${inode}]`;
		const found = await Promise.all(
			[...this.pids].map(async ([pid, name]) => {
				const dir = `/proc/${pid}/fd`;
				const fds = await fs.promises.readdir(dir).catch(() => [] as string[]);
				const links = await Promise.all(fds.map(async (fd) => await fs.promises.readlink(`${dir}/${fd}`).catch(() => '')));
				return links.includes(needle) ? name : undefined;
			}),
		);
		return found.find((name) => name !== undefined) ?? 'unknown';
	}
}

async function socketInode(clientPort: number, serverPort: number): Promise<string | undefined> {
	const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
	const local = `:${hex(clientPort)}`;
	const remote = `:${hex(serverPort)}`;
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		const text = await fs.promises.readFile(table, 'utf8').catch(() => '');
		for (const line of text.split('\n').slice(1)) {
			const cols = line.trim().split(/\s+/);
			if (cols.length < 10) continue;
			if (cols[1].endsWith(local) && cols[2].endsWith(remote)) return cols[9];
		}
	}
	return undefined;
}

export class Meter {
	readonly requests: MeteredRequest[] = [];
	private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

	private constructor(
		private readonly server: http.Server,
		readonly port: number,
		private readonly target: URL,
	) {}

	/** Listens on a free port of 127.0.0.1 and forwards to `targetOrigin` (the sandbox's http://127.0.0.1:PORT). */
	static async start(targetOrigin: string, owners: SocketOwners): Promise<Meter> {
		const target = new URL(targetOrigin);
		const sources = new WeakMap<Socket, Promise<string>>();
		const server = http.createServer();
		server.on('connection', (socket: Socket) => {
			// Looked up at once, while the client waits for its answer: the socket is open and its /proc entry exists.
			const port = (server.address() as AddressInfo).port;
			sources.set(socket, owners.owner(socket.remotePort ?? 0, port).catch(() => 'unknown'));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const meter = new Meter(server, (server.address() as AddressInfo).port, target);
		server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
			const at = Date.now();
			void (sources.get(req.socket) ?? Promise.resolve('unknown')).then((source) => meter.forward(req, res, source, at));
		});
		return meter;
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Requests that arrived in [from, to). */
	between(from: number, to = Number.POSITIVE_INFINITY): MeteredRequest[] {
		return this.requests.filter((r) => r.at >= from && r.at < to);
	}

	private forward(req: http.IncomingMessage, res: http.ServerResponse, source: string, at: number): void {
		const url = req.url ?? '/';
		const auth = req.headers.authorization;
		const entry: MeteredRequest = {
			at,
			doneAt: at,
			source,
			method: req.method ?? 'GET',
			path: url.split('?')[0],
			status: 0,
			token: typeof auth === 'string' && auth ? createHash('sha256').update(auth).digest('hex').slice(0, 8) : '',
		};
		let recorded = false;
		const record = (status: number) => {
			if (recorded) return;
			recorded = true;
			entry.status = status;
			entry.doneAt = Date.now();
			if (!entry.path.startsWith('/__sandbox')) this.requests.push(entry);
		};
		const upstream = http.request(
			{
				host: this.target.hostname,
				port: this.target.port,
				method: req.method,
				path: url,
				headers: { ...req.headers, host: `${this.target.hostname}:${this.target.port}` },
				agent: this.agent,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
				answer.on('end', () => record(answer.statusCode ?? 0));
				answer.on('error', () => {
					record(0);
					res.destroy();
				});
			},
		);
		upstream.on('error', () => {
			// The sandbox closed the connection without an answer (ambiguousCreate "destroy"): do the same to n8n.
			record(0);
			res.destroy();
			req.socket.destroy();
		});
		req.pipe(upstream);
	}

	async stop(): Promise<void> {
		this.agent.destroy();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
