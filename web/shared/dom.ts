/**
 * A few DOM helpers for pages that must run under a strict Content-Security-Policy: elements are built with
 * properties and text nodes only (never innerHTML), so a table or column name can never become markup.
 */
type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'class') element.className = String(value);
    else if (name in element && name !== 'list' && !name.startsWith('aria-') && !name.startsWith('data-')) {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

export function clear(element: Element): void {
  while (element.firstChild) element.firstChild.remove();
}
