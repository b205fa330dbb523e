/** The pact builder's logic, shared by the VS Code builder panel and `datapact app`. */
export * from './builder-state';
export { applyBuilderState, pactTextFromState, TASK_KEY_ORDER } from './apply-builder-state';
export * from './builder-methods';
export * from './builder-service';
export * from './pact-folder-host';
export * from './builder-page';
export { runView, startPactRun } from './builder-runs';
