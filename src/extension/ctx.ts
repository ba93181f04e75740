import * as vscode from 'vscode';
import { createLogger, type Logger, type LogLevel } from '../core/log';
import { Config } from './config';

/**
 * Owns the extension's state and everything that must be disposed (rust-analyzer's
 * `Ctx`): features are created from it and push their disposables onto it.
 */
export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  /** Core code logs through this; every line is redacted before it reaches the channel. */
  readonly logger: Logger;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    const write: Record<LogLevel, (line: string) => void> = {
      trace: (line) => log.trace(line),
      debug: (line) => log.debug(line),
      info: (line) => log.info(line),
      warn: (line) => log.warn(line),
      error: (line) => log.error(line),
    };
    // The channel filters by its own level (the user sets it with "Developer: Set Log Level").
    this.logger = createLogger((level, line) => write[level](line), 'trace');
  }

  push<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The bundled rules documentation, opened offline and always matching the installed version. */
  rulesDocUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.extensionUri, 'docs', 'rules.md');
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
