// The panel's page builds its DOM from host data with text and attributes only. A small document
// (the PageDocument interface render.ts uses) records what was created and serialises it the way a
// browser would, so a registry's `<img onerror>` or `<script>` must come out as text, never as an element.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CheckResult } from '../../src/core/checks/types';
import { parseFromPage } from '../../src/webview/diagnostics/messages';
import { areaSection, explanationSection, fleetTable, resultItem, type LiveCheck, type PageDocument, type PageElement } from '../../src/webview/diagnostics/render';
import type { ExplanationView } from '../../src/webview/diagnostics/messages';
import { contentSecurityPolicy, diagnosticsHtml, newNonce } from '../../src/extension/checks/html';

class FakeElement implements PageElement {
  className = '';
  readonly attributes = new Map<string, string>();
  children: Array<FakeElement | string> = [];
  readonly listeners = new Map<string, Array<() => void>>();
  constructor(readonly tag: string) {}
  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  set textContent(value: string | null) {
    this.children = value === null ? [] : [value];
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  append(...nodes: Array<PageElement | string>): void {
    this.children.push(...(nodes as Array<FakeElement | string>));
  }
  replaceChildren(...nodes: Array<PageElement | string>): void {
    this.children = [...(nodes as Array<FakeElement | string>)];
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** As the HTML serialiser writes it: text and attribute values escaped. */
  html(): string {
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const attrs = [...(this.className ? [['class', this.className]] : []), ...this.attributes].map(([k, v]) => ` ${k}="${esc(v!).replace(/"/g, '&quot;')}"`).join('');
    return `<${this.tag}${attrs}>${this.children.map((c) => (typeof c === 'string' ? esc(c) : c.html())).join('')}</${this.tag}>`;
  }
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => (typeof c === 'string' ? [] : c.all()))];
  }
  click(): void {
    for (const listener of this.listeners.get('click') ?? []) listener();
  }
}

const doc: PageDocument = { createElement: (tag) => new FakeElement(tag) };
const INJECTION = `denied: <img src=x onerror="alert(1)"> <script>parent.postMessage('pwned')</script>`;

function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'net.firewall',
    title: 'The firewall lets this client in',
    area: 'net',
    faq: ['F07'],
    azTitle: 'CONNECTIVITY_FORBIDDEN_ERROR',
    status: 'fail',
    summary: INJECTION,
    evidence: { body: INJECTION, status: 403 },
    fixes: [
      { kind: 'command', title: 'Add <b>this</b> IP', command: 'az acr network-rule add --name x --ip-address "<script>"' },
      { kind: 'file-edit', title: 'Open it', file: '/etc/sysconfig/docker', line: 3, ruleCode: 'ACR401' },
      { kind: 'link', title: 'Documentation', url: 'https://aka.ms/acr/errors' },
    ],
    durationMs: 12,
    ...overrides,
  };
}

describe('diagnostics page rendering', () => {
  test('a result whose summary, evidence and fixes hold HTML renders it as text: no img or script element exists', () => {
    const calls: string[] = [];
    const item = resultItem(doc, { id: 'net.firewall', title: 'The firewall lets this client in', area: 'net', azTitle: 'CONNECTIVITY_FORBIDDEN_ERROR' }, 'fail', result(), { rerun: (id) => calls.push(`rerun ${id}`), fix: (id, index, action) => calls.push(`fix ${id} ${index} ${action}`) }, false) as FakeElement;
    const tags = new Set(item.all().map((e) => e.tag));
    assert.ok(!tags.has('img') && !tags.has('script') && !tags.has('b'), `elements: ${[...tags].join(', ')}`);
    const html = item.html();
    assert.ok(!html.includes('<img') && !html.includes('<script'), html);
    assert.match(html, /denied: &lt;img src=x onerror="alert\(1\)"&gt; &lt;script&gt;/);
    assert.ok(item.all().some((e) => e.tag === 'details' && e.textContent.includes('onerror')), 'evidence is folded in <details>');
    assert.ok(item.textContent.includes('CONNECTIVITY_FORBIDDEN_ERROR'));

    // Buttons name the result and the fix's index, never the command text.
    const buttons = item.all().filter((e) => e.tag === 'vscode-button');
    assert.deepEqual(buttons.map((b) => b.textContent), ['Re-run', 'Run in terminal', 'Copy', 'Open with its quick fix', 'Open']);
    for (const b of buttons) b.click();
    assert.deepEqual(calls, ['rerun net.firewall', 'fix net.firewall 0 run', 'fix net.firewall 0 copy', 'fix net.firewall 1 open', 'fix net.firewall 2 link']);
  });

  test('a passing result shows no fix buttons but its documentation link; a pending one only its title', () => {
    const passed = resultItem(doc, { id: 'net.dns', title: 'DNS', area: 'net' }, 'pass', result({ id: 'net.dns', status: 'pass', summary: 'fine' }), { rerun() {}, fix() {} }, false) as FakeElement;
    assert.deepEqual(passed.all().filter((e) => e.tag === 'vscode-button').map((b) => b.textContent), ['Re-run', 'Open']);
    const pending = resultItem(doc, { id: 'net.tls', title: 'TLS', area: 'net' }, 'pending', undefined, { rerun() {}, fix() {} }, true) as FakeElement;
    assert.equal(pending.all().filter((e) => e.tag === 'vscode-button').length, 0);
    assert.match(pending.html(), /codicon-circle-large-outline/);
  });

  test('area sections and the fleet table keep registry names as text', () => {
    const section = areaSection(doc, 'net', [], 2) as FakeElement;
    assert.match(section.textContent, /Network 2/);
    const table = fleetTable(doc, ['registry'], [{ name: 'x', loginServer: '<svg onload=alert(1)>.azurecr.io', subscription: '<i>sub</i>', status: 'fail', worst: { registry: 'fail' }, problems: 'fails <script>x</script>' }], () => undefined) as FakeElement;
    const tags = new Set(table.all().map((e) => e.tag));
    assert.ok(!tags.has('svg') && !tags.has('i') && !tags.has('script'));
    assert.match(table.html(), /&lt;svg onload=alert\(1\)&gt;\.azurecr\.io/);
  });

  test('no page source uses innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const dir = join('src', 'webview', 'diagnostics');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, file);
    }
  });
});

