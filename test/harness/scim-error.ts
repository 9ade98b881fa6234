import { ScimError } from '../../api/scim/errors.js';

/** What a SCIM refusal says (status, scimType, detail), from a call that must throw one. */
export function scimErrorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType, detail: error.message };
    throw error;
  }
  throw new Error('expected a ScimError');
}
