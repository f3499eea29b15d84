/**
 * The /V1 route table: which paths exist, which methods each takes, and what runs before the handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { getAccount, getDocumentType, listDocumentTypes } from './accounts';
import { handleAuth } from './auth';
import type { SandboxCore } from './core';
import { createDocument, getDocument, listDocuments, mipyme } from './documentRoutes';
import type { EchoTarget } from './types';
import { deleteDocument, updateDocument } from './updateRoutes';
import {
	createSubscription,
	deleteSubscription,
	getSubscription,
	listSubscriptions,
} from './webhookRoutes';

/** What a route handler gets. `params` are the path's captured parts. */
export interface Exchange {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	method: string;
	/** Path without trailing slashes. */
	path: string;
	params: string[];
	raw: string;
}

export type Handler = (core: SandboxCore, x: Exchange) => void | Promise<void>;

export interface Route {
	pattern: RegExp;
	/** Handlers by method; their order is the order of the Allow header. */
	methods: Record<string, Handler>;
	/** No bearer token needed (and no forced 429 or rate limit): /auth only. */
	public?: boolean;
	/** GETs count as document reads (stats.reads, readErrorEvery). */
	documentRead?: boolean;
	/** GETs are list searches (listErrorEvery). */
	list?: boolean;
	/** Which echoRequestOnError target its requests with a body are. */
	echo?: EchoTarget;
}

export const ROUTES: readonly Route[] = [
	{
		pattern: /^\/V1\/auth$/,
		public: true,
		echo: 'auth',
		methods: { POST: (core, x) => handleAuth(core, x.req, x.raw, x.res) },
	},
	{
		pattern: /^\/V1\/documents$/,
		documentRead: true,
		list: true,
		echo: 'documents',
		methods: { GET: listDocuments, POST: createDocument },
	},
	{
		pattern: /^\/V1\/documents\/([^/]+)$/,
		documentRead: true,
		echo: 'documents',
		methods: { GET: getDocument, PUT: updateDocument, DELETE: deleteDocument },
	},
	{ pattern: /^\/V1\/mipyme_get_document$/, echo: 'mipyme', methods: { POST: mipyme } },
	{ pattern: /^\/V1\/document_types$/, methods: { GET: listDocumentTypes } },
	{ pattern: /^\/V1\/document_types\/([^/]+)$/, methods: { GET: getDocumentType } },
	{ pattern: /^\/V1\/accounts\/([^/]+)$/, methods: { GET: getAccount } },
	{
		pattern: /^\/V1\/webhook_subscriptions$/,
		echo: 'webhook_subscriptions',
		methods: { GET: listSubscriptions, POST: createSubscription },
	},
	{
		pattern: /^\/V1\/webhook_subscriptions\/([^/]+)$/,
		methods: { GET: getSubscription, DELETE: deleteSubscription },
	},
];

export function matchRoute(path: string): { route: Route; params: string[] } | undefined {
	for (const route of ROUTES) {
		const m = route.pattern.exec(path);
		if (m) return { route, params: m.slice(1) };
	}
	return undefined;
}
