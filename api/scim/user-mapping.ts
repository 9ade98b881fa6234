import { z } from 'zod';
import { emailSchema } from '../../domain/email-address.js';
import type { Locale } from '../../domain/locale.js';
import type { ScimUserRecord } from '../../use-cases/index.js';
import { invalidValue, ScimError } from './errors.js';
import { resolveAttribute, resolveSubAttribute, schemaOf, USER_SCHEMA } from './user-schema.js';

/**
 * A SCIM User ↔ one of our users. What the identity provider sent is kept as sent (the user's
 * `scim` field) so it reads back the same; our own fields are derived from it: the login e-mail
 * from `emails` (or an e-mail userName), the name from `name`/`displayName`, the locale from
 * `preferredLanguage`/`locale`. Users no SCIM client ever wrote read as their own fields.
 */

/** Empty strings and nulls are unassigned attributes (RFC 7643 §2.5), left out. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => value || undefined);
/** Entra sends `active` as the strings "True"/"False" in PATCH values; both forms mean the boolean. */
const flag = z.preprocess((value) => (typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value), z.boolean());

const scimEmailSchema = z.object({
  value: z.string().trim().min(1).max(254),
  type: optionalText(50),
  primary: flag.nullish().transform((value) => value ?? undefined),
});
const scimNameSchema = z.object({ formatted: optionalText(200), givenName: optionalText(100), familyName: optionalText(100) });

/** The attributes a client writes, validated: what POST and PUT bodies and patched users must satisfy. */
export const scimUserSchema = z.object({
  userName: z.string().trim().min(1).max(254),
  name: scimNameSchema.nullish().transform((name) => (name && Object.values(name).some(Boolean) ? name : undefined)),
  displayName: optionalText(200),
  emails: z
    .array(scimEmailSchema)
    .max(10)
    .nullish()
    .transform((emails) => emails ?? []),
  active: flag.nullish().transform((value) => value ?? undefined),
  externalId: optionalText(200),
  preferredLanguage: optionalText(35),
  locale: optionalText(35),
});
export type ScimUser = z.output<typeof scimUserSchema>;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys in their canonical spelling (SCIM names are case-insensitive); attributes nothing here keeps are dropped. */
function canonicalKeys(body: Json): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(body)) {
    const [uri, attr] = /^urn:/i.test(key) ? [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1)] : [null, key];
    if (schemaOf(uri) !== 'core') continue;
    const resolved = resolveAttribute(attr);
    if (resolved?.kind !== 'kept') continue;
    if (resolved.name === 'name' && isObject(value)) result.name = canonicalSubKeys('name', value);
    else if (resolved.name === 'emails' && Array.isArray(value))
      result.emails = value.map((email) => (isObject(email) ? canonicalSubKeys('emails', email) : email));
    else result[resolved.name] = value;
  }
  return result;
}

function canonicalSubKeys(attribute: string, value: Json): Json {
  const result: Json = {};
  for (const [key, sub] of Object.entries(value)) {
    const resolved = resolveSubAttribute(attribute, key);
    if (resolved?.kind === 'kept') result[resolved.name] = sub;
  }
  return result;
}

