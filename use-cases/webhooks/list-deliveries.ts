import type { Page } from '../../data/paged-list.js';
import { findWebhookDelivery, listWebhookDeliveries, type WebhookDeliveryFilter } from '../../data/webhook-deliveries.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import { toDeliveryView } from './webhook-views.js';

/** The delivery with this id (its record), or WEBHOOK_DELIVERY_NOT_FOUND, also when its endpoint is out of scope. */
export async function findDeliveryRecord(scope: TenantScope, id: string) {
  const delivery = await findWebhookDelivery(scope, id);
  if (!delivery) throw domainError('WEBHOOK_DELIVERY_NOT_FOUND');
  return delivery;
}

export const findDeliveryOrFail = async (scope: TenantScope, id: string) => toDeliveryView(await findDeliveryRecord(scope, id));

/** A page of the delivery log within the scope, and how many match. */
export async function listDeliveries(scope: TenantScope, filter: WebhookDeliveryFilter, page: Page) {
  const { records, total } = await listWebhookDeliveries(scope, filter, page);
  return { items: records.map(toDeliveryView), total };
}
