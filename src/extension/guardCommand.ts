/**
 * The one error handling every command gets (commands.ts wraps each handler): a command that
 * throws never reaches VS Code's generic "Running the contributed command … failed" toast.
 * - cancelled: nothing to say;
 * - our typed error (from any bundle, so by shape, not `instanceof`): its message and hint,
 *   with "Show log";
 * - anything else: logged with its stack and shown once, with "Show log".
 * No `vscode` import: the window is a small interface, unit-tested with a fake.
 */
import { isAbortError, isAcrDoctorError } from '../core/errors';
import type { Logger } from '../core/log';

export interface CommandUi {
  window: { showErrorMessage(message: string, ...items: string[]): PromiseLike<string | undefined> };
  l10n: { t(message: string, ...args: Array<string | number | boolean>): string };
  logger: Logger;
  showLog(): void;
}

export type CommandHandler = (...args: unknown[]) => unknown;

function isCancelled(error: unknown): boolean {
  return isAbortError(error) || (isAcrDoctorError(error) && error.code === 'CANCELLED') || (error instanceof Error && error.name === 'Canceled');
}

export function guardCommand(id: string, handler: CommandHandler, ui: CommandUi): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isCancelled(error)) {
        ui.logger.debug(`${id}: cancelled.`);
        return undefined;
      }
      let message: string;
      if (isAcrDoctorError(error)) {
        message = error.toUserMessage();
        ui.logger.error(`${id}: ${error.code}: ${message}`);
      } else {
        const detail = error instanceof Error ? error.message : String(error);
        ui.logger.error(`${id} failed unexpectedly: ${error instanceof Error && error.stack ? error.stack : detail}`);
        message = ui.l10n.t('ACR Doctor could not finish the command: {0}. The log has the details; please report it if it happens again.', detail);
      }
      const showLog = ui.l10n.t('Show log');
      // Not awaited: the command settles now; the button may be clicked later.
      void Promise.resolve(ui.window.showErrorMessage(message, showLog)).then((choice) => {
        if (choice === showLog) ui.showLog();
      });
      return undefined;
    }
  };
}
