import { ScimTokenModel } from '../../data/models/index.js';
import { revocations } from '../revoke-bearer-secrets.js';
import { findScimTokenOrFail } from './list-scim-tokens.js';
import { toScimTokenView } from './scim-token-view.js';

/** revokeScimToken: the CLI's, by id or printed prefix; revokeScimTokenById: the console's. The identity provider is refused from its next call on. */
export const { revoke: revokeScimToken, revokeById: revokeScimTokenById } = revocations(
  { model: ScimTokenModel, hashField: 'tokenHash', entityType: 'scimToken', toView: toScimTokenView },
  findScimTokenOrFail,
);
