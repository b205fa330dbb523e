/** The pact builder's logic, shared by the VS Code builder panel and `datapact app`. */
export * from './builder-state';
export { applyBuilderState, pactTextFromState } from './apply-builder-state';
export { TASK_KEY_ORDER } from '../model/pact';
export * from './builder-methods';
export * from './builder-service';
export * from './pact-folder-host';
export * from './builder-page';
export { runView, startPactRun } from './builder-runs';
