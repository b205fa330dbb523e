/** Check kinds (re-exported by the core barrel). */
export * from './check-kind';
export * from './number-text';
export * from './registry';
