/** What every report format is made from. */
import type { EngineRunResult } from '../../../core/src/index';

export interface RunReport {
  run: EngineRunResult;
  /** Wall-clock time of the whole run, attach and aggregate included. */
  durationMs: number;
}

export type ReportFormat = 'text' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'junit'];
