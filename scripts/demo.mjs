// `npm run demo`: builds the demo data set (once), runs examples/demo.pact.yml with the built CLI, and checks
// that the run came out as designed: some tasks pass, some fail on purpose. Exit 0 when it did, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoData } from './demo/generate-demo-data.mjs';
import { compareWithDesign } from './demo/expected-outcome.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'dist', 'cli.js');
const pact = join('examples', 'demo.pact.yml');

const started = Date.now();
process.stdout.write('Preparing demo data in demo-data/ ... ');
const built = await ensureDemoData(join(root, 'demo-data'));
process.stdout.write(`${built ? `built in ${((Date.now() - started) / 1000).toFixed(1)}s` : 'already there'}\n\n`);

console.log(`$ datapact run ${pact}\n`);
const run = spawnSync(process.execPath, [cli, 'run', pact], { cwd: root, stdio: 'inherit' });
if (run.status !== 1) fail(`expected the run to exit 1 (some tasks fail on purpose), got ${run.status}`);

const history = spawnSync(process.execPath, [cli, 'history', pact, '--limit', '1', '--format', 'json'], {
  cwd: root,
  encoding: 'utf8',
});
if (history.status !== 0) fail(`datapact history failed: ${history.stderr}`);
const problems = compareWithDesign(JSON.parse(history.stdout).runs);
if (problems.length > 0) fail(`the run did not come out as designed:\n  ${problems.join('\n  ')}`);

console.log(`\nThe demo ran as designed in ${((Date.now() - started) / 1000).toFixed(1)}s: the failures above are deliberate.`);
console.log(`Try: node dist/cli.js history ${pact}   |   node dist/cli.js run ${pact} --format junit`);

function fail(message) {
  console.error(`\ndemo: ${message}`);
  process.exit(1);
}
