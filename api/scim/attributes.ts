import { USER_SCHEMA } from './user-schema.js';

/**
 * The `attributes` and `excludedAttributes` parameters (RFC 7644 §3.9): which attributes of a
 * resource an answer carries. `id` and `schemas` are always returned. Names are
 * case-insensitive, may name a sub-attribute (`name.givenName`) and may carry the schema URN.
 */

type Json = Record<string, unknown>;
const ALWAYS = ['id', 'schemas'];

/** A comma-separated list (query parameter) or an array (search request) as [attribute, sub-attribute] pairs. */
export function attributeList(value: unknown): [string, string | null][] | null {
  const names = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? value.split(',') : [];
  const pairs = names
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => (name.toLowerCase().startsWith(`${USER_SCHEMA.toLowerCase()}:`) ? name.slice(USER_SCHEMA.length + 1) : name))
    .map((name): [string, string | null] => {
      const [attribute, sub] = name.split('.');
      return [attribute!.toLowerCase(), sub?.toLowerCase() ?? null];
    });
  return pairs.length > 0 ? pairs : null;
}

const keyOf = (object: Json, lowerName: string) => Object.keys(object).find((key) => key.toLowerCase() === lowerName);

function pickSub(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((item) => pickSub(item, sub)).filter((item) => item !== undefined && Object.keys(item as Json).length > 0);
  if (typeof value !== 'object' || value === null) return undefined;
  const key = keyOf(value as Json, sub);
  return key === undefined ? {} : { [key]: (value as Json)[key] };
}

function dropSub(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((item) => dropSub(item, sub));
  if (typeof value !== 'object' || value === null) return value;
  const key = keyOf(value as Json, sub);
  return Object.fromEntries(Object.entries(value as Json).filter(([name]) => name !== key));
}

/** The resource with only the requested attributes (`attributes`), or without the excluded ones. */
export function projectAttributes(resource: Json, attributes: [string, string | null][] | null, excluded: [string, string | null][] | null): Json {
  if (attributes) {
    const result: Json = Object.fromEntries(ALWAYS.filter((name) => name in resource).map((name) => [name, resource[name]]));
    for (const [attribute, sub] of attributes) {
      const key = keyOf(resource, attribute);
      if (key === undefined || ALWAYS.includes(key)) continue;
      if (!sub) result[key] = resource[key];
      else {
        const picked = pickSub(resource[key], sub);
        if (picked === undefined) continue;
        // Two sub-attributes of one attribute (`name.givenName,name.familyName`) merge.
        result[key] = Array.isArray(picked) ? picked : { ...(result[key] as Json | undefined), ...(picked as Json) };
      }
    }
    return result;
  }
  if (!excluded) return resource;
  let result: Json = { ...resource };
  for (const [attribute, sub] of excluded) {
    const key = keyOf(result, attribute);
    if (key === undefined || ALWAYS.includes(key)) continue;
    if (!sub) result = Object.fromEntries(Object.entries(result).filter(([name]) => name !== key));
    else result[key] = dropSub(result[key], sub);
  }
  return result;
}
