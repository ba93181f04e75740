import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintText } from '../../../src/core/lint/engine';
import { applyFix, expectNone, expectOne, findingsFor, lintArm, registry, template } from './helpers';

const REPLICATION = 'Microsoft.ContainerRegistry/registries/replications';

describe('ACR400 arm-json-syntax', () => {
  test('a syntax error is one finding at the error', () => {
    const text = `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [ }\n}`;
    const found = lintArm(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'ACR400');
    assert.match(found[0].message, /not valid JSON \(ValueExpected\)/);
    assert.equal(found[0].range.start.line, 2);
  });
  test('comments and trailing commas are accepted, as ARM accepts them', () => {
    const text = `{\n  // a comment\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [],\n}`;
    assert.deepEqual(lintArm(text), []);
  });
  test('a 100,000-level nested template gets the nesting message daemon.json gets, not silence', () => {
    const text = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": ${'['.repeat(100_000)}`;
    const found = lintArm(text);
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.range]), [['ACR400', 'error', { start: { line: 0, character: 1107 }, end: { line: 0, character: 1108 } }]]);
    const daemon = lintText({ fileName: 'daemon.json', text: '['.repeat(100_000) }).findings;
    assert.equal(found[0].message, daemon[0].message.replace('daemon.json option', 'ARM template'));
    assert.equal(found[0].message, 'The JSON is nested deeper than 1000 levels; ACR Doctor does not analyse it, and no ARM template nests like this. Check the file for a runaway paste.');
  });
  test('JSON without a deployment $schema is not a template: no findings', () => {
    assert.deepEqual(lintArm('{"resources": [ }'), []);
    assert.deepEqual(lintArm(JSON.stringify({ $schema: 'https://json.schemastore.org/package.json', resources: [registry({ name: 'a-b' })] })), []);
  });
});

describe('ACR401 arm-registry-name', () => {
  test('characters other than letters and digits', () => {
    const text = template({ resources: [registry({ name: 'my-registry' })] });
    expectOne(text, 'ACR401', '"my-registry"', "contains '-'", "'myregistry'");
  });
  test('too short and too long, also through parameters and concat', () => {
    expectOne(template({ resources: [registry({ name: 'abc' })] }), 'ACR401', '"abc"', '3 characters', '5 to 50');
    const text = template({ parameters: { prefix: { type: 'string', defaultValue: 'x'.repeat(48) } }, resources: [registry({ name: "[concat(parameters('prefix'), 'acr')]" })] });
    expectOne(text, 'ACR401', `"[concat(parameters('prefix'), 'acr')]"`, '51 characters');
  });
  test('valid, unresolved and uniqueString names are not reported', () => {
    expectNone(template({ resources: [registry({ name: 'Contoso01' })] }), 'ACR401');
    expectNone(template({ parameters: { n: { type: 'string' } }, resources: [registry({ name: "[parameters('n')]" })] }), 'ACR401');
    expectNone(template({ resources: [registry({ name: "[format('acr-{0}', uniqueString(resourceGroup().id))]" })] }), 'ACR401');
  });
});

