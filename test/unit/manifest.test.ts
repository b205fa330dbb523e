// The manifest and the code must agree: every command the client registers is contributed (and titled) in
// package.json and the reverse; every setting the client reads has a manifest entry with the same default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMAND_TITLES, COMMAND_CATEGORY } from '../../client/src/command-ids';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../client/src/config';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

test('contributed commands match the client command table', () => {
  const contributed = Object.fromEntries(
    manifest.contributes.commands.map((c: { command: string; title: string; category: string }) => {
      assert.equal(c.category, COMMAND_CATEGORY, `${c.command} category`);
      return [c.command, c.title];
    }),
  );
  assert.deepEqual(contributed, COMMAND_TITLES);
});

test('contributed settings match the client defaults', () => {
  const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
  const defaults = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key.replace(/^datapact\./, ''), value.default]),
  );
  assert.deepEqual(defaults, DEFAULT_SETTINGS);
});

test('settings normalisation maps junk to defaults and keeps valid values', () => {
  const junk = normaliseSettings(() => 42);
  assert.deepEqual(junk, DEFAULT_SETTINGS);
  const valid = normaliseSettings((key) => ({ engine: 'duckdb', 'databricks.profile': ' dev ', 'databricks.warehouse': 'wh', 'trace.server': 'verbose' })[key]);
  assert.deepEqual(valid, { engine: 'duckdb', 'databricks.profile': 'dev', 'databricks.warehouse': 'wh', 'trace.server': 'verbose' });
});

test('the language is contributed for the pact file names, with the grammar and the schema', () => {
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'datapact');
  assert.deepEqual(language.filenamePatterns, ['*.pact.yml', '*.pact.yaml', 'datapact*.yml', 'datapact*.yaml']);
  assert.equal(manifest.contributes.grammars[0].path, './syntaxes/datapact.tmLanguage.json');
  assert.equal(manifest.contributes.yamlValidation[0].url, './schemas/pact.schema.json');
  for (const path of ['syntaxes/datapact.tmLanguage.json', 'schemas/pact.schema.json', 'language-configuration.json']) {
    assert.doesNotThrow(() => JSON.parse(readFileSync(path, 'utf8')), `${path} is valid JSON`);
  }
});

test('every command a server code lens carries is one the client registers', async () => {
  const { LensCommands } = await import('../../protocol/protocol');
  for (const command of Object.values(LensCommands)) assert.ok(command in COMMAND_TITLES, `${command} is not registered`);
});

test('every menu entry names a contributed command, and commands shown in a title bar or inline have an icon', () => {
  const commands = new Map<string, { icon?: string }>(manifest.contributes.commands.map((c: { command: string; icon?: string }) => [c.command, c]));
  for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string; group?: string }[]>)) {
    for (const entry of entries) {
      assert.ok(commands.has(entry.command), `${menu} names ${entry.command}, which is not contributed`);
      const shownAsIcon = menu === 'editor/title' || menu === 'view/title' ? entry.group?.startsWith('navigation') : menu === 'view/item/context' && entry.group?.startsWith('inline');
      if (shownAsIcon) assert.match(commands.get(entry.command)!.icon ?? '', /^\$\([a-z-]+\)$/, `${entry.command} in ${menu} needs an icon`);
    }
  }
  const container = manifest.contributes.viewsContainers.activitybar[0];
  assert.equal(container.id, 'datapact');
  assert.doesNotThrow(() => readFileSync(container.icon, 'utf8'), 'the activity bar icon exists');
  assert.deepEqual(manifest.contributes.views.datapact.map((v: { id: string }) => v.id), ['datapact.runs', 'datapact.pacts']);
});

test('the extension has its Marketplace icon: a 128×128 PNG', () => {
  const png = readFileSync(manifest.icon);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${manifest.icon} is a PNG`);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'width and height');
});
