/**
 * The local record of runs started from this machine: `<pact folder>/.datapact/runs.json`, a JSON array with one
 * entry per run, newest last, so the editor and the CLI can list runs and attach to them by id. Written
 * atomically (a temporary file renamed over it) under a short lock file, so concurrent runs never lose an entry.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunState } from '../engines/engine-plugin';
import type { EngineType } from '../model/pact';
import type { TaskStatus } from '../model/results';

export interface LocalRunRecord {
  run_id: string;
  /** The pact's absolute path. */
  pact: string;
  engine: EngineType;
  /** ISO-8601 UTC. */
  started_at: string;
  host?: string;
  job_id?: string;
  url?: string;
  /** Set by the process that followed the run once it was final (ISO-8601 UTC); absent while in flight or if that process died. */
  ended_at?: string;
  /** The run's final state, with `ended_at`. */
  state?: RunState;
  /** With `ended_at`, when the run gave one: its overall verdict (the snapshot's `status`). */
  status?: TaskStatus;
}

/** A run's recorded end: what `datapact runs` shows without asking the engine. */
export type RecordedRunEnd = Required<Pick<LocalRunRecord, 'ended_at' | 'state'>> & Pick<LocalRunRecord, 'status'>;

/** The end the record holds, or undefined while the run may be in flight (see `runsInFlight`). */
export function recordedRunEnd(record: LocalRunRecord): RecordedRunEnd | undefined {
  if (record.ended_at === undefined || record.state === undefined) return undefined;
  return { ended_at: record.ended_at, state: record.state, ...(record.status ? { status: record.status } : {}) };
}

/** Runs kept per folder; older entries are dropped (their rows stay in the results store). */
const MAX_RECORDS = 500;
const LOCK_STALE_MS = 10_000;
const LOCK_DEADLINE_MS = 10_000;

/** `<folder of the pact>/.datapact/runs.json`. */
export function localRunsFile(pactPath: string): string {
  return join(dirname(resolve(pactPath)), '.datapact', 'runs.json');
}

/** The records of a folder (the one holding `pactPath`), oldest first; none when the file is missing or unreadable. */
export function readLocalRuns(pactPath: string): LocalRunRecord[] {
  return readRecords(localRunsFile(pactPath));
}

/** Finds a run by id among the records of the folders of the given pact paths / folders' runs files. */
export function findLocalRun(runsFiles: readonly string[], runId: string): LocalRunRecord | undefined {
  for (const file of runsFiles) {
    const found = readRecords(file).find((r) => r.run_id === runId);
    if (found) return found;
  }
  return undefined;
}

/**
 * The records whose run may still be in flight: those without a recorded end (the process following the run died,
 * or it still runs). A window reload attaches to these only; the ended ones are history.
 */
export function runsInFlight(records: readonly LocalRunRecord[]): LocalRunRecord[] {
  return records.filter((record) => recordedRunEnd(record) === undefined);
}

/** Records the end of a run already recorded (nothing when its record was dropped meanwhile). */
export function recordLocalRunEnd(pactPath: string, runId: string, end: RecordedRunEnd): void {
  const file = localRunsFile(pactPath);
  withLock(`${file}.lock`, () => {
    const records = readRecords(file);
    const record = records.find((r) => r.run_id === runId);
    if (!record) return;
    Object.assign(record, end);
    writeAtomically(file, records);
  });
}

/** Appends a record for a run just started. */
export function recordLocalRun(record: LocalRunRecord): void {
  const file = localRunsFile(record.pact);
  mkdirSync(dirname(file), { recursive: true });
  withLock(`${file}.lock`, () => {
    const records = readRecords(file).filter((r) => r.run_id !== record.run_id);
    records.push(record);
    writeAtomically(file, records.slice(-MAX_RECORDS));
  });
}

/** Writes the records to a temporary file renamed over `file`: a reader sees the old list or the new one, never half. */
function writeAtomically(file: string, records: readonly LocalRunRecord[]): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(records, null, 2)}\n`, 'utf8');
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function readRecords(file: string): LocalRunRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
  } catch {
    return [];
  }
}

function isRecord(value: unknown): value is LocalRunRecord {
  const r = value as Partial<LocalRunRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.run_id === 'string' && typeof r.pact === 'string' && typeof r.engine === 'string' && typeof r.started_at === 'string';
}

/** Runs `work` holding an exclusive lock file (created with O_EXCL); a lock older than LOCK_STALE_MS is broken. */
function withLock(lock: string, work: () => void): void {
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { force: true });
      } catch {
        // Released meanwhile.
      }
      if (Date.now() - started > LOCK_DEADLINE_MS) throw new Error(`${lock} stays locked`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { force: true });
  }
}
