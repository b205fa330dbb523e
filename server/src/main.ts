/**
 * The server bundle's entry (dist/server.js): the language server, or, in a worker thread started by
 * off-thread-check.ts, one full check of a large document.
 */
import { isCheckWorker, serveOffThreadCheck } from './off-thread-check';

if (isCheckWorker()) serveOffThreadCheck();
// eslint-disable-next-line @typescript-eslint/no-require-imports
else require('./server');
