/**
 * The local results store: a DuckDB file holding the same run_history (and alert_history) tables as on
 * Databricks, plus `datapact_runs` (one row per run: its start, recorded before any task, and its completion,
 * recorded after the aggregate step).
 *
 * DuckDB lets one process at a time open a file for writing, and no process read it meanwhile. So nobody keeps
 * the file open: a run computes each task into an in-memory copy of the tables (`datapact_results`, the name the
 * generated SQL writes to), then copies the finished row into the file in a short write (attach, one INSERT,
 * detach: ~20 ms), retrying while another process holds the lock. Readers (`history`, `attach`) do the same
 * read-only. Concurrent runs and readers on one file therefore all proceed (docs/architecture.md).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { specialFileKind } from '../../text/file-kind';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileExpectedTasksDdl, compileResultsDdl, RUN_HISTORY_COLUMNS } from '../../sql/index';
import type { ResultTables, TableName } from '../../sql/compiled';
import { duckDbStringLiteral, quoteDuckDbIdentifier } from '../../duckdb/duckdb-quote';
import { EngineConfigError } from '../../engine/engine-errors';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { createDuckDbInstance } from './duckdb-instance';
import { runStatement } from './duckdb-statement';

/** The catalog the run's in-memory tables are attached under; a pact catalog may not use it. */
export const RESULTS_CATALOG = 'datapact_results';
/** The alias the results file is attached under for the length of one short write or read. */
const STORE_CATALOG = 'datapact_store';

export const LOCAL_RESULT_TABLES: ResultTables = Object.freeze({
  runHistory: { catalog: RESULTS_CATALOG, schema: 'main', table: 'run_history' },
  alertHistory: { catalog: RESULTS_CATALOG, schema: 'main', table: 'alert_history' },
});

const STORE_TABLES: ResultTables = Object.freeze({
  runHistory: { catalog: STORE_CATALOG, schema: 'main', table: 'run_history' },
  alertHistory: { catalog: STORE_CATALOG, schema: 'main', table: 'alert_history' },
});

/** How long a write or read waits for another process's lock before giving up. */
const LOCK_DEADLINE_MS = 60_000;
/** The longest pause between two writes of a run's rows (see `copyTaskRow`). */
const MAX_PAUSE_MS = 1_000;

const q = quoteDuckDbIdentifier;
export const storeTable = (table: 'run_history' | 'alert_history' | 'datapact_runs') => `${q(STORE_CATALOG)}.main.${q(table)}`;
const stagingTable = (table: 'run_history' | 'alert_history') => `${q(RESULTS_CATALOG)}.main.${q(table)}`;

const RUNS_DDL = `CREATE TABLE IF NOT EXISTS ${storeTable('datapact_runs')} (
  run_id BIGINT, job_id BIGINT, job_name VARCHAR, pact VARCHAR, engine VARCHAR, task_keys VARCHAR[],
  started_at TIMESTAMP, host VARCHAR, pid INTEGER,
  finished_at TIMESTAMP, state VARCHAR, status VARCHAR, aggregate_passed BOOLEAN, aggregate_message VARCHAR
)`;

/** The run's expected task keys (in memory, never copied to the file): what the aggregate step checks against. */
export const EXPECTED_TASKS: TableName = Object.freeze({ catalog: RESULTS_CATALOG, schema: 'main', table: 'expected_tasks' });

/** Attaches the run's in-memory tables (the generated SQL's `datapact_results`), empty. */
export async function attachStaging(connection: DuckDBConnection): Promise<void> {
  await connection.run(`ATTACH ':memory:' AS ${q(RESULTS_CATALOG)}`);
  for (const statement of compileResultsDdl('duckdb', LOCAL_RESULT_TABLES)) await connection.run(statement);
  await connection.run(compileExpectedTasksDdl('duckdb', EXPECTED_TASKS));
}

/**
 * Fills the expected tasks through an appender, a key at a time: the aggregate step reads them from the table,
 * so no statement holds every key (at 10,000 keys the VALUES list made two 110 kB statements).
 */
