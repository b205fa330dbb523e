/** The Databricks workspace emulator for tests: `startEmulator(options)` → `{ url, token, state, close() }`. */
export { type Emulator, type EmulatorOptions, startEmulator } from './emulator';
export type { HttpFault, TaskFault } from './faults';
export type { CallRecord, EmulatorContext } from './context';
export { splitStatements } from './sql/split-statements';