describe('ACR402/403/404 apiVersion', () => {
  test('unknown version of a known type is an error naming a published one', () => {
    const text = template({ resources: [registry({ apiVersion: '2020-01-01' })] });
    expectOne(text, 'ACR402', '"2020-01-01"', 'not a published version of Microsoft.ContainerRegistry/registries', "'2025-11-01'");
  });
  test('child types compose with the parent type for the lookup', () => {
    const text = template({ resources: [registry({ resources: [{ type: 'replications', apiVersion: '2018-01-01', name: 'westus', location: 'westus', properties: {} }] })] });
    expectOne(text, 'ACR402', '"2018-01-01"', 'registries/replications');
  });
  test('types missing from the table and versions newer than the table are never "unknown"', () => {
    expectNone(template({ resources: [{ type: 'Microsoft.ContainerRegistry/registries/somethingNew', apiVersion: '2020-01-01', name: 'a/b' }] }), 'ACR402');
    expectNone(template({ resources: [registry({ apiVersion: '2099-01-01' })] }), 'ACR402');
    expectNone(template({ resources: [registry({ apiVersion: '2019-05-01' })] }), 'ACR402');
  });
  test('preview superseded by a newer stable: info with an unsafe fix', () => {
    const text = template({ resources: [registry({ apiVersion: '2023-06-01-preview' })] });
    const finding = expectOne(text, 'ACR403', '"2023-06-01-preview"', "stable '2025-11-01' is newer");
    assert.equal(finding.severity, 'info');
    assert.equal(finding.fixes[0].safe, false);
    assert.ok(applyFix(text, finding).includes('"apiVersion": "2025-11-01"'));
  });
  test('preview without a newer stable version (tasks 2025-03-01-preview) is not reported', () => {
    expectNone(template({ resources: [{ type: 'Microsoft.ContainerRegistry/registries/tasks', apiVersion: '2025-03-01-preview', name: 'r/t', location: 'westus', properties: {} }] }), 'ACR403');
  });
  test('old versions warn, per type threshold', () => {
    const text = template({ resources: [registry({ apiVersion: '2017-10-01' })] });
    const finding = expectOne(text, 'ACR404', '"2017-10-01"', 'older than 2019-05-01', "'2025-11-01'");
    assert.equal(finding.severity, 'warning');
    expectOne(template({ resources: [registry({ apiVersion: '2017-03-01' })] }), 'ACR404', '"2017-03-01"', 'Classic');
    expectNone(template({ resources: [{ type: 'Microsoft.ContainerRegistry/registries/tasks', apiVersion: '2019-04-01', name: 'r/t', location: 'westus', properties: {} }] }), 'ACR404');
  });
});

describe('ACR405 arm-registry-sku', () => {
  test('Classic is retired, with a migration hint and tier fixes', () => {
    const text = template({ resources: [registry({ sku: { name: 'Classic' } })] });
    const finding = expectOne(text, 'ACR405', '"Classic"', 'retired', 'aka.ms/acr/classic');
    assert.equal(finding.fixes.length, 3);
    assert.ok(applyFix(text, finding).includes('"name": "Basic"'));
  });
  test('unknown tier through a parameter default; valid tiers in any case are fine', () => {
    const text = template({ parameters: { sku: { type: 'string', defaultValue: 'Free' } }, resources: [registry({ sku: { name: "[parameters('sku')]" } })] });
    const finding = expectOne(text, 'ACR405', `"[parameters('sku')]"`, "'Free' is not a registry tier");
    assert.equal(finding.fixes.length, 0, 'no fix rewrites an expression');
    expectNone(template({ resources: [registry({ sku: { name: 'premium' } })] }), 'ACR405');
    expectNone(template({ parameters: { sku: { type: 'string' } }, resources: [registry({ sku: { name: "[parameters('sku')]" } })] }), 'ACR405');
  });
});

describe('ACR406 arm-premium-feature', () => {
  test('replication under a Basic registry (nested and top-level)', () => {
    const nested = template({ resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'eastus', location: 'eastus', properties: {} }] })] });
    expectOne(nested, 'ACR406', '"replications"', 'Geo-replication requires the Premium tier', "'Basic'");
    const flat = template({
      parameters: { acrName: { type: 'string' } },
      resources: [registry({ name: "[parameters('acrName')]", sku: { name: 'Standard' } }), { type: REPLICATION, apiVersion: '2023-07-01', name: "[format('{0}/{1}', parameters('acrName'), 'eastus')]", location: 'eastus', properties: {} }],
    });
    expectOne(flat, 'ACR406', `"${REPLICATION}"`, "'Standard'");
  });
  test('network rules, public access, data endpoint on Standard', () => {
    const text = template({ resources: [registry({ sku: { name: 'Standard' } }, { networkRuleSet: { defaultAction: 'Deny' }, publicNetworkAccess: 'Disabled', dataEndpointEnabled: true })] });
    const found = findingsFor(text, 'ACR406');
    assert.deepEqual(found.map((f) => f.message.split(' requires')[0]), ["A network rule set with defaultAction 'Deny'", "publicNetworkAccess 'Disabled' (private-only access)", 'Dedicated data endpoints (dataEndpointEnabled)']);
  });
  test('zoneRedundancy Enabled on Basic is info: zone redundancy is now default in every tier', () => {
    const text = template({ resources: [registry({ sku: { name: 'Basic' } }, { zoneRedundancy: 'Enabled' })] });
    const finding = expectOne(text, 'ACR406', '"Enabled"', 'every tier');
    assert.equal(finding.severity, 'info');
  });
  test('private endpoint targeting a Basic registry', () => {
    const text = template({
      resources: [
        registry({ sku: { name: 'Basic' } }),
        { type: 'Microsoft.Network/privateEndpoints', apiVersion: '2023-04-01', name: 'pe', location: 'westeurope', properties: { privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: "[resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01')]", groupIds: ['registry'] } }] } },
      ],
    });
    expectOne(text, 'ACR406', `"[resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01')]"`, 'private endpoint');
  });
  test('Premium, unresolved SKUs, tokens/scope maps, and children that may never be deployed are not reported', () => {
    expectNone(template({ resources: [registry({ resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'eastus', location: 'eastus' }] })] }), 'ACR406');
    expectNone(template({ parameters: { sku: { type: 'string' } }, resources: [registry({ sku: { name: "[parameters('sku')]" } }, { publicNetworkAccess: 'Disabled' })] }), 'ACR406');
    expectNone(template({ resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'tokens', apiVersion: '2023-07-01', name: 't' }, { type: 'scopeMaps', apiVersion: '2023-07-01', name: 's' }] })] }), 'ACR406');
    expectNone(
      template({
        parameters: { replicas: { type: 'array', defaultValue: [] } },
        resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'replications', apiVersion: '2023-07-01', name: "[parameters('replicas')[copyIndex()]]", location: 'eastus', copy: { name: 'r', count: "[length(parameters('replicas'))]" } }] })],
      }),
      'ACR406',
    );
    expectNone(template({ resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'replications', condition: "[parameters('geo')]", apiVersion: '2023-07-01', name: 'eastus', location: 'eastus' }] })] }), 'ACR406');
  });
});

