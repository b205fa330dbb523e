/**
 * The local run records, `<pact folder>/.datapact/runs.json`: one entry per run started from this machine
 * (`{ run_id, pact, engine, started_at, host?, job_id?, url? }`). The workbench reads them after a window reload
 * to re-attach the runs still in flight; it adds an entry when the engine does not (written atomically:
 * a temp file renamed over the old one).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EngineType } from '../../../core/src/index';

export interface RunRecord {
  run_id: string;
  pact: string;
  engine: EngineType;
  started_at: string;
  host?: string;
  job_id?: string;
  url?: string;
}

export function runRecordsFile(pactPath: string): string {
  return join(dirname(pactPath), '.datapact', 'runs.json');
}

/** The records of a folder's pacts; a missing or unreadable file means none (never an error for the user). */
export function readRunRecords(file: string): RunRecord[] {
  if (!existsSync(file)) return [];
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { runs?: unknown }).runs) ? (data as { runs: unknown[] }).runs : [];
    return list.filter(isRunRecord);
  } catch {
    return [];
  }
}

/** Adds (or replaces, by run id) a record. */
export function writeRunRecord(record: RunRecord): void {
  const file = runRecordsFile(record.pact);
  const records = readRunRecords(file).filter((r) => r.run_id !== record.run_id);
  records.push(record);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(records, null, 2)}\n`);
  renameSync(temp, file);
}

function isRunRecord(value: unknown): value is RunRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return typeof r.run_id === 'string' && typeof r.pact === 'string' && typeof r.engine === 'string' && typeof r.started_at === 'string';
}
