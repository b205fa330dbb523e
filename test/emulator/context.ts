/**
 * The emulated workspace's state, shared by the route modules and handed to tests as `emulator.state`: the user,
 * credentials, warehouses, files, the SQL engine with its catalogs, jobs and runs, statements, faults, and a log of
 * every call (without credentials) so tests can count calls or assert that a job was never created twice.
 */
import type { FaultPlan } from './faults';
import type { JobStore } from './jobs/job-store';
import type { StatementStore } from './statements/statement-store';
import type { SqlEngine } from './sql/sql-engine';
import type { Warehouses } from './warehouses';
import type { WorkspaceFiles } from './workspace-files';
import type { DashboardStore } from './routes/lakeview';
import type { AlertStore } from './routes/alerts';

export interface CallRecord {
  method: string;
  path: string;
  query: string;
  /** The HTTP status answered; -1 a dropped connection (fault), -2 a held request its client cancelled. */
  status: number;
  /** The JSON body sent (never headers: no token is ever recorded). */
  body: unknown;
  at: number;
}

export interface EmulatorContext {
  readonly user: { id: string; userName: string; displayName: string };
  readonly workspaceId: number;
  /** Accepted personal access tokens. */
  readonly tokens: Set<string>;
  /** OAuth M2M clients: client id → secret. */
  readonly oauthClients: Map<string, string>;
  /** Access tokens issued by the token endpoint (accepted as bearer tokens). */
  readonly issuedTokens: Set<string>;
  /** Client-credentials grants made, in order (client id and scope; never the secret). */
  readonly tokenGrants: Array<{ clientId: string; scope: string }>;
  readonly warehouses: Warehouses;
  readonly files: WorkspaceFiles;
  readonly sql: SqlEngine;
  readonly faults: FaultPlan;
  readonly calls: CallRecord[];
  readonly jobs: JobStore;
  readonly statements: StatementStore;
  readonly dashboards: DashboardStore;
  readonly alerts: AlertStore;
  readonly options: ResolvedTimings;
  /** The emulator's base URL (http://127.0.0.1:<port>). */
  url(): string;
}

export interface ResolvedTimings {
  /** Delay before each job task statement runs (ms): makes runs observable while in flight. */
  taskStatementDelayMs: number;
  /** Delay before a Statement Execution statement runs (ms). */
  statementDelayMs: number;
  /** Time a run spends QUEUED/PENDING before its first task starts (ms). */
  runStartDelayMs: number;
  /** Rows per result chunk of the Statement Execution API. */
  chunkRowLimit: number;
}
