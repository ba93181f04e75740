import * as vscode from 'vscode';
import { detectFileKindForEditor, dockerfileForDockerignore } from '../../core/lint/fileKind';
import type { RuleFailure } from '../../core/lint/finding';
import { FILE_KINDS, type Companions, type FileKind, type Finding } from '../../core/lint/types';
import type { Logger } from '../../core/log';
import type { Config } from '../config';
import { toDiagnostic } from './convert';
import { lintEngine } from './loadLintEngine';

/** Files larger than this are not linted in the editor (typing must never stall). */
const MAX_LINT_CHARS = 4 * 1024 * 1024;

interface LintedDocument {
  version: number;
  kind: FileKind;
  entries: Array<{ diagnostic: vscode.Diagnostic; finding: Finding }>;
}

/**
 * Keeps one DiagnosticCollection per file kind in step with open documents:
 * on open and save at once, on change after a debounce, and on settings change.
 */
export class LintController implements vscode.Disposable {
  private readonly collections = new Map<FileKind, vscode.DiagnosticCollection>();
  private readonly linted = new Map<string, LintedDocument>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly config: Config,
    private readonly docsTarget: (code: string) => vscode.Uri,
    private readonly log: Logger,
  ) {
    for (const kind of FILE_KINDS) {
      const collection = vscode.languages.createDiagnosticCollection(`acr-doctor.${kind}`);
      this.collections.set(kind, collection);
      this.disposables.push(collection);
    }
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, this.config.debounceMs);
        this.relintDependents(event.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      config.onDidChangeLint(() => this.relintAll()),
    );
    this.relintAll();
  }

  /** Findings with their diagnostics, for the code action provider. */
  findingsFor(uri: vscode.Uri): ReadonlyArray<{ diagnostic: vscode.Diagnostic; finding: Finding }> {
    return this.linted.get(uri.toString())?.entries ?? [];
  }

  kindOf(uri: vscode.Uri): FileKind | undefined {
    return this.linted.get(uri.toString())?.kind;
  }

  relintAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    // Even "now" goes through a timer so a burst of events lints once, off the typing path.
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lint(document).catch((error: unknown) => this.log.error(`Linting ${document.uri.fsPath} failed: ${String(error)}`));
      }, delayMs),
    );
  }

  async lint(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote')) return;
    const text = document.getText();
    const kind = detectFileKindForEditor(document.fileName, document.languageId, text);
    if (!kind || !this.config.lintEnabled || text.length > MAX_LINT_CHARS) {
      this.forget(document.uri);
      if (kind && text.length > MAX_LINT_CHARS) this.log.info(`Not linting ${document.fileName}: it is larger than ${MAX_LINT_CHARS} characters.`);
      return;
    }
    const version = document.version;
    const companions = kind === 'dockerignore' ? await this.companionsFor(document) : {};
    if (document.version !== version || document.isClosed) return; // a newer lint is on its way
    const started = Date.now();
    const onRuleError = (failure: RuleFailure) => this.log.error(`Lint rule ${failure.rule ?? `${kind} parser`} failed on ${document.fileName} line ${failure.line} (reported as ACR000): ${failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error)}`);
    const { findings } = lintEngine().lintText({ fileName: document.fileName, text, kind, settings: this.config.lintSettings(), companions, onRuleError });
    const entries = findings.map((finding) => ({ finding, diagnostic: toDiagnostic(finding, this.docsTarget(finding.code)) }));
    this.clearOtherKinds(document.uri, kind);
    this.collections.get(kind)?.set(document.uri, entries.map((e) => e.diagnostic));
    this.linted.set(document.uri.toString(), { version, kind, entries });
    this.log.trace(`Linted ${document.fileName} as ${kind}: ${findings.length} finding(s) in ${Date.now() - started} ms.`);
  }

  private async companionsFor(document: vscode.TextDocument): Promise<Companions> {
    if (document.uri.scheme === 'untitled') return {};
    const dockerfileUri = document.uri.with({ path: dockerfileForDockerignore(document.uri.path) });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dockerfileUri.toString());
    const dockerfileName = dockerfileUri.path.slice(dockerfileUri.path.lastIndexOf('/') + 1);
    if (open) return { dockerfile: open.getText(), dockerfileName };
    try {
      const bytes = await vscode.workspace.fs.readFile(dockerfileUri);
      return { dockerfile: new TextDecoder().decode(bytes), dockerfileName };
    } catch {
      return {}; // no Dockerfile beside it: rules that need one stay silent
    }
  }

  /** A Dockerfile edit can change what its .dockerignore rules conclude. */
  private relintDependents(changed: vscode.TextDocument): void {
    if (detectFileKindForEditor(changed.fileName, changed.languageId, '') !== 'dockerfile') return;
    for (const doc of vscode.workspace.textDocuments) {
      if (this.kindOf(doc.uri) === 'dockerignore' && dockerfileForDockerignore(doc.uri.path) === changed.uri.path) this.schedule(doc, this.config.debounceMs);
    }
  }

  private clearOtherKinds(uri: vscode.Uri, keep: FileKind): void {
    for (const [kind, collection] of this.collections) if (kind !== keep) collection.delete(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.linted.delete(key);
    for (const collection of this.collections.values()) collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
