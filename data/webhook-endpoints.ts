import { Types } from 'mongoose';
import { match, objectId } from './list-filters.js';
import { WebhookEndpointModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';

export const findWebhookEndpoint = async (id: string) => (Types.ObjectId.isValid(id) ? await WebhookEndpointModel.findById(id).lean() : null);
/** One as MongoDB returns it (lean), with its sealed secret. */
export type WebhookEndpointRecord = NonNullable<Awaited<ReturnType<typeof findWebhookEndpoint>>>;

export interface WebhookEndpointFilter {
  id?: string | string[];
  tenantId?: string;
}

export const webhookEndpointListWhere = (filter: WebhookEndpointFilter) => ({
  ...match('_id', filter.id, objectId),
  ...match('tenantId', filter.tenantId, objectId),
});

export const listWebhookEndpoints = (filter: WebhookEndpointFilter, page: Page) =>
  findPage<WebhookEndpointRecord>(WebhookEndpointModel, webhookEndpointListWhere(filter), page);
