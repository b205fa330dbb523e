/**
 * Messages between the pact builder's pages and their host. The pages are written once and run in two hosts: a
 * VS Code webview (messages through `postMessage`) and `datapact app` (the same messages as JSON over HTTP,
 * `POST /api/<method>`). Both hosts hand each request to core's `handleBuilderRequest`, so what a method does is
 * decided in one place. Plain types only: no `vscode`, no Node modules.
 */
import type { BuilderMethod, BuilderMethods } from '../core/src/builder/builder-methods';

export type { BuilderFinding, BuilderMethod, BuilderMethods } from '../core/src/builder/builder-methods';
export { BUILDER_METHODS } from '../core/src/builder/builder-methods';

export interface BuilderRequestMessage<M extends BuilderMethod = BuilderMethod> {
  kind: 'request';
  id: number;
  method: M;
  params: BuilderMethods[M]['params'];
}

export type BuilderResponseMessage<M extends BuilderMethod = BuilderMethod> =
  | { kind: 'response'; id: number; result: BuilderMethods[M]['result'] }
  | { kind: 'response'; id: number; error: { message: string } };

/**
 * The page's own state (what the webview keeps with `setState`), also sent to the editor, which keeps the newest in
 * a file: VS Code writes a webview's state to its storage only now and then, so a reload could restore an older one.
 */
export interface BuilderUiStateMessage {
  kind: 'ui-state';
  state: unknown;
}
