import { z } from 'zod';
import type { Locale } from '../../domain/locale.js';
import type { BatchItemOutcome } from '../../use-cases/index.js';
import { asApiError } from '../errors.js';
import { errorCatalog, localizedMessage } from '../http/error-messages.js';

export const batchItemResult = z
  .object({
    index: z.number().int(),
    status: z.number().int().meta({ description: '201 created, 200 found (already onboarded), or the error status' }),
    onboarding: z.unknown().optional(),
    error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })) }).optional(),
  })
  .meta({ id: 'BatchItemResult' });
export type BatchItemResult = z.infer<typeof batchItemResult>;

/** One item of a batch as POST /api/v1/onboardings would have answered it alone: its status, and the onboarding or the error. */
export function toBatchItemResult(outcome: BatchItemOutcome, locale: Locale): BatchItemResult {
  if (!('error' in outcome)) return { index: outcome.index, status: outcome.created ? 201 : 200, onboarding: outcome.onboarding };
  const error = asApiError(outcome.error);
  // A fault on our side (Temporal or MongoDB away) fails this item only; the caller retries it.
  if (!error) return { index: outcome.index, status: 500, error: { code: 'INTERNAL', message: errorCatalog.INTERNAL[locale], fields: [] } };
  return { index: outcome.index, status: error.status, error: { code: error.code, message: localizedMessage(error, locale), fields: error.fields } };
}
