/**
 * Each sign-in path with real config files and environment variables in a temporary home directory, through the
 * built CLI against the workspace emulator: a personal access token from the environment, `~/.databrickscfg`
 * profiles (DEFAULT, DATABRICKS_CONFIG_PROFILE, DATABRICKS_CONFIG_FILE, the pact's engine.profile,
 * `[__settings__] default_profile`), OAuth machine-to-machine, and the Databricks CLI's login (`databricks auth
 * token`, here a stand-in script because the real CLI is not installed). No secret ever appears in any output,
 * in any file the run writes, in the job settings or in the uploaded files. A failure says which method was tried
 * and what to set.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { assertNoSecret, cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

const TOKEN = 'dapi-secret-token-0123456789';
const CLIENT_SECRET = 'sp-secret-9876543210';
const CLI_TOKEN = 'cli-user-token-5555';

describe('sign-in paths (temporary HOME, real config files)', () => {
  let em: Emulator;
  let box: Sandbox;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({
      token: [TOKEN, CLI_TOKEN],
      oauthClients: { 'sp-app-id': CLIENT_SECRET },
      catalogs: ['shop', 'lake', 'datapact'],
      seedSql: SEED_SQL,
    });
    box = sandbox();
  });
  after(async () => {
    await em.close();
    box.close();
  });

  /** A direct run of one count check: signs in, runs statements, records a row. */
  async function runWith(name: string, env: Record<string, string>, engine: Record<string, unknown> = {}, mode = ['--direct']) {
    const pact = writePact(box.dir, `${name}.pact.yml`, {
      engine: databricksEngine({ job_name: name, ...engine }),
      validations: [taskYaml('orders', 'orders', { count_tolerance: 0 })],
    });
    return cliAsync(['run', pact, ...mode, '--format', 'json'], box.dir, cleanEnv(box.home, env));
  }

  function noSecrets(r: { stdout: string; stderr: string }): void {
    const uploaded = [...(em.state.files as unknown as { objects: Map<string, { content?: Buffer }> }).objects.values()].map((o) => o.content?.toString('utf8') ?? '').join('\n');
    const jobs = JSON.stringify([...em.state.jobs.jobs.values()].map((j) => j.settings));
    for (const secret of [TOKEN, CLIENT_SECRET, CLI_TOKEN]) {
      assertNoSecret(secret, { stdout: r.stdout, stderr: r.stderr, 'uploaded files': uploaded, 'job settings': jobs, 'call log': JSON.stringify(em.state.calls) }, box.dir);
    }
  }

  it('a personal access token from DATABRICKS_HOST / DATABRICKS_TOKEN (job run: settings and files hold no token)', async () => {
    const r = await runWith('pat-env', { DATABRICKS_HOST: em.url, DATABRICKS_TOKEN: TOKEN }, {}, []);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    noSecrets(r);
  });

  it('the DEFAULT profile of ~/.databrickscfg', async () => {
    writeFileSync(join(box.home, '.databrickscfg'), `[DEFAULT]\nhost = ${em.url}\ntoken = ${TOKEN}\n`);
    const r = await runWith('profile-default', {});
    assert.equal(r.code, 0, r.stderr + r.stdout);
    noSecrets(r);
  });

  it('DATABRICKS_CONFIG_FILE with DATABRICKS_CONFIG_PROFILE, and the pact engine.profile', async () => {
    const file = join(box.home, 'other.cfg');
    writeFileSync(file, `[DEFAULT]\nhost = http://127.0.0.1:9\ntoken = wrong\n\n[team]\nhost = ${em.url}\ntoken = ${TOKEN}\n`);
    const r = await runWith('profile-env', { DATABRICKS_CONFIG_FILE: file, DATABRICKS_CONFIG_PROFILE: 'team' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const fromPact = await runWith('profile-pact', { DATABRICKS_CONFIG_FILE: '~/other.cfg' }, { profile: 'team' });
    assert.equal(fromPact.code, 0, fromPact.stderr + fromPact.stdout);
    noSecrets(r);
    noSecrets(fromPact);
  });

  it('[__settings__] default_profile picks the profile when nothing else is set', async () => {
    writeFileSync(join(box.home, '.databrickscfg'), `[__settings__]\ndefault_profile = work\n\n[DEFAULT]\nhost = http://127.0.0.1:9\ntoken = wrong\n\n[work]\nhost = ${em.url}\ntoken = ${TOKEN}\n`);
    const r = await runWith('settings-default', {});
    assert.equal(r.code, 0, r.stderr + r.stdout);
    noSecrets(r);
  });

  it('OAuth machine-to-machine: a service principal profile (client id and secret)', async () => {
    writeFileSync(join(box.home, '.databrickscfg'), `[sp]\nhost = ${em.url}\nclient_id = sp-app-id\nclient_secret = ${CLIENT_SECRET}\n`);
    const grants = em.state.tokenGrants.length;
    const r = await runWith('m2m', { DATABRICKS_CONFIG_PROFILE: 'sp' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.ok(em.state.tokenGrants.length > grants, 'a client-credentials token was requested');
    assert.equal(em.state.tokenGrants.at(-1)!.clientId, 'sp-app-id');
    noSecrets(r);
  });

  it('the Databricks CLI login (auth_type = databricks-cli): the token from `databricks auth token`', async () => {
    const fake = join(box.home, 'databricks');
    const expiry = new Date(Date.now() + 3600_000).toISOString();
    writeFileSync(fake, `#!/bin/sh\nif [ "$1" = version ]; then echo 0.250.0; exit 0; fi\n` +
      `if [ "$1 $2 $3 $4" = "auth token --profile cli" ]; then echo '{"access_token":"${CLI_TOKEN}","token_type":"Bearer","expiry":"${expiry}"}'; exit 0; fi\n` +
      `echo "unexpected: $*" >&2; exit 1\n`);
    chmodSync(fake, 0o755);
    writeFileSync(join(box.home, '.databrickscfg'), `[cli]\nhost = ${em.url}\nauth_type = databricks-cli\ndatabricks_cli_path = ${fake}\n`);
    const r = await runWith('cli-login', { DATABRICKS_CONFIG_PROFILE: 'cli' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    noSecrets(r);
  });

  it('a failure to sign in says which method was tried and what to set (exit 2), never the secret', async () => {
    writeFileSync(join(box.home, '.databrickscfg'), '');
    const none = await runWith('no-auth', {});
    assert.equal(none.code, 2, none.stderr + none.stdout);
    assert.match(none.stderr, /cannot sign in to Databricks/);
    assert.match(none.stderr, /method tried:/);
    assert.match(none.stderr, /DATABRICKS_HOST with DATABRICKS_TOKEN/);

    const missing = await runWith('no-profile', { DATABRICKS_CONFIG_PROFILE: 'nope' });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /nope/);

    const refused = await runWith('bad-token', { DATABRICKS_HOST: em.url, DATABRICKS_TOKEN: 'dapi-wrong-secret' });
    assert.equal(refused.code, 2, refused.stderr + refused.stdout);
    assert.match(refused.stderr, /cannot sign in to Databricks/);
    assert.match(refused.stderr, /personal access token/);
    assertNoSecret('dapi-wrong-secret', { stdout: refused.stdout, stderr: refused.stderr }, box.dir);
    assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
  });
});
