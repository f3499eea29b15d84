/**
 * /V1/webhook_subscriptions: create (201), list (paginated), get, delete (204).
 */
import type { SandboxCore } from './core';
import { parseJson } from './http';
import { pageLinks, parsePaging } from './paging';
import type { Exchange } from './router';
import { toNumber } from './util';
import { canonicalEvent, subscriptionAnswer } from './webhooks';
import type { Subscription } from './webhooks';

export function createSubscription(core: SandboxCore, x: Exchange): void {
	const parsed = parseJson(x.raw);
	if (!parsed.ok) return core.send(x.res, 400, { error: 'Invalid input: the body is not valid JSON' });
	const made = core.webhooks.create(parsed.value, core.accountBook.ids(), Number(new URL(core.origin).port));
	if (!made.ok) return core.send(x.res, 400, { error: made.error });
	core.send(x.res, 201, subscriptionAnswer(made.subscription));
}

/** Filters (sandbox choice): account_id and event_id (either spelling). */
export function listSubscriptions(core: SandboxCore, x: Exchange): void {
	const q = x.url.searchParams;
	const paging = parsePaging(q);
	if (!paging.ok) return core.send(x.res, 400, { error: paging.error });
	const account = q.get('account_id');
	const accountId = account === null || account.trim() === '' ? undefined : toNumber(account);
	if (account !== null && account.trim() !== '' && accountId === undefined) {
		return core.send(x.res, 400, { error: 'Invalid input: account_id must be a number' });
	}
	const event = q.get('event_id');
	const eventId = event === null || event.trim() === '' ? undefined : canonicalEvent(event) ?? event;
	const subs = core.webhooks
		.list()
		.filter((s) => accountId === undefined || s.account_id === accountId)
		.filter((s) => eventId === undefined || canonicalEvent(s.event_id) === eventId);
	const { page, perPage } = paging;
	const pageCount = Math.ceil(subs.length / perPage);
	core.send(x.res, 200, {
		_links: pageLinks(`${core.baseUrl}/webhook_subscriptions`, q, page, perPage, pageCount),
		webhook_subscriptions: subs.slice((page - 1) * perPage, page * perPage).map(subscriptionAnswer),
		page_count: pageCount,
		page_size: perPage,
		total_items: subs.length,
		page,
	});
}

function findSubscription(core: SandboxCore, x: Exchange): Subscription | undefined {
	const id = /^\d+$/.test(x.params[0]) ? Number(x.params[0]) : NaN;
	const sub = Number.isNaN(id) ? undefined : core.webhooks.get(id);
	if (!sub) core.send(x.res, 404, { error: 'Webhook subscription not found' });
	return sub;
}

export function getSubscription(core: SandboxCore, x: Exchange): void {
	const sub = findSubscription(core, x);
	if (sub) core.send(x.res, 200, subscriptionAnswer(sub));
}

export function deleteSubscription(core: SandboxCore, x: Exchange): void {
	const sub = findSubscription(core, x);
	if (!sub) return;
	core.webhooks.remove(sub.webhook_subscription_id);
	core.sendEmpty(x.res, 204);
}
