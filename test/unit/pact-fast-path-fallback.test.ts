/**
 * A fault in the fast YAML path is our bug, never the user's: the text is read again with yaml's parser (a valid
 * pact stays valid, not "an empty file") and the fault is reported to whoever listens.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPact, onYamlReaderFault } from '../../core/src/index';
import { fastPath } from '../../core/src/pact/parse-pact-text';

const PACT = `validations:
  - task_key: orders
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: d
    count_tolerance: 0.01
`;

test('when the fast path throws, the pact is read by yaml and the fault is reported', () => {
  const faults: string[] = [];
  const stop = onYamlReaderFault((fault) => faults.push(fault.message));
  const read = fastPath.read;
  fastPath.read = () => {
    throw new Error('boom in the fast reader');
  };
  try {
    const loaded = loadPact(PACT);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.pact?.validations[0]?.task_key, 'orders');
    assert.deepEqual(faults, ['boom in the fast reader']);
  } finally {
    fastPath.read = read;
    stop();
  }
  // Without a fault nothing is reported.
  loadPact(PACT);
  assert.equal(faults.length, 1);
});
