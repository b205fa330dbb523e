/**
 * One catalog request that several callers wait on (two documents asking for the same schema, a check and a
 * completion). A caller may give up (its AbortSignal: the document changed, the provider was disposed); the
 * request itself is cancelled only once every caller has given up, so one document moving on never cancels what
 * another still waits for.
 */
import { CatalogRequestCancelledError } from './catalog-provider';

export class SharedRequest<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  /** Callers still waiting; a caller that cannot give up (no signal) pins the request until it settles. */
  private waiting = 0;
  private pinned = false;
  private done = false;

  /** `start` receives the signal that aborts once every caller has given up. */
  constructor(start: (signal: AbortSignal) => Promise<T>) {
    this.promise = start(this.controller.signal);
    const settle = () => void (this.done = true);
    this.promise.then(settle, settle);
  }

  /** True once the request was cancelled: it must not be handed to a new caller. */
  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** The request's answer for one caller; rejects with CatalogRequestCancelledError as soon as `signal` aborts. */
  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.pinned = true;
      return this.promise;
    }
    if (signal.aborted) return Promise.reject(new CatalogRequestCancelledError());
    this.waiting++;
    return new Promise<T>((resolve, reject) => {
      const giveUp = () => {
        this.leave();
        reject(new CatalogRequestCancelledError());
      };
      signal.addEventListener('abort', giveUp, { once: true });
      this.promise.then(
        (value) => {
          signal.removeEventListener('abort', giveUp);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', giveUp);
          reject(error);
        },
      );
    });
  }

  private leave(): void {
    this.waiting--;
    if (this.waiting === 0 && !this.pinned && !this.done) this.controller.abort();
  }
}
