import { recordAudit } from '../../data/audit-events.js';
import { ApiKeyModel } from '../../data/models/index.js';
import { CLI_ACTOR, type Actor } from '../../domain/actor.js';
import { hashBearerSecret, newBearerSecret } from '../../security/bearer-secret.js';
import { toApiKeyView, type ApiKeyCreator } from './api-key-view.js';

const actorOf = (creator: ApiKeyCreator): Actor => (creator.type === 'admin' ? { type: 'admin', id: creator.id, label: creator.email } : CLI_ACTOR);

/** Creates a key (`ak_` + 256 random bits); the raw key is returned once and only its SHA-256 is kept. */
export async function createApiKey(name: string, creator: ApiKeyCreator = { type: 'cli' }) {
  const key = newBearerSecret('ak_');
  const createdBy =
    creator.type === 'admin' ? { type: 'admin' as const, id: creator.id, email: creator.email } : { type: 'cli' as const, id: null, email: null };
  const doc = await ApiKeyModel.create({ name, prefix: key.slice(0, 10), keyHash: hashBearerSecret(key), createdBy });
  const view = toApiKeyView(doc.toObject());
  await recordAudit(actorOf(creator), 'apiKey.created', { type: 'apiKey', id: view.id }, { after: view });
  return { ...view, key };
}
