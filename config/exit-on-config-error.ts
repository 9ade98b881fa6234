import { ConfigError } from './env.js';

/** Entry points call this: a bad variable ends the process with the list of problems, not a stack trace. */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
