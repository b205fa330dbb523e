// The editor's copy of each builder panel's page state: written whole at once, read back by panel id, never a path
// from outside its folder, and pruned once a panel has been unseen for a month.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { PanelStateStore } from '../../../client/src/builder/panel-state-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'datapact-panel-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ID = '0b6c1c1e-8f2a-4c3e-9a51-2d7f0e4b9c10';

test('the newest state written for a panel is read back; an unknown panel has none', () => {
  const store = new PanelStateStore(join(dir, 'panels'));
  assert.equal(store.read(ID), undefined);
  store.write(ID, { revision: 1, state: { tasks: [] } });
  store.write(ID, { revision: 2, state: { tasks: [{ values: { task_key: 'orders', count_tolerance: 0.02 } }] } });
  assert.deepEqual(store.read(ID), { revision: 2, state: { tasks: [{ values: { task_key: 'orders', count_tolerance: 0.02 } }] } });
  assert.deepEqual(readdirSync(join(dir, 'panels')), [`${ID}.json`], 'no temporary file left behind');
});

test('a panel id that is not a UUID names no file (no path from a message reaches the file system)', () => {
  const store = new PanelStateStore(join(dir, 'panels'));
  for (const bad of ['../outside', '/etc/passwd', `${ID}/../../x`, '', 'a'.repeat(36)]) {
    assert.equal(PanelStateStore.isPanelId(bad), false, bad);
    store.write(bad, { revision: 1 });
    assert.equal(store.read(bad), undefined);
  }
  assert.equal(existsSync(join(dir, 'panels')), false, 'nothing written');
  assert.equal(existsSync(join(dir, 'outside.json')), false);
});

test('an unreadable file counts as none; files unseen for a month are pruned, newer ones kept', () => {
  const folder = join(dir, 'panels');
  const store = new PanelStateStore(folder);
  store.write(ID, { revision: 1 });
  const old = '11111111-2222-4333-8444-555555555555';
  store.write(old, { revision: 1 });
  writeFileSync(join(folder, `${ID}.json`), '{ not json');
  assert.equal(store.read(ID), undefined);
  const monthAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
  utimesSync(join(folder, `${old}.json`), monthAgo, monthAgo);
  store.prune();
  assert.deepEqual(readdirSync(folder), [`${ID}.json`]);
});

test('a panel whose webview state was lost gets the newest kept state no open panel holds and the title accepts', () => {
  const folder = join(dir, 'panels');
  const store = new PanelStateStore(folder);
  const [older, newer, open] = ['11111111-2222-4333-8444-555555555555', '21111111-2222-4333-8444-555555555555', '31111111-2222-4333-8444-555555555555'];
  store.write(older, { path: 'new.pact.yml', revision: 3 });
  store.write(newer, { path: 'other.pact.yml', revision: 1 });
  store.write(open, { path: 'new.pact.yml', revision: 9 });
  const at = (id: string, secondsAgo: number) => utimesSync(join(folder, `${id}.json`), new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));
  at(older, 30);
  at(newer, 20);
  at(open, 10);
  const onPact = (path: string) => (state: unknown) => (state as { path?: string }).path === path;
  // The newest of new.pact.yml is held by an open panel: the older one is the lost panel's.
  assert.deepEqual(store.findLost(new Set([open]), onPact('new.pact.yml')), { panelId: older, state: { path: 'new.pact.yml', revision: 3 } });
  assert.equal(store.findLost(new Set([open]), onPact('new.pact.yml'))?.panelId, older, 'reading changes nothing');
  assert.equal(store.findLost(new Set(), () => true)?.panelId, open, 'the newest written, when any is accepted');
  assert.equal(store.findLost(new Set([older, open]), onPact('new.pact.yml')), undefined);
  writeFileSync(join(folder, 'not-a-panel.json'), '{}');
  assert.equal(new PanelStateStore(join(dir, 'none')).findLost(new Set(), () => true), undefined, 'no folder yet: none');
});