/** An explained firewall 403 as the host sends it: the excerpt is what someone pasted, HTML and all. */
function explanation(overrides: Partial<ExplanationView> = {}): ExplanationView {
  return {
    title: "denied: client with IP '…' is not allowed access",
    line: 3,
    occurrences: 2,
    excerpt: `Error response from daemon: ${INJECTION} client with IP '203.0.113.7' is not allowed access`,
    names: `<b>r.azurecr.io</b> · client IP 203.0.113.7`,
    meaning: "The registry's firewall refused the request.",
    causes: [
      { summary: "The client IP named in the message is not in the registry's IP rules.", checks: ['net.firewall'], fix: 'az acr network-rule add --name r --ip-address 203.0.113.7' },
      { summary: 'The caller is ACR Tasks.', checks: ['tasks.network-bypass', 'net.dns'], fix: 'az acr update --name r --allow-trusted-services true' },
      { summary: 'Something no check decides.', checks: [], fix: 'Ask <i>them</i>.' },
    ],
    faq: ['F07'],
    ...overrides,
  };
}

describe('the explained error section', () => {
  const live: LiveCheck = (id) =>
    id === 'net.firewall' ? { state: 'fail', title: 'The firewall lets this client in', result: result() } : id === 'net.dns' ? { state: 'running', title: 'DNS resolves' } : { state: 'not-run' };

  test('message, line, meaning, causes in order with their deciding checks live, and each fix; all of it text', () => {
    const section = explanationSection(doc, explanation(), live) as FakeElement;
    assert.equal(section.tag, 'section');
    assert.equal(section.className, 'explanation');
    assert.equal(section.attributes.get('aria-label'), 'Explained error');
    const tags = new Set(section.all().map((e) => e.tag));
    assert.ok(!tags.has('img') && !tags.has('script') && !tags.has('b') && !tags.has('i'), `elements: ${[...tags].join(', ')}`);
    const html = section.html();
    assert.ok(!html.includes('<img') && !html.includes('<script') && !html.includes('<b>'), html);
    const byClass = (name: string) => section.all().filter((e) => e.className.split(' ').includes(name));
    assert.equal(byClass('explanation-line')[0]!.textContent, 'Line 3 (2 times) of the text you gave:');
    assert.match(byClass('explanation-excerpt')[0]!.html(), /^<pre class="explanation-excerpt">Error response from daemon: denied: &lt;img src=x onerror="alert\(1\)"&gt;/);
    assert.equal(byClass('explanation-names')[0]!.textContent, 'Names: <b>r.azurecr.io</b> · client IP 203.0.113.7');
    assert.equal(byClass('explanation-meaning')[0]!.textContent, "The registry's firewall refused the request.");
    assert.equal(byClass('explanation-verdict').length, 0, 'no verdict before the checks ran');
    assert.ok(section.textContent.includes('Likely causes, most likely first'));

    const causes = byClass('cause');
    assert.deepEqual(causes.map((c) => c.all().find((e) => e.className === 'cause-summary')!.textContent), [
      "The client IP named in the message is not in the registry's IP rules.",
      'The caller is ACR Tasks.',
      'Something no check decides.',
    ]);
    const deciding = (cause: FakeElement) =>
      cause.all().filter((e) => e.attributes.has('data-deciding-check')).map((e) => [e.attributes.get('data-deciding-check'), e.className, e.textContent, e.all().find((x) => x.className === 'deciding-summary')?.textContent]);
    assert.deepEqual(deciding(causes[0]!), [['net.firewall', 'deciding-check state-fail', `Failed: net.firewall The firewall lets this client in${INJECTION}`, INJECTION]]);
    assert.deepEqual(deciding(causes[1]!), [
      ['tasks.network-bypass', 'deciding-check state-not-run', 'Not run: tasks.network-bypassNot run', undefined],
      ['net.dns', 'deciding-check state-running', 'Running: net.dns DNS resolvesRunning', undefined],
    ]);
    assert.match(causes[0]!.html(), /codicon-error state-fail/, 'the failed check shows the failed icon');
    assert.equal(causes[2]!.all().find((e) => e.className === 'cause-undecidable')!.textContent, 'No check decides this one.');
    assert.deepEqual(causes.map((c) => c.all().find((e) => e.className === 'cause-fix')?.textContent), [
      'Next step: az acr network-rule add --name r --ip-address 203.0.113.7',
      'Next step: az acr update --name r --allow-trusted-services true',
      'Next step: Ask <i>them</i>.',
    ]);
    assert.equal(byClass('explanation-faq')[0]!.textContent, 'FAQ F07');
    assert.equal(section.all().filter((e) => e.tag === 'vscode-button').length, 0, 'the section asks nothing of the host');
  });

  test('once judged: the verdict, each cause marked, and no next step for a ruled-out cause', () => {
    const judged = explanation({
      verdict: `It is this cause: the IP is not allowed, because net.firewall failed: ${INJECTION}`,
      causes: [
        { summary: 'Not in the IP rules.', checks: ['net.firewall'], fix: 'add the IP', verdict: 'confirmed' },
        { summary: 'Unknown.', checks: [], fix: 'look', verdict: 'undecided' },
        { summary: 'DNS.', checks: ['net.dns'], fix: 'fix DNS', verdict: 'ruled-out' },
      ],
    });
    const section = explanationSection(doc, judged, live) as FakeElement;
    const verdict = section.all().find((e) => e.className === 'explanation-verdict')!;
    assert.equal(verdict.textContent, `Verdict: It is this cause: the IP is not allowed, because net.firewall failed: ${INJECTION}`);
    assert.ok(!section.all().some((e) => e.tag === 'img' || e.tag === 'script'));
    assert.ok(section.textContent.includes('Causes, as the checks decided'));
    const causes = section.all().filter((e) => e.tag === 'li' && e.className.startsWith('cause'));
    assert.deepEqual(causes.map((c) => c.className), ['cause verdict-confirmed', 'cause verdict-undecided', 'cause verdict-ruled-out']);
    assert.deepEqual(causes.map((c) => c.all().find((e) => e.className === 'cause-verdict')!.textContent), ['It is this', 'Undecided', 'Ruled out']);
    assert.deepEqual(causes.map((c) => c.all().some((e) => e.className === 'cause-fix')), [true, true, false]);
  });

  test('a message that names no registry says why nothing was checked', () => {
    const section = explanationSection(doc, explanation({ notChecked: 'the message names no registry' }), () => ({ state: 'not-run' })) as FakeElement;
    assert.equal(section.all().find((e) => e.className === 'explanation-not-checked')!.textContent, 'Not checked: the message names no registry');
  });
});

