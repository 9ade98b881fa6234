// The workflow bundle's entry point: every workflow type the worker registers.
export { userActivation } from './user-activation.js';
