/**
 * What String.prototype.trim (zod's `.trim()`) removes, as a regex class spelled alike in
 * JavaScript and Python, whose `\s` differ: documented patterns of trimmed fields allow it around
 * the value, since the API accepts it there.
 */
export const TRIMMED_WHITESPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*';
