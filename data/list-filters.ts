import { Types } from 'mongoose';

/** The MongoDB filters the lists are built of; each list's own filter lives with its collection (data/users.ts, …). */

/** Text as a regex matching it literally; NUL spelled `\x00`, since MongoDB refuses a pattern holding the byte itself. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\0/g, '\\x00');

export const objectId = (id: string) => new Types.ObjectId(id);

/** `q`: a prefix search on the lowercased field, so it can use the field's index. */
export const prefixSearch = (fields: string[], q: string | undefined) => {
  const text = q?.trim().toLowerCase();
  if (!text) return {};
  const regex = new RegExp(`^${escapeRegex(text)}`);
  return { $or: fields.map((field) => ({ [field]: regex })) };
};

/** An equality filter on one value or any of several; nothing when the filter is absent. */
export const match = <T>(field: string, value: T | T[] | undefined, convert: (one: T) => unknown = (one) => one) =>
  value === undefined ? {} : { [field]: Array.isArray(value) ? { $in: value.map(convert) } : convert(value) };
