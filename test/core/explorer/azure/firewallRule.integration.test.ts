// "Add My IP to the Firewall…" (FAQ F07): the ACR-compatible front's firewall follows the ARM
// fixture's networkRuleSet, a few requests late (a rule takes minutes to apply), so the re-check
// sees the 403 for some polls and then the registry's own answer. The clock is fake: no waiting.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  addFirewallRule,
  errorNode,
  prepareFirewallRule,
  probeClientIp,
  recheckProgressText,
  recheckUntilApplied,
  type RecheckProgress,
  type RegistryTarget,
} from '../../../../src/core/explorer/index';
import { RegistryClient } from '../../../../src/core/registry/index';
import { Secret } from '../../../../src/core/secret';
import { startArmFixture, SUB_PROD, type ArmFixture } from '../../../fixtures/arm/server';
import { startAcrFront, type AcrFrontInternals } from '../../../fixtures/registry/index';
import { armClient, fakeClock, writesSince } from './support';

/** TEST-NET-2: the address the front says the caller has (the real loopback peer is 127.0.0.1). */
const CLIENT_IP = '198.51.100.7';
/** Requests the front still refuses once ARM has the rule: "firewall changes take minutes" (F07). */
const APPLY_DELAY_REQUESTS = 3;
const PROD = { subscriptionId: SUB_PROD, resourceGroup: 'registry-rg', name: 'contosoprod', sku: 'Premium' };

let fx: ArmFixture;
let front: AcrFrontInternals;
const user = { username: 'fw-admin', password: `pw-${randomBytes(12).toString('hex')}` };
/** How the front decides: the rules ARM has, applied APPLY_DELAY_REQUESTS requests late; `neverApply` models a rule that does not take. */
const firewall = { seenInArm: 0, neverApply: false, denied: 0, clientIp: CLIENT_IP };

function prodProperties(): Record<string, unknown> {
  const registry = fx.state.registries.get(SUB_PROD)?.find((r) => r.name === 'contosoprod');
  return (registry?.properties ?? {}) as Record<string, unknown>;
}

function ruleInArm(ip: string): boolean {
  const rules = ((prodProperties().networkRuleSet as { ipRules?: Array<{ value?: string }> } | undefined)?.ipRules ?? []).map((r) => r.value);
  return rules.includes(ip) || rules.includes(`${ip}/32`);
}

before(async () => {
  fx = await startArmFixture();
  front = await startAcrFront({
    users: [user],
    firewall: () => {
      let allowed = false;
      if (ruleInArm(CLIENT_IP) && !firewall.neverApply) allowed = ++firewall.seenInArm > APPLY_DELAY_REQUESTS;
      if (!allowed) firewall.denied++;
      return { allowed, clientIp: firewall.clientIp };
    },
  });
});
after(async () => {
  await front?.stop();
  await fx?.stop();
});
beforeEach(() => {
  prodProperties().networkRuleSet = { defaultAction: 'Deny', ipRules: [{ action: 'Allow', value: '203.0.113.0/24' }] };
  prodProperties().publicNetworkAccess = 'Enabled';
  Object.assign(firewall, { seenInArm: 0, neverApply: false, denied: 0, clientIp: CLIENT_IP });
});

function registryClient(): RegistryClient {
  return new RegistryClient({ registry: front.host, credential: { kind: 'basic', username: user.username, password: new Secret(user.password) }, retryBaseDelayMs: 5, maxRetries: 1, requestTimeoutMs: 10_000 });
}

const target = (): RegistryTarget => ({ host: front.host, insecureHttp: false, source: 'azure', azure: { ...PROD, id: `/subscriptions/${SUB_PROD}/resourceGroups/registry-rg/providers/Microsoft.ContainerRegistry/registries/contosoprod`, location: 'westeurope' } });

