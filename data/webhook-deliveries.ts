import type { WebhookDeliveryStatus } from '../domain/webhook-events.js';
import { match, objectId } from './list-filters.js';
import { WebhookDeliveryModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';

export const findWebhookDelivery = (id: string) => WebhookDeliveryModel.findById(id).lean();
/** One as MongoDB returns it (lean). */
export type WebhookDeliveryRecord = NonNullable<Awaited<ReturnType<typeof findWebhookDelivery>>>;

export interface WebhookDeliveryFilter {
  id?: string | string[];
  endpointId?: string;
  status?: WebhookDeliveryStatus;
}

export const webhookDeliveryListWhere = (filter: WebhookDeliveryFilter) => ({
  ...match('_id', filter.id),
  ...match('endpointId', filter.endpointId, objectId),
  ...match('status', filter.status),
});

export const listWebhookDeliveries = (filter: WebhookDeliveryFilter, page: Page) =>
  findPage<WebhookDeliveryRecord>(WebhookDeliveryModel, webhookDeliveryListWhere(filter), page);
