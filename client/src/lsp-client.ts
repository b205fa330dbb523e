/**
 * Builds the LanguageClient: the server module runs over IPC, documents of language `datapact` are synced,
 * and the server's `workspace/configuration` requests for `datapact` are answered with normalised settings.
 */
import { Uri, workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { normaliseSettings, type DataPactSettings } from './config';

export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'datapact' }],
    // The files local catalogs read (a folder catalog reads .tsv too). Not every change arrives (VS Code's watcher
    // misses folders made with their parent): the server also compares the catalogs with what it read at each check.
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{duckdb,parquet,csv,tsv}') },
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) =>
            item.section === 'datapact' ? settingsFor(item.scopeUri) : answers[i],
          );
        },
      },
    },
  };
  // Its own name: the client's output channel is named after it, and "DataPact" is the run output's channel.
  return new LanguageClient('datapact', 'DataPact Language Server', serverOptions, clientOptions);
}

/** The settings as the server reads them: `{ engine, databricks: { profile, warehouse } }`. */
function settingsFor(scopeUri: string | undefined): unknown {
  const config = workspace.getConfiguration('datapact', scopeUri ? Uri.parse(scopeUri) : undefined);
  const settings: DataPactSettings = normaliseSettings((key) => config.get(key));
  return {
    engine: settings.engine,
    databricks: { profile: settings['databricks.profile'], warehouse: settings['databricks.warehouse'] },
  };
}
