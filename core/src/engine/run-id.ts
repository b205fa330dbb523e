/**
 * Run identifiers. run_history keeps `run_id` and `job_id` as BIGINT (as on Databricks, where they are the job's
 * ids), so a local run needs a number that is unique enough and sorts by time: milliseconds since the epoch times
 * 1000 plus a random 0..999 (fits easily in 63 bits, sortable, collision only for two runs in the same ms AND draw).
 */
import { randomInt } from 'node:crypto';

export function newRunId(now: Date = new Date()): bigint {
  return BigInt(now.getTime()) * 1000n + BigInt(randomInt(1000));
}

/**
 * A local run has no job; a stable id derived from the job name lets history group runs of the same job
 * the way Databricks job ids do (FNV-1a, 52 bits so it survives a trip through JSON numbers).
 */
export function localJobId(jobName: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(jobName, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash & 0xfffffffffffffn;
}

/** The last 8 digits: enough to tell recent runs apart in a table. */
export function shortRunId(runId: string): string {
  return runId.length > 8 ? `…${runId.slice(-8)}` : runId;
}
