/**
 * The id of the job a pact folder's runs use, per workspace and job name: `<pact folder>/.datapact/databricks-jobs.json`
 * (written atomically). A run finds its job by this id first (then checks it), else by name, so a job renamed or
 * deleted in the workspace never leads to a second job of the same name.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { idText } from './exact-json';

function storeFile(pactPath: string): string {
  return join(dirname(resolve(pactPath)), '.datapact', 'databricks-jobs.json');
}

/** Ids are kept as decimal strings (int64 ids past 2^53 are not exact as JSON numbers); older files held numbers. */
function read(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const keyOf = (host: string, jobName: string) => `${host} ${jobName}`;

export function storedJobId(pactPath: string, host: string, jobName: string): string | undefined {
  return idText(read(storeFile(pactPath))[keyOf(host, jobName)]);
}

/** Remembers the job id; a store that cannot be written costs only the next run's lookup by name. */
export function storeJobId(pactPath: string, host: string, jobName: string, jobId: string): void {
  const file = storeFile(pactPath);
  try {
    mkdirSync(dirname(file), { recursive: true });
    const all = read(file);
    all[keyOf(host, jobName)] = jobId;
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, 'utf8');
    try {
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  } catch {
    // Best effort by design (see above).
  }
}
