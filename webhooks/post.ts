/** How long a receiver has to answer one attempt; below the activity's 15 s start-to-close timeout. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Enough of a failed answer's body to tell an operator why (a proxy's error page, the receiver's message). */
const EXCERPT_BYTES = 300;

export type PostOutcome = { status: number; excerpt: string } | { error: string };

/**
 * One POST of a webhook. Redirects are not followed (a 3xx counts as a failed attempt): the
 * signed request goes to the registered URL only. Never throws; a network failure or timeout is
 * an outcome like a status.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<PostOutcome> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, excerpt: await readExcerpt(response) };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { error: `no answer within ${timeoutMs / 1000} s` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

/** The start of the body, then the rest is dropped unread: a receiver's large answer costs nothing. */
async function readExcerpt(response: Response) {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body cut short is still an answer; its status is what counts.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').trim();
}
