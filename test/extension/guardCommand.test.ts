// The error handling every command gets, with a fake window (the only UI it touches).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AzureAuthenticationError } from '../../src/core/azure/errors';
import { AcrDoctorError, CancelledError } from '../../src/core/errors';
import { createMemoryLogger } from '../../src/core/log';
import { guardCommand, type CommandUi } from '../../src/extension/guardCommand';
import { NetworkError as RegistryNetworkError } from '../../src/core/registry/errors';

function fakeUi(answer?: string) {
  const shown: Array<{ message: string; items: string[] }> = [];
  let logShown = 0;
  const logger = createMemoryLogger();
  const ui: CommandUi = {
    window: {
      showErrorMessage: async (message, ...items) => {
        shown.push({ message, items });
        return answer;
      },
    },
    l10n: { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)])) },
    logger,
    showLog: () => void logShown++,
  };
  return { ui, shown, logger, logShownCount: () => logShown };
}

/** Lets the .then() after showErrorMessage run. */
const settle = () => new Promise((done) => setImmediate(done));

describe('guardCommand', () => {
  test('passes the handler\'s result through and shows nothing', async () => {
    const { ui, shown } = fakeUi();
    assert.equal(await guardCommand('acrDoctor.x', (a) => `got ${String(a)}`, ui)('arg'), 'got arg');
    assert.deepEqual(shown, []);
  });

  test('a rejected command resolves (no VS Code generic toast) and shows our message once, with "Show log"', async () => {
    const { ui, shown, logger } = fakeUi();
    const run = guardCommand('acrDoctor.lint.disableRule', async () => {
      throw new Error('Unable to write to Workspace Settings');
    }, ui);
    assert.equal(await run('ACR301'), undefined);
    await settle();
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.message, /could not finish the command: Unable to write to Workspace Settings\. The log has the details/);
    assert.deepEqual(shown[0]!.items, ['Show log']);
    const errors = logger.lines.filter((line) => line.startsWith('[error]'));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /acrDoctor\.lint\.disableRule failed unexpectedly: Error: Unable to write to Workspace Settings\n\s+at /, 'the stack is logged');
  });

  test('a synchronous throw and a thrown string are handled the same way', async () => {
    const { ui, shown } = fakeUi();
    await guardCommand('acrDoctor.a', () => {
      throw new TypeError('boom');
    }, ui)();
    await guardCommand('acrDoctor.b', () => Promise.reject('plain string'), ui)();
    await settle();
    assert.deepEqual(shown.map((s) => s.message.match(/finish the command: (.*?)\. The log/)?.[1]), ['boom', 'plain string']);
  });

  test('a typed error shows its message and hint; "Show log" opens the log', async () => {
    const { ui, shown, logger, logShownCount } = fakeUi('Show log');
    await guardCommand('acrDoctor.azure.signIn', async () => {
      throw new AzureAuthenticationError('You are not signed in to Azure (AzureCloud) in ACR Doctor.', { hint: 'Run "ACR Doctor: Sign in to Azure".' });
    }, ui)();
    await settle();
    assert.deepEqual(shown, [{ message: 'You are not signed in to Azure (AzureCloud) in ACR Doctor. Run "ACR Doctor: Sign in to Azure".', items: ['Show log'] }]);
    assert.equal(logShownCount(), 1);
    assert.ok(logger.lines.some((line) => line === '[error] acrDoctor.azure.signIn: AZURE_SIGN_IN_REQUIRED: You are not signed in to Azure (AzureCloud) in ACR Doctor. Run "ACR Doctor: Sign in to Azure".'), logger.lines.join('\n'));
  });

  test('a typed error from another bundle (same shape, other class) is recognised by its code, not instanceof', async () => {
    const { ui, shown } = fakeUi();
    // What dist/azure.js throws: its own copy of the class, so instanceof AcrDoctorError fails here.
    class OtherBundleError extends Error {
      readonly code = 'AZURE_PERMISSION_DENIED';
      readonly hint = 'Ask for the AcrPull role.';
      toUserMessage(): string {
        return `${this.message} ${this.hint}`;
      }
    }
    const foreign = new OtherBundleError('You cannot pull from contoso.');
    assert.equal(foreign instanceof AcrDoctorError, false);
    await guardCommand('acrDoctor.x', () => Promise.reject(foreign), ui)();
    await settle();
    assert.deepEqual(shown.map((s) => s.message), ['You cannot pull from contoso. Ask for the AcrPull role.']);
  });

  test('cancellation is silent: our CancelledError, an AbortError, VS Code\'s CancellationError', async () => {
    const { ui, shown } = fakeUi();
    const abort = new Error('This operation was aborted');
    abort.name = 'AbortError';
    const canceled = new Error('Canceled');
    canceled.name = 'Canceled';
    for (const error of [new CancelledError(), abort, canceled]) await guardCommand('acrDoctor.x', () => Promise.reject(error), ui)();
    await settle();
    assert.deepEqual(shown, []);
  });

  test('a registry error offers "Run diagnostics" for the registry the command was given; other errors do not', async () => {
    const { ui, shown } = fakeUi('Run diagnostics');
    const offered: Array<{ registry?: string; message: string }> = [];
    let ran = 0;
    ui.offerDiagnostics = (registry, message) => {
      offered.push({ registry, message });
      return { run: () => void ran++ };
    };
    await guardCommand('acrDoctor.explorer.refresh', async () => {
      throw new RegistryNetworkError('localhost:1 did not answer: connection refused.');
    }, ui)({ registry: 'localhost:1' });
    await settle();
    assert.deepEqual(offered, [{ registry: 'localhost:1', message: 'localhost:1 did not answer: connection refused.' }]);
    assert.deepEqual(shown[0]!.items, ['Run diagnostics', 'Show log']);
    assert.equal(ran, 1, 'picking "Run diagnostics" on the message runs them');
    await guardCommand('acrDoctor.x', async () => {
      throw new AcrDoctorError('AZURE_NOT_FOUND', 'No such resource.');
    }, ui)();
    await settle();
    assert.equal(offered.length, 1, 'an Azure error is not a registry problem');
    assert.deepEqual(shown[1]!.items, ['Show log']);
  });
});
