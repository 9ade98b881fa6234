import { attribute, USER_SCHEMA, userAttributes, type AttributeDefinition } from './user-schema.js';

/**
 * The discovery endpoints (RFC 7644 §4, RFC 7643 §5–7): what a client may rely on. Said honestly:
 * PATCH and filters are supported; bulk, password changes, sorting and ETags are not. Groups are
 * not provided: a user's role here (supervisor or member) is an attribute of the user in its
 * tenant, not a group anyone is a member of.
 */

export const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** The most users one list answer carries; a larger `count` is lowered to it. */
export const MAX_RESULTS = 200;

export function serviceProviderConfig(baseUrl: string, documentationUri: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A tenant\'s SCIM token (npm run cli -- scim-tokens create --tenant <id> --name <name>), sent as "Authorization: Bearer scim_…".',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function userResourceType(baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: "A user of the token's tenant: created through SCIM, its activation lifecycle starts and its invitation goes out.",
    schema: USER_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
  };
}

const readOnly = (name: string, type: AttributeDefinition['type'], description: string, options: Partial<AttributeDefinition> = {}) =>
  attribute(name, type, description, { mutability: 'readOnly', ...options });
const supported = (name: string, more: AttributeDefinition[] = []) =>
  readOnly(name, 'complex', `${name} configuration options.`, {
    required: true,
    subAttributes: [readOnly('supported', 'boolean', 'Whether the operation is supported.', { required: true }), ...more],
  });

// The schemas of the discovery resources themselves (RFC 7643 §8.7.2), which /Schemas also lists.
const spcAttributes = [
  readOnly('documentationUri', 'reference', 'Human-readable help for this service provider.', { referenceTypes: ['external'] }),
  supported('patch'),
  supported('bulk', [
    readOnly('maxOperations', 'integer', 'Most operations in a bulk request.', { required: true }),
    readOnly('maxPayloadSize', 'integer', 'Largest bulk payload, in bytes.', { required: true }),
  ]),
  supported('filter', [readOnly('maxResults', 'integer', 'Most resources one answer carries.', { required: true })]),
  supported('changePassword'),
  supported('sort'),
  supported('etag'),
  readOnly('authenticationSchemes', 'complex', 'Supported authentication schemes.', {
    multiValued: true,
    required: true,
    subAttributes: [
      readOnly('type', 'string', 'The scheme, e.g. oauthbearertoken.', { required: true }),
      readOnly('name', 'string', 'Common name of the scheme.', { required: true }),
      readOnly('description', 'string', 'What the scheme is.', { required: true }),
      readOnly('specUri', 'reference', 'Its specification.', { referenceTypes: ['external'] }),
      readOnly('documentationUri', 'reference', 'Its documentation.', { referenceTypes: ['external'] }),
      readOnly('primary', 'boolean', 'The preferred scheme.'),
    ],
  }),
];

const resourceTypeAttributes = [
  readOnly('id', 'string', "The resource type's id."),
  readOnly('name', 'string', "The resource type's name.", { required: true }),
  readOnly('description', 'string', "The resource type's description."),
  readOnly('endpoint', 'reference', "The resource type's endpoint, relative to the base URL.", { required: true, referenceTypes: ['uri'] }),
  readOnly('schema', 'reference', "The resource type's primary schema.", { required: true, caseExact: true, referenceTypes: ['uri'] }),
  readOnly('schemaExtensions', 'complex', 'Schema extensions of the resource type.', {
    multiValued: true,
    subAttributes: [
      readOnly('schema', 'reference', "The extension's schema URI.", { required: true, caseExact: true, referenceTypes: ['uri'] }),
      readOnly('required', 'boolean', 'Whether resources must carry the extension.', { required: true }),
    ],
  }),
];

const attributeDefinitionAttributes = (depth: number): AttributeDefinition[] => [
  readOnly('name', 'string', "The attribute's name.", { required: true, caseExact: true }),
  readOnly('type', 'string', "The attribute's data type.", {
    required: true,
    canonicalValues: ['string', 'complex', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'],
  }),
  readOnly('multiValued', 'boolean', 'Whether the attribute is multi-valued.', { required: true }),
  readOnly('description', 'string', "The attribute's description."),
  readOnly('required', 'boolean', 'Whether the attribute is required.'),
  readOnly('canonicalValues', 'string', 'Suggested values.', { multiValued: true }),
  readOnly('caseExact', 'boolean', 'Whether the attribute is case-sensitive.'),
  readOnly('mutability', 'string', 'When the attribute can be written.', { canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] }),
  readOnly('returned', 'string', 'When the attribute is returned.', { canonicalValues: ['always', 'never', 'default', 'request'] }),
  readOnly('uniqueness', 'string', 'How the attribute is unique.', { canonicalValues: ['none', 'server', 'global'] }),
  readOnly('referenceTypes', 'string', 'The resource types a reference may point to.', { multiValued: true }),
  ...(depth === 0
    ? [
        readOnly('subAttributes', 'complex', 'The sub-attributes of a complex attribute.', {
          multiValued: true,
          subAttributes: attributeDefinitionAttributes(1),
        }),
      ]
    : []),
];

const schemaAttributes = [
  readOnly('id', 'string', "The schema's URI.", { required: true, caseExact: true }),
  readOnly('name', 'string', "The schema's name.", { required: true }),
  readOnly('description', 'string', "The schema's description."),
  readOnly('attributes', 'complex', 'The attributes of the schema.', { multiValued: true, required: true, subAttributes: attributeDefinitionAttributes(0) }),
];

export function schemas(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: AttributeDefinition[]) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    schema(USER_SCHEMA, 'User', 'User Account', userAttributes),
    schema(SPC_SCHEMA, 'ServiceProviderConfig', 'Service Provider Configuration Schema', spcAttributes),
    schema(RESOURCE_TYPE_SCHEMA, 'ResourceType', 'Specifies the schema that describes a SCIM resource type', resourceTypeAttributes),
    schema(SCHEMA_SCHEMA, 'Schema', 'Specifies the schema attributes', schemaAttributes),
  ];
}

/** A ListResponse (RFC 7644 §3.4.2) of everything there is: discovery lists are not paged. */
export const listResponse = <T>(resources: T[], totalResults = resources.length, startIndex = 1) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});
