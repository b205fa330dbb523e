/** What every report format is made from. */
import type { EngineRunResult } from '../../../core/src/index';

export interface RunReport {
  run: EngineRunResult;
  /** Wall-clock time of the whole run, attach and aggregate included. */
  durationMs: number;
  /** Set when the user turned recording off (`--no-history`): the summary says so instead of where rows went. */
  notRecordedBecause?: string;
}

export type ReportFormat = 'text' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'junit'];