export async function recordExpectedTasks(connection: DuckDBConnection, taskKeys: readonly string[]): Promise<void> {
  const appender = await connection.createAppender(EXPECTED_TASKS.table, EXPECTED_TASKS.schema, EXPECTED_TASKS.catalog);
  try {
    for (const key of taskKeys) {
      appender.appendVarchar(key);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function isLockConflict(error: unknown): boolean {
  return /Could not set lock|Conflicting lock/i.test(error instanceof Error ? error.message : String(error));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Attaches the file as `datapact_store`, runs `work`, detaches (releasing the file), retrying the attach while
 * another process holds the lock. Calls on one connection must not overlap (callers serialise them).
 */
export async function withStoreAttached<T>(
  connection: DuckDBConnection,
  path: string,
  mode: 'write' | 'read',
  work: () => Promise<T>,
): Promise<T> {
  // A FIFO or device would block or never end inside DuckDB's open: refused by what stat says (reads too).
  const stats = statOrUndefined(path);
  const special = stats && specialFileKind(stats);
  if (special) throw new Error(`it is ${special}, not a regular file`);
  const started = Date.now();
  let wait = 5;
  for (;;) {
    try {
      await connection.run(`ATTACH ${duckDbStringLiteral(path)} AS ${q(STORE_CATALOG)}${mode === 'read' ? ' (READ_ONLY)' : ''}`);
      break;
    } catch (error) {
      if (!isLockConflict(error) || Date.now() - started > LOCK_DEADLINE_MS) throw error;
      await sleep(wait + Math.random() * wait);
      wait = Math.min(wait * 2, 200);
    }
  }
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The work's error says what went wrong; a detach failing after it (a checkpoint of a broken file) would not.
    await connection.run(`DETACH ${q(STORE_CATALOG)}`).catch(() => undefined);
    throw error;
  }
  await connection.run(`DETACH ${q(STORE_CATALOG)}`);
  return result;
}

interface PendingRow {
  runId: string;
  taskKey: string;
  beginTs: string;
  endTs: string;
  resolve(): void;
  reject(error: unknown): void;
}

/** Values of the run's row in `datapact_runs`. */
export interface RunStart {
  runId: string;
  jobId: string;
  jobName: string;
  pact: string;
  taskKeys: readonly string[];
  /** `YYYY-MM-DD HH:MM:SS.mmm` UTC. */
  startedAt: string;
  host: string;
  pid: number;
}

export interface RunEnd {
  state: 'FINISHED' | 'CANCELLED';
  status: string;
  aggregatePassed: boolean;
  aggregateMessage?: string;
}

/**
 * The results file as one run writes it: every write is short and serialised on the run's own connection, so
 * the run never holds the file while a task computes.
 */
export class ResultsFileWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => withStoreAttached(this.connection, this.path, 'write', work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Checks the store before any task runs and records the run's start: creates folder, file and tables when
   * missing, reads the tables (a corrupt or truncated file fails here), and inserts the run's row.
   * @throws EngineConfigError saying what is wrong with the file
   */
  async begin(run: RunStart): Promise<void> {
    try {
      if (statOrUndefined(this.path)?.isFile() === false) throw new Error('it is not a regular file');
      mkdirSync(dirname(this.path), { recursive: true });
      // Read every existing table whole before writing anything: a truncated or damaged file fails here, untouched.
      if (statOrUndefined(this.path)) {
        await withStoreAttached(this.connection, this.path, 'read', async () => {
          const tables = await this.connection.runAndReadAll(
            `SELECT table_name FROM duckdb_tables() WHERE database_name = ${duckDbStringLiteral(STORE_CATALOG)}`,
          );
          for (const row of tables.getRowObjectsJson()) {
            await this.connection.run(`SELECT count(*) FROM ${storeTable(String(row.table_name) as 'run_history')} WHERE hash(COLUMNS(*)) IS NULL`);
          }
        });
      }
      await this.serialised(async () => {
        for (const statement of compileResultsDdl('duckdb', STORE_TABLES)) await this.connection.run(statement);
        await this.connection.run(RUNS_DDL);
        await runStatement(
          this.connection,
          `INSERT INTO ${storeTable('datapact_runs')} (run_id, job_id, job_name, pact, engine, task_keys, started_at, host, pid, state)
           VALUES (CAST($run_id AS BIGINT), CAST($job_id AS BIGINT), $job_name, $pact, 'duckdb',
                   CAST(json($task_keys) AS VARCHAR[]), CAST($started_at AS TIMESTAMP), $host, CAST($pid AS INTEGER), 'RUNNING')`,
          {
            run_id: run.runId,
            job_id: run.jobId,
            job_name: run.jobName,
            pact: run.pact,
            task_keys: JSON.stringify(run.taskKeys),
            started_at: run.startedAt,
            host: run.host,
            pid: run.pid,
          },
        );
      });
    } catch (error) {
      throw new EngineConfigError(`results store ${this.path} cannot be used: ${describeStoreError(error)}`);
    }
  }

  /**
   * Copies one task's row from the run's in-memory table into the file, with its real begin and end times; resolves
   * once the row is in the file. Rows go in batches (one attach, one INSERT, one detach for many rows), and a write
   * begins no sooner than the last one took after its end: each write checkpoints the file, which costs more as
   * the file grows (≈ 35 ms at 200 rows, ≈ 65 ms at 2,000 measured here), so a write per row would make a long run's
   * cost grow with its length and leave the run waiting on the file; paced this way writing takes at most about
   * half of one connection's time (until a write takes over MAX_PAUSE_MS). `settle` ends the pause once no more
   * rows will come.
   */
  copyTaskRow(runId: string, taskKey: string, beginTs: string, endTs: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ runId, taskKey, beginTs, endTs, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Writes what is pending without waiting out the pause between writes (the run has no more rows coming). */
  settle(): void {
    this.settled = true;
    this.wake?.();
  }

  private pending: PendingRow[] = [];
  private flushing = false;
  private settled = false;
  /** When the next write may begin (ms since the epoch): the last write's end plus its duration. */
  private nextWriteAt = 0;
  private wake: (() => void) | undefined;

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        await this.pause();
        const batch = this.pending.splice(0);
        const started = Date.now();
        try {
          const copied = await this.serialised(() => this.copyRows(batch));
          for (const row of batch) {
            if (copied.has(row.taskKey)) row.resolve();
            else row.reject(new Error(`the task's row was not found to copy`));
          }
        } catch (error) {
          for (const row of batch) row.reject(error);
        }
        // The pause is capped: a write that waited for another process's lock took long for no cost of its own.
        const ended = Date.now();
        this.nextWriteAt = ended + Math.min(ended - started, MAX_PAUSE_MS);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Waits until `nextWriteAt`, or less once the run has settled. */
  private pause(): Promise<void> {
    const wait = this.nextWriteAt - Date.now();
    if (this.settled || wait <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /** One INSERT for the batch's rows (one run's); returns the task keys it copied. */
  private async copyRows(batch: readonly PendingRow[]): Promise<Set<string>> {
    const runId = batch[0]!.runId;
    if (!/^\d+$/.test(runId) || batch.some((row) => row.runId !== runId)) throw new Error('one run id per batch');
    const lit = duckDbStringLiteral;
    const columns = RUN_HISTORY_COLUMNS.map(([name]) => name);
    const selected = columns.map((name) =>
      name === 'validation_begin_ts' ? 't.begin_ts' : name === 'validation_complete_ts' ? 't.end_ts' : `h.${q(name)}`,
    );
    const times = batch
      .map((row) => `(${lit(row.taskKey)}, CAST(${lit(row.beginTs)} AS TIMESTAMP), CAST(${lit(row.endTs)} AS TIMESTAMP))`)
      .join(', ');
    // The rows it copied come back from the INSERT itself: a row missing from the run's tables is not among them.
    const reader = await this.connection.runAndReadAll(
      `INSERT INTO ${storeTable('run_history')} (${columns.map(q).join(', ')})
       SELECT ${selected.join(', ')} FROM ${stagingTable('run_history')} h
       JOIN (VALUES ${times}) AS t(task_key, begin_ts, end_ts) ON h.task_key = t.task_key
       WHERE h.run_id = ${runId}
       RETURNING task_key`,
    );
    const copied = reader.getRowObjectsJson().map((row) => String(row.task_key));
    const found = new Set(copied);
    const expected = batch.filter((row) => found.has(row.taskKey)).length;
    if (copied.length !== expected) throw new Error(`${copied.length} rows were copied for ${expected} tasks`);
    return found;
  }

  /** Copies the run's alert rows and records its completion. */
  finish(runId: string, end: RunEnd): Promise<void> {
    return this.serialised(async () => {
      await runStatement(
        this.connection,
        `INSERT INTO ${storeTable('alert_history')} SELECT * FROM ${stagingTable('alert_history')} WHERE run_id = CAST($run_id AS BIGINT)`,
        { run_id: runId },
      );
      await runStatement(
        this.connection,
        `UPDATE ${storeTable('datapact_runs')} SET finished_at = CAST(now() AS TIMESTAMP), state = $state, status = $status,
           aggregate_passed = $passed, aggregate_message = $message
         WHERE run_id = CAST($run_id AS BIGINT)`,
        { run_id: runId, state: end.state, status: end.status, passed: end.aggregatePassed, message: end.aggregateMessage ?? null },
      );
    });
  }
}

/** Runs `work` with the results file attached read-only as `datapact_store` in a fresh instance. */
export async function readResultsStore<T>(path: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await createDuckDbInstance();
  const connection = await instance.connect();
  try {
    return await withStoreAttached(connection, path, 'read', () => work(connection));
  } catch (error) {
    if (error instanceof EngineConfigError) throw error;
    throw new EngineConfigError(`cannot read results store ${path}: ${describeStoreError(error)}`);
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}

/** True when the attached store has `datapact_runs` (files written before it existed do not). */
export async function storeHasRunsTable(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = ${duckDbStringLiteral(STORE_CATALOG)} AND table_name = 'datapact_runs'`,
  );
  return Number(reader.getRowObjectsJson()[0]?.n ?? 0) > 0;
}

/** A DuckDB or file-system failure as one line a person can act on. */
function describeStoreError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (the folder or file is not writable)';
  const message = oneLineEngineMessage(error);
  if (/not a valid DuckDB database file|Could not read enough bytes|Corrupt|checksum|CHECKPOINT|block|serializ/i.test(message)) {
    return `the file is not a readable DuckDB database (corrupt or truncated?): ${message}`;
  }
  if (/Permission denied|Read-only file system/i.test(message)) return `permission denied (the folder or file is not writable): ${message}`;
  return message;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
