/**
 * The commands that need no engine, in a chunk of their own (dist/chunks/cli-offline.js, scripts/build.mjs) that
 * holds core's pact checks but no engine code: `validate --offline` reads ≈ 0.5 MB of code instead of the ≈ 0.9 MB
 * of every command (measured by `npm run bench -- --only cli-start`). Without `--offline`, validate needs an
 * engine's catalogs: this chunk then hands the command to the one with every command (all.ts).
 */
import { ENGINE_TYPES } from '../../../core/src/index';
import type { CliCommand } from '../command';
import { validateCommandOf } from './validate-command';

export { reportInternalFaults } from './internal-faults';

export const IMPLEMENTATIONS: Readonly<Record<string, CliCommand>> = {
  validate: validateCommandOf({
    // The format's engine types: those of the built-in plug-ins, in their order (a unit test holds them equal).
    engineTypes: () => ENGINE_TYPES,
    async online(io) {
      const all = await import('./all');
      all.reportInternalFaults(io);
      return { command: all.IMPLEMENTATIONS.validate! };
    },
  }),
};
