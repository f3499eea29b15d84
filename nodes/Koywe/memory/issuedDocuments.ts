/**
 * In-process memory of documents this n8n process has created, keyed by Koywe identity, account and the caller's
 * reference. It is what makes n8n's own "Retry On Fail", a re-executed node, or two items with the same reference
 * return the existing document instead of issuing a second legal document. It is bounded (oldest entries are
 * forgotten first) and lives only as long as the process: after a restart, the `checkBeforeCreate` option asks
 * Koywe instead.
 */
export interface RememberedDocument {
	documentId: number | string;
	createdAt: number;
}

export const MEMORY_LIMIT = 20_000;

const remembered = new Map<string, RememberedDocument>();
const inFlight = new Map<string, Promise<unknown>>();

export function referenceKey(identity: string, accountId: unknown, reference: string): string {
	return `${identity}\n${String(accountId ?? '')}\n${reference}`;
}

export function recall(key: string): RememberedDocument | undefined {
	return remembered.get(key);
}

export function remember(key: string, document: RememberedDocument): void {
	remembered.delete(key);
	remembered.set(key, document);
	while (remembered.size > MEMORY_LIMIT) {
		const oldest = remembered.keys().next().value as string;
		remembered.delete(oldest);
	}
}

export function forget(key: string): void {
	remembered.delete(key);
}

/**
 * Runs `work` for a reference unless another item (of this or a parallel execution) is already creating the same
 * reference; then it waits for that one to finish first, so the second sees the first's document.
 */
export async function exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
	while (inFlight.has(key)) {
		await inFlight.get(key)?.catch(() => undefined);
	}
	const running = work();
	inFlight.set(key, running);
	try {
		return await running;
	} finally {
		if (inFlight.get(key) === running) inFlight.delete(key);
	}
}

/** Forgets everything (tests use it to simulate a restarted n8n process). */
export function clearMemory(): void {
	remembered.clear();
}
