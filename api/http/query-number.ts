import { z } from 'zod';

/** A JSON number as written in a query string; `Number()` would also read "", " ", "0x10" and "Infinity". */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A numeric query parameter: the text is read as a number only when it is written as one, so the
 * rule is the documented schema's (`type: integer|number` with its bounds) and an empty or other
 * value is refused, where `z.coerce.number()` would take "" as 0.
 */
export const queryNumber = <T extends z.ZodNumber>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && JSON_NUMBER.test(value) ? Number(value) : value), schema);
