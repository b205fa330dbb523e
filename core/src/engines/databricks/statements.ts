/**
 * One SQL statement on the warehouse through the Statement Execution API: submitted with a short wait, then polled
 * (with back-off) until it ends; rows come back as strings (JSON_ARRAY, INLINE), every chunk read. A statement that
 * fails while running answers HTTP 200 with state FAILED: that becomes a StatementFailed with the warehouse's message.
 */
import type { sql } from '@databricks/sdk-experimental';
import type { WorkspaceApi } from './workspace-api';

export class StatementFailed extends Error {
  override readonly name = 'StatementFailed';
  constructor(
    message: string,
    readonly state: string,
  ) {
    super(message);
  }
}

export interface StatementParameter {
  name: string;
  value: string | null;
  type: string;
}

export interface StatementOptions {
  parameters?: readonly StatementParameter[];
  /** Called with the statement id once known, so a cancel can reach it. */
  onId?: (statementId: string) => void;
  /** Read and return the rows (default true). */
  rows?: boolean;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED']);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `statement`; resolves with its rows (each a record of column name → string or null). */
export async function runStatement(
  api: WorkspaceApi,
  warehouseId: string,
  statement: string,
  options: StatementOptions = {},
): Promise<Array<Record<string, string | null>>> {
  const request: sql.ExecuteStatementRequest = {
    statement,
    warehouse_id: warehouseId,
    wait_timeout: '10s',
    on_wait_timeout: 'CONTINUE',
    format: 'JSON_ARRAY',
    disposition: 'INLINE',
    ...(options.parameters && options.parameters.length > 0
      ? { parameters: options.parameters.map((p) => ({ name: p.name, type: p.type, ...(p.value === null ? {} : { value: p.value }) })) }
      : {}),
  };
  let response = await api.call('safe', (c) => c.statementExecution.executeStatement(request));
  if (response.statement_id) options.onId?.(response.statement_id);
  let wait = 250;
  while (!TERMINAL.has(response.status?.state ?? '')) {
    if (!response.statement_id) throw new StatementFailed('the warehouse returned no statement id', 'UNKNOWN');
    await sleep(wait);
    wait = Math.min(wait * 2, 5000);
    const id = response.statement_id;
    response = await api.call('poll', (c) => c.statementExecution.getStatement({ statement_id: id }));
  }
  const state = response.status?.state ?? 'UNKNOWN';
  if (state !== 'SUCCEEDED') {
    const message = response.status?.error?.message ?? `the statement ended ${state}`;
    throw new StatementFailed(message, state);
  }
  if (options.rows === false) return [];
  return readRows(api, response);
}

async function readRows(api: WorkspaceApi, response: sql.StatementResponse): Promise<Array<Record<string, string | null>>> {
  const columns = (response.manifest?.schema?.columns ?? []).map((c) => c.name ?? '');
  const data: Array<Array<string | null>> = [...((response.result?.data_array ?? []) as Array<Array<string | null>>)];
  let next = response.result?.next_chunk_index;
  const id = response.statement_id!;
  while (next !== undefined && next !== null) {
    const index = next;
    const chunk = await api.call('poll', (c) => c.statementExecution.getStatementResultChunkN({ statement_id: id, chunk_index: index }));
    data.push(...((chunk.data_array ?? []) as Array<Array<string | null>>));
    next = chunk.next_chunk_index;
  }
  return data.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i] ?? null])));
}
