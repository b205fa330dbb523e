/**
 * Reading a pact from disk: a regular file of at most MAX_PACT_BYTES, in UTF-8 (with or without a byte order
 * mark). Anything else is refused with a reason a person can act on, before a byte of it is parsed:
 * a FIFO or device is never opened for a blocking read, an oversized file is never read whole, and text in
 * another encoding is never decoded into replacement characters that would land in the history.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { describeSize, specialFileKind } from '../text/file-kind';

/** 20 MB: a 10,000-task pact is about 3 MB; a file far larger is a mistake (or not a pact). */
export const MAX_PACT_BYTES = 20 * 1024 * 1024;

export type PactFileText = { ok: true; text: string } | { ok: false; reason: string };

export function readPactFileText(path: string, maxBytes = MAX_PACT_BYTES): PactFileText {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: openFailure(error as NodeJS.ErrnoException) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: 'it is a folder, not a file' };
    const special = specialFileKind(stats);
    if (special) return { ok: false, reason: `it is ${special}, not a regular file` };
    if (stats.size > maxBytes) {
      return { ok: false, reason: `it is ${describeSize(stats.size)}; a pact may be at most ${describeSize(maxBytes)}` };
    }
    // Read at most one byte past the limit: a file that grows while it is read is still refused, never read whole.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 64 * 1024));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { ok: false, reason: `it is larger than ${describeSize(maxBytes)}, the most a pact may be` };
    return decodePactBytes(buffer.subarray(0, length));
  } catch (error) {
    return { ok: false, reason: openFailure(error as NodeJS.ErrnoException) };
  } finally {
    closeSync(fd);
  }
}

function openFailure(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.code === 'EISDIR') return 'it is a folder, not a file';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'ENXIO') return 'it is a socket or device, not a regular file';
  return error.code ? `${error.code.toLowerCase()}` : 'it cannot be read';
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// fatal: a byte that is not UTF-8 throws instead of becoming U+FFFD; ignoreBOM: the mark is removed here, not by it.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes -> text. UTF-8 with or without a byte order mark is accepted (the mark is dropped: editors hide it and
 * do not count it as a column). UTF-16 and UTF-32 (by their mark, or by the zero bytes that ASCII text has in
 * them) and bytes that are not UTF-8 (Latin-1, Windows-1252) are refused naming the encoding and where the
 * first such byte is.
 */
export function decodePactBytes(bytes: Uint8Array): PactFileText {
  const saveAsUtf8 = 'save it as UTF-8';
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) {
    return { ok: false, reason: `it is encoded as UTF-32 (it starts with a UTF-32 byte order mark): ${saveAsUtf8}` };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const order = bytes[0] === 0xff ? 'little-endian' : 'big-endian';
    return { ok: false, reason: `it is encoded as UTF-16 (${order}, with a byte order mark): ${saveAsUtf8}` };
  }
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  const zeroes = utf16Guess(body);
  if (zeroes) return { ok: false, reason: `it is encoded as UTF-16 (${zeroes}, without a byte order mark): ${saveAsUtf8}` };
  let text: string;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    const bad = firstInvalidUtf8(body) ?? 0;
    const { line, column } = lineColumnOfByte(body, bad);
    const byte = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      reason: `it is not UTF-8: byte 0x${byte} at line ${line}, column ${column} looks like Latin-1 (ISO-8859-1) or Windows-1252; ${saveAsUtf8}`,
    };
  }
  return { ok: true, text };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** ASCII text in UTF-16 has a zero byte in every other position: 'little-endian' or 'big-endian' when it looks so. */
function utf16Guess(bytes: Uint8Array): string | undefined {
  const sample = Math.min(bytes.length, 512) & ~1;
  if (sample < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = sample / 2;
  if (oddZero > pairs / 2 && evenZero === 0) return 'little-endian';
  if (evenZero > pairs / 2 && oddZero === 0) return 'big-endian';
  return undefined;
}

/** The index of the first byte that does not belong to a well-formed UTF-8 sequence, or undefined. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return undefined;
}

function lineColumnOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, as editors do: continuation bytes of earlier characters are not columns.
  let column = 1;
  for (let i = lineStart; i < index; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}
