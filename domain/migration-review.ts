import { z } from 'zod';
import { migrationReviewRowSchema } from './migration.js';

/** A page of the review ("Configurar agora"), as an office of thousands reads it: a screen at a time, or only the rows to fix. */
export const MAX_REVIEW_PAGE = 500;

/** A search among the review's users counts its matches up to this many; past it the page says `more`. */
export const REVIEW_SEARCH_COUNT_LIMIT = 10_000;

export const migrationReviewPageSchema = z
  .object({
    rows: z.array(migrationReviewRowSchema).meta({ description: 'This page, by user code' }),
    total: z.number().int().meta({ description: 'Rows the filters find (q, problemsOnly), over all pages' }),
    more: z
      .boolean()
      .optional()
      .meta({ description: `A search (q) matching more than ${REVIEW_SEARCH_COUNT_LIMIT} users: total counts that many; refine it` }),
    counts: z
      .object({
        toMigrate: z.number().int().meta({ description: 'Staged users the update will migrate' }),
        inactive: z.number().int().meta({ description: 'Inactivated in the review: not migrated' }),
        withProblems: z.number().int().meta({ description: 'Users to migrate whose new login has a problem: each blocks "Update accounts"' }),
      })
      .meta({ description: "The whole review's counts, whatever the filters" }),
    qualified: z
      .object({ id: z.string(), code: z.number().int(), name: z.string() })
      .nullable()
      .meta({ description: 'Who may press "Update accounts": the active supervisor with the lowest user code; null when the office has none' }),
  })
  .meta({ id: 'MigrationReview' });
export type MigrationReviewPage = z.infer<typeof migrationReviewPageSchema>;