describe('ACR407 arm-anonymous-pull-sku', () => {
  test('anonymous pull on Basic', () => {
    const text = template({ resources: [registry({ sku: { name: 'Basic' } }, { anonymousPullEnabled: true })] });
    expectOne(text, 'ACR407', 'true', 'Standard and Premium');
  });
  test('Standard, or false, is fine', () => {
    expectNone(template({ resources: [registry({ sku: { name: 'Standard' } }, { anonymousPullEnabled: true })] }), 'ACR407');
    expectNone(template({ resources: [registry({ sku: { name: 'Basic' } }, { anonymousPullEnabled: false })] }), 'ACR407');
  });
});

describe('ACR408 arm-admin-user-enabled', () => {
  test('literal true: warning with a fix', () => {
    const text = template({ resources: [registry({}, { adminUserEnabled: true })] });
    const finding = expectOne(text, 'ACR408', 'true', 'for testing', 'Azure Policy');
    assert.equal(finding.severity, 'warning');
    assert.ok(applyFix(text, finding).includes('"adminUserEnabled": false'));
  });
  test('true through a parameter default is reported without a fix; false or unresolved is not', () => {
    const text = template({ parameters: { admin: { type: 'bool', defaultValue: true } }, resources: [registry({}, { adminUserEnabled: "[parameters('admin')]" })] });
    assert.equal(expectOne(text, 'ACR408', `"[parameters('admin')]"`).fixes.length, 0);
    expectNone(template({ resources: [registry({}, { adminUserEnabled: false })] }), 'ACR408');
    expectNone(template({ parameters: { admin: { type: 'bool' } }, resources: [registry({}, { adminUserEnabled: "[parameters('admin')]" })] }), 'ACR408');
  });
});

