/**
 * SharedRequest: one catalog question several callers wait on is cancelled only once every caller has given up;
 * a caller without a signal keeps it alive; a settled request is never cancelled.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogRequestCancelledError, SharedRequest } from '../../core/src/index';

/** A request whose answer the test gives, recording whether it was told to stop. */
function started() {
  let answer!: (value: string) => void;
  let seen!: AbortSignal;
  const request = new SharedRequest<string>((signal) => {
    seen = signal;
    return new Promise<string>((resolve, reject) => {
      answer = resolve;
      signal.addEventListener('abort', () => reject(new CatalogRequestCancelledError()));
    });
  });
  return { request, answer: (v: string) => answer(v), stopped: () => seen.aborted };
}

test('the request goes on while one caller still waits, and stops when the last one gives up', async () => {
  const { request, stopped } = started();
  const [a, b] = [new AbortController(), new AbortController()];
  const first = request.join(a.signal);
  const second = request.join(b.signal);
  a.abort();
  await assert.rejects(first, CatalogRequestCancelledError);
  assert.equal(stopped(), false, 'the second caller still waits');
  b.abort();
  await assert.rejects(second, CatalogRequestCancelledError);
  assert.equal(stopped(), true);
  assert.equal(request.cancelled, true, 'a cancelled request is not handed to a new caller');
});

test('a caller without a signal pins the request; a caller joining with an aborted signal is refused at once', async () => {
  const { request, answer, stopped } = started();
  const pinned = request.join();
  const given = new AbortController();
  const leaving = request.join(given.signal);
  given.abort();
  await assert.rejects(leaving, CatalogRequestCancelledError);
  await assert.rejects(request.join(AbortSignal.abort()), CatalogRequestCancelledError);
  assert.equal(stopped(), false);
  answer('tables');
  assert.equal(await pinned, 'tables');
});

test('giving up after the answer came changes nothing', async () => {
  const { request, answer, stopped } = started();
  const caller = new AbortController();
  const waiting = request.join(caller.signal);
  answer('schemas');
  assert.equal(await waiting, 'schemas');
  caller.abort();
  assert.equal(stopped(), false);
  assert.equal(await request.join(new AbortController().signal), 'schemas');
});
