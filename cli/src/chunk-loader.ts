/**
 * Loads a chunk of the CLI (dist/chunks/*.js) with V8's code cache when one was made for exactly its text: the
 * build runs `validate --offline` and `sql` once on an example and keeps the bytecode V8 compiled for them in
 * `<chunk>.code-cache` (scripts/build.mjs). Compiling the commands' code is most of a start (≈ 45% of `validate
 * --offline` in CPU time, measured with and without). The cache starts with the SHA-1 of the chunk's text — V8's
 * own check compares only lengths — and V8 refuses a cache of another Node version or flags; either way the chunk
 * is then compiled as `require` would, and nothing else changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const DIGEST_LENGTH = 40;

export function requireChunk(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const digest = createHash('sha1').update(source).digest('hex');
  const cacheFile = `${file}.code-cache`;
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(cacheFile);
    if (stored.subarray(0, DIGEST_LENGTH).toString('latin1') === digest) cachedData = stored.subarray(DIGEST_LENGTH);
  } catch {
    cachedData = undefined; // no cache: compiled as usual
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  // The build's one run: the bytecode compiled by then (the command's functions included) is kept at exit.
  if (process.env.DATAPACT_WRITE_CODE_CACHE === '1') {
    process.once('exit', () => {
      const temporary = `${cacheFile}.${process.pid}`;
      writeFileSync(temporary, Buffer.concat([Buffer.from(digest, 'latin1'), script.createCachedData()]));
      renameSync(temporary, cacheFile);
    });
  }
  return module.exports;
}
