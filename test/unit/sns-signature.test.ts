import { beforeAll, describe, expect, it } from 'vitest';
import { isSnsUrl, snsSignatureVerifier, snsStringToSign, SnsSignatureError, type SnsMessage } from '../../security/sns-signature.js';
import { fakeSnsInternet, signSns, snsTestCertificate } from '../harness/email-provider-signing.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ses-events';
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem';

/** A notification as the SNS documentation shows one (the SES bounce JSON as its Message). */
const notification = {
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: TOPIC,
  Subject: 'My First Message',
  Message: 'Hello world!',
  Timestamp: '2012-05-02T00:54:06.655Z',
  UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:c9135db0-26c4-47ec-8998-413945fb5a96`,
};
const confirmation = {
  Type: 'SubscriptionConfirmation',
  MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
  Token:
    '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
  TopicArn: TOPIC,
  Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
  SubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f37fb`,
  Timestamp: '2012-04-26T20:45:04.751Z',
};

let key: string;
let certificate: string;
beforeAll(() => {
  ({ privateKeyPem: key, certificatePem: certificate } = snsTestCertificate());
});

const verifier = (now?: () => number) => {
  const internet = fakeSnsInternet({ [CERT_URL]: certificate });
  return { ...internet, sns: snsSignatureVerifier({ fetch: internet.fetch, now }) };
};
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SnsSignatureError);
  return (error as Error).message;
};

describe('Amazon SNS message signatures', () => {
  it('signs the documented fields in order: Subject only when present, the confirmation fields for a confirmation', () => {
    expect(snsStringToSign({ ...notification, SignatureVersion: '1', Signature: '', SigningCertURL: CERT_URL })).toBe(
      `Message\nHello world!\nMessageId\n${notification.MessageId}\nSubject\nMy First Message\nTimestamp\n${notification.Timestamp}\nTopicArn\n${TOPIC}\nType\nNotification\n`,
    );
    const withoutSubject = { ...notification, Subject: undefined, SignatureVersion: '1', Signature: '', SigningCertURL: CERT_URL };
    expect(snsStringToSign(withoutSubject)).not.toContain('Subject');
    expect(snsStringToSign({ ...confirmation, SignatureVersion: '1', Signature: '', SigningCertURL: CERT_URL })).toBe(
      `Message\n${confirmation.Message}\nMessageId\n${confirmation.MessageId}\nSubscribeURL\n${confirmation.SubscribeURL}\nTimestamp\n${confirmation.Timestamp}\nToken\n${confirmation.Token}\nTopicArn\n${TOPIC}\nType\nSubscriptionConfirmation\n`,
    );
  });

  it('verifies SignatureVersion 2 (SHA256withRSA) and 1 (SHA1withRSA) with the certificate fetched once', async () => {
    const { sns, fetched } = verifier();
    await sns.verify(signSns(notification, key, CERT_URL, '2'));
    await sns.verify(signSns(confirmation, key, CERT_URL, '1'));
    await sns.verify(signSns({ ...notification, Subject: undefined }, key, CERT_URL, '2'));
    expect(fetched).toEqual([CERT_URL]);
  });

  it('refuses a changed message, a signature version it does not know, another key', async () => {
    const { sns } = verifier();
    const signed = signSns(notification, key, CERT_URL);
    expect(await refusal(sns.verify({ ...signed, Message: 'Hello world?' }))).toMatch(/does not match/);
    expect(await refusal(sns.verify({ ...signed, Type: 'SubscriptionConfirmation', SubscribeURL: 'https://sns.us-east-1.amazonaws.com/x' }))).toMatch(
      /does not match/,
    );
    // Signed as version 1, presented as version 2: the digest differs.
    expect(await refusal(sns.verify({ ...signSns(notification, key, CERT_URL, '1'), SignatureVersion: '2' }))).toMatch(/does not match/);
    expect(await refusal(sns.verify({ ...signed, SignatureVersion: '3' }))).toMatch(/SignatureVersion/);
    expect(await refusal(sns.verify(signSns(notification, snsTestCertificate().privateKeyPem, CERT_URL)))).toMatch(/does not match/);
  });

  it("fetches a certificate only from https://sns.<the topic's region>.amazonaws.com", async () => {
    const { sns, fetched } = verifier();
    for (const url of [
      'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem',
      'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem',
      'https://sns.us-east-1.amazonaws.com.attacker.example/SimpleNotificationService-x.pem',
      'https://attacker.example/sns.us-east-1.amazonaws.com/x.pem',
      'https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-x.pem',
      'https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem',
      'https://s3.amazonaws.com/SimpleNotificationService-x.pem',
      'https://sns.us-east-1.amazonaws.com/?Action=Whatever',
      'not a url',
    ]) {
      expect(await refusal(sns.verify(signSns(notification, key, url))), url).toMatch(/SigningCertURL/);
    }
    expect(await refusal(sns.verify({ ...signSns(notification, key, CERT_URL), TopicArn: 'arn:aws:s3:::bucket' }))).toMatch(/TopicArn/);
    expect(fetched).toEqual([]);
    expect(isSnsUrl('https://sns.sa-east-1.amazonaws.com/?Action=ConfirmSubscription', 'sa-east-1')).toBe(true);
  });

  it('refuses what no certificate proves: a URL that is none, a certificate not valid now; a failed fetch is tried again', async () => {
    const { sns, fetched } = verifier();
    const elsewhere = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-missing.pem';
    expect(await refusal(sns.verify(signSns(notification, key, elsewhere)))).toMatch(/answered 404/);
    expect(await refusal(sns.verify(signSns(notification, key, elsewhere)))).toMatch(/answered 404/);
    expect(fetched).toEqual([elsewhere, elsewhere]);

    const later = verifier(() => Date.now() + 30 * 86_400_000);
    expect(await refusal(later.sns.verify(signSns(notification, key, CERT_URL)))).toMatch(/not valid now/);
    const notPem = snsSignatureVerifier({ fetch: async () => new Response('<html>hello</html>') });
    expect(await refusal(notPem.verify(signSns(notification, key, CERT_URL)))).toMatch(/not an X.509/);
  });

  it('keeps a bounded number of certificates', async () => {
    const urls = Array.from({ length: 5 }, (_, index) => `https://sns.us-east-1.amazonaws.com/SimpleNotificationService-${index}.pem`);
    const internet = fakeSnsInternet(Object.fromEntries(urls.map((url) => [url, certificate])));
    const sns = snsSignatureVerifier({ fetch: internet.fetch, cacheSize: 2 });
    for (const url of [...urls, urls[4]!, urls[0]!]) await sns.verify(signSns(notification, key, url) as SnsMessage);
    // The last two stay; the first was dropped and fetched again.
    expect(internet.fetched).toEqual([...urls, urls[0]]);
  });
});
