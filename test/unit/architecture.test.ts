// Guards the dependency direction: core is the engine and must stay free of editor and LSP packages, and
// adapters must reach core only through its public barrel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

test('core imports neither vscode nor LSP packages, nor any adapter', () => {
  for (const file of sources('core/src')) {
    for (const spec of imports(file)) {
      assert.ok(!/^vscode($|-)/.test(spec), `${file} imports ${spec}`);
      assert.ok(!/(^|\/)(server|client|cli)\//.test(spec), `${file} imports adapter code ${spec}`);
    }
  }
});

test('adapters reach core only through core/src/index', () => {
  for (const dir of ['server/src', 'client/src', 'cli/src']) {
    for (const file of sources(dir)) {
      for (const spec of imports(file)) {
        if (spec.includes('core/src')) assert.match(spec, /core\/src(\/index)?$/, `${file} imports ${spec}`);
      }
    }
  }
});

test("the builder's pages name no engine: they lay out what the engines' plug-ins describe", () => {
  for (const file of sources('web')) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(text, /['"`](duckdb|databricks)['"`]/i, `${file} branches on an engine's name`);
    for (const line of text.split('\n').filter((l) => /^\s*import\b/.test(l) && l.includes('core/src'))) {
      assert.match(line, /^\s*import type\b/, `${file}: the pages take only types from core (${line.trim()})`);
    }
  }
});
