/**
 * The builder page's HTML shell, for both hosts: one script and one style sheet from the host's own assets, under
 * a Content-Security-Policy that allows nothing else (no inline script or style, nothing remote; the script runs
 * only with the page's nonce). The webview passes its resource URIs and `cspSource`; the app its own origin.
 */
import { randomBytes } from 'node:crypto';

export interface BuilderPageAssets {
  scriptUri: string;
  styleUri: string;
  /** The source expression allowed for the page's script and style (a webview's `cspSource`, or `'self'`). */
  cspSource: string;
  /** The app's pages call back to their own origin; a webview posts messages instead. */
  allowFetch: boolean;
  title?: string;
  /** A pact the page opens first (relative to the host's folder); the webview has no query string to carry it. */
  initialPact?: string;
  /** The page's state as the host kept it (JSON-serialisable): the page takes it when it is newer than its own. */
  initialState?: unknown;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function builderPageHtml(assets: BuilderPageAssets, nonce = newNonce()): { html: string; csp: string; nonce: string } {
  const csp = [
    "default-src 'none'",
    `img-src ${assets.cspSource} data:`,
    `style-src ${assets.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src ${assets.allowFetch ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(assets.title ?? 'DataPact pact builder')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${attr(assets.styleUri)}">
</head>
<body>
<main id="app" aria-live="off"${assets.initialPact ? ` data-pact="${attr(assets.initialPact)}"` : ''}${assets.initialState !== undefined ? ` data-state="${attr(JSON.stringify(assets.initialState))}"` : ''}></main>
<script nonce="${attr(nonce)}" src="${attr(assets.scriptUri)}"></script>
</body>
</html>
`;
  return { html, csp, nonce };
}
