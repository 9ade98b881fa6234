import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../data/duplicate-key.js';
import { WebhookDeliveryModel, WebhookEndpointModel } from '../data/models/index.js';
import { WEBHOOK_DELIVERY_WORKFLOW, workflowIdForDelivery, type WebhookDeliveryInput } from '../domain/webhook-delivery.js';
import { webhookTaskQueue } from '../domain/task-queues.js';
import type { WebhookEventType, WebhookPayload } from '../domain/webhook-events.js';

export interface PublishDeps {
  temporal: Client;
  /** The lifecycle task queue; deliveries run on its webhook queue (domain/task-queues.ts). */
  taskQueue: string;
}

export interface WebhookEvent {
  /** Stable for the event whoever publishes it and however often (an audit key, `user.deleted:<id>`). */
  key: string;
  type: WebhookEventType;
  /** The tenant the event is about; null for none. Global endpoints hear every tenant's events. */
  tenantId: string | null;
  data: Record<string, unknown>;
}

/**
 * The delivery's id, which is the `webhook-id` header: the same for the same event and endpoint,
 * so a publish retried after a crash upserts the same delivery instead of a second one with
 * another id (receivers dedupe on it). 162 bits of a SHA-256, base64url (no `.`, which separates
 * the signed parts).
 */
export const deliveryIdFor = (eventKey: string, endpointId: string) =>
  `msg_${createHash('sha256').update(`${eventKey}\n${endpointId}`).digest('base64url').slice(0, 27)}`;

/**
 * Starts the delivery's workflow. A publish never starts a second run for an id (a running one is
 * joined, a finished one refused); a resend starts a new run whatever the old one is doing.
 */
export async function startDeliveryWorkflow(deps: PublishDeps, deliveryId: string, eventType: WebhookEventType, { resend = false } = {}) {
  const input: WebhookDeliveryInput = { deliveryId, attemptQueue: webhookTaskQueue(deps.taskQueue) };
  try {
    await deps.temporal.workflow.start(WEBHOOK_DELIVERY_WORKFLOW, {
      taskQueue: deps.taskQueue,
      workflowId: workflowIdForDelivery(deliveryId),
      args: [input],
      workflowIdConflictPolicy: resend ? WorkflowIdConflictPolicy.TERMINATE_EXISTING : WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: resend ? WorkflowIdReusePolicy.ALLOW_DUPLICATE : WorkflowIdReusePolicy.REJECT_DUPLICATE,
      // No URL: a receiver's URL may carry its own token in the query string.
      staticSummary: `Webhook ${eventType}${resend ? ' (resend)' : ''}, delivery ${deliveryId}`,
    });
  } catch (error) {
    if (!resend && error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw error;
  }
}

/**
 * Records one delivery per enabled endpoint that wants the event (global ones, and the event's
 * tenant's) and starts their workflows. Idempotent on `event.key`: a second publish of the same
 * event finds the same deliveries, keeps their first body, and starts nothing already started or
 * finished. Returns the deliveries' ids.
 */
export async function publishEvent(deps: PublishDeps, event: WebhookEvent): Promise<string[]> {
  const tenantId = event.tenantId && Types.ObjectId.isValid(event.tenantId) ? new Types.ObjectId(event.tenantId) : null;
  const endpoints = await WebhookEndpointModel.find({ enabled: true, tenantId: { $in: tenantId ? [null, tenantId] : [null] } }, { events: 1 }).lean();
  const matching = endpoints.filter((endpoint) => endpoint.events.length === 0 || endpoint.events.includes(event.type));
  if (matching.length === 0) return [];

  const payload: WebhookPayload = { type: event.type, timestamp: new Date().toISOString(), data: event.data };
  const body = JSON.stringify(payload);
  const deliveries = matching.map((endpoint) => ({
    _id: deliveryIdFor(event.key, String(endpoint._id)),
    endpointId: endpoint._id,
    eventKey: event.key,
    eventType: event.type,
    tenantId,
    payload: body,
  }));
  try {
    await WebhookDeliveryModel.bulkWrite(
      deliveries.map((delivery) => ({ updateOne: { filter: { _id: delivery._id }, update: { $setOnInsert: delivery }, upsert: true } })),
      { ordered: false },
    );
  } catch (error) {
    // Two publishes of one event at once: one upsert inserts, the other's duplicate key is the same delivery.
    const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
    if (!writeErrors?.length || !writeErrors.every(isDuplicateKey)) throw error;
  }
  // Only deliveries still pending need a workflow: a delivered or failed one is not sent again by a repeated publish.
  const pending = await WebhookDeliveryModel.find({ _id: { $in: deliveries.map((delivery) => delivery._id) }, status: 'pending' }, { _id: 1 }).lean();
  await Promise.all(pending.map((delivery) => startDeliveryWorkflow(deps, delivery._id, event.type)));
  return deliveries.map((delivery) => delivery._id);
}
