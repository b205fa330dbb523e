/**
 * The builder page driven by the keyboard only, for both hosts (a chromium page served by `datapact app`, the
 * webview frame in VS Code): Tab moves through the controls, the arrow keys move a focused select through its
 * options, Enter presses a button, Space ticks a checkbox. The focus must survive the redraw after each choice (a keyboard user who
 * lands back at the top of the page after every pick cannot build anything), and the focused control must show a
 * visible focus ring.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Keyboard, Page } from 'playwright-core';

/** What a control says about itself, to find it by Tab: `#id`, `[data-testid]` or `button:Text`. */
async function focusedControl(view: Page | FrameLocator): Promise<string> {
  // One evaluation in the page: the focused element read and described at once (a redraw may replace it between two).
  return view.locator('html').evaluate((html) => {
    type Node = { id: string; tagName: string; textContent: string | null; type?: string; value?: string; getAttribute(name: string): string | null };
    const doc = (html as unknown as { ownerDocument: { activeElement: Node | null; body: Node; documentElement: Node } }).ownerDocument;
    const element = doc.activeElement;
    if (!element || element === doc.body || element === doc.documentElement) return '(nothing)';
    if (element.id) return `#${element.id}`;
    const testId = element.getAttribute('data-testid');
    if (testId) return `[data-testid="${testId}"]`;
    if (element.tagName === 'INPUT') return `input:${element.type}:${element.getAttribute('aria-label') ?? element.value}`;
    return `${element.tagName.toLowerCase()}:${element.getAttribute('aria-label') ?? element.textContent ?? ''}`;
  });
}

export interface KeyboardDriver {
  /** Presses Tab until `target` has the focus (at most `limit` presses, then fails naming where the focus went). */
  tabTo(target: string, limit?: number): Promise<void>;
  /** Moves the select to `expected` with the arrow keys; after each step's redraw the focus must be back on it. */
  choose(selectId: string, expected: string): Promise<void>;
  /** The control that has the focus now. */
  focused(): Promise<string>;
}

