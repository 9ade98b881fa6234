import { lazy, type ComponentType } from 'react';

/**
 * A screen loaded when first shown (its own chunk, Vite's code splitting), from a module's named
 * export: the console's first load, the sign-in page, carries none of the resources' code.
 * react-admin's layout shows its loading indicator meanwhile (its <Suspense>).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a screen's own props vary; react-admin passes none
export function lazyScreen<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
