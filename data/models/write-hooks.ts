import type { Schema } from 'mongoose';

type Fields = Record<string, unknown>;

/**
 * Fields a plugin derives from what a write says, kept on the write paths that carry no document:
 * every update a query sends (updateOne, updateMany, findOneAndUpdate, a document's updateOne) goes
 * through `update`, and in a bulkWrite each update likewise and each insertOne's document gets
 * `inserted(document)` added. Saves and insertMany are the plugin's own (a 'validate' hook: they
 * have a document). Shared by the search keys (user-search.ts) and the review mark (review-state.ts).
 */
export function deriveOnUpdates(schema: Schema, update: (update: unknown) => unknown, inserted: (document: Fields) => Fields) {
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function () {
    this.setUpdate(update(this.getUpdate()) as never);
  });
  schema.pre('bulkWrite', function (ops: Fields[]) {
    for (const op of ops) {
      for (const kind of ['updateOne', 'updateMany'] as const) {
        const write = op[kind] as { update?: unknown } | undefined;
        if (write) write.update = update(write.update);
      }
      const insert = op.insertOne as { document?: Fields } | undefined;
      if (insert?.document) Object.assign(insert.document, inserted(insert.document));
    }
  });
}
