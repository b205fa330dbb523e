/** `datapact init`: a first pact from the tables of a schema (re-exported by the core barrel). */
export * from './init-source';
export * from './init-pact';
export * from './open-init-source';
export { readSchemaTables, type SchemaRef } from './read-schema';
export { inferKey, inferKeyQuery, type InferredKey } from './infer-key';
export { planTasks, type PlannedTask, type TaskPlan } from './plan-tasks';
