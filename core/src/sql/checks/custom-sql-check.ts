/**
 * Custom SQL tests: the query is rendered once as source and once as target; rows of the source result missing
 * from the target result and the reverse are counted as multisets (EXCEPT ALL), with one sample row each way:
 * the first by its JSON text, so a re-run over the same data shows the same sample (a bare LIMIT 1 takes whichever
 * row a parallel scan yields first).
 * PASS iff both counts are 0. The pact's `filter` does not apply here (raw SQL by design).
 */
import type { CheckContext, CheckPlan } from '../check-plan';
import { renderTemplate, sanitizeName, templateVariables } from '../custom-sql-template';
import { rowValue } from '../../dialects/row-value';

/** Raw SQL as one parenthesised subquery; the newline keeps a trailing `--` comment from eating the `)`. */
function subquery(sql: string): string {
  return `(\n${sql.trim().replace(/;\s*$/, '')}\n)`;
}

export function planCustomSqlChecks(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  return (task.custom_sql_tests ?? []).map((test, i) => {
    const p = `dp_${ctx.prefix}${i}_`;
    const src = renderTemplate(test.sql, templateVariables(d, task, 'source'));
    const tgt = renderTemplate(test.sql, templateVariables(d, task, 'target'));
    const sample = (cte: string) =>
      `(SELECT ${d.sampleValue?.('j') ?? 'j'} FROM (SELECT ${d.rowAsJson(rowValue(d, 'x'))} AS j FROM ${cte} AS x) AS s ORDER BY j LIMIT 1)`;
    const result = `${p}result`;
    return {
      key: `custom_sql_validation_${sanitizeName(test.name)}`,
      usesStats: false,
      stats: [],
      ctes: [
        { name: `${p}source`, sql: `SELECT * FROM ${subquery(src)} AS q` },
        { name: `${p}target`, sql: `SELECT * FROM ${subquery(tgt)} AS q` },
        { name: `${p}missing_in_target`, sql: d.exceptAll(`SELECT * FROM ${p}source`, `SELECT * FROM ${p}target`) },
        { name: `${p}missing_in_source`, sql: d.exceptAll(`SELECT * FROM ${p}target`, `SELECT * FROM ${p}source`) },
        {
          name: result,
          sql:
            `SELECT (SELECT COUNT(*) FROM ${p}missing_in_target) AS missing_in_target,\n` +
            `    (SELECT COUNT(*) FROM ${p}missing_in_source) AS missing_in_source,\n` +
            `    ${sample(`${p}missing_in_target`)} AS sample_missing_in_target,\n` +
            `    ${sample(`${p}missing_in_source`)} AS sample_missing_in_source`,
        },
      ],
      joins: [result],
      metrics: [
        { field: 'name', expr: d.stringLiteral(test.name) },
        { field: 'rows_missing_in_target', expr: `${result}.missing_in_target` },
        { field: 'rows_missing_in_source', expr: `${result}.missing_in_source` },
        { field: 'sample_missing_in_target', expr: `${result}.sample_missing_in_target` },
        { field: 'sample_missing_in_source', expr: `${result}.sample_missing_in_source` },
      ],
      passed: (col) => `(${col('rows_missing_in_target')} = 0 AND ${col('rows_missing_in_source')} = 0)`,
    };
  });
}
