// openWorkspaceSession (dashboards, alerts, the Unity Catalog provider) signs in from the same config file and profile
// as the engine: DATABRICKS_CONFIG_FILE and DATABRICKS_CONFIG_PROFILE are honoured, not only ~/.databrickscfg.
// Real HTTP to the workspace emulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceSession, resolveEngineConfig } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';

let em: Emulator;
let dir: string;
let file: string;
before(async () => {
  em = await startEmulator({});
  dir = mkdtempSync(join(tmpdir(), 'datapact-session-'));
  file = join(dir, 'elsewhere.cfg');
  writeFileSync(file, `[team]\nhost = ${em.url}\ntoken = ${em.token}\n`);
});
after(async () => {
  await em.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (profile?: string) => resolveEngineConfig({ type: 'databricks', ...(profile ? { profile } : {}) }, join(dir, 'x.pact.yml'));

test('the pact profile is read from DATABRICKS_CONFIG_FILE', async () => {
  const session = await openWorkspaceSession(config('team'), { env: { DATABRICKS_CONFIG_FILE: file }, homeDir: join(dir, 'home') });
  assert.equal(await session.hostUrl(), em.url);
  assert.equal((await session.client.currentUser.me()).userName, 'emulator.user@example.com');
});

test('DATABRICKS_CONFIG_PROFILE names the profile when the pact names none', async () => {
  const session = await openWorkspaceSession(config(), { env: { DATABRICKS_CONFIG_FILE: file, DATABRICKS_CONFIG_PROFILE: 'team' }, homeDir: join(dir, 'home') });
  assert.equal(await session.hostUrl(), em.url);
});
