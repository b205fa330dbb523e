/** The engine layer's public surface (re-exported by core/src/index.ts). */
export * from './engine';
export * from './engine-errors';
export * from './engine-message';
export * from './run-id';
export * from './run-status';
export { CatalogConfigError } from '../duckdb/attach-catalogs';
export { resultTablesFor } from './result-tables';
export * from './check-outcomes';
export { taskLine } from './task-line';
export { isSignInFailureMessage, SIGN_IN_FAILURE_WORDS } from './sign-in-failure';
