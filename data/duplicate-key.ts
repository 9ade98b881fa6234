/** MongoDB's duplicate-key error (a unique index refused the write): the idempotency signal of many writes here. */
export const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;
