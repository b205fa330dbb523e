/**
 * `datapact app`: serves the pact builder as a web page for people who do not use VS Code. Reads and writes pacts
 * only inside the folder it was started in (or --folder); catalogs come from each pact's engine through its
 * plug-in, as in the editor. Binds to 127.0.0.1 unless told otherwise; runs until interrupted.
 */
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { getEnginePlugin, PactFolderHost, resolveEngineConfig } from '../../../core/src/index';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { startAppServer } from '../app/app-server';

export const appCommand: CliCommand = {
  name: 'app',
  summary: 'serve the pact builder as a web page (for people who do not use VS Code)',
  usage: [
    'Usage: datapact app [--port N] [--host 127.0.0.1] [--folder DIR]',
    '',
    '  --port     the port to listen on (default 8765; 0 picks a free one)',
    '  --host     the address to bind (default 127.0.0.1; a Databricks App binds 0.0.0.0 behind its proxy)',
    '  --folder   the folder whose pacts the builder opens and saves (default: the current folder)',
    '',
    'Stops on Ctrl-C. Pacts are read and written only inside the folder.',
    '',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    folder: { type: 'string' },
  },
  async run(args, io) {
    const port = parsePort(args.values.port ?? process.env.DATABRICKS_APP_PORT ?? '8765');
    const host = String(args.values.host);
    const folder = resolve(io.cwd, typeof args.values.folder === 'string' ? args.values.folder : '.');
    const engineHost = { env: process.env, homeDir: homedir() };
    const builderHost = await PactFolderHost.create(folder, {
      openCatalogProvider(engine, pactFolder) {
        const config = resolveEngineConfig(engine, join(pactFolder, 'builder.pact.yml'));
        return getEnginePlugin(config.type).openCatalogProvider(config, engineHost);
      },
    }).catch((error: Error) => {
      throw new UsageError(`cannot serve ${folder}: ${error.message}`);
    });
    const app = await startAppServer({
      host,
      port,
      builderHost,
      // dist/web beside dist/cli.js; this module is bundled into dist/chunks/cli-commands.js (scripts/build.mjs).
      assetsFolder: join(__dirname, basename(__dirname) === 'chunks' ? '..' : '.', 'web'),
      log: (line) => io.err(`${line}\n`),
    }).catch((error: Error) => {
      throw new UsageError(`cannot listen on ${host}:${port}: ${error.message}`);
    });
    io.out(`DataPact builder for ${folder}\nOpen ${app.url} (Ctrl-C stops it)\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void app.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT_OK;
  },
};

function parsePort(value: unknown): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got '${String(value)}'`);
  return port;
}
