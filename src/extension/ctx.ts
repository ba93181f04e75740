import * as vscode from 'vscode';
import { createLogger, type Logger, type LogLevel } from '../core/log';
import { Config } from './config';
import { vscodeSettings } from './settingsSource';

/**
 * Owns the extension's state and everything that must be disposed (rust-analyzer's
 * `Ctx`): features are created from it and push their disposables onto it.
 */
export class Ctx implements vscode.Disposable {
  readonly config = new Config(vscodeSettings());
  /** The one log path: every line is redacted before it reaches the output channel. */
  readonly logger: Logger;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly extension: vscode.ExtensionContext,
    /** Private: writing to it directly would skip the redaction. */
    private readonly channel: vscode.LogOutputChannel,
  ) {
    const write: Record<LogLevel, (line: string) => void> = {
      trace: (line) => channel.trace(line),
      debug: (line) => channel.debug(line),
      info: (line) => channel.info(line),
      warn: (line) => channel.warn(line),
      error: (line) => channel.error(line),
    };
    // The channel filters by its own level (the user sets it with "Developer: Set Log Level").
    this.logger = createLogger((level, line) => write[level](line), 'trace');
  }

  /** Shows the log (the output channel). */
  showLog(): void {
    this.channel.show();
  }

  push<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The bundled rules documentation, opened offline and always matching the installed version. */
  rulesDocUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.extensionUri, 'docs', 'rules.md');
  }

  /** A file shipped with the extension (media/…). */
  extensionFile(...segments: string[]): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.extensionUri, ...segments);
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
