import type { Page } from '../../data/paged-list.js';
import { findWebhookDelivery, listWebhookDeliveries, type WebhookDeliveryFilter } from '../../data/webhook-deliveries.js';
import { domainError } from '../../domain/errors.js';
import { toDeliveryView } from './webhook-views.js';

/** The delivery with this id (its record), or WEBHOOK_DELIVERY_NOT_FOUND. */
export async function findDeliveryRecord(id: string) {
  const delivery = await findWebhookDelivery(id);
  if (!delivery) throw domainError('WEBHOOK_DELIVERY_NOT_FOUND');
  return delivery;
}

export const findDeliveryOrFail = async (id: string) => toDeliveryView(await findDeliveryRecord(id));

/** A page of the delivery log, and how many match. */
export async function listDeliveries(filter: WebhookDeliveryFilter, page: Page) {
  const { records, total } = await listWebhookDeliveries(filter, page);
  return { items: records.map(toDeliveryView), total };
}
