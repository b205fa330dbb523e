/** A finding about a pact, located by character offsets into the file's text. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem {
  /** Stable kebab-case identifier, e.g. `tolerance-out-of-range`; quick fixes key on it, never on the message. */
  code: string;
  severity: Severity;
  /** A sentence a data steward understands, naming the key and the offending value. */
  message: string;
  /** Offset of the first character of the offending key or value. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Machine-readable details for quick fixes, e.g. `{ replacement: 'pk_hash_tolerance' }`. */
  data?: Record<string, unknown>;
}
