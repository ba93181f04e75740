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
  /**
   * A registry or network error (REGISTRY_*): offers diagnostics for it (the status-bar item) and
   * runs them when the person picks "Run diagnostics" on the message. `registry` when the command's
   * argument named one.
   */
  offerDiagnostics?(registry: string | undefined, message: string): { run(): void };
}

/** Codes whose next step is "diagnose the registry": the data plane failed (not our usage, not Azure sign-in). */
export function isRegistryProblem(code: string): boolean {
  return /^REGISTRY_(AUTH|FORBIDDEN|THROTTLED|THROTTLED_TOO_LONG|NETWORK|TIMEOUT|SERVER|PROTOCOL|TOKEN_NOT_JSON|REALM_INSECURE|REALM_UNEXPECTED|NO_CREDENTIALS|REDIRECT_REFUSED|REDIRECT_OTHER_HOST)$/.test(code);
}

/** The registry a command was called for: `{ registry }` or `{ host }` (explorer nodes), or a host string. */
function registryOfArgs(args: unknown[]): string | undefined {
  for (const arg of args) {
    if (arg && typeof arg === 'object') {
      const a = arg as { registry?: unknown; host?: unknown };
      if (typeof a.registry === 'string') return a.registry;
      if (typeof a.host === 'string') return a.host;
    }
  }
  return undefined;
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
      const diagnose = ui.l10n.t('Run diagnostics');
      const offer = isAcrDoctorError(error) && isRegistryProblem(error.code) ? ui.offerDiagnostics?.(registryOfArgs(args), message) : undefined;
      // Not awaited: the command settles now; the button may be clicked later.
      void Promise.resolve(offer ? ui.window.showErrorMessage(message, diagnose, showLog) : ui.window.showErrorMessage(message, showLog)).then((choice) => {
        if (choice === showLog) ui.showLog();
        if (choice === diagnose) offer?.run();
      });
      return undefined;
    }
  };
}
