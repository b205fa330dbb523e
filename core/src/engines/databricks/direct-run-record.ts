/**
 * A direct run (statements on the warehouse, no job) has no object in the workspace to follow: its process keeps
 * its progress in `<pact folder>/.datapact/databricks-direct-runs/<run id>.json` (written atomically as each task
 * finishes and once the run ends, with the final result), so another process on this machine — the editor after
 * it started `datapact run --task X`, or after a window reload — attaches to it by id, as to any run. The rows
 * themselves are in run_history on the warehouse like every run's.
 */
import { hostname } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EngineRunResult } from '../../engine/engine';
import type { TaskResult } from '../../model/results';

export interface DirectRunRecord {
  run_id: string;
  /** The pact's absolute path. */
  pact: string;
  task_keys: string[];
  /** ISO-8601 UTC. */
  started_at: string;
  host: string;
  pid: number;
  state: 'RUNNING' | 'FINISHED' | 'CANCELLED';
  /** Tasks finished so far, in the order they finished. */
  results: TaskResult[];
  /** Once the run is final: its result, as the process that ran it reported it. */
  result?: EngineRunResult;
}

/** Records of finished runs are dropped after this long (their rows stay in run_history). */
const KEEP_MS = 7 * 24 * 3600_000;

function folderOf(pactPath: string): string {
  return join(dirname(resolve(pactPath)), '.datapact', 'databricks-direct-runs');
}

/** The record's file; undefined for an id that is not a run id (never a path outside the folder). */
function fileOf(pactPath: string, runId: string): string | undefined {
  return /^\d{1,30}$/.test(runId) ? join(folderOf(pactPath), `${runId}.json`) : undefined;
}

/** Writes the record whole (temporary file renamed over it); throws when it cannot. */
export function writeDirectRunRecord(pactPath: string, record: DirectRunRecord): void {
  const file = fileOf(pactPath, record.run_id);
  if (!file) throw new Error(`'${record.run_id}' is not a run id`);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(record)}\n`, 'utf8');
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function readDirectRunRecord(pactPath: string, runId: string): DirectRunRecord | undefined {
  const file = fileOf(pactPath, runId);
  if (!file) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<DirectRunRecord> | null;
    if (!value || value.run_id !== runId || !Array.isArray(value.task_keys) || !Array.isArray(value.results)) return undefined;
    return value as DirectRunRecord;
  } catch {
    return undefined;
  }
}

/** True when the record's process is known to be gone (same machine, no such process). */
export function ownerGone(record: DirectRunRecord): boolean {
  if (record.host !== hostname()) return false;
  try {
    process.kill(record.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/** Drops records older than a week (best effort: a folder that cannot be read is left as it is). */
export function pruneDirectRunRecords(pactPath: string, now = Date.now()): void {
  const folder = folderOf(pactPath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = join(folder, name);
    try {
      if (now - statSync(file).mtimeMs > KEEP_MS) rmSync(file, { force: true });
    } catch {
      // Another process removed it, or it cannot be read: nothing to do.
    }
  }
}
