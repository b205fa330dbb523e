/** The public API of core: adapters (server, client, cli) import from here only. */
export * from './model/pact';
export * from './model/problem';
export * from './model/results';
export * from './pact/load-pact';
export * from './engine/engine-config';
export * from './catalog/index';
export * from './findings/pact-findings';
export * from './checks/index';
export * from './sql/index';
export * from './engine/index';
export * from './engines/index';
export * from './runs/index';
export * from './builder/index';
export * from './findings/run-error-location';
export * from './init/index';
export * from './dashboard/index';
export * from './alerts/index';