describe('add my IP to the firewall (F07)', () => {
  test('403 naming the IP → the error node offers it → rule added through ARM → re-checked until it applies', async () => {
    const client = registryClient();
    const { client: arm } = armClient(fx);
    // The tree's listing fails with the firewall's 403; its error node carries the IP to the command.
    const failure = await client.paged.repositoryPage({ pageSize: 10 }).then(() => undefined, (error: unknown) => error);
    const node = errorNode(failure, 'acrDoctor/azure/registry:x/repositories', { what: 'list repositories', registry: target() });
    const action = node?.actions?.find((a) => a.kind === 'addFirewallRule');
    assert.equal(action?.clientIp, CLIENT_IP);
    assert.equal(action?.title, `Add ${CLIENT_IP} to the registry firewall`);
    // From the registry node, the probe of /v2/ reads the same IP from the 403 body.
    assert.deepEqual(await probeClientIp(client), { status: 403, deniedClientIp: CLIENT_IP });

    const from = fx.requests.length;
    const plan = await prepareFirewallRule(arm, PROD, CLIENT_IP);
    assert.equal(plan.kind, 'confirm');
    if (plan.kind !== 'confirm') return;
    assert.equal(plan.title, `Add ${CLIENT_IP} to the firewall of contosoprod?`);
    assert.match(plan.detail, /IP rule 198\.51\.100\.7 \(Allow\) to the network rules of contosoprod \(contosoprod\.azurecr\.io\), next to its 1 existing rule/);
    assert.match(plan.detail, /few minutes to apply \(FAQ F07\)/);
    assert.deepEqual(writesSince(fx, from), [], 'planning changes nothing');

    assert.deepEqual(await addFirewallRule(arm, PROD, plan.rule), { changed: true });
    assert.equal(writesSince(fx, from).length, 1);
    assert.ok(ruleInArm(CLIENT_IP));

    const clock = fakeClock();
    const progress: RecheckProgress[] = [];
    const before = front.requests.length;
    const result = await recheckUntilApplied(client, { clientIp: CLIENT_IP, registryName: 'contosoprod', clock, intervalMs: 15_000, onProgress: (p) => progress.push(p) });
    assert.equal(result.outcome, 'applied');
    assert.equal(result.attempts, APPLY_DELAY_REQUESTS + 1);
    assert.equal(result.afterMs, APPLY_DELAY_REQUESTS * 15_000);
    assert.match(result.message, /^The firewall rule for 198\.51\.100\.7 applied after 45 s: contosoprod answers \/v2\/ with 401 \(its sign-in challenge\)/);
    assert.equal(front.requests.slice(before).filter((r) => r.path === '/v2/').length, APPLY_DELAY_REQUESTS + 1, 'one GET /v2/ per check');
    // The countdown: elapsed time grows, and each wait counts down to the next check.
    const waiting = progress.filter((p) => p.nextTryInMs > 0);
    assert.equal(waiting[0]?.nextTryInMs, 15_000);
    assert.ok(waiting.some((p) => p.nextTryInMs === 1000));
    assert.match(recheckProgressText(waiting[0]!), /^0 s elapsed, check 1: still refused \(403 for 198\.51\.100\.7\); next check in 15 s$/);
    // The firewall lets the registry's data plane through now, and the probe no longer names an IP.
    assert.deepEqual((await client.paged.repositoryPage({ pageSize: 10 })).items, []);
    assert.deepEqual(await probeClientIp(client), { status: 401, deniedClientIp: undefined });
  });

  test('a rule that never applies: bounded re-checks, then the FAQ message', async () => {
    firewall.neverApply = true;
    const { client: arm } = armClient(fx);
    await addFirewallRule(arm, PROD, CLIENT_IP);
    const clock = fakeClock();
    const before = front.requests.length;
    const result = await recheckUntilApplied(registryClient(), { clientIp: CLIENT_IP, registryName: 'contosoprod', clock });
    assert.equal(result.outcome, 'not-applied');
    assert.equal(result.attempts, 41, 'every 15 s for 10 minutes, the first check at once');
    assert.equal(front.requests.slice(before).length, 41);
    assert.match(result.message, /has not applied yet after 10 min \(41 checks, last: still refused \(403 for 198\.51\.100\.7\)\): firewall changes can take several minutes \(FAQ F07\)\. Retry later or run diagnostics for contosoprod\./);
  });

  test('the registry starts naming another address (VPN, NAT): the wait ends and says which to add', async () => {
    firewall.neverApply = true;
    const clock = fakeClock();
    const result = await recheckUntilApplied(registryClient(), { clientIp: CLIENT_IP, registryName: 'contosoprod', clock, onProgress: (p) => p.attempts === 2 && (firewall.clientIp = '198.51.100.99') });
    assert.equal(result.outcome, 'not-applied');
    assert.equal(result.attempts, 2);
    assert.match(result.message, /contosoprod now refuses 198\.51\.100\.99, not 198\.51\.100\.7: this machine's outgoing address changed/);
  });

  test('cancelling the wait stops it and says the rule stays', async () => {
    firewall.neverApply = true;
    const controller = new AbortController();
    const clock = fakeClock();
    const result = await recheckUntilApplied(registryClient(), { clientIp: CLIENT_IP, registryName: 'contosoprod', clock, signal: controller.signal, onProgress: (p) => p.attempts === 3 && controller.abort() });
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.attempts, 3);
    assert.match(result.message, /The rule stays; firewall changes can take several minutes to apply \(FAQ F07\)/);
  });

  test('Basic: "IP rules need Premium", and no call to ARM at all', async () => {
    const { client: arm } = armClient(fx);
    const from = fx.requests.length;
    const plan = await prepareFirewallRule(arm, { subscriptionId: SUB_PROD, resourceGroup: 'dev-rg', name: 'contosodev', sku: 'Basic' }, CLIENT_IP);
    assert.equal(plan.kind, 'refused');
    if (plan.kind === 'refused') assert.match(plan.message, /^Firewall IP rules need the Premium tier; contosodev is Basic/);
    assert.equal(fx.requests.length, from);
  });

  test('public network access disabled: an IP rule cannot help (private endpoint only), nothing is added', async () => {
    prodProperties().publicNetworkAccess = 'Disabled';
    const { client: arm } = armClient(fx);
    const from = fx.requests.length;
    const plan = await prepareFirewallRule(arm, PROD, CLIENT_IP);
    assert.equal(plan.kind, 'refused');
    if (plan.kind === 'refused') assert.match(plan.message, /Public network access to contosoprod is disabled: only its private endpoints reach it, so an IP rule cannot help/);
    assert.deepEqual(writesSince(fx, from), []);
  });

  test('an address already in the rules: re-check only, ARM is not written; a bad address is refused', async () => {
    const { client: arm } = armClient(fx);
    const plan = await prepareFirewallRule(arm, PROD, '203.0.113.0/24');
    assert.equal(plan.kind, 'confirm');
    if (plan.kind === 'confirm') {
      assert.equal(plan.present, true);
      assert.equal(plan.confirmLabel, 'Re-check');
    }
    await assert.rejects(prepareFirewallRule(arm, PROD, '2001:db8::1'), (error: unknown) => (error as { code?: string }).code === 'AZURE_BAD_IP_RULE');
  });
});