export function keyboardDriver(view: Page | FrameLocator, keyboard: Keyboard): KeyboardDriver {
  const driver: KeyboardDriver = {
    focused: () => focusedControl(view),
    async tabTo(target, limit = 120) {
      const seen: string[] = [];
      for (let i = 0; i < limit; i++) {
        const now = await focusedControl(view);
        if (now === target) return;
        seen.push(now);
        await keyboard.press('Tab');
      }
      assert.fail(`Tab never reached ${target}; the focus went through: ${[...new Set(seen)].join(', ')}`);
    },
    async choose(selectId, expected) {
      await driver.tabTo(`#${selectId}`);
      const select = view.locator(`#${selectId}`);
      const optionValues = () => select.locator('option').evaluateAll((all) => all.map((o) => (o as unknown as { value: string }).value));
      /** Waits until the (redrawn) select has the focus and, when `from` is given, holds another value than it. */
      const settled = async (from?: string): Promise<string> => {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const value = await select.inputValue().catch(() => from ?? '');
          const now = await focusedControl(view);
          if (now === `#${selectId}` && value !== from) return value;
          if (Date.now() > deadline) assert.fail(`#${selectId}: it holds "${value}" and the focus is on ${now}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      let value = await settled();
      for (let steps = 0; value !== expected; steps++) {
        const options = await optionValues();
        assert.ok(options.includes(expected) && steps <= options.length, `#${selectId}: ${expected} never came up (options: ${options.join(', ')})`);
        await keyboard.press(options.indexOf(value) < options.indexOf(expected) ? 'ArrowDown' : 'ArrowUp');
        // Each step is a choice that redraws the page: the redrawn select must hold it and have the focus back.
        value = await settled(value);
      }
    },
  };
  return driver;
}

/**
 * The focused control draws a visible focus ring (an outline that is not none or zero wide). Read in one evaluation
 * of the page's active element; a redraw can replace that element while the page settles (a detached element has no
 * computed style), so the check is repeated until the control in the document has the focus, up to a deadline.
 */
export async function assertFocusRing(view: Page | FrameLocator): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ring = await view.locator('html').evaluate((html) => {
      // Runs in the page (the tests' own type library has no DOM).
      type Element = { isConnected: boolean; tagName: string };
      const doc = (html as unknown as { ownerDocument: { activeElement: Element | null; body: Element } }).ownerDocument;
      const element = doc.activeElement;
      if (!element || element === doc.body || !element.isConnected) return { control: null, style: '', width: 0 };
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(element);
      return { control: element.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    if (ring.control !== null) {
      assert.ok(ring.style !== 'none' && ring.width > 0, `the focused control shows a focus ring: ${JSON.stringify(ring)}`);
      return;
    }
    if (Date.now() > deadline) assert.fail('no control in the page kept the focus long enough to read its focus ring');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Replaces the text of the focused input by typing `text`, and checks the input holds it. The old text is selected with
 * Home and Shift+End, not Ctrl+A: in VS Code a webview forwards its keys to the workbench, and on a loaded machine the
 * Ctrl of Ctrl+A was once still down there when the first letter came, so Ctrl+K (a chord prefix) ate it. If a letter
 * is lost anyway the field shows it and the keyboard user types the name again; the test does the same, a few times.
 */
async function replaceText(view: Page | FrameLocator, keyboard: Keyboard, selector: string, text: string): Promise<void> {
  const input = view.locator(selector);
  let value = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    await keyboard.press('Home');
    await keyboard.press('Shift+End');
    await keyboard.type(text);
    value = await input.inputValue();
    if (value === text) return;
  }
  assert.fail(`${selector} holds "${value}" after typing "${text}" three times`);
}

/**
 * Builds a one-task pact by keyboard only on the demo data (products, the key core inferred, row hash) and creates
 * it as `fileName`. The engine and catalogs are picked first when `pickConnection` (the app's fresh page).
 */
export async function buildByKeyboard(view: Page | FrameLocator, keyboard: Keyboard, fileName: string, options: { pickConnection: boolean }): Promise<void> {
  const kb = keyboardDriver(view, keyboard);
  if (options.pickConnection) {
    await kb.choose('engine-type', 'duckdb');
    await assertFocusRing(view);
    for (const file of ['legacy.duckdb', 'lakehouse.duckdb']) {
      await kb.tabTo(`input:checkbox:${file}`);
      await keyboard.press('Space');
      await view.getByTestId('catalog-file').locator(`input[value="${file}"]:checked`).waitFor({ timeout: 15_000 });
      assert.equal(await kb.focused(), `input:checkbox:${file}`, 'the focus stays on the ticked file after the redraw');
    }
  }
  await kb.tabTo('[data-testid="add-task"]');
  await keyboard.press('Enter');
  await view.locator('#source-catalog').waitFor({ timeout: 15_000 });
  assert.equal(await kb.focused(), '[data-testid="add-task"]', 'the focus stays on Add task after the redraw');
  await kb.choose('source-catalog', 'legacy');
  await kb.choose('source-schema', 'erp');
  await kb.choose('source-table', 'products');
  await kb.choose('target-catalog', 'lakehouse');
  await kb.choose('target-schema', 'erp');
  assert.equal(await view.locator('#task-key').inputValue(), 'products', 'the task key follows the table the arrows stopped on');
  assert.equal(await view.locator('#target-table').inputValue(), 'products', 'the target follows the source table');
  // The key core inferred is offered and marked; Enter on its button uses it.
  await view.getByTestId('inferred-key').waitFor({ timeout: 15_000 });
  const marked = view.locator('[data-testid="columns-primary_keys"] label.column', { hasText: 'product_id' });
  assert.match(await marked.innerText(), /inferred key/);
  await kb.tabTo('[data-testid="use-inferred-key"]');
  await keyboard.press('Enter');
  await view.locator('[data-testid="columns-primary_keys"] input[value="product_id"]:checked').waitFor({ timeout: 15_000 });
  await kb.tabTo('#check-row-hash');
  await keyboard.press('Space');
  await view.locator('#pk_hash_tolerance-value').waitFor({ timeout: 15_000 });
  assert.equal(await kb.focused(), '#check-row-hash', 'the focus stays on the check after the redraw');
  await view.getByTestId('valid').waitFor({ timeout: 15_000 });
  await kb.tabTo('#save-as');
  await replaceText(view, keyboard, '#save-as', fileName);
  await kb.tabTo('[data-testid="create"]');
  await assertFocusRing(view);
  await keyboard.press('Enter');
  await view.getByText(`Saved ${fileName}`).waitFor({ timeout: 15_000 });
}
