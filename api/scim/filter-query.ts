import { objectId } from '../../data/list-filters.js';
import { ScimError } from './errors.js';
import type { AttrPath, CompareOp, CompValue, Filter } from './filter.js';
import { resolveAttribute, resolveSubAttribute, schemaOf } from './user-schema.js';

/**
 * A parsed SCIM filter as a MongoDB condition on the users collection. Attributes read what
 * user-mapping.ts answers: the identity provider's values (the `scim` field) for users it wrote,
 * our own fields for the others — so `userName eq "ana@x.com"` finds a user created in the
 * console too, which is how Okta and Entra match the users that already exist.
 */

type Condition = Record<string, unknown>;
const EVERYTHING: Condition = {};
const NOTHING: Condition = { _id: { $exists: false } };
const hasProfile: Condition = { scim: { $ne: null } };
const noProfile: Condition = { scim: null };

const invalidFilter = (detail: string) => new ScimError(400, 'invalidFilter', detail);
// NUL spelled `\x00`: MongoDB refuses a pattern holding the byte itself.
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\0/g, '\\x00');
const and = (...conditions: Condition[]): Condition => ({ $and: conditions });
const or = (...conditions: Condition[]): Condition => ({ $or: conditions });
const not = (condition: Condition): Condition => ({ $nor: [condition] });

/** How a string field is stored: as given (compared without case), lowercased (compared as such), or case-exact. */
type Storage = 'text' | 'lowercase' | 'exact';

function onString(field: string, storage: Storage, op: CompareOp | 'pr', value: CompValue, attribute: string): Condition {
  if (op === 'pr') return { [field]: { $nin: [null, ''] } };
  if (value === null) return op === 'eq' ? { [field]: { $in: [null, ''] } } : op === 'ne' ? { [field]: { $nin: [null, ''] } } : NOTHING;
  if (typeof value !== 'string') throw invalidFilter(`${attribute} compares with a "quoted string"`);
  const wanted = storage === 'lowercase' ? value.toLowerCase() : value;
  const flags = storage === 'text' ? 'i' : '';
  const regex = (pattern: string) => ({ [field]: { $regex: pattern, $options: flags } });
  switch (op) {
    case 'eq':
      return storage === 'text' ? regex(`^${escape(wanted)}$`) : { [field]: wanted };
    case 'ne':
      return not(onString(field, storage, 'eq', value, attribute));
    case 'co':
      return regex(escape(wanted));
    case 'sw':
      return regex(`^${escape(wanted)}`);
    case 'ew':
      return regex(`${escape(wanted)}$`);
    default:
      // gt, ge, lt, le: lexicographic (RFC 7644 §3.4.2.2), without case where the attribute is not case-exact.
      return storage === 'text'
        ? { $expr: { [ordering[op]]: [{ $toLower: { $ifNull: [`$${field}`, ''] } }, wanted.toLowerCase()] }, [field]: { $type: 'string' } }
        : { [field]: { [ordering[op]]: wanted } };
  }
}

/** SCIM's ordering operators as MongoDB's. */
const ordering: Record<'gt' | 'ge' | 'lt' | 'le', string> = { gt: '$gt', ge: '$gte', lt: '$lt', le: '$lte' };

type Translate = (op: CompareOp | 'pr', value: CompValue, attribute: string) => Condition;

/** An attribute that is the SCIM profile's field for users that have one, and one of our fields (or nothing) for the others. */
function profileOr(profileField: string, storage: Storage, fallback: { field: string; storage: Storage } | Translate | null): Translate {
  return (op, value, attribute) => {
    const inProfile = and(hasProfile, onString(`scim.${profileField}`, storage, op, value, attribute));
    if (!fallback) return inProfile;
    const otherwise = typeof fallback === 'function' ? fallback(op, value, attribute) : onString(fallback.field, fallback.storage, op, value, attribute);
    return or(inProfile, and(noProfile, otherwise));
  };
}

/** A boolean of the SCIM profile (eq, ne, pr). */
function onProfileFlag(profileField: string, fallback: Translate): Translate {
  return (op, value, attribute) => {
    if (op !== 'pr' && (typeof value !== 'boolean' || (op !== 'eq' && op !== 'ne')))
      throw invalidFilter(`${attribute} compares with eq or ne and true or false`);
    const field = `scim.${profileField}`;
    const inProfile = op === 'pr' ? { [field]: { $in: [true, false] } } : op === 'eq' ? { [field]: value } : { [field]: { $ne: value } };
    return or(and(hasProfile, inProfile), and(noProfile, fallback(op, value, attribute)));
  };
}

/** Attributes that users no SCIM client wrote answer with one fixed value (their e-mail is the primary, "work" one). */
function constant(fixed: string | boolean): Translate {
  return (op: CompareOp | 'pr', value: CompValue): Condition => {
    if (op === 'pr') return EVERYTHING;
    const [a, b] = [typeof fixed === 'string' ? fixed.toLowerCase() : fixed, typeof value === 'string' ? value.toLowerCase() : value];
    const strings = typeof a === 'string' && typeof b === 'string';
    const holds =
      op === 'eq'
        ? a === b
        : op === 'ne'
          ? a !== b
          : strings &&
            (op === 'co'
              ? a.includes(b)
              : op === 'sw'
                ? a.startsWith(b)
                : op === 'ew'
                  ? a.endsWith(b)
                  : op === 'gt'
                    ? a > b
                    : op === 'ge'
                      ? a >= b
                      : op === 'lt'
                        ? a < b
                        : a <= b);
    return holds ? EVERYTHING : NOTHING;
  };
}

