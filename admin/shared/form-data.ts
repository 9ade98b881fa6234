/** The API takes optional fields as absent, not as null or "": empty inputs are dropped before sending. */
export function withoutEmptyFields<T extends Record<string, unknown>>(data: T): Partial<T> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null && value !== '' && value !== undefined)) as Partial<T>;
}
