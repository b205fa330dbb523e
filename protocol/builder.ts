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
