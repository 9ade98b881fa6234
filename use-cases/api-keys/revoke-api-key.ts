import { ApiKeyModel } from '../../data/models/index.js';
import { revocations } from '../revoke-bearer-secrets.js';
import { toApiKeyView } from './api-key-view.js';
import { findApiKeyOrFail } from './list-api-keys.js';

/** revokeApiKey: the CLI's, by id or printed prefix; revokeApiKeyById: the console's. Refused from the next call on. */
export const { revoke: revokeApiKey, revokeById: revokeApiKeyById } = revocations(
  { model: ApiKeyModel, hashField: 'keyHash', entityType: 'apiKey', toView: toApiKeyView },
  findApiKeyOrFail,
);
