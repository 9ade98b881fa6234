/**
 * A failure the caller can act on, with a stable code and its HTTP status. The API's own code
 * throws these (usually through `fail(code)` in http/error-messages.ts), and the use-cases'
 * DomainErrors become these at the edge (`asApiError` in errors.ts); the error middleware turns them into
 * `{"error":{"code","message","fields"}}` with the right status, in the caller's language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
