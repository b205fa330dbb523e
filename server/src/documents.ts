/**
 * The parse cache shared by every feature: one `loadPact` per document version (keyed by URI + version).
 * Features never parse on their own; they ask here.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadPact, parsePactText, type LoadedPact } from '../../core/src/index';
import { OFF_THREAD_CHARS } from './off-thread-check';

/** A document as every feature sees it. */
export interface ParsedPact {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly loaded: LoadedPact;
  /** The file path for `file:` URIs (relative engine paths resolve against its folder). */
  readonly path?: string;
}

export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class ParseCache {
  private readonly entries = new Map<string, ParsedPact>();
  private readonly views = new Map<string, ParsedPact>();

  get(document: TextDocument): ParsedPact {
    const known = this.entries.get(document.uri);
    if (known && known.version === document.version) return known;
    const path = pathOfUri(document.uri);
    let loaded: LoadedPact;
    try {
      loaded = loadPact(document.getText(), { path });
    } catch (error) {
      // loadPact promises never to throw; if it ever does, the editor keeps working with an empty model.
      loaded = loadPact('', { path });
      loaded.problems.push({ code: 'internal-error', severity: 'error', message: `The pact could not be read: ${String(error)}`, start: 0, end: 0 });
    }
    const parsed: ParsedPact = { uri: document.uri, version: document.version, document, loaded, ...(path ? { path } : {}) };
    this.entries.set(document.uri, parsed);
    this.views.delete(document.uri);
    return parsed;
  }

  /**
   * The document parsed but not checked (no schema, no rules: `problems` is empty and `pact` absent), for
   * completion: on a large pact, checking costs several times the parse, and completion must answer while the
   * user types. The checked entry is used when this version has one.
   */
  parsedOnly(document: TextDocument): ParsedPact {
    const known = this.entries.get(document.uri) ?? this.views.get(document.uri);
    if (known && known.version === document.version) return known;
    const path = pathOfUri(document.uri);
    const source = parsePactText(document.getText());
    let raw: unknown = null;
    try {
      raw = source.yaml.toJS({ maxAliasCount: 1000 });
    } catch {
      raw = null;
    }
    const loaded: LoadedPact = { raw, problems: [], source };
    const parsed: ParsedPact = { uri: document.uri, version: document.version, document, loaded, ...(path ? { path } : {}) };
    this.views.set(document.uri, parsed);
    return parsed;
  }

  /**
   * For features that read a document's structure (its data and ranges), not its findings: the checked entry when
   * this version has one; for a large document, the parse alone, as completion has it (its full check runs off
   * this thread, and checking it here would hold every request back for seconds).
   */
  view(document: TextDocument): ParsedPact {
    const known = this.entries.get(document.uri);
    if (known && known.version === document.version) return known;
    return document.getText().length >= OFF_THREAD_CHARS ? this.parsedOnly(document) : this.get(document);
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.views.delete(uri);
  }
}