/** A POST or PUT body, or a patched user, as a ScimUser; a wrong type is 400 invalidValue naming the attribute. */
export function parseScimUser(body: unknown): ScimUser {
  if (!isObject(body)) throw new ScimError(400, 'invalidSyntax', 'the body must be a JSON object (a SCIM User)');
  const parsed = scimUserSchema.safeParse(canonicalKeys(body));
  if (!parsed.success) throw invalidValue(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  return parsed.data;
}

/**
 * A PUT body over the user as it is: attributes the body leaves out are not asserted and stay
 * (RFC 7644 §3.5.1 lets the provider choose; Okta's PUT omits externalId), a null clears one.
 */
export function replaceScimUser(current: ScimUser, body: unknown): ScimUser {
  if (!isObject(body)) throw new ScimError(400, 'invalidSyntax', 'the body must be a JSON object (a SCIM User)');
  return parseScimUser({ ...current, ...canonicalKeys(body) });
}

/** The value of `emails` that is the login: the primary one, else the "work" one, else the first. */
const loginEntryOf = ({ emails }: ScimUser) =>
  emails.find((email) => email.primary) ?? emails.find((email) => email.type?.toLowerCase() === 'work') ?? emails[0];

/** The login e-mail: from `emails`, else the userName when it is an e-mail. */
export function loginEmailOf(user: ScimUser): string {
  const chosen = loginEntryOf(user);
  const candidate = chosen?.value ?? user.userName;
  const parsed = emailSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  throw invalidValue(
    chosen
      ? `emails: "${candidate}" is not a valid e-mail address`
      : 'give the login e-mail in emails (or as userName): users sign in with an e-mail and receive their invitation there',
  );
}

/** The name the service shows and writes in e-mails. */
export function nameOf(user: ScimUser, email: string): string {
  const { name } = user;
  const joined = [name?.givenName, name?.familyName].filter(Boolean).join(' ');
  return name?.formatted ?? (joined || undefined) ?? user.displayName ?? email.split('@')[0]!;
}

/** Our locale from a language tag: pt… → pt-BR, en… → en; null leaves the locale as it is. */
export function localeOf(user: ScimUser): Locale | null {
  const tag = (user.preferredLanguage ?? user.locale)?.toLowerCase();
  if (tag?.startsWith('pt')) return 'pt-BR';
  if (tag?.startsWith('en')) return 'en';
  return null;
}

/** The `scim` field of a user: what the identity provider sent, as sent. */
export function scimProfileOf(user: ScimUser) {
  return {
    userName: user.userName,
    userNameKey: user.userName.toLowerCase(),
    givenName: user.name?.givenName ?? null,
    familyName: user.name?.familyName ?? null,
    formattedName: user.name?.formatted ?? null,
    displayName: user.displayName ?? null,
    emailType: loginEntryOf(user)?.type ?? null,
    emailPrimary: loginEntryOf(user)?.primary ?? null,
    preferredLanguage: user.preferredLanguage ?? null,
    locale: user.locale ?? null,
  };
}
export type ScimProfile = ReturnType<typeof scimProfileOf>;

export type UserRecord = ScimUserRecord;
const defined = <T extends Json>(object: T) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;

/** A user as a SCIM client reads it (without id and meta): its SCIM profile, or its own fields when it has none. */
export function scimUserOf(user: UserRecord): ScimUser {
  const profile = user.scim;
  const email = user.email!;
  const name = profile
    ? { formatted: profile.formattedName ?? undefined, givenName: profile.givenName ?? undefined, familyName: profile.familyName ?? undefined }
    : { formatted: user.name, givenName: undefined, familyName: undefined };
  return {
    userName: profile?.userName ?? email,
    name: Object.values(name).some(Boolean) ? name : undefined,
    displayName: (profile ? profile.displayName : user.name) ?? undefined,
    // One e-mail, the login: the one an identity provider reads back is the one invitations go to.
    emails: [
      profile
        ? { value: email, type: profile.emailType ?? undefined, primary: profile.emailPrimary ?? undefined }
        : { value: email, type: 'work', primary: true },
    ],
    active: user.status !== 'inactive',
    externalId: user.externalId ?? undefined,
    preferredLanguage: (profile ? profile.preferredLanguage : user.locale) ?? undefined,
    locale: profile?.locale ?? undefined,
  };
}

/** The SCIM resource (RFC 7643 §4.1) of a user; `baseUrl` is the service provider's /scim/v2 address. */
export function toScimResource(user: UserRecord, baseUrl: string) {
  const id = String(user._id);
  return defined({
    schemas: [USER_SCHEMA],
    id,
    ...scimUserOf(user),
    meta: { resourceType: 'User', created: user.createdAt.toISOString(), lastModified: user.updatedAt.toISOString(), location: `${baseUrl}/Users/${id}` },
  });
}
export type ScimResource = ReturnType<typeof toScimResource>;
