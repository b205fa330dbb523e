/**
 * `--destination`: a Slack incoming-webhook URL or one or more e-mail addresses (comma-separated), turned into a
 * notification destination's config. A located, plain message for anything else.
 */

export type AlertDestination = { kind: 'slack'; url: string } | { kind: 'email'; addresses: string[] };

export class DestinationError extends Error {
  override readonly name = 'DestinationError';
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export function parseDestination(text: string): AlertDestination {
  const value = text.trim();
  if (value === '') throw new DestinationError('--destination is empty: give a Slack webhook URL or e-mail addresses');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new DestinationError(`--destination '${redactUrl(value)}' is not a valid URL`);
    }
    if (url.protocol !== 'https:') throw new DestinationError('--destination: a Slack webhook URL starts with https://');
    return { kind: 'slack', url: url.toString() };
  }
  const addresses = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const bad = addresses.filter((a) => !EMAIL.test(a));
  if (bad.length > 0 || addresses.length === 0) {
    throw new DestinationError(`--destination: '${bad[0] ?? value}' is neither an e-mail address nor a Slack webhook URL`);
  }
  return { kind: 'email', addresses: [...new Set(addresses.map((a) => a.toLowerCase()))] };
}

/** A webhook URL is a secret (whoever has it can post): messages show its host only. */
export function redactUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(a URL)';
  }
}

/** How the destination is described to people (never the webhook's path). */
export function describeDestination(destination: AlertDestination): string {
  return destination.kind === 'slack' ? `Slack webhook ${redactUrl(destination.url)}` : `e-mail to ${destination.addresses.join(', ')}`;
}
