// What the demo is designed to show: which tasks of examples/demo.pact.yml pass and which fail (and why,
// see the comments in the pact and the corruptions in generate-demo-data.mjs).
export const EXPECTED_STATUSES = {
  products_exact: 'SUCCESS',
  customers_migration: 'FAILURE',
  customers_within_tolerance: 'SUCCESS',
  orders_recent: 'SUCCESS',
  orders_full: 'FAILURE',
  order_items_loaded_once: 'FAILURE',
};

/** @returns {string[]} one line per task whose recorded status differs from the design */
export function compareWithDesign(rows) {
  const actual = Object.fromEntries(rows.map((r) => [r.task_key, r.status]));
  const problems = [];
  for (const [task, status] of Object.entries(EXPECTED_STATUSES)) {
    if (actual[task] !== status) problems.push(`${task}: expected ${status}, got ${actual[task] ?? 'no row'}`);
  }
  for (const task of Object.keys(actual)) {
    if (!(task in EXPECTED_STATUSES)) problems.push(`${task}: not part of the demo's design`);
  }
  return problems;
}
