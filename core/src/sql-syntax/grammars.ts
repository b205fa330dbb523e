/**
 * The SQL grammars, in a module of their own so that they load on first use: dt-sql-parser is most of the CLI's
 * code, and commands that never check SQL (`--version`, `sql`, `run`) should not pay for reading it. The CLI build
 * puts this module in a file of its own (scripts/build.mjs).
 */
export { PostgreSQL, SparkSQL } from 'dt-sql-parser';
