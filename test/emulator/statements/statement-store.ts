/**
 * The Statement Execution API's statements: each runs on the SQL engine in its own session once its warehouse is
 * RUNNING (PENDING until then), and keeps its state, error and result chunks for GET and cancel.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, badRequest, notFound, required } from '../api-error';
import type { EmulatorContext } from '../context';
import type { StatementOutput, SqlSession } from '../sql/sql-engine';
import { SqlError, toSqlError } from '../sql/sql-error';
import { sparkTypeEnum } from '../sql/spark-types';
import type { BoundParameter } from '../sql/translate';

export type StatementState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';

export interface Statement {
  id: string;
  text: string;
  warehouseId: string;
  state: StatementState;
  error?: SqlError;
  output?: StatementOutput;
  truncated: boolean;
  session?: SqlSession;
  finished: Promise<void>;
  cancelRequested: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TERMINAL: StatementState[] = ['SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED'];

function parseWaitTimeout(value: unknown): number {
  if (value === undefined) return 10;
  const m = typeof value === 'string' ? /^(\d+)s$/.exec(value) : null;
  const seconds = m ? Number(m[1]) : NaN;
  if (!(seconds === 0 || (seconds >= 5 && seconds <= 50)))
    throw badRequest(`wait_timeout must be 0s or between 5s and 50s, got ${JSON.stringify(value)}.`);
  return seconds;
}

export class StatementStore {
  readonly byId = new Map<string, Statement>();

  constructor(private readonly ctx: EmulatorContext) {}

  async execute(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const text = required<string>(body, 'statement');
    const warehouseId = required<string>(body, 'warehouse_id');
    const warehouse = this.ctx.warehouses.require(warehouseId);
    const waitSeconds = parseWaitTimeout(body.wait_timeout);
    const onTimeout = (body.on_wait_timeout as string | undefined) ?? 'CONTINUE';
    if (onTimeout !== 'CONTINUE' && onTimeout !== 'CANCEL') throw badRequest(`Invalid on_wait_timeout: ${onTimeout}`);
    const disposition = (body.disposition as string | undefined) ?? 'INLINE';
    const format = (body.format as string | undefined) ?? 'JSON_ARRAY';
    if (disposition === 'EXTERNAL_LINKS') throw new ApiError(501, 'NOT_IMPLEMENTED', 'The workspace emulator serves INLINE results only.');
    if (disposition !== 'INLINE') throw badRequest(`Invalid disposition: ${disposition}`);
    if (format !== 'JSON_ARRAY') throw badRequest(`${format} format is not supported with INLINE disposition; use JSON_ARRAY.`);
    const parameters = new Map<string, BoundParameter>();
    for (const p of (body.parameters as Array<Record<string, unknown>> | undefined) ?? []) {
      const name = required<string>(p, 'name');
      const value = p.value === undefined || p.value === null ? null : String(p.value);
      parameters.set(name, { value, type: (p.type as string | undefined) ?? 'STRING' });
    }
    const rowLimit = body.row_limit === undefined ? undefined : Number(body.row_limit);

    const stmt: Statement = {
      id: `01f0${randomUUID().slice(4)}`,
      text,
      warehouseId,
      state: 'PENDING',
      truncated: false,
      finished: Promise.resolve(),
      cancelRequested: false,
    };
    this.byId.set(stmt.id, stmt);
    stmt.finished = (async () => {
      try {
        await warehouse.whenRunning();
        if (stmt.cancelRequested) return;
        stmt.state = 'RUNNING';
        if (this.ctx.options.statementDelayMs) await sleep(this.ctx.options.statementDelayMs);
        if (stmt.cancelRequested) return;
        stmt.session = await this.ctx.sql.openSession({ catalog: body.catalog as string | undefined, schema: body.schema as string | undefined });
        if (stmt.cancelRequested) return;
        const output = await stmt.session.execute(text, parameters);
        if (stmt.cancelRequested) return;
        if (rowLimit !== undefined && output.rows.length > rowLimit) {
          output.rows = output.rows.slice(0, rowLimit);
          stmt.truncated = true;
        }
        stmt.output = output;
        stmt.state = 'SUCCEEDED';
      } catch (e) {
        if (stmt.cancelRequested) return;
        stmt.error = toSqlError(e);
        stmt.state = 'FAILED';
      } finally {
        if (stmt.cancelRequested) stmt.state = 'CANCELED';
        stmt.session?.close();
        stmt.session = undefined;
      }
    })();
    if (waitSeconds > 0) {
      const timedOut = await Promise.race([stmt.finished.then(() => false), sleep(waitSeconds * 1000).then(() => true)]);
      if (timedOut && onTimeout === 'CANCEL') {
        this.cancel(stmt.id);
        if (stmt.state !== 'CANCELED') await Promise.race([stmt.finished, sleep(5000)]);
      }
    }
    return this.response(stmt);
  }

  get(id: string): Statement {
    const stmt = this.byId.get(id);
    if (!stmt) throw notFound(`Statement ${id} does not exist.`, 'NOT_FOUND');
    return stmt;
  }

  cancel(id: string): void {
    const stmt = this.get(id);
    if (TERMINAL.includes(stmt.state)) return;
    stmt.cancelRequested = true;
    stmt.session?.interrupt();
    // not yet executing (waiting for the warehouse or before its session opens): canceled at once
    if (stmt.state === 'PENDING' || !stmt.session) stmt.state = 'CANCELED';
  }

  private chunks(stmt: Statement): Array<Array<Array<string | null>>> {
    const rows = stmt.output?.rows ?? [];
    const size = this.ctx.options.chunkRowLimit;
    const out: Array<Array<Array<string | null>>> = [];
    for (let k = 0; k < rows.length; k += size) out.push(rows.slice(k, k + size));
    return out.length ? out : [[]];
  }

  chunk(stmt: Statement, index: number): Record<string, unknown> {
    if (stmt.state !== 'SUCCEEDED') throw badRequest(`Statement ${stmt.id} is in state ${stmt.state}; results are not available.`, 'INVALID_STATE');
    const chunks = this.chunks(stmt);
    if (!Number.isInteger(index) || index < 0 || index >= chunks.length) throw badRequest(`Invalid chunk index ${index}.`);
    const rowOffset = index * this.ctx.options.chunkRowLimit;
    const data = chunks[index]!;
    return {
      chunk_index: index,
      row_offset: rowOffset,
      row_count: data.length,
      ...(stmt.output!.columns.length ? { data_array: data } : {}),
      ...(index + 1 < chunks.length ? { next_chunk_index: index + 1, next_chunk_internal_link: `/api/2.0/sql/statements/${stmt.id}/result/chunks/${index + 1}` } : {}),
    };
  }

  response(stmt: Statement): Record<string, unknown> {
    const status: Record<string, unknown> = { state: stmt.state };
    if (stmt.state === 'FAILED' && stmt.error) {
      status.error = { error_code: 'BAD_REQUEST', message: stmt.error.message };
      status.sql_state = stmt.error.sqlState;
    }
    if (stmt.state !== 'SUCCEEDED') return { statement_id: stmt.id, status };
    const output = stmt.output!;
    const chunks = this.chunks(stmt);
    const size = this.ctx.options.chunkRowLimit;
    const manifest = {
      format: 'JSON_ARRAY',
      schema: {
        column_count: output.columns.length,
        columns: output.columns.map((c, position) => {
          const decimal = /^decimal\((\d+),(\d+)\)$/.exec(c.sparkType);
          return {
            name: c.name,
            position,
            type_name: sparkTypeEnum(c.sparkType),
            type_text: c.sparkType.toUpperCase(),
            ...(decimal ? { type_precision: Number(decimal[1]), type_scale: Number(decimal[2]) } : {}),
          };
        }),
      },
      total_row_count: output.rows.length,
      total_chunk_count: chunks.length,
      chunks: chunks.map((rows, k) => ({ chunk_index: k, row_offset: k * size, row_count: rows.length })),
      truncated: stmt.truncated,
    };
    return { statement_id: stmt.id, status, manifest, result: this.chunk(stmt, 0) };
  }
}
