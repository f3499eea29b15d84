/**
 * The control API under /__sandbox (no auth, no latency, no faults, not counted).
 */
import type { ServerResponse } from 'node:http';

import type { SandboxCore } from './core';
import { validateFaults } from './faults';
import { parseJson } from './http';
import type { Faults, ListEnvelope, ListItemShape, SandboxStats, StoredDocument } from './types';
import { isObject } from './util';

/** What the control API drives (KoyweSandbox). */
export interface ControlTarget {
	stats(): SandboxStats;
	resetStats(): void;
	getFaults(): Faults;
	setFaults(patch: Partial<Faults>): void;
	setListFormat(format: { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape }): void;
	reset(): void;
	revokeAllTokens(): void;
	documents(): StoredDocument[];
}

export function handleControl(
	core: SandboxCore,
	target: ControlTarget,
	method: string,
	path: string,
	raw: string,
	res: ServerResponse,
): void {
	const route = `${method} ${path.replace(/\/+$/, '')}`;
	const parsed = parseJson(raw);
	try {
		switch (route) {
			case 'GET /__sandbox/stats':
				return core.send(res, 200, target.stats());
			case 'POST /__sandbox/reset-stats':
				target.resetStats();
				return core.send(res, 200, target.stats());
			case 'GET /__sandbox/faults':
				return core.send(res, 200, target.getFaults());
			case 'POST /__sandbox/faults':
				if (!parsed.ok) throw new Error('body is not valid JSON');
				target.setFaults(validateFaults(parsed.value ?? {}));
				return core.send(res, 200, target.getFaults());
			case 'POST /__sandbox/config':
				if (!parsed.ok || !isObject(parsed.value ?? {})) throw new Error('body must be a JSON object');
				target.setListFormat((parsed.value ?? {}) as { listEnvelope?: ListEnvelope; listItemShape?: ListItemShape });
				return core.send(res, 200, { listEnvelope: core.envelope, listItemShape: core.itemShape });
			case 'POST /__sandbox/reset':
				target.reset();
				return core.send(res, 200, { ok: true });
			case 'POST /__sandbox/revoke-tokens':
				target.revokeAllTokens();
				return core.send(res, 200, { ok: true });
			case 'GET /__sandbox/documents':
				return core.send(res, 200, target.documents());
			default:
				return core.send(res, 404, { error: `Unknown control endpoint ${route}` });
		}
	} catch (error) {
		core.send(res, 400, { error: (error as Error).message });
	}
}
