// Config over a presented settings source (the one interface it reads VS Code through).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { azureSettingsFrom, Config, type SettingsSource, type SettingsTarget } from '../../src/extension/config';

interface Written {
  key: string;
  value: unknown;
  target: SettingsTarget;
}

function presentedSettings(values: Record<string, unknown>, options: { workspace?: boolean } = {}) {
  const written: Written[] = [];
  const listeners: Array<(affects: (section: string) => boolean) => void> = [];
  const source: SettingsSource = {
    get: (key) => values[key],
    update: async (key, value, target) => {
      written.push({ key, value, target });
      values[key] = value;
    },
    hasWorkspace: () => options.workspace ?? true,
    onDidChange: (listener) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  };
  /** Fires a change of the given keys, as VS Code's affectsConfiguration answers (section prefix). */
  const change = (...keys: string[]): void => {
    for (const listener of [...listeners]) listener((section) => keys.some((key) => key === section || key.startsWith(`${section}.`)));
  };
  return { source, written, change, listeners };
}

describe('Config', () => {
  test('lint settings: good values kept, bad values replaced by their defaults', () => {
    const { source } = presentedSettings({
      'acrDoctor.lint.enable': 'yes',
      'acrDoctor.lint.debounceMs': 99_999,
      'acrDoctor.lint.rules': { acr107: 'OFF', ACR101: 'loud' },
      'acrDoctor.lint.allowedRegistries': [' *.azurecr.io ', 42],
      'acrDoctor.lint.daemonJson.enable': false,
      'acrDoctor.lint.armTemplate.enable': 'false',
    });
    const config = new Config(source);
    assert.equal(config.lintEnabled, true, 'a string is not a boolean: the default applies');
    assert.equal(config.debounceMs, 5000, 'clamped to the maximum');
    const lint = config.lintSettings();
    assert.deepEqual(lint.rules, { ACR107: 'off' });
    assert.deepEqual(lint.allowedRegistries, ['*.azurecr.io']);
    assert.equal(lint.enabledKinds['daemon-json'], false);
    assert.equal(lint.enabledKinds['arm-template'], true);
    assert.equal(lint.enabledKinds.dockerfile, true);
  });

  test('nothing set: every default', () => {
    const config = new Config(presentedSettings({}).source);
    assert.equal(config.lintEnabled, true);
    assert.equal(config.debounceMs, 300);
    assert.deepEqual(config.lintSettings().rules, {});
    assert.deepEqual(config.azure(), { cloud: 'auto', customArmEndpoint: undefined, customArmAudience: undefined, tenant: undefined, sovereignEnvironment: undefined });
  });

  test('Azure settings: trimmed, empty is unset, an unknown cloud is auto; VS Code\'s sovereign environment is read too', () => {
    const config = new Config(
      presentedSettings({
        'acrDoctor.azure.cloud': ' AzureUSGovernment ',
        'acrDoctor.azure.customArmEndpoint': '  ',
        'acrDoctor.azure.customArmAudience': 7,
        'acrDoctor.azure.tenant': ' contoso.onmicrosoft.com ',
        'microsoft-sovereign-cloud.environment': 'ChinaCloud',
      }).source,
    );
    assert.deepEqual(config.azure(), { cloud: 'AzureUSGovernment', customArmEndpoint: undefined, customArmAudience: undefined, tenant: 'contoso.onmicrosoft.com', sovereignEnvironment: 'ChinaCloud' });
    assert.equal(azureSettingsFrom({ cloud: 'Mars' }).cloud, 'auto');
    assert.equal(azureSettingsFrom({ cloud: ['custom'] }).cloud, 'auto');
  });

  test('disableRule writes to the workspace when a folder is open, else to user settings, keeping the other rules', async () => {
    const withFolder = presentedSettings({ 'acrDoctor.lint.rules': { ACR101: 'warning', ACR999: 'nonsense' } });
    const config = new Config(withFolder.source);
    assert.equal(config.disableRuleTarget(), 'workspace');
    assert.equal(await config.disableRule('ACR301'), 'workspace');
    assert.deepEqual(withFolder.written, [{ key: 'acrDoctor.lint.rules', value: { ACR101: 'warning', ACR301: 'off' }, target: 'workspace' }]);

    const noFolder = presentedSettings({}, { workspace: false });
    const userConfig = new Config(noFolder.source);
    assert.equal(userConfig.disableRuleTarget(), 'user');
    assert.equal(await userConfig.disableRule('ACR303'), 'user');
    assert.deepEqual(noFolder.written, [{ key: 'acrDoctor.lint.rules', value: { ACR303: 'off' }, target: 'user' }]);
  });

  test('setSovereignEnvironment writes VS Code\'s own setting in user settings', async () => {
    const presented = presentedSettings({});
    await new Config(presented.source).setSovereignEnvironment('USGovernment');
    assert.deepEqual(presented.written, [{ key: 'microsoft-sovereign-cloud.environment', value: 'USGovernment', target: 'user' }]);
  });

  test('change events: lint listeners hear lint changes, Azure listeners Azure and sovereign-cloud changes', () => {
    const presented = presentedSettings({});
    const config = new Config(presented.source);
    const heard: string[] = [];
    config.onDidChangeLint(() => heard.push('lint'));
    const azure = config.onDidChangeAzure(() => heard.push('azure'));
    presented.change('acrDoctor.lint.rules');
    presented.change('acrDoctor.azure.tenant');
    presented.change('microsoft-sovereign-cloud.customEnvironment');
    presented.change('editor.fontSize');
    assert.deepEqual(heard, ['lint', 'azure', 'azure']);
    azure.dispose();
    presented.change('acrDoctor.azure.cloud');
    assert.deepEqual(heard, ['lint', 'azure', 'azure'], 'a disposed listener hears nothing');
  });
});
