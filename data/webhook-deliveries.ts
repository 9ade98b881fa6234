import type { TenantScope } from '../domain/tenant-scope.js';
import type { WebhookDeliveryStatus } from '../domain/webhook-events.js';
import { match, objectId } from './list-filters.js';
import { WebhookDeliveryModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';
import { endpointIdsWithin } from './webhook-endpoints.js';

/**
 * A delivery belongs to its endpoint's owner: an office reads the deliveries to its own endpoints,
 * not those of a global endpoint (even about its own users): the endpoint, its URL and its answers are the platform's.
 */
async function endpointsWithin(scope: TenantScope, requested: string | undefined): Promise<string | string[] | undefined> {
  if (scope.kind === 'platform') return requested;
  const own = await endpointIdsWithin(scope);
  return requested === undefined ? own : own.includes(requested) ? requested : [];
}

/** The delivery with this id within the scope; null for none or one to an endpoint out of scope. */
export async function findWebhookDelivery(scope: TenantScope, id: string) {
  const endpointId = await endpointsWithin(scope, undefined);
  return WebhookDeliveryModel.findOne({ _id: id, ...match('endpointId', endpointId, objectId) }).lean();
}
/** One as MongoDB returns it (lean). */
export type WebhookDeliveryRecord = NonNullable<Awaited<ReturnType<typeof findWebhookDelivery>>>;

export interface WebhookDeliveryFilter {
  id?: string | string[];
  endpointId?: string;
  status?: WebhookDeliveryStatus;
}

export const webhookDeliveryListWhere = (filter: Omit<WebhookDeliveryFilter, 'endpointId'> & { endpointId?: string | string[] }) => ({
  ...match('_id', filter.id),
  ...match('endpointId', filter.endpointId, objectId),
  ...match('status', filter.status),
});

export const listWebhookDeliveries = async (scope: TenantScope, filter: WebhookDeliveryFilter, page: Page) =>
  findPage<WebhookDeliveryRecord>(
    WebhookDeliveryModel,
    webhookDeliveryListWhere({ ...filter, endpointId: await endpointsWithin(scope, filter.endpointId) }),
    page,
  );
