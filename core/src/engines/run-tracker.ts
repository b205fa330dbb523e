/**
 * What every run handle keeps, whatever the engine: its listeners and the snapshot its events build up. Engines
 * report through `emit` / `finish`; a listener that throws never disturbs the run (its first error is kept for
 * the engine to raise once the run is recorded whole).
 */
import type { EngineType } from '../model/pact';
import type { TaskStatus } from '../model/results';
import type { Disposable, RunEvent, RunSnapshot, RunState, TaskProgress } from './engine-plugin';

export interface RunIdentity {
  run_id: string;
  engine: EngineType;
  pact: string;
  started_at: string;
  url?: string;
  job_id?: string;
  dashboard_url?: string;
}

export class RunTracker {
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly tasks: Map<string, TaskProgress>;
  private state: RunState = 'PENDING';
  private status?: TaskStatus;
  /** The first error a listener threw, if any. */
  listenerFailure?: { error: unknown };

  constructor(
    private readonly identity: RunIdentity,
    taskKeys: readonly string[],
  ) {
    this.tasks = new Map(taskKeys.map((task_key) => [task_key, { task_key, state: 'QUEUED' }]));
  }

  get runState(): RunState {
    return this.state;
  }

  snapshot(): RunSnapshot {
    return {
      ...this.identity,
      state: this.state,
      ...(this.status ? { status: this.status } : {}),
      tasks: [...this.tasks.values()].map((t) => ({ ...t })),
    };
  }

  onEvent(listener: (event: RunEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Moves the run from PENDING to RUNNING (engines call it when the first task is handed out). */
  running(): void {
    if (this.state === 'PENDING') this.state = 'RUNNING';
  }

  emit(event: RunEvent): void {
    switch (event.kind) {
      case 'task-queued':
        this.tasks.set(event.task_key, { task_key: event.task_key, state: 'QUEUED' });
        break;
      case 'task-running':
        this.running();
        this.tasks.set(event.task_key, { task_key: event.task_key, state: 'RUNNING', started_at: event.at });
        break;
      case 'task-finished': {
        const before = this.tasks.get(event.result.task_key);
        this.tasks.set(event.result.task_key, {
          task_key: event.result.task_key,
          state: 'DONE',
          started_at: before?.started_at ?? event.result.started_at,
          result: event.result,
        });
        break;
      }
      default:
        break;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.listenerFailure ??= { error };
      }
    }
  }

  /** Records the final state, then tells listeners the run finished. */
  finish(state: RunState, event: Extract<RunEvent, { kind: 'run-finished' }>): void {
    this.state = state;
    this.status = event.result.status;
    this.emit(event);
  }
}
