// Bundles the three entry points. Native and editor-provided modules stay external: `vscode` is supplied by the
// editor; DuckDB's bindings load a platform binary that cannot be bundled. DuckDB's JavaScript API (@duckdb/node-api,
// 365 files) is bundled, so the .vsix carries only the bindings and their binary (see .vscodeignore).
//
// The CLI starts fast: the libraries only some commands need (the SQL grammars, DuckDB's JavaScript API) are
// bundled into files of their own under dist/chunks/ and required on first use, so `datapact --version` reads a
// small file and never DuckDB's native library (measured in `npm run bench`, entry `cli-start`).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

// Resolved from this repository (the e2e suite builds in a staging folder whose node_modules is still empty).
const requireHere = createRequire(import.meta.url);

const external = ['vscode', '@duckdb/node-bindings', '@duckdb/node-bindings-*'];

/** Modules the CLI loads lazily, each bundled alone into dist/chunks/<name>.js. */
const chunks = [
  { name: 'cli-commands', in: 'cli/src/commands/all.ts', matches: (path) => path === './all' },
  // `validate --offline`: core's pact checks without any engine code (cli/src/commands/offline.ts).
  { name: 'cli-offline', in: 'cli/src/commands/offline.ts', matches: (path) => path === './offline' },
  { name: 'sql-grammars', in: 'core/src/sql-syntax/grammars.ts', matches: (path) => /(^|\/)grammars$/.test(path) },
  { name: 'duckdb-node-api', in: requireHere.resolve('@duckdb/node-api'), matches: (path) => path === '@duckdb/node-api' },
  // Required on first use by core/src/engines/databricks/databricks-sdk.ts (only work that reaches a workspace).
  { name: 'databricks-sdk', in: requireHere.resolve('@databricks/sdk-experimental'), matches: (path) => path === '@databricks/sdk-experimental' },
];

/** Resolves an import of a chunk's module to a require of its file; `folder` is where it is from the output file. */
const lazyChunks = (folder) => ({
  name: 'lazy-chunks',
  setup(b) {
    b.onResolve({ filter: /grammars$|^@duckdb\/node-api$|^@databricks\/sdk-experimental$|^\.\/(all|offline)$/ }, (args) => {
      const chunk = chunks.find((c) => c.matches(args.path));
      return chunk && args.kind !== 'entry-point' ? { path: `${folder}/${chunk.name}.js`, external: true } : undefined;
    });
  },
});

/**
 * Our own modules (core/, cli/) are marked free of side effects in the CLI's bundles, so that what a bundle imports
 * from core's index but never uses is left out: without it, every engine (whose plug-in objects are built when
 * their module loads) rode along into each chunk. Safe because no module of ours is imported for its side effects
 * alone (TypeScript drops an import whose names are unused, so such an import would not work under tsx either).
 */
const ownModulesArePure = {
  name: 'own-modules-are-pure',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined;
      const found = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { resolving: true } });
      if (found.errors.length > 0 || found.external || !/[\\/](core|cli)[\\/]src[\\/]/.test(found.path)) return undefined;
      return { path: found.path, sideEffects: false };
    });
  },
};

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js' },
  // server/src/main.ts: the language server, or one full check of a large document in a worker thread.
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'cli/src/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node', plugins: [lazyChunks('./chunks'), ownModulesArePure] },
  // A chunk may load the others (the commands load the grammars and DuckDB), so chunks get the plugin too.
  ...chunks.map((c) => ({ in: c.in, out: `dist/chunks/${c.name}.js`, plugins: [lazyChunks('.'), ownModulesArePure] })),
];

// The pact schema's validator is compiled ahead of time (core/src/pact/schema-validate.generated.js): regenerated
// here when the schema changed, so a bundle never carries a validator of an older schema (a unit test also fails
// while the checked-in file is stale, for runs that do not build).
{
  const { generateSchemaValidator } = await import('./generate-schema-validator.mjs');
  const target = new URL('../core/src/pact/schema-validate.generated.js', import.meta.url);
  const code = generateSchemaValidator();
  if ((await readFile(target, 'utf8').catch(() => '')) !== code) await writeFile(target, code);
}

const production = process.argv.includes('--production');
// The results and dashboard webviews' scripts run in the browser: its own bundle (with uPlot) and its style sheet, loaded under
// the webview's Content-Security-Policy as files of the extension (no inline script or style).
const webview = build({
  entryPoints: { 'results-view': 'client/webview/results-view.ts', 'dashboard-view': 'client/webview/dashboard-view.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});
await Promise.all([
  webview,
  ...entries.map((entry) =>
    build({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: !production,
      minify: production,
      external,
      // The demo pact ("Open the Demo") is bundled as text.
      loader: { '.yml': 'text' },
      logLevel: 'warning',
      banner: entry.banner ? { js: entry.banner } : undefined,
      plugins: entry.plugins ?? [],
      // import() of a chunk becomes require(): a CommonJS chunk then keeps its named exports (Node's own import()
      // of a CommonJS file would see only `default`).
      ...(entry.plugins ? { supported: { 'dynamic-import': false } } : {}),
    }),
  ),
]);

// Browser pages (the pact builder), shared by the VS Code webview and `datapact app`: one script and one style
// sheet each, nothing loaded from elsewhere.
await mkdir('dist/web', { recursive: true });
await build({
  entryPoints: ['web/builder/main.ts'],
  outfile: 'dist/web/builder.js',
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});
await copyFile('web/builder/builder.css', 'dist/web/builder.css');