describe('ACR409 arm-home-region-replication', () => {
  const home = (replicaLocation: string, extra: Record<string, unknown> = {}) =>
    template({
      parameters: { acrName: { type: 'string' }, location: { type: 'string', defaultValue: '[resourceGroup().location]' } },
      resources: [
        registry({ name: "[parameters('acrName')]", location: 'West Europe' }),
        { type: REPLICATION, apiVersion: '2023-07-01', name: "[format('{0}/{1}', parameters('acrName'), 'home')]", location: replicaLocation, properties: {}, ...extra },
      ],
    });
  test('same region (case/space-insensitive): a safe fix adds "condition": false, formatting kept', () => {
    const text = home('westeurope');
    const finding = expectOne(text, 'ACR409', '"westeurope"', 'home region (westeurope)');
    assert.equal(finding.fixes[0].safe, true);
    const fixed = applyFix(text, finding);
    const parsed = JSON.parse(fixed);
    assert.equal(parsed.resources[1].condition, false);
    assert.ok(fixed.includes(`"name": "[format('{0}/{1}', parameters('acrName'), 'home')]",\n      "condition": false,\n      "location"`), fixed);
    expectNone(fixed, 'ACR409');
  });
  test('resourceGroup().location on both sides is the same region', () => {
    const text = template({
      resources: [
        registry({ location: '[resourceGroup().location]', resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'home', location: '[resourceGroup().location]', properties: {} }] }),
      ],
    });
    const finding = expectOne(text, 'ACR409', ['"[resourceGroup().location]"', 1]);
    const fixed = applyFix(text, finding);
    assert.equal(JSON.parse(fixed).resources[0].resources[0].condition, false);
  });
  test('condition true is replaced; other regions, condition false or unresolved are fine', () => {
    const text = home('westeurope', { condition: true });
    const fixed = applyFix(text, expectOne(text, 'ACR409', '"westeurope"'));
    assert.equal(JSON.parse(fixed).resources[1].condition, false);
    expectNone(home('eastus'), 'ACR409');
    expectNone(home('westeurope', { condition: false }), 'ACR409');
    expectNone(home('westeurope', { condition: "[parameters('deployHome')]" }), 'ACR409');
    expectNone(home("[parameters('replicaLocation')]"), 'ACR409');
  });
  test('the fix keeps tabs and CRLF line breaks', () => {
    const text = home('westeurope').replace(/\n/g, '\r\n').replace(/ {2}/g, '\t');
    const fixed = applyFix(text, expectOne(text, 'ACR409', '"westeurope"'));
    assert.ok(fixed.includes(`\r\n\t\t\t"condition": false,\r\n`), JSON.stringify(fixed));
  });
});

describe('ACR410 arm-list-credentials-path', () => {
  const withValue = (expression: string) =>
    template({
      resources: [registry(), { type: 'Microsoft.Web/sites/config', apiVersion: '2022-03-01', name: 'app/appsettings', properties: { DOCKER_REGISTRY_SERVER_PASSWORD: expression } }],
    });
  const id = "resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01')";
  for (const [path, fixTo] of [
    ['.password', '.passwords[0].value'],
    ['.adminPassword', '.passwords[0].value'],
    ['.passwords[2].value', undefined],
    ['.passwords[0].password', '.passwords[0].value'],
    ['.passwords.value', undefined],
    ['.username.x', undefined],
  ] as const) {
    test(`wrong path ${path}`, () => {
      const text = withValue(`[listCredentials(${id}, '2023-07-01')${path}]`);
      const finding = expectOne(text, 'ACR410', path, `listCredentials(...)${path} does not exist`);
      if (fixTo) assert.ok(applyFix(text, finding).includes(`'2023-07-01')${fixTo}]`));
      else assert.equal(finding.fixes.length, 0);
    });
  }
  test('valid paths, other resource types and unknown indexes are fine', () => {
    for (const path of ['.username', '.passwords[0].value', '.passwords[1].value', '.passwords[1].name', '.passwords', "['passwords'][0]['value']"]) {
      expectNone(withValue(`[listCredentials(${id}, '2023-07-01')${path}]`), 'ACR410');
    }
    expectNone(withValue(`[listCredentials(resourceId('Microsoft.Web/sites', 'x'), '2022-03-01').password]`), 'ACR410');
    expectNone(withValue(`[listCredentials(${id}, '2023-07-01').passwords[parameters('i')].value]`), 'ACR410');
  });
  test('ranges map through JSON escapes', () => {
    const text = withValue(`[concat('\\u0041', listCredentials(${id}, '2023-07-01').password)]`);
    expectOne(text, 'ACR410', '.password', '.password does not exist');
  });
});

describe('ACR411 arm-secret-in-outputs', () => {
  test('listCredentials in an output is a leak', () => {
    const text = template({ resources: [registry()], outputs: { pwd: { type: 'string', value: "[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01'), '2023-07-01').passwords[0].value]" } } });
    expectOne(text, 'ACR411', "listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01'), '2023-07-01')", "Output 'pwd'", 'deployment history');
  });
  test('any list*() in outputs of a nested template too; secure outputs and resources are fine', () => {
    const nested = template({
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', template: { $schema: 'x', resources: [], outputs: { keys: { type: 'object', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), '2022-09-01')]" } } } } }],
    });
    expectOne(nested, 'ACR411', "listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), '2022-09-01')", "Output 'keys'");
    expectNone(template({ resources: [registry()], outputs: { pwd: { type: 'securestring', value: "[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'r'), '2023-07-01').passwords[0].value]" } } }), 'ACR411');
    expectNone(template({ resources: [registry()], outputs: { server: { type: 'string', value: "[reference(resourceId('Microsoft.ContainerRegistry/registries', 'r')).loginServer]" } } }), 'ACR411');
  });
});

