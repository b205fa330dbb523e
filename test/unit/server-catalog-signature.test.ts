/** The stat signature of local catalogs: it changes with any file a catalog reads, and with nothing else. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { catalogSignature } from '../../server/src/catalog-signature';

const root = mkdtempSync(join(tmpdir(), 'datapact-signature-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a folder catalog: a rewritten file deep inside, a new folder or a removed file changes it; a hidden file does not', async () => {
  const lake = join(root, 'lake');
  mkdirSync(join(lake, 'sales'), { recursive: true });
  writeFileSync(join(lake, 'sales', 'items.csv'), 'id\n1\n');
  const first = await catalogSignature([lake]);
  assert.equal(await catalogSignature([lake]), first, 'nothing changed: the same signature');

  writeFileSync(join(lake, '.scratch'), 'x');
  mkdirSync(join(lake, '.cache'));
  writeFileSync(join(lake, 'sales', '.items.csv.swp'), 'x');
  assert.equal(await catalogSignature([lake]), first, 'hidden entries are not read by the catalog');

  writeFileSync(join(lake, 'sales', 'items.csv'), 'id,added\n1,x\n');
  const rewritten = await catalogSignature([lake]);
  assert.notEqual(rewritten, first, 'a rewritten file');

  // Same size, another modification time (a rewrite of the same length).
  utimesSync(join(lake, 'sales', 'items.csv'), new Date(2020, 0, 1), new Date(2020, 0, 1));
  const touched = await catalogSignature([lake]);
  assert.notEqual(touched, rewritten, 'a file with a new modification time');

  mkdirSync(join(lake, 'ops', 'daily'), { recursive: true });
  writeFileSync(join(lake, 'ops', 'daily', 'runs.parquet'), 'not read');
  const grown = await catalogSignature([lake]);
  assert.notEqual(grown, touched, 'a file in folders made together with their parent');

  rmSync(join(lake, 'ops'), { recursive: true });
  assert.notEqual(await catalogSignature([lake]), grown, 'a removed folder');
});

test('a partitioned table: a new partition folder or a new file in one changes it', async () => {
  const lake = join(root, 'partitioned');
  const table = join(lake, 'sales', 'orders');
  mkdirSync(join(table, 'year=2024'), { recursive: true });
  writeFileSync(join(table, 'year=2024', 'a.parquet'), 'not read');
  const first = await catalogSignature([lake]);
  assert.equal(await catalogSignature([lake]), first);

  mkdirSync(join(table, 'year=2025'));
  const grown = await catalogSignature([lake]);
  assert.notEqual(grown, first, 'a new partition folder');

  // A folder's modification time moves in whole seconds on some file systems: set it past any doubt.
  writeFileSync(join(table, 'year=2024', 'b.parquet'), 'not read');
  utimesSync(join(table, 'year=2024'), new Date(2030, 0, 1), new Date(2030, 0, 1));
  assert.notEqual(await catalogSignature([lake]), grown, 'a new file in a partition folder');
});

test('a DuckDB file: its size, modification time and write-ahead log; a catalog that appears later', async () => {
  const file = join(root, 'wh.duckdb');
  const missing = await catalogSignature([file]);
  writeFileSync(file, 'db');
  const present = await catalogSignature([file]);
  assert.notEqual(present, missing, 'a catalog that did not exist, then does');
  writeFileSync(`${file}.wal`, 'log');
  assert.notEqual(await catalogSignature([file]), present, 'changes not yet checkpointed (the .wal file)');
});
