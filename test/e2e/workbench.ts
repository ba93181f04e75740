// Drives the real VS Code workbench (code-server) in Chromium the way a user does: keyboard,
// command palette, Problems panel, lightbulb menu. Scenarios use only these helpers, so when the
// workbench's DOM changes with a VS Code update, this is the one file to adjust.
//
// Every wait is bounded (DEFAULT_TIMEOUT_MS); a failing step throws an error that names the step,
// the screenshot taken at the failure and the extension host log.
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EXTENSION_ID, readExtensionHostLog, REPO_ROOT, runTag, startHost, type RunningHost } from './host';

export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
export const CHROMIUM_PATH = process.env.ACR_DOCTOR_CHROMIUM ?? '/usr/bin/chromium';
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Chromium as the user. The resolver rule makes every host name but loopback unresolvable, so
 *  nothing the workbench tries can leave the machine (attempts are recorded, see offLoopback). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export interface ProblemRow {
  severity: 'error' | 'warning' | 'info' | 'unknown';
  /** Rule code as the Problems panel shows it (e.g. "ACR101"). */
  code: string;
  /** Where the code links to (the diagnostic's code target), if it is a link. */
  codeTarget?: string;
  message: string;
  /** File name and position column, e.g. "Dockerfile [Ln 3, Col 25]". */
  file: string;
  source: string;
}

export interface LaunchOptions {
  /** Used in screenshot names. */
  scenario: string;
  /** Folder copied to a temp workspace (the original is never modified). */
  copyOf?: string;
  settings?: Record<string, unknown>;
  /** Passed to startHost (host.ts): environment, built-ins left out, test-only extensions. */
  env?: Record<string, string>;
  omitBuiltinExtensions?: string[];
  testExtensions?: string[];
  loopbackGuardLog?: string;
}

export class StepError extends Error {}

