import { Types } from 'mongoose';
import type { TenantScope } from '../domain/tenant-scope.js';
import { match, objectId } from './list-filters.js';
import { WebhookEndpointModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';
import { scopedTenantMatch, scopeWhere } from './tenant-scope.js';

/** The endpoint with this id within the scope: an office's scope finds its own, never global ones (tenantId null). */
export const findWebhookEndpoint = async (scope: TenantScope, id: string) =>
  Types.ObjectId.isValid(id) ? await WebhookEndpointModel.findOne({ _id: new Types.ObjectId(id), ...scopeWhere(scope) }).lean() : null;
/** One as MongoDB returns it (lean), with its sealed secret. */
export type WebhookEndpointRecord = NonNullable<Awaited<ReturnType<typeof findWebhookEndpoint>>>;

export interface WebhookEndpointFilter {
  id?: string | string[];
  tenantId?: string;
}

export const webhookEndpointListWhere = (scope: TenantScope, filter: WebhookEndpointFilter) => ({
  ...match('_id', filter.id, objectId),
  ...scopedTenantMatch(scope, filter.tenantId),
});

export const listWebhookEndpoints = (scope: TenantScope, filter: WebhookEndpointFilter, page: Page) =>
  findPage<WebhookEndpointRecord>(WebhookEndpointModel, webhookEndpointListWhere(scope, filter), page);

/** The ids of the scope's endpoints (an office has a handful): whose delivery logs it reads. */
export const endpointIdsWithin = async (scope: TenantScope) =>
  (await WebhookEndpointModel.find(scopeWhere(scope), { _id: 1 }).lean()).map((endpoint) => String(endpoint._id));
