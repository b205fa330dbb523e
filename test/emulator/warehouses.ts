/** SQL warehouses: STOPPED → STARTING → RUNNING with a configurable start time; statements wait for RUNNING. */
import { notFound } from './api-error';

export type WarehouseState = 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'DELETED';

export interface WarehouseSpec {
  id?: string;
  name: string;
  state?: 'RUNNING' | 'STOPPED';
  /** How long a start takes, in ms (overrides the emulator's warehouseStartMs). */
  startMs?: number;
}

export class Warehouse {
  state: WarehouseState;
  private waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  /** How many times the warehouse was started (tests assert a stopped one was started once). */
  starts = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    initial: 'RUNNING' | 'STOPPED',
    private readonly startMs: number,
    private readonly creator: string,
  ) {
    this.state = initial;
  }

  start(): void {
    if (this.state === 'RUNNING' || this.state === 'STARTING') return;
    this.state = 'STARTING';
    this.starts++;
    this.timer = setTimeout(() => {
      this.state = 'RUNNING';
      for (const w of this.waiters.splice(0)) w();
    }, this.startMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.state = 'STOPPED';
  }

  /** Resolves once RUNNING, starting the warehouse if it is stopped (as a serverless warehouse does on a query). */
  whenRunning(): Promise<void> {
    if (this.state === 'RUNNING') return Promise.resolve();
    this.start();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  info(host: string): Record<string, unknown> {
    const hostname = new URL(host).hostname;
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      cluster_size: '2X-Small',
      min_num_clusters: 1,
      max_num_clusters: 1,
      num_clusters: this.state === 'RUNNING' ? 1 : 0,
      num_active_sessions: 0,
      auto_stop_mins: 10,
      warehouse_type: 'PRO',
      enable_serverless_compute: true,
      enable_photon: true,
      spot_instance_policy: 'COST_OPTIMIZED',
      channel: { name: 'CHANNEL_NAME_CURRENT' },
      creator_name: this.creator,
      health: this.state === 'RUNNING' ? { status: 'HEALTHY' } : { status: 'HEALTHY', summary: this.state === 'STARTING' ? 'Starting the warehouse' : '' },
      odbc_params: { hostname, path: `/sql/1.0/warehouses/${this.id}`, port: 443, protocol: 'https' },
      jdbc_url: `jdbc:databricks://${hostname}:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/${this.id};`,
    };
  }
}

export class Warehouses {
  readonly byId = new Map<string, Warehouse>();

  add(spec: WarehouseSpec, defaultStartMs: number, creator: string): Warehouse {
    const id = spec.id ?? (0xabc0000000000000n + BigInt(this.byId.size + 1) * 0x1111n).toString(16).slice(0, 16);
    const wh = new Warehouse(id, spec.name, spec.state ?? 'RUNNING', spec.startMs ?? defaultStartMs, creator);
    this.byId.set(id, wh);
    return wh;
  }

  require(id: string): Warehouse {
    const wh = this.byId.get(id);
    if (!wh) throw notFound(`Warehouse ${id} does not exist.`);
    return wh;
  }

  dispose(): void {
    for (const wh of this.byId.values()) wh.dispose();
  }
}
