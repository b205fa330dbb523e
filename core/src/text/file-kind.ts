/**
 * Only regular files are read. A FIFO blocks its reader until a writer comes (forever, in practice), a device
 * such as /dev/zero never ends, a socket cannot be opened as a file: each is refused by what `stat` says before
 * anything opens it.
 */
import type { Stats } from 'node:fs';

/** 'a FIFO (named pipe)', 'a character device', …; undefined for a regular file or a folder. */
export function specialFileKind(stats: Stats): string | undefined {
  if (stats.isFile() || stats.isDirectory()) return undefined;
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `812 bytes`, `3.4 KB`, `25.0 MB`: sizes in messages. */
export function describeSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
