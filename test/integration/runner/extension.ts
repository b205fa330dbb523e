/**
 * The integration runner extension for code-server: installed next to DataPact in a test code-server, it runs the
 * suite's one entry point (../suite-entry.ts) when it activates. Without `$DATAPACT_INTEGRATION_OUT` it does nothing.
 */
import { runPhase } from '../suite-entry';

export async function activate(): Promise<void> {
  await runPhase();
}
