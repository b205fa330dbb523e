// Bundles the three entry points. Native and editor-provided modules stay external: `vscode` is supplied by the
// editor; DuckDB's bindings load a platform binary that cannot be bundled. DuckDB's JavaScript API (@duckdb/node-api,
// 365 files) is bundled, so the .vsix carries only the bindings and their binary (see .vscodeignore).
import { copyFile, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

const external = ['vscode', '@duckdb/node-bindings', '@duckdb/node-bindings-*'];
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js' },
  { in: 'server/src/server.ts', out: 'dist/server.js' },
  { in: 'cli/src/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
];

const production = process.argv.includes('--production');
// The results webview's script runs in the browser: its own bundle (with uPlot) and its style sheet, loaded under
// the webview's Content-Security-Policy as files of the extension (no inline script or style).
const webview = build({
  entryPoints: { 'results-view': 'client/webview/results-view.ts' },
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
      logLevel: 'warning',
      banner: entry.banner ? { js: entry.banner } : undefined,
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
