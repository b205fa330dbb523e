// The editor offers Select Profile when a run's message says it could not sign in: the words it looks for are
// core's, and the Databricks sign-in failure must say them (a run started in its own process reports only text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSignInFailureMessage } from '../../../core/src/engine/sign-in-failure';
import { sdkConfig, signInError } from '../../../core/src/engines/databricks/databricks-auth';
import { resolveEngineConfig } from '../../../core/src/engine/engine-config';

test('a Databricks sign-in failure is recognised as one, other failures are not', () => {
  const home = mkdtempSync(join(tmpdir(), 'datapact-sign-in-words-'));
  try {
    const config = resolveEngineConfig({ type: 'databricks', profile: 'nowhere' }, join(home, 'x.pact.yml'));
    const host = { env: { DATABRICKS_CONFIG_FILE: join(home, 'databrickscfg') }, homeDir: home };
    const error = signInError(new Error('profile nowhere not found'), sdkConfig(config, host), host, config);
    assert.equal(isSignInFailureMessage(error.message), true, error.message);
    // As the CLI reports it on stderr and the editor reads it back: prefixed, lines joined.
    assert.equal(isSignInFailureMessage(`datapact run: ${error.message}`.split('\n').join('; ')), true);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  assert.equal(isSignInFailureMessage('the pact reads catalog "x", which is not attached'), false);
  assert.equal(isSignInFailureMessage('no SQL warehouse \'x\' in this workspace'), false);
});
