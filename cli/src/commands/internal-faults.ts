/** Says on stderr when core's fast YAML reader failed (our bug; the file was read with the standard parser). */
import { onYamlReaderFault } from '../../../core/src/index';
import type { CliIo } from '../command';

export function reportInternalFaults(io: CliIo): void {
  onYamlReaderFault((fault) =>
    io.err(`datapact: internal: the fast YAML reader failed (${fault.message}); the file was read with the standard parser. Please report this.\n`),
  );
}
