/** The catalog seam and the checks that need it (re-exported by the core barrel). */
export * from './catalog-provider';
export * from './catalog-answers';
export * from './catalog-checks';
export * from './closest-name';
export * from './duckdb-catalog-provider';
export * from './pact-tasks';
export * from '../sql-syntax/check-sql-syntax';
export * from '../sql-syntax/embedded-sql-checks';
export * from '../sql-syntax/scalar-offsets';
export * from './shared-request';
