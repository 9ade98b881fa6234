import { EmailEventModel } from '../../data/models/index.js';
import { domainError } from '../../domain/errors.js';
import { isSnsUrl, topicRegion, type Fetch } from '../../security/sns-signature.js';

export interface SubscriptionDeps {
  /** How the confirmation is fetched (tests give a fake; there is no internet there). */
  fetch: Fetch;
}

/**
 * Amazon SNS asks an endpoint to confirm a new subscription (the SES notification topic's) by
 * fetching the message's SubscribeURL. The caller verified the message's signature and that the
 * topic is one of ours; the URL must be SNS's own in the topic's region, so a message cannot make
 * us fetch anything else. Confirmed once per SNS message id.
 */
export async function confirmSesSubscription(deps: SubscriptionDeps, message: { messageId: string; topicArn: string; subscribeUrl: string }) {
  const id = `ses:${message.messageId}`;
  if (await EmailEventModel.exists({ _id: id, outcome: 'subscriptionConfirmed' })) return { confirmed: false };
  const region = topicRegion(message.topicArn);
  if (!region || !isSnsUrl(message.subscribeUrl, region)) {
    throw domainError('VALIDATION_FAILED', {
      fields: [{ path: 'SubscribeURL', message: `must be an https address of sns.${region ?? '<region>'}.amazonaws.com` }],
    });
  }
  const response = await deps.fetch(message.subscribeUrl, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`SNS answered the subscription confirmation with ${response.status}`);
  await EmailEventModel.updateOne(
    { _id: id },
    { $setOnInsert: { provider: 'ses', outcome: 'subscriptionConfirmed', detail: message.topicArn, receivedAt: new Date() } },
    { upsert: true },
  );
  return { confirmed: true };
}