describe('messages from the page', () => {
  test('well-formed messages pass; anything else is dropped', () => {
    assert.deepEqual(parseFromPage({ type: 'fix', id: 'net.firewall', index: 0, action: 'run' }), { type: 'fix', id: 'net.firewall', index: 0, action: 'run' });
    assert.deepEqual(parseFromPage({ type: 'rerun', id: 'registry.login-server', extra: 1 }), { type: 'rerun', id: 'registry.login-server' });
    assert.deepEqual(parseFromPage({ type: 'ready' }), { type: 'ready' });
    for (const bad of [null, 'ready', { type: 'fix', id: 'net.firewall', index: -1, action: 'run' }, { type: 'fix', id: 'net.firewall', index: 0, action: 'exec' }, { type: 'fix', id: 'rm -rf /', index: 0, action: 'run' }, { type: 'run', command: 'curl evil' }, { type: 'rerun', id: 42 }, { type: 'open-registry', loginServer: '' }]) {
      assert.equal(parseFromPage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('the panel shell', () => {
  test('strict CSP: nothing by default, scripts only with the nonce, styles and fonts only from the extension', () => {
    const nonce = newNonce();
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    assert.notEqual(newNonce(), nonce);
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce);
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[^']+'; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net; font-src https:\/\/file\+\.vscode-resource/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
    const html = diagnosticsHtml({ cspSource: 'vscode-src', scriptUri: 'vscode-src/media/diagnostics.js', styleUri: 'vscode-src/media/diagnostics.css', codiconUri: 'vscode-src/media/codicon.css', title: 'Diagnostics: <x>', nonce });
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/]/g, '\\$&')}" src="vscode-src/media/diagnostics.js"></script>`));
    assert.match(html, /<title>Diagnostics: &lt;x&gt;<\/title>/);
    assert.doesNotMatch(html, /style=|<style/);
  });
});
