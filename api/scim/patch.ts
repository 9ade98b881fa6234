import { z } from 'zod';
import { invalidValue, ScimError } from './errors.js';
import { matches, parsePatchPath, type Filter, type PatchPath } from './filter.js';
import { ENTERPRISE_USER_SCHEMA, resolveAttribute, resolveSubAttribute, schemaOf, USER_SCHEMA } from './user-schema.js';

/**
 * PATCH (RFC 7644 §3.5.2) applied to a SCIM user as a client reads it, with no I/O: the result is
 * validated and turned into changes by the caller (users.ts), so a request that fails anywhere
 * changes nothing. Written for the forms Okta and Entra send, besides the RFC's own: no path with
 * an object of attributes, `emails[type eq "work"].value`, `name.familyName`, capitalised ops
 * ("Replace"), and `active` as "True"/"False".
 */

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const operationSchema = z.looseObject({ op: z.string(), path: z.string().nullish(), value: z.unknown().optional() });
export type PatchOperation = z.infer<typeof operationSchema>;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A PatchOp body's operations; anything else is 400 invalidSyntax. */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  // The RFC spells it "Operations"; a few clients write it in lower case.
  const operations = isObject(body) ? Object.entries(body).find(([key]) => key.toLowerCase() === 'operations')?.[1] : undefined;
  const parsed = z.array(operationSchema).min(1).max(100).safeParse(operations);
  if (!parsed.success)
    throw new ScimError(400, 'invalidSyntax', `send a PatchOp (${PATCH_OP_SCHEMA}) with 1 to 100 Operations, each with op add, replace or remove`);
  return parsed.data;
}

const required = ['userName', 'active', 'emails'];
const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
type Op = 'add' | 'replace' | 'remove';

/** Applies the operations in order to a copy of `user` and returns it. */
export function applyPatch(user: Json, operations: PatchOperation[]): Json {
  const target = structuredClone(user);
  for (const operation of operations) {
    const op = operation.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, 'invalidSyntax', `op "${operation.op}" is not add, replace or remove`);
    if (operation.path) applyAt(target, op, parsePatchPath(operation.path), operation.value);
    else if (op === 'remove') throw new ScimError(400, 'noTarget', 'remove needs a path');
    else applyAttributes(target, op, operation.value);
  }
  return target;
}

/** No path: the value is an object of attributes, each a path of its own (`"name.givenName"` and URN-prefixed keys too). */
function applyAttributes(target: Json, op: 'add' | 'replace', value: unknown) {
  if (!isObject(value)) throw invalidValue(`${op} without a path takes an object of attributes as its value`);
  for (const [key, attributeValue] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === USER_SCHEMA.toLowerCase()) applyAttributes(target, op, attributeValue);
    else if (lower === ENTERPRISE_USER_SCHEMA.toLowerCase()) continue;
    else applyAt(target, op, parsePatchPath(key), attributeValue);
  }
}

function applyAt(target: Json, op: Op, path: PatchPath, value: unknown) {
  const schema = schemaOf(path.uri);
  if (schema === 'ignored') return;
  if (schema === 'unknown') throw invalidPath(`unknown schema "${path.uri}"`);
  const attribute = resolveAttribute(path.attr);
  if (!attribute) throw invalidPath(`the User has no attribute "${path.attr}"`);
  if (attribute.kind === 'readOnly') throw new ScimError(400, 'mutability', `${attribute.name} is read-only`);
  if (attribute.kind === 'ignored') return;
  let sub: string | null = null;
  if (path.sub) {
    const resolved = resolveSubAttribute(attribute.name, path.sub);
    if (!resolved) throw invalidPath(`${attribute.name} has no sub-attribute "${path.sub}"`);
    if (resolved.kind === 'ignored') return;
    sub = resolved.name;
  }
  if (op !== 'remove' && value === undefined) throw invalidValue(`${op} ${attribute.name} needs a value`);
  if (op === 'remove' && !sub && !path.filter && required.includes(attribute.name)) throw invalidValue(`${attribute.name} is required; it cannot be removed`);

  if (attribute.name === 'emails') return patchEmails(target, op, path.filter, sub, value);
  if (path.filter) throw invalidPath(`${attribute.name} is single-valued: it takes no [filter]`);
  if (attribute.name === 'name') return patchName(target, op, sub, value);
  if (op === 'remove') delete target[attribute.name];
  else target[attribute.name] = value;
}

/** Only the sub-attributes kept here, in their canonical spelling. */
function keptSubAttributes(attribute: string, value: unknown): Json {
  if (!isObject(value)) throw invalidValue(`each value of ${attribute} must be an object`);
  const kept: Json = {};
  for (const [key, sub] of Object.entries(value)) {
    const resolved = resolveSubAttribute(attribute, key);
    if (resolved?.kind === 'kept') kept[resolved.name] = sub;
  }
  return kept;
}

/** `name` is complex and single-valued: an object value adds to (or replaces) the sub-attributes it names, the others stay. */
function patchName(target: Json, op: Op, sub: string | null, value: unknown) {
  const name: Json = isObject(target.name) ? target.name : {};
  if (sub) {
    if (op === 'remove') delete name[sub];
    else name[sub] = value;
  } else if (op === 'remove') {
    delete target.name;
    return;
  } else Object.assign(name, keptSubAttributes('name', value));
  target.name = name;
}

/** `eq` constraints of a value filter (`type eq "work"`): what a value added through an unmatched filter gets. */
function equalities(filter: Filter): Json {
  if (filter.op === 'and') return { ...equalities(filter.left), ...equalities(filter.right) };
  if (filter.op !== 'eq' || filter.path.sub) return {};
  const resolved = resolveSubAttribute('emails', filter.path.attr);
  return resolved?.kind === 'kept' ? { [resolved.name]: filter.value } : {};
}

function patchEmails(target: Json, op: Op, filter: Filter | null, sub: string | null, value: unknown) {
  const emails = (Array.isArray(target.emails) ? target.emails : []) as Json[];
  const values = () => (Array.isArray(value) ? value : [value]).map((item) => keptSubAttributes('emails', item));
  const removesLogin = () => invalidValue('emails is required (the login e-mail); replace it instead of removing it');

  if (!filter) {
    if (!sub) {
      if (op === 'replace') target.emails = values();
      else {
        const added = values();
        // At most one primary value (RFC 7643 §2.4): the added primary one wins.
        if (added.some((email) => email.primary === true)) for (const email of emails) email.primary = false;
        target.emails = [...emails, ...added];
      }
      return;
    }
    if (op === 'remove') {
      if (sub === 'value') throw removesLogin();
      for (const email of emails) delete email[sub];
    } else if (emails.length === 0) target.emails = [{ [sub]: value }];
    else for (const email of emails) email[sub] = value;
    return;
  }

  const matched = emails.filter((email) => matches(filter, email));
  if (op === 'remove') {
    if (sub === 'value' || (!sub && matched.length === emails.length && matched.length > 0)) throw removesLogin();
    if (sub) for (const email of matched) delete email[sub];
    else target.emails = emails.filter((email) => !matched.includes(email));
    return;
  }
  if (matched.length === 0) {
    if (op === 'replace') throw new ScimError(400, 'noTarget', 'no value of emails matches the filter');
    // Entra adds `emails[type eq "work"].value` when its user had no work e-mail yet.
    target.emails = [...emails, { ...equalities(filter), ...(sub ? { [sub]: value } : keptSubAttributes('emails', value)) }];
    return;
  }
  for (const email of matched) {
    if (sub) email[sub] = value;
    else Object.assign(email, keptSubAttributes('emails', value));
  }
}
