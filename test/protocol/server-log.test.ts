/**
 * How the server reports its own failures (server/src/log.ts), between a real server connection and a real
 * client over in-memory streams: one line per failure in the log, the stack only as a trace message, and only
 * when the client asked for verbose tracing.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { logFailure } from '../../server/src/log';
import { withDeadline } from './lsp-harness';

test('a failure is one log line (what failed, the first line of the error); its stack only with verbose tracing', async () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: Array<{ type: number; message: string }> = [];
  const traces: Array<{ message: string; verbose?: string }> = [];
  client.onNotification('window/logMessage', (params: { type: number; message: string }) => void logs.push(params));
  client.onNotification('$/logTrace', (params: { message: string; verbose?: string }) => void traces.push(params));
  server.onInitialize(() => ({ capabilities: {} }));
  // Messages are handled in order: once this answers, every notification sent before it has been handled.
  server.onRequest('test/ping', () => 'pong');
  const handled = () => withDeadline(client.sendRequest('test/ping'), 10_000, 'ping');
  server.listen();
  client.listen();
  try {
    await withDeadline(client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), 10_000, 'initialize');
    const failure = new Error('catalog lake: permission denied\n    at attach (attach-catalogs.ts:12:3)\n(more detail)');

    logFailure(server, 'hover', failure);
    await waitFor(() => logs.length === 1, 'the log line');
    assert.deepEqual(logs, [{ type: 1, message: 'datapact: hover failed: catalog lake: permission denied' }]);
    await client.sendNotification('$/setTrace', { value: 'off' });
    await handled();
    logFailure(server, 'completion', failure);
    await waitFor(() => logs.length === 2, 'the second log line');
    assert.deepEqual(traces, [], 'no stack without tracing');

    await client.sendNotification('$/setTrace', { value: 'verbose' });
    await handled();
    logFailure(server, 'symbols', failure);
    await waitFor(() => traces.length === 1, 'the trace');
    assert.equal(logs.length, 3);
    assert.equal(logs[2]!.message, 'datapact: symbols failed: catalog lake: permission denied');
    const trace = traces[0] as { message: string; verbose?: string };
    assert.equal(trace.message, 'datapact: symbols failed');
    assert.match(trace.verbose ?? '', /at attach \(attach-catalogs\.ts:12:3\)/);
    assert.ok(logs.every((l) => !l.message.includes('\n')), 'one line each');
  } finally {
    client.dispose();
    server.dispose();
  }
});

/** Resolves once `ready()` holds (polled every 10 ms); rejects, and stops polling, after `ms`. */
function waitFor(ready: () => boolean, what: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const check = () => {
      if (ready()) resolve();
      else if (Date.now() > deadline) reject(new Error(`no ${what} within ${ms} ms`));
      else setTimeout(check, 10);
    };
    check();
  });
}
