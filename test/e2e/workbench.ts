/**
 * What a user does in the VS Code workbench, as Playwright steps that wait on what the workbench shows.
 * The selectors are VS Code-internal CSS classes, checked on code-server 4.100.3 (VS Code 1.100.3), which
 * scripts/e2e/install.sh pins.
 */
import type { Locator, Page } from 'playwright-core';

/** Long enough for a 2-core machine with other test files running: the only limit on each wait. */
export const UI_TIMEOUT = 90_000;

/** The workbench has loaded the folder and takes keystrokes (sent earlier they are lost). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: UI_TIMEOUT });
}

/** Quick Open (Ctrl+P) a workspace file by name; resolves once its editor tab is the active one. */
export async function openFile(page: Page, name: string): Promise<void> {
  await pickInQuickInput(page, 'Control+P', name, page.locator(`.quick-input-list .monaco-list-row:has-text("${name}")`).first());
  await activeTab(page, name).waitFor({ timeout: UI_TIMEOUT });
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
}

/** Runs a Command Palette entry by its full title ("DataPact: Run Pact"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  // The palette lists an extension's command only once the extension has registered it.
  await pickInQuickInput(page, 'F1', `>${title}`, page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first());
}

/** How long one attempt waits for the entry before the quick input is closed and opened again. */
const ATTEMPT_TIMEOUT = 15_000;

/**
 * Opens the quick input with `key`, sets its whole text to `text` and presses Enter on `entry` once it shows.
 * The text is set, not typed: keystrokes sent while the widget takes the focus can be lost (on a loaded machine the
 * palette once showed a filter without its first letters and never listed the command). An attempt whose widget
 * closes before the text is set, or whose entry does not show, is closed and made again, until the one deadline of
 * the step.
 */
async function pickInQuickInput(page: Page, key: string, text: string, entry: Locator): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    const left = () => Math.max(1_000, deadline - Date.now());
    try {
      // Each wait of an attempt is bounded by the attempt: the widget can close again right after it opens (a focus
      // change still landing from the step before took it away once, and `fill` then waited out the whole step).
      await input.waitFor({ state: 'visible', timeout: Math.min(ATTEMPT_TIMEOUT, left()) });
      await input.fill(text, { timeout: Math.min(ATTEMPT_TIMEOUT, left()) });
      await entry.waitFor({ timeout: Math.min(ATTEMPT_TIMEOUT, left()) });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      const shown = await input.inputValue().catch(() => '(unreadable)');
      if (Date.now() >= deadline) throw new Error(`after ${attempt} attempts the quick input holding "${shown}" never listed the entry for "${text}"`, { cause: error });
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: left() }).catch(() => undefined);
    }
  }
}

/** The active tab of any editor group with this label. */
export function activeTab(page: Page, label: string): Locator {
  return page.locator('.tabs-container .tab.active', { hasText: label });
}

/** The editor of the group whose active tab is `label`. */
export function editorShowing(page: Page, label: string): Locator {
  return page.locator('.editor-group-container', { has: activeTab(page, label) }).locator('.monaco-editor').first();
}

/** Hides the bottom panel (Problems, Output) if it shows, so that editors get the whole height. */
export async function hidePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  if (!(await panel.isVisible())) return;
  await page.keyboard.press('Control+J'); // View: Toggle Panel Visibility
  await panel.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Moves the cursor of the focused editor to the start of `line` (1-based) with Go to Line (Ctrl+G). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await pickInQuickInput(page, 'Control+G', `:${line}`, page.locator('.quick-input-widget', { hasText: `line ${line}` }));
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** A toast notification whose text contains `text`. */
export function notification(page: Page, text: string): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** The rendered text of an editor's visible lines, with Monaco's non-breaking spaces made plain. */
export async function visibleText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Polls `read` until `accept` holds; throws with the last value seen when the deadline passes. */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + UI_TIMEOUT;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last !== undefined && accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Hovers the first error squiggle of `editor` until a hover containing `text` shows. Code lenses arriving after
 * the diagnostics push the lines down under a resting mouse (the hover then shows another line's), so each try
 * measures the squiggle again, and the mouse leaves the editor in between so the next move starts a new hover.
 * Overlays take no pointer events, hence mouse moves and not Locator.hover().
 */
export async function hoverFirstError(page: Page, editor: Locator, text: string): Promise<void> {
  const squiggle = editor.locator('.squiggly-error').first();
  const hover = page.locator('.monaco-hover-content', { hasText: text }).first();
  await squiggle.waitFor({ timeout: UI_TIMEOUT });
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const box = await squiggle.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
      const shown = await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (shown) return;
    }
    if (Date.now() > deadline) throw new Error(`no hover with "${text}" on the first error squiggle`);
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
  }
}