describe('ACR412 arm-ip-rule', () => {
  const rules = (ipRules: unknown) => template({ resources: [registry({}, { networkRuleSet: { defaultAction: 'Deny', ipRules } })] });
  test('invalid, IPv6, private and non-Allow entries', () => {
    expectOne(rules([{ action: 'Allow', value: '300.1.2.3' }]), 'ACR412', '"300.1.2.3"', 'not an IPv4 address');
    expectOne(rules([{ action: 'Allow', value: '203.0.113.0/33' }]), 'ACR412', '"203.0.113.0/33"', 'not an IPv4');
    expectOne(rules([{ action: 'Allow', value: '2001:db8::1' }]), 'ACR412', '"2001:db8::1"', 'IPv4 addresses and ranges only');
    const privateRange = expectOne(rules([{ action: 'Allow', value: '10.1.0.0/16' }]), 'ACR412', '"10.1.0.0/16"', 'private (RFC 1918)');
    assert.equal(privateRange.severity, 'warning');
    expectOne(rules([{ action: 'Deny', value: '203.0.113.7' }]), 'ACR412', ['"Deny"', 1], "Set action to 'Allow'");
  });
  test('from a parameter default, reported on the expression', () => {
    const text = template({ parameters: { ips: { type: 'array', defaultValue: [{ action: 'Allow', value: 'not-an-ip' }] } }, resources: [registry({}, { networkRuleSet: { defaultAction: 'Deny', ipRules: "[parameters('ips')]" } })] });
    expectOne(text, 'ACR412', `"[parameters('ips')]"`, "'not-an-ip'");
  });
  test('public addresses and ranges are fine', () => {
    expectNone(rules([{ action: 'Allow', value: '203.0.113.7' }, { action: 'Allow', value: '198.51.100.0/24' }, { action: 'allow', value: "[parameters('ip')]" }]), 'ACR412');
  });
});

describe('ACR413 arm-task-source-trigger', () => {
  const task = (sourceRepository: Record<string, unknown>, status = 'Enabled') =>
    template({
      resources: [{ type: 'Microsoft.ContainerRegistry/registries/tasks', apiVersion: '2019-04-01', name: 'myregistry01/build', location: 'westeurope', properties: { platform: { os: 'Linux' }, trigger: { sourceTriggers: [{ name: 'commits', sourceTriggerEvents: ['commit'], status, sourceRepository }] } } }],
    });
  test('GitLab by type or URL, Bitbucket by URL', () => {
    expectOne(task({ sourceControlType: 'GitLab', repositoryUrl: 'https://gitlab.com/a/b.git' }), 'ACR413', '"GitLab"', 'GitHub and Azure Repos only');
    expectOne(task({ sourceControlType: 'Github', repositoryUrl: 'https://gitlab.example.com/a/b.git' }), 'ACR413', '"https://gitlab.example.com/a/b.git"', 'GitLab');
    expectOne(task({ sourceControlType: 'Github', repositoryUrl: 'https://bitbucket.org/a/b.git' }), 'ACR413', '"https://bitbucket.org/a/b.git"', 'manual builds only');
  });
  test('GitHub, Azure Repos and disabled triggers are fine', () => {
    expectNone(task({ sourceControlType: 'Github', repositoryUrl: 'https://github.com/a/b.git' }), 'ACR413');
    expectNone(task({ sourceControlType: 'VisualStudioTeamService', repositoryUrl: 'https://dev.azure.com/o/p/_git/r' }), 'ACR413');
    expectNone(task({ sourceControlType: 'Github', repositoryUrl: 'https://gitlab.com/a/b.git' }, 'Disabled'), 'ACR413');
  });
});

describe('suppression', () => {
  test('// acr-doctor ignore=CODE on the line above', () => {
    const text = template({ resources: [registry({}, { adminUserEnabled: true })] }).replace('"adminUserEnabled": true', '// acr-doctor ignore=ACR408\n      "adminUserEnabled": true');
    expectNone(text, 'ACR408');
  });
});
