/** Local run records and starting runs (re-exported by core/src/index.ts). */
export * from './local-runs';
export { startRun } from './start-run';