function onDate(field: string) {
  return (op: CompareOp | 'pr', value: CompValue, attribute: string): Condition => {
    if (op === 'pr') return EVERYTHING;
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime()) || !['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op))
      throw invalidFilter(`${attribute} compares (eq, ne, gt, ge, lt, le) with a "date-time"`);
    const mongoOp = op === 'ge' ? '$gte' : op === 'le' ? '$lte' : `$${op}`;
    return { [field]: { [mongoOp]: date } };
  };
}

const attributes: Record<string, Translate> = {
  id: (op, value, attribute) => {
    if (op === 'pr') return EVERYTHING;
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`${attribute} compares with eq or ne`);
    const match = typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value) ? { _id: objectId(value) } : NOTHING;
    return op === 'eq' ? match : not(match);
  },
  externalId: (op, value, attribute) => onString('externalId', 'exact', op, value, attribute),
  userName: profileOr('userNameKey', 'lowercase', { field: 'email', storage: 'lowercase' }),
  displayName: profileOr('displayName', 'text', { field: 'name', storage: 'text' }),
  'name.formatted': profileOr('formattedName', 'text', { field: 'name', storage: 'text' }),
  'name.givenName': profileOr('givenName', 'text', null),
  'name.familyName': profileOr('familyName', 'text', null),
  preferredLanguage: profileOr('preferredLanguage', 'text', { field: 'locale', storage: 'text' }),
  locale: profileOr('locale', 'text', null),
  'emails.value': (op, value, attribute) => onString('email', 'lowercase', op, value, attribute),
  'emails.type': profileOr('emailType', 'text', constant('work')),
  'emails.primary': onProfileFlag('emailPrimary', constant(true)),
  active: (op, value, attribute) => {
    if (op === 'pr') return EVERYTHING;
    if (typeof value !== 'boolean' || (op !== 'eq' && op !== 'ne')) throw invalidFilter(`${attribute} compares with eq or ne and true or false`);
    return (op === 'eq') === value ? { status: { $ne: 'inactive' } } : { status: 'inactive' };
  },
  'meta.created': onDate('createdAt'),
  'meta.lastModified': onDate('updatedAt'),
};

/** `name.givenName`, `emails` (its value), `meta.created`: the key of `attributes` a path names, or a 400. */
function attributeKey(path: AttrPath, parent: string | null): string {
  if (schemaOf(path.uri) !== 'core') throw invalidFilter(`attributes of "${path.uri}" cannot be filtered on`);
  if (parent) {
    const sub = resolveSubAttribute(parent, path.attr);
    if (sub?.kind !== 'kept' || path.sub) throw invalidFilter(`${parent} has no sub-attribute "${path.attr}" to filter on`);
    return `${parent}.${sub.name}`;
  }
  const lower = path.attr.toLowerCase();
  if (lower === 'meta' && path.sub && ['created', 'lastmodified'].includes(path.sub.toLowerCase()))
    return path.sub.toLowerCase() === 'created' ? 'meta.created' : 'meta.lastModified';
  const attribute = lower === 'id' ? { name: 'id', kind: 'kept' } : resolveAttribute(path.attr);
  if (attribute?.kind !== 'kept')
    throw invalidFilter(
      `unknown attribute "${path.attr}" (filterable: userName, emails.value, externalId, active, name.givenName, name.familyName, name.formatted, displayName, id, meta.created, meta.lastModified)`,
    );
  if (!path.sub) return attribute.name === 'emails' ? 'emails.value' : attribute.name;
  const sub = resolveSubAttribute(attribute.name, path.sub);
  if (sub?.kind !== 'kept') throw invalidFilter(`${attribute.name} has no sub-attribute "${path.sub}" to filter on`);
  return `${attribute.name}.${sub.name}`;
}

function translate(filter: Filter, parent: string | null): Condition {
  switch (filter.op) {
    case 'and':
      return and(translate(filter.left, parent), translate(filter.right, parent));
    case 'or':
      return or(translate(filter.left, parent), translate(filter.right, parent));
    case 'not':
      return not(translate(filter.filter, parent));
    case 'valuePath': {
      const name = resolveAttribute(filter.path.attr)?.name;
      if (parent || filter.path.sub || (name !== 'emails' && name !== 'name'))
        throw invalidFilter(`"${filter.path.attr}[…]" is not a filter on a complex attribute`);
      return translate(filter.filter, name);
    }
    case 'pr': {
      const path = filter.path;
      // `name pr`: any of its parts.
      if (!parent && !path.sub && path.attr.toLowerCase() === 'name')
        return or(...['formatted', 'givenName', 'familyName'].map((sub) => attributes[`name.${sub}`]!('pr', null, 'name')));
      return attributes[attributeKey(path, parent)]!('pr', null, path.attr);
    }
    default: {
      const key = attributeKey(filter.path, parent);
      if (key === 'name') throw invalidFilter('name is complex: filter on name.givenName, name.familyName or name.formatted');
      return attributes[key]!(filter.op, filter.value, key);
    }
  }
}

/** The MongoDB condition for a parsed filter; an attribute or comparison we cannot answer is a 400 invalidFilter. */
export function filterToQuery(filter: Filter): Condition {
  return translate(filter, null);
}