export class Workbench {
  private step_ = 'launch';
  private lastScreenshot_: string | undefined;
  private shotCounter = 0;
  /** Requests the page made to anything but 127.0.0.1 (there should be none). */
  readonly offLoopback: string[] = [];
  /** Console errors of the workbench page, for diagnosis and assertions. */
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly browser: BrowserContext,
    readonly host: RunningHost,
    /** Absolute path of the temp workspace folder. */
    readonly workspace: string,
    private readonly scenario: string,
    private readonly tempDirs: string[],
    private readonly loopbackGuardLog: string,
  ) {}

  /** What the loopback guard saw in the host's Node processes: how many loaded it, and what it refused ("host[:port] via ..."). */
  loopbackGuard(): { loaded: number; refused: string[] } {
    if (!existsSync(this.loopbackGuardLog)) return { loaded: 0, refused: [] };
    const entries = readFileSync(this.loopbackGuardLog, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { loaded?: number; refused?: string; via?: string; pid?: number });
    return { loaded: entries.filter((e) => e.loaded !== undefined).length, refused: entries.filter((e) => e.refused !== undefined).map((e) => `${e.refused} via ${e.via} (pid ${e.pid})`) };
  }

  /** Starts code-server with the packaged extension, opens the workspace in Chromium and waits
   *  until the workbench is up and the extension host has started ours. */
  static async launch(options: LaunchOptions): Promise<Workbench> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const workspace = mkdtempSync(join(tmpdir(), `acr-doctor-ws-${runTag()}${options.scenario}-`));
    if (options.copyOf) cpSync(options.copyOf, workspace, { recursive: true });
    const browserProfile = mkdtempSync(join(tmpdir(), `acr-doctor-chromium-${runTag()}`));
    // Every scenario's host runs under the loopback guard: nothing in code-server or the extension host may leave the machine.
    const guardDir = options.loopbackGuardLog ? undefined : mkdtempSync(join(tmpdir(), `acr-doctor-guard-${runTag()}`));
    const loopbackGuardLog = options.loopbackGuardLog ?? join(guardDir as string, 'loopback-guard.jsonl');
    const host = await startHost({ workspace, settings: options.settings, env: options.env, omitBuiltinExtensions: options.omitBuiltinExtensions, testExtensions: options.testExtensions, loopbackGuardLog });
    let browser: BrowserContext | undefined;
    try {
      browser = await chromium.launchPersistentContext(browserProfile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1400, height: 1000 },
        timeout: 60_000,
      });
      browser.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
      const page = browser.pages()[0] ?? (await browser.newPage());
      const workbench = new Workbench(page, browser, host, workspace, options.scenario, [workspace, browserProfile, ...(guardDir ? [guardDir] : [])], loopbackGuardLog);
      browser.on('request', (request) => {
        const url = new URL(request.url());
        if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1') workbench.offLoopback.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') workbench.consoleErrors.push(message.text());
      });
      await workbench.step('open the workbench', async () => {
        await page.goto(host.workspaceUrl, { timeout: 60_000 });
        await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
        await workbench.waitForExtensionActivation();
      });
      return workbench;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await host.stop();
      for (const dir of [workspace, browserProfile, ...(guardDir ? [guardDir] : [])]) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get lastScreenshot(): string | undefined {
    return this.lastScreenshot_;
  }

  /** Runs one named step; on failure takes a screenshot and throws an error naming the step,
   *  the screenshot and the extension host log. */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.step_ = name;
    try {
      return await action();
    } catch (error) {
      if (error instanceof StepError) throw error;
      let shot = this.lastScreenshot_;
      try {
        shot = await this.screenshot(`FAILED-${name}`);
      } catch {
        // The page may be gone; report the previous screenshot instead.
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new StepError(
        `e2e step failed: [${this.scenario}] ${name}\n${message}\nlast screenshot: ${shot ? relative(REPO_ROOT, shot) : '(none)'}\n` +
          `extension host log (${this.host.userDataDir}/logs):\n${tail(this.extensionHostLog(), 60)}`,
        { cause: error },
      );
    }
  }

  get currentStep(): string {
    return this.step_;
  }

  extensionHostLog(): string {
    return readExtensionHostLog(this.host.userDataDir);
  }

  /** The extension host writes "_doActivateExtension <id>" when it starts activating ours and an
   *  "[error] Activating extension <id> failed" line if activate() throws. */
  async waitForExtensionActivation(timeoutMs = 60_000): Promise<void> {
    await poll(`extension host to activate ${EXTENSION_ID}`, timeoutMs, () => this.extensionHostLog().includes(`_doActivateExtension ${EXTENSION_ID}`));
    // activate() is synchronous for us but may take a moment to finish after the log line.
    await this.page.waitForTimeout(500);
  }

  async screenshot(name: string): Promise<string> {
    const file = join(RESULTS_DIR, `${this.scenario}-${String(++this.shotCounter).padStart(2, '0')}-${safeFileName(name)}.png`);
    await this.page.screenshot({ path: file, timeout: 10_000 });
    this.lastScreenshot_ = file;
    return file;
  }

  // ---- quick input ---------------------------------------------------------------------------

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async openQuickInput(key: string, prefix: string): Promise<void> {
    await this.dismissOverlays();
    await this.page.keyboard.press(key);
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(prefix);
  }

  /** Rows of the open quick pick (label text), for assertions on what the palette offers. */
  async quickPickLabels(): Promise<string[]> {
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    return (await rows.locator('.label-name').allInnerTexts()).map(normalizeSpaces);
  }

  /** Types into the command palette (F1) and returns the commands it lists. */
  async searchCommands(text: string): Promise<string[]> {
    await this.openQuickInput('F1', `>${text}`);
    // The list filters asynchronously; wait until the best match (first row) contains the query's
    // first word (other rows may be fuzzy matches from other extensions).
    const first = text.split(/\s+/)[0]!.toLowerCase();
    await poll(`command palette to filter for "${text}"`, DEFAULT_TIMEOUT_MS, async () => {
      const labels = await this.quickInput().locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
      return labels.length > 0 && normalizeSpaces(labels[0]!).toLowerCase().includes(first);
    });
    return this.quickPickLabels();
  }

  /** Runs a command by its palette title ("ACR Doctor: Show Log"), exactly as a user would via F1. */
  async runCommand(title: string): Promise<void> {
    await this.openQuickInput('F1', `>${title}`);
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactText(title) }) });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    await this.openQuickInput('Control+P', relativePath);
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactText(name) }) });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    await this.quickInput().waitFor({ state: 'hidden' });
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ state: 'visible' });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Opens a view by its id (from our package.json `contributes.views`) or its visible name,
   *  through "View: Open View". */
  async openView(idOrName: string): Promise<void> {
    const name = viewName(idOrName);
    await this.openQuickInput('F1', `view ${name}`);
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactText(name) }) });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    await this.quickInput().waitFor({ state: 'hidden' });
    await this.page.locator('.pane-header, .composite.title').filter({ hasText: new RegExp(escapeRegExp(name), 'i') }).first().waitFor({ state: 'visible' });
  }

  /** Expands tree items one level after another, e.g. expandTreeItem('infra', 'modules'), in the
   *  visible trees (Explorer, our views). Returns the last item. */
  async expandTreeItem(...labels: string[]): Promise<Locator> {
    let item: Locator | undefined;
    for (const label of labels) {
      item = this.page
        .locator('.monaco-list-row[role="treeitem"]')
        .filter({ has: this.page.locator('.label-name, .monaco-highlighted-label', { hasText: exactText(label) }) })
        .first();
      await item.waitFor({ state: 'visible' });
      if ((await item.getAttribute('aria-expanded')) === 'false') {
        await item.click();
        await poll(`tree item "${label}" to expand`, DEFAULT_TIMEOUT_MS, async () => (await item!.getAttribute('aria-expanded')) === 'true');
      }
    }
    if (!item) throw new Error('expandTreeItem needs at least one label');
    return item;
  }

  /** A visible tree item (Explorer, our views) by its exact label. */
  treeItem(label: string): Locator {
    return this.page
      .locator('.monaco-list-row[role="treeitem"]')
      .filter({ has: this.page.locator('.label-name, .monaco-highlighted-label', { hasText: exactText(label) }) })
      .first();
  }

  /** Scrolls the tree down, then up, until the item labelled `label` is rendered (trees render
   *  only the rows that fit), at most `maxScrolls` wheel turns each way. */
  async scrollToTreeItem(label: string, maxScrolls = 40): Promise<Locator> {
    const item = this.treeItem(label);
    for (let i = 0; i < 2 * maxScrolls && !(await item.isVisible().catch(() => false)); i++) {
      const list = this.page.locator('.pane-body .monaco-list[role="tree"]').first();
      const box = await list.boundingBox();
      if (box) await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await this.page.mouse.wheel(0, i < maxScrolls ? 400 : -400);
      await this.page.waitForTimeout(150);
    }
    await item.waitFor({ state: 'visible' });
    return item;
  }

  /** The rendered rows below the item labelled `parentLabel`, in order, up to the next row at its
   *  level or above: each with its data-index, depth below the parent (1 = a child) and label. */
  private async rowsUnder(parentLabel: string): Promise<{ list: Locator; rows: Array<{ index: number; depth: number; label: string; description: string }> }> {
    const parent = await this.scrollToTreeItem(parentLabel);
    const parentIndex = Number(await parent.getAttribute('data-index'));
    const parentLevel = Number(await parent.getAttribute('aria-level'));
    const list = this.page.locator('.monaco-list[role="tree"]').filter({ has: parent }).first();
    // One synchronous read of the rows (no named functions inside: see problems()).
    const all = await list.evaluate((element) =>
      [...element.querySelectorAll('.monaco-list-row[role="treeitem"]')].map((row) => ({
        index: Number(row.getAttribute('data-index')),
        level: Number(row.getAttribute('aria-level')),
        label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
        description: (row.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
      })),
    );
    all.sort((a, b) => a.index - b.index);
    const rows: Array<{ index: number; depth: number; label: string; description: string }> = [];
    for (const row of all.filter((r) => r.index > parentIndex)) {
      if (row.level <= parentLevel) break;
      rows.push({ index: row.index, depth: row.level - parentLevel, label: row.label, description: row.description });
    }
    return { list, rows };
  }

  /** The rendered tree item labelled `label` among the descendants of the one labelled `parentLabel`
   *  (for labels that repeat: every registry has "Repositories"). */
  async treeItemUnder(parentLabel: string, label: string): Promise<Locator> {
    let found: number | undefined;
    let list: Locator | undefined;
    await poll(`"${label}" under "${parentLabel}"`, DEFAULT_TIMEOUT_MS, async () => {
      const under = await this.rowsUnder(parentLabel);
      list = under.list;
      found = under.rows.find((row) => row.label === label)?.index;
      return found !== undefined;
    });
    return list!.locator(`.monaco-list-row[role="treeitem"][data-index="${found}"]`);
  }

  /** The direct children of an expanded tree item as rendered (label and description, in order),
   *  once there is at least one; rows below the view's fold are not rendered. */
  async treeChildren(parentLabel: string): Promise<Array<{ label: string; description: string }>> {
    let children: Array<{ label: string; description: string }> = [];
    await poll(`the children of "${parentLabel}"`, DEFAULT_TIMEOUT_MS, async () => {
      children = (await this.rowsUnder(parentLabel)).rows.filter((row) => row.depth === 1).map(({ label, description }) => ({ label, description }));
      return children.length > 0;
    });
    return children;
  }

  /** Collapses an expanded tree item (its twistie, as a user clicks it). */
  async collapseTreeItem(item: Locator): Promise<void> {
    if ((await item.getAttribute('aria-expanded')) !== 'true') return;
    await item.locator('.monaco-tl-twistie').click();
    await poll('the tree item to collapse', DEFAULT_TIMEOUT_MS, async () => (await item.getAttribute('aria-expanded')) === 'false');
  }

  /** Collapses a side bar view's section (e.g. "Get Started") by its header, to give the others room. */
  async collapseViewSection(title: string): Promise<void> {
    const header = this.page.locator('.part.sidebar .pane-header').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(title)}`, 'i') }).first();
    await header.waitFor({ state: 'visible' });
    if ((await header.getAttribute('aria-expanded')) === 'true') {
      await header.click();
      await poll(`the "${title}" section to collapse`, DEFAULT_TIMEOUT_MS, async () => (await header.getAttribute('aria-expanded')) === 'false');
    }
  }

  /** Expands the item labelled `label` under `parentLabel` (see treeItemUnder) and returns it. */
  async expandTreeItemUnder(parentLabel: string, label: string): Promise<Locator> {
    const item = await this.treeItemUnder(parentLabel, label);
    if ((await item.getAttribute('aria-expanded')) === 'false') {
      await item.click();
      await poll(`tree item "${label}" under "${parentLabel}" to expand`, DEFAULT_TIMEOUT_MS, async () => (await item.getAttribute('aria-expanded')) === 'true');
    }
    return item;
  }

  /** The description VS Code shows beside a visible tree item's label (e.g. "Premium · westeurope"). */
  async treeItemDescription(label: string): Promise<string> {
    const item = await this.scrollToTreeItem(label);
    return normalizeSpaces((await item.locator('.label-description').first().textContent().catch(() => '')) ?? '');
  }

  /** Hovers a tree item as a user does and returns the text of its tooltip once it contains
   *  `expected` (tooltips resolved on hover, e.g. by resolveTreeItem, arrive a moment later). */
  async hoverTreeItem(label: string, expected: RegExp): Promise<string> {
    await this.dismissOverlays();
    const item = await this.scrollToTreeItem(label);
    const hover = this.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /\S/ });
    let text = '';
    await poll(`the tooltip of "${label}" to show ${expected}`, DEFAULT_TIMEOUT_MS, async () => {
      if (!(await hover.first().isVisible().catch(() => false))) {
        // Move off and back on: the hover opens after the pointer rests on the row.
        await this.page.mouse.move(0, 0);
        await item.hover();
        await this.page.waitForTimeout(800);
      }
      text = normalizeSpaces((await hover.allInnerTexts().catch(() => [])).join('\n'));
      return expected.test(text);
    }, () => `the tooltip shows: ${text || '(nothing)'}`);
    return text;
  }

  /** Moves the pointer away so an open hover closes. */
  async dismissHover(): Promise<void> {
    await this.page.mouse.move(0, 0);
    await this.page.keyboard.press('Escape');
  }

  /** Right-clicks a tree item and chooses `entry` from its context menu. */
  async treeContextMenu(label: string, entry: string): Promise<void> {
    await this.dismissOverlays();
    const item = await this.scrollToTreeItem(label);
    await item.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const action = menu.locator('.action-item .action-label', { hasText: exactText(entry) }).first();
    await action.waitFor({ state: 'visible' });
    await action.click();
    await menu.waitFor({ state: 'hidden' });
  }

  /** Waits for a modal dialog whose message matches `message`, returns its text, and presses `button`. */
  async answerDialog(message: RegExp, button: string): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    let text = '';
    await poll(`a dialog saying ${message}`, DEFAULT_TIMEOUT_MS, async () => {
      text = normalizeSpaces(await dialog.innerText().catch(() => ''));
      return message.test(text);
    });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: exactText(button) }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    return text;
  }

  /** Waits for a notification toast matching `message` and returns its text. */
  async waitForNotification(message: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    let text = '';
    await poll(`a notification matching ${message}`, timeoutMs, async () => {
      const toasts = await this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item').allInnerTexts();
      text = toasts.map(normalizeSpaces).find((t) => message.test(t)) ?? '';
      return text !== '';
    }, () => 'no such notification');
    return text;
  }

  /** Text of the visible webview (markdown preview, our panels): code-server nests the content
   *  in two iframes. */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async readWebviewText(): Promise<string> {
    const frame = this.webviewFrame();
    const body = frame.locator('body');
    await body.waitFor({ state: 'attached' });
    let text = '';
    await poll('webview to show text', DEFAULT_TIMEOUT_MS, async () => {
      text = normalizeSpaces(await body.innerText());
      return text.length > 0;
    });
    return text;
  }

  // ---- activity bar, welcome views, walkthroughs ----------------------------------------------

  /** The activity bar entry titled `title`: whether it is visible, the icon it masks with (the
   *  URL in its CSS mask, so a test can tell our SVG from the default icon) and the colour the
   *  icon is painted in. */
  async activityBarEntry(title: string): Promise<{ visible: boolean; iconUrl: string; color: string }> {
    const entry = this.page.locator('.part.activitybar .action-item').filter({ has: this.page.locator(`.action-label[aria-label^="${title}"]`) }).first();
    const fallback = this.page.locator(`.part.activitybar .action-item[aria-label^="${title}"]`).first();
    const item = (await entry.count()) > 0 ? entry : fallback;
    await item.waitFor({ state: 'visible' });
    const { iconUrl, color } = await item.locator('.action-label').first().evaluate((label) => {
      const style = getComputedStyle(label);
      const mask = style.getPropertyValue('-webkit-mask-image') || style.getPropertyValue('mask-image');
      // An extension's icon is a mask painted with background-color; a built-in one a codicon glyph in color.
      return { iconUrl: mask, color: mask && mask !== 'none' ? style.backgroundColor : style.color };
    });
    return { visible: await item.isVisible(), iconUrl, color };
  }

  /** Opens the side bar container with that activity bar title (a click, as a user would). */
  async clickActivityBarEntry(title: string): Promise<void> {
    await this.dismissOverlays();
    await this.page.locator(`.part.activitybar .action-label[aria-label^="${title}"]`).first().click();
    await this.page.locator('.part.sidebar .composite.title').filter({ hasText: new RegExp(escapeRegExp(title), 'i') }).first().waitFor({ state: 'visible' });
  }

  /** Text of the welcome content in the visible side bar view. */
  /** The text of every welcome view the side bar shows (one container can hold several views), in order. */
  async welcomeViewText(): Promise<string> {
    const contents = this.page.locator('.part.sidebar .welcome-view-content');
    await contents.first().waitFor({ state: 'visible' });
    return (await contents.allInnerTexts()).map(normalizeSpaces).join('\n\n');
  }

  /** Clicks a button of the side bar's welcome content by its label. */
  async clickWelcomeButton(label: string): Promise<void> {
    await this.page.locator('.part.sidebar .welcome-view-content .monaco-button').filter({ hasText: exactText(label) }).first().click();
  }

  /** The open walkthrough's title and steps, read in one go from its page (the editor
   *  "Welcome"): each step's id (the part after the last '#'), title and whether it is done. */
  async walkthroughSteps(): Promise<{ title: string; steps: Array<{ id: string; title: string; done: boolean }> }> {
    const container = this.page.locator('.gettingStartedContainer .gettingStartedSlideDetails');
    await container.locator('button.getting-started-step').first().waitFor({ state: 'visible' });
    return container.evaluate((element) => ({
      title: (element.querySelector('.category-title')?.textContent ?? '').trim(),
      steps: [...element.querySelectorAll('button.getting-started-step')].map((step) => ({
        id: (step.getAttribute('data-step-id') ?? '').split('#').pop() ?? '',
        title: (step.querySelector('.step-title')?.textContent ?? '').trim(),
        done: step.getAttribute('aria-checked') === 'true',
      })),
    }));
  }

  /** Expands a walkthrough step by its id (the part of data-step-id after the last '#'). */
  async clickWalkthroughStep(stepId: string): Promise<Locator> {
    const step = this.page.locator(`.gettingStartedContainer button.getting-started-step:is([data-step-id="${stepId}"], [data-step-id$="#${stepId}"])`).first();
    if ((await step.getAttribute('aria-expanded')) !== 'true') {
      await step.click();
      await poll(`walkthrough step ${stepId} to expand`, DEFAULT_TIMEOUT_MS, async () => (await step.getAttribute('aria-expanded')) === 'true');
    }
    return step;
  }

  /** Expands a walkthrough step and clicks one of its buttons (by label). */
  async clickWalkthroughButton(stepId: string, label: string): Promise<void> {
    const step = await this.clickWalkthroughStep(stepId);
    await step.locator('.button-link, .monaco-button, a').filter({ hasText: exactText(label) }).first().click();
  }

  /** Brings the walkthrough's editor tab ("Welcome") to the front. */
  async showWalkthroughTab(): Promise<void> {
    await this.dismissOverlays();
    await this.page.locator('.tabs-container .tab').filter({ hasText: /Welcome|Walkthrough/ }).first().click();
    await this.page.locator('.gettingStartedContainer').first().waitFor({ state: 'visible' });
  }

  /** Polls until the walkthrough step `stepId` shows as done (or not). */
  async waitForWalkthroughStep(stepId: string, done: boolean): Promise<void> {
    let last = '';
    await poll(
      `walkthrough step ${stepId} to be ${done ? 'done' : 'not done'}`,
      DEFAULT_TIMEOUT_MS,
      async () => {
        const { steps } = await this.walkthroughSteps();
        last = JSON.stringify(steps);
        return steps.some((step) => step.id === stepId && step.done === done);
      },
      () => `steps: ${last}`,
    );
  }

  // ---- problems and quick fixes ---------------------------------------------------------------

  /** Shows the Problems panel (table view, set in the host settings) and returns its rows. */
  async problems(): Promise<ProblemRow[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.dismissOverlays();
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible' });
    }
    // One synchronous read of the DOM: rows are recycled and re-rendered as diagnostics change,
    // so reading them with several round trips could mix two states. (No named functions inside:
    // tsx's keepNames would inject a helper the page does not have.)
    const raw = await panel.evaluate((element) =>
      [...element.querySelectorAll('.monaco-table .monaco-list-row')].map((row) => {
        const link = row.querySelector<HTMLElement>('.code .monaco-link');
        return {
          icon: row.querySelector('.marker-icon')?.className ?? '',
          // "<source> (<code>)"
          codeTitle: row.querySelector('.code')?.getAttribute('title') ?? '',
          // The link is shown when the diagnostic's code has a target.
          codeTarget: link !== null && link.offsetParent !== null ? link.getAttribute('href') : null,
          message: row.querySelector('.message')?.textContent ?? '',
          file: `${row.querySelector('.file .file-label')?.textContent ?? ''} ${row.querySelector('.file .file-position')?.textContent ?? ''}`,
          source: row.querySelector('.source')?.textContent ?? '',
        };
      }),
    );
    return raw.map((row) => ({
      severity: /\berror\b/.test(row.icon) ? 'error' : /\bwarning\b/.test(row.icon) ? 'warning' : /\binfo\b/.test(row.icon) ? 'info' : 'unknown',
      code: /\(([^()]*)\)$/.exec(row.codeTitle)?.[1] ?? '',
      codeTarget: row.codeTarget ?? undefined,
      message: normalizeSpaces(row.message),
      file: normalizeSpaces(row.file),
      source: normalizeSpaces(row.source),
    }));
  }

  /** Polls the Problems panel until `predicate` holds (diagnostics are debounced and async). */
  async waitForProblems(description: string, predicate: (rows: ProblemRow[]) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ProblemRow[]> {
    let rows: ProblemRow[] = [];
    await poll(`Problems panel: ${description}`, timeoutMs, async () => predicate((rows = await this.problems())), () => `last rows:\n${rows.map((r) => `  ${r.severity} ${r.code} ${r.file} ${r.message.slice(0, 80)}`).join('\n')}`);
    return rows;
  }

  /** Puts the cursor on the problem with `code` (opened from the Problems panel, then Go to Line
   *  to its exact position), opens the quick fix menu (Ctrl+.) and returns its entries in order. */
  async quickFixesFor(code: string, fileName?: string): Promise<string[]> {
    const rows = await this.problems();
    const problem = rows.find((row) => row.code === code && (!fileName || row.file.startsWith(`${fileName} `)));
    if (!problem) throw new Error(`no ${code}${fileName ? ` in ${fileName}` : ''} in the Problems panel`);
    const position = /\[Ln (\d+), Col (\d+)\]/.exec(problem.file);
    if (!position) throw new Error(`cannot read the position of ${code} from "${problem.file}"`);
    const row = this.page
      .locator('.markers-panel .monaco-table .monaco-list-row')
      .filter({ has: this.page.locator(`.code[title$="(${code})"]`) })
      .filter({ hasText: problem.file.split(' [')[0] })
      .first();
    await row.click();
    const baseName = problem.file.split(' [')[0]!.split('/').pop()!;
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: baseName }).waitFor({ state: 'visible' });
    await this.goToLine(Number(position[1]), Number(position[2]));
    const menu = this.page.locator('.action-widget');
    // The menu needs the code actions from the extension host; ask again if the first request
    // raced the cursor move ("No code actions available").
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.focusActiveEditor();
      }
    }
    const items = menu.locator('.monaco-list-row.action');
    await items.first().waitFor({ state: 'visible' });
    const titles: string[] = [];
    for (const item of await items.all()) titles.push(normalizeSpaces((await item.getAttribute('aria-label')) ?? (await item.innerText())));
    return titles;
  }

  /** Applies the quick fix titled `title` for the problem with `code`. */
  async applyQuickFix(title: string, options: { code: string; fileName?: string }): Promise<void> {
    const offered = await this.quickFixesFor(options.code, options.fileName);
    const index = offered.indexOf(title);
    if (index < 0) {
      await this.page.keyboard.press('Escape');
      throw new Error(`no quick fix titled "${title}" for ${options.code}; the menu offers: ${JSON.stringify(offered)}`);
    }
    // Keyboard, as a user would: a pointer block over the menu swallows clicks while it animates.
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    for (let presses = 0; presses <= offered.length; presses++) {
      if ((await focused.getAttribute('aria-label').catch(() => null)) === title) break;
      await this.page.keyboard.press('ArrowDown');
    }
    if ((await focused.getAttribute('aria-label')) !== title) throw new Error(`could not move the quick fix menu's focus to "${title}"`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
  }

  /** Saves the active editor (Ctrl+S) once it has unsaved changes (a quick fix's edit arrives
   *  from the extension host a moment after the menu closes) and waits until it is saved. */
  async saveActiveEditor(): Promise<void> {
    const dirtyTab = this.page.locator('.tabs-container .tab.active.dirty');
    try {
      await dirtyTab.waitFor({ state: 'visible' });
    } catch {
      throw new Error('the active editor has no unsaved changes: the edit expected before saving never happened');
    }
    await this.focusActiveEditor();
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Focuses the active editor with "Focus First Editor Group" (Ctrl+1), keeping its cursor;
   *  a click could land on a hover or move the cursor. */
  async focusActiveEditor(): Promise<void> {
    await this.dismissOverlays();
    await this.page.keyboard.press('Control+1');
    await this.page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ state: 'visible' });
  }

  /** Opens a new untitled editor in a language, picked by its name with Change Language Mode (Ctrl+K M). */
  async newUntitledFile(languageName: string): Promise<void> {
    await this.runCommand('File: New Untitled Text File');
    await this.focusActiveEditor();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('M');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(languageName);
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactText(languageName) }) });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
    await this.quickInput().waitFor({ state: 'hidden' });
    await this.focusActiveEditor();
  }

  /** Reads a workspace file from disk (after saveActiveEditor, the editor's text). */
  readWorkspaceFile(relativePath: string): string {
    return readFileSync(join(this.workspace, relativePath), 'utf8');
  }

  /** Moves the cursor with Go to Line (Ctrl+G), 1-based like the status bar. */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.focusActiveEditor();
    await this.openQuickInput('Control+G', `:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  /** Closes menus, quick picks and peek widgets that would swallow the next key press. */
  async dismissOverlays(): Promise<void> {
    for (const selector of ['.quick-input-widget', '.action-widget', '.context-view .monaco-menu']) {
      if (await this.page.locator(selector).isVisible().catch(() => false)) {
        await this.page.keyboard.press('Escape');
        await this.page.locator(selector).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      }
    }
  }

  /** Stops everything; fails the scenario when anything in the host tried to reach a host off loopback. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.host.stop();
    const guard = this.loopbackGuard();
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    if (guard.loaded === 0) throw new Error(`the loopback guard never loaded in the ${this.scenario} host (NODE_OPTIONS --require did not reach it)`);
    if (guard.refused.length) throw new Error(`the ${this.scenario} host tried to leave loopback (refused by test/e2e/loopbackGuard.cjs): ${guard.refused.join('; ')}`);
  }
}

/** Calls `check` until it returns true, at most `timeoutMs`; the error says what was awaited. */
export async function poll(description: string, timeoutMs: number, check: () => boolean | Promise<boolean>, detail?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}${detail ? `\n${detail()}` : ''}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

function viewName(idOrName: string): string {
  const manifestPath = join(REPO_ROOT, 'package.json');
  const nlsPath = join(REPO_ROOT, 'package.nls.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { contributes?: { views?: Record<string, Array<{ id: string; name: string }>> } };
  const nls = existsSync(nlsPath) ? (JSON.parse(readFileSync(nlsPath, 'utf8')) as Record<string, string>) : {};
  for (const views of Object.values(manifest.contributes?.views ?? {})) {
    const view = views.find((v) => v.id === idOrName);
    if (view) return view.name.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? key);
  }
  return idOrName;
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** VS Code renders spaces in labels and editor lines as non-breaking spaces. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\u00a0/g, ' ').trim();
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}
