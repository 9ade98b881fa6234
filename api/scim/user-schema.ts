/**
 * The SCIM User as this service provides it: the attributes of RFC 7643's core User schema that
 * map to something here, as /Schemas publishes them, plus the names every other part of api/scim
 * resolves attribute paths with (case-insensitively, as SCIM wants).
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Identity providers send it by default (employee number, department…); nothing here maps to it. */
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type AttributeType = 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime' | 'integer';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** A readWrite attribute with RFC 7643's defaults; `options` says what differs. */
export const attribute = (name: string, type: AttributeType, description: string, options: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  name,
  type,
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...options,
});

/** Both tags are canonical values only; any tag is accepted and the first subtag picks en or pt-BR. */
const languages = ['en', 'pt-BR'];

export const userAttributes: AttributeDefinition[] = [
  attribute(
    'userName',
    'string',
    "The identity provider's unique identifier of the user (Okta: its username; Entra: the userPrincipalName). When it is an e-mail and `emails` gives none, it is the login e-mail.",
    {
      required: true,
      uniqueness: 'server',
    },
  ),
  attribute(
    'name',
    'complex',
    'The parts of the name; the name the service shows and writes in e-mails is `formatted`, else givenName + familyName, else displayName.',
    {
      subAttributes: [
        attribute('formatted', 'string', 'The full name, as displayed.'),
        attribute('familyName', 'string', 'The family name (last name).'),
        attribute('givenName', 'string', 'The given name (first name).'),
      ],
    },
  ),
  attribute('displayName', 'string', 'The name to display, when `name` gives none.'),
  attribute('preferredLanguage', 'string', 'Language of the e-mails: a tag starting with "pt" picks Brazilian Portuguese, one starting with "en" English.', {
    canonicalValues: languages,
  }),
  attribute('locale', 'string', 'Read as preferredLanguage when that is absent (Okta sends this one).', { canonicalValues: languages }),
  // Required here (RFC 7643 leaves it optional): a user here always is active or not, so removing it means nothing.
  attribute('active', 'boolean', 'false deactivates the user (its registration link dies, no more e-mails, sign-in refused); true reactivates it.', {
    required: true,
  }),
  // Required here too: the login e-mail is where the invitation goes.
  attribute(
    'emails',
    'complex',
    'The login e-mail: the primary value (else the "work" one, else the first). One is kept; a new one sends a new invitation and kills the old link.',
    {
      multiValued: true,
      required: true,
      subAttributes: [
        attribute('value', 'string', 'The e-mail address; unique across the service.', { required: true, uniqueness: 'global' }),
        attribute('type', 'string', 'As sent; "work" for users no SCIM client wrote.', { canonicalValues: ['work'] }),
        attribute('primary', 'boolean', 'As sent; true for users no SCIM client wrote.'),
      ],
    },
  ),
];

/** Sub-attributes this service keeps, per complex attribute. */
const keptSubAttributes: Record<string, string[]> = { name: ['formatted', 'familyName', 'givenName'], emails: ['value', 'type', 'primary'] };

/**
 * Core User attributes (and sub-attributes) that nothing here maps to. Okta's and Entra's default
 * mappings send several of them (title, phoneNumbers, addresses…): accepted and ignored, so the
 * default mappings provision without errors, and never answered.
 */
const ignoredAttributes = [
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'timezone',
  'password',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'entitlements',
  'roles',
  'x509Certificates',
];
const ignoredSubAttributes: Record<string, string[]> = { name: ['middleName', 'honorificPrefix', 'honorificSuffix'], emails: ['display'] };
/** Set by the service, never by a client (RFC 7643 §3.1, and `groups` of the core User). */
const readOnlyAttributes = ['id', 'meta', 'groups'];

export type AttributeKind = 'kept' | 'ignored' | 'readOnly';
const byLowerName = (names: string[]) => new Map(names.map((name) => [name.toLowerCase(), name]));
const kept = byLowerName([...userAttributes.map((definition) => definition.name), 'externalId']);
const ignored = byLowerName(ignoredAttributes);
const readOnly = byLowerName(readOnlyAttributes);

/** An attribute name as written by a client, resolved to its canonical spelling and kind; null when the User schema has no such attribute. */
export function resolveAttribute(name: string): { name: string; kind: AttributeKind } | null {
  const key = name.toLowerCase();
  const found = kept.get(key);
  if (found) return { name: found, kind: 'kept' };
  if (ignored.has(key)) return { name: ignored.get(key)!, kind: 'ignored' };
  if (readOnly.has(key)) return { name: readOnly.get(key)!, kind: 'readOnly' };
  return null;
}

/** A sub-attribute of a kept complex attribute, resolved likewise. */
export function resolveSubAttribute(attribute: string, sub: string): { name: string; kind: AttributeKind } | null {
  const key = sub.toLowerCase();
  const found = keptSubAttributes[attribute]?.find((name) => name.toLowerCase() === key);
  if (found) return { name: found, kind: 'kept' };
  const skipped = ignoredSubAttributes[attribute]?.find((name) => name.toLowerCase() === key);
  return skipped ? { name: skipped, kind: 'ignored' } : null;
}

/** Which schema a URN prefix of a path names: the core User, an extension we ignore, or one we do not know. */
export function schemaOf(uri: string | null): 'core' | 'ignored' | 'unknown' {
  if (uri === null || uri.toLowerCase() === USER_SCHEMA.toLowerCase()) return 'core';
  return uri.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase() ? 'ignored' : 'unknown';
}
