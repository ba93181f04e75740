// The Azure side of an e2e host, for any scenario that needs the explorer's Azure part: the ARM
// fixture (HTTPS, its own CA) with every registry's login server on loopback, an ACR-compatible
// front behind the Azure registry that has repositories (it accepts the fixture's Entra token at
// /oauth2/exchange), and the test-only sign-in extension (test/e2e/fake-auth) standing in for VS
// Code's Microsoft authentication. Nothing here resolves or dials a non-loopback name.
//
//   const azure = await startAzureWorld();
//   workbench = await Workbench.launch({ scenario: 'x', ...azure.launchOptions({ settings: {...} }) });
//   await azure.signIn(workbench);          // as a user: palette command + VS Code's consent dialog
//   await workbench.expandTreeItem('Azure', 'Contoso Production', azure.loginServers.contosoprod);
//   ... afterwards: await workbench.close(); await azure.stop();
//
// The ARM fixture's state (azure.arm.state) is live: change it before a step, read it after
// (e.g. adminUserEnabled after a command), and azure.arm.requests shows what ARM was asked.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestToken, PRINCIPAL_ID, startArmFixture, TENANT_ID, type ArmFixture } from '../fixtures/arm/server';
import { startAcrFront, type AcrFrontInternals, type AcrFrontOptions } from '../fixtures/registry/index';
import { freePort } from '../fixtures/registry/process';
import { REPO_ROOT } from './host';
import type { LaunchOptions, Workbench } from './workbench';

/** The account the fake provider signs in as (shown in VS Code's Accounts menu and our messages). */
export const E2E_ACCOUNT = 'e2e-user@contoso.example';
/** The built-in provider the fake replaces (vscode.microsoft-authentication, by its folder): left out of the host so it never registers the same id or reaches Entra ID. */
export const BUILT_IN_MICROSOFT_AUTH = 'microsoft-authentication';
/** The fixture's /metadata/endpoints names the cloud so (our messages say "Azure (AzureStack-User-1)"). */
export const FIXTURE_CLOUD_NAME = 'AzureStack-User-1';

export interface AzureWorld {
  arm: ArmFixture;
  /** Serves the data plane of the registry named `frontRegistry` (default contosoprod). */
  front: AcrFrontInternals;
  /** Registry name (contosoprod, contosoclassic, contosodev, fabrikamstd) → its loopback login server, as ARM reports it and the tree labels it. */
  loginServers: Record<string, string>;
  /** Launch options for Workbench.launch: the Azure settings, the CA, the fake sign-in; merged over `extra`. */
  launchOptions(extra?: Pick<LaunchOptions, 'settings' | 'env'>): Pick<LaunchOptions, 'settings' | 'env' | 'omitBuiltinExtensions' | 'testExtensions' | 'loopbackGuardLog'>;
  /** What test/e2e/loopbackGuard.cjs saw in the host's Node processes: which loaded it (argv), and every lookup or connection off loopback it refused. */
  loopbackReport(): { loaded: string[]; refused: Array<{ refused: string; via: string; pid: number }> };
  /** What the fake provider was asked, in order (scopes only; the token is never logged). */
  authRequests(): Array<{ what: string; scopes: string[] | null }>;
  /** Signs in as a user does: "ACR Doctor: Sign in to Azure" from the palette (or a click on the
   *  view's "Azure: not signed in" item), then "Allow" in VS Code's consent dialog; waits for our
   *  "Signed in" message. */
  signIn(workbench: Workbench, via?: 'palette' | 'tree'): Promise<void>;
  stop(): Promise<void>;
}

export async function startAzureWorld(options: { frontRegistry?: string; firewall?: AcrFrontOptions['firewall'] } = {}): Promise<AzureWorld> {
  const frontRegistry = options.frontRegistry ?? 'contosoprod';
  const token = makeTestToken();
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-e2e-azure-'));
  let front: AcrFrontInternals | undefined;
  let arm: ArmFixture | undefined;
  try {
    // The front exchanges exactly the token the fake provider hands out (its tid is TENANT_ID).
    // `firewall`: the front's network rules (e.g. following the ARM fixture's networkRuleSet), asked before every request.
    front = await startAcrFront({ entraTokens: { [token]: { tenant: TENANT_ID, oid: PRINCIPAL_ID } }, firewall: options.firewall });
    const loginServers: Record<string, string> = { [frontRegistry]: front.host };
    // The other registries get closed loopback ports: expanding one shows the error node, nothing leaves the machine.
    const used = new Set<number>([Number(front.host.split(':')[1])]);
    const closedHost = async (): Promise<string> => {
      for (;;) {
        const port = await freePort();
        if (!used.has(port)) {
          used.add(port);
          return `127.0.0.1:${port}`;
        }
      }
    };
    for (const name of ['contosoprod', 'contosoclassic', 'contosodev', 'fabrikamstd']) loginServers[name] ??= await closedHost();
    arm = await startArmFixture({
      token,
      loginServer: (name) => {
        const host = loginServers[name];
        if (!host) throw new Error(`the e2e Azure world has no loopback login server for ${name}`);
        return host;
      },
    });
    const caFile = join(dir, 'arm-fixture-ca.pem');
    writeFileSync(caFile, arm.ca);
    const authLog = join(dir, 'fake-auth-requests.jsonl');
    writeFileSync(authLog, '');
    const loopbackLog = join(dir, 'loopback-guard.jsonl');
    writeFileSync(loopbackLog, '');
    const authConfig = join(dir, 'fake-auth.json');
    writeFileSync(authConfig, JSON.stringify({ accessToken: token, accountLabel: E2E_ACCOUNT, scopeLog: authLog }));
    chmodSync(authConfig, 0o600);
    const armFixture = arm;
    const frontFixture = front;
    return {
      arm: armFixture,
      front: frontFixture,
      loginServers,
      launchOptions: (extra = {}) => ({
        // http.systemCertificates off: with it on, VS Code's patched tls hands every connection an explicit
        // `ca` (Node's bundled roots + the system store), which drops NODE_EXTRA_CA_CERTS.
        settings: { 'acrDoctor.azure.cloud': 'custom', 'acrDoctor.azure.customArmEndpoint': armFixture.url, 'http.systemCertificates': false, ...extra.settings },
        // NODE_EXTRA_CA_CERTS: the extension host (a child of code-server) trusts the fixture's CA.
        env: { NODE_EXTRA_CA_CERTS: caFile, ACR_DOCTOR_E2E_FAKE_AUTH: authConfig, ...extra.env },
        omitBuiltinExtensions: [BUILT_IN_MICROSOFT_AUTH],
        testExtensions: [join(REPO_ROOT, 'test', 'e2e', 'fake-auth')],
        loopbackGuardLog: loopbackLog,
      }),
      loopbackReport: () => {
        const entries = readJsonLines(loopbackLog) as Array<{ loaded?: number; argv?: string[]; refused?: string; via?: string; pid: number }>;
        return {
          loaded: entries.filter((e) => e.loaded !== undefined).map((e) => (e.argv ?? []).join(' ')),
          refused: entries.filter((e) => e.refused !== undefined).map((e) => ({ refused: e.refused!, via: e.via ?? '', pid: e.pid })),
        };
      },
      authRequests: () => readJsonLines(authLog) as Array<{ what: string; scopes: string[] | null }>,
      signIn: async (workbench, via = 'palette') => {
        if (via === 'tree') await (await workbench.scrollToTreeItem('Azure: not signed in')).click();
        else await workbench.runCommand('ACR Doctor: Sign in to Azure');
        await workbench.answerDialog(/wants to sign in using Microsoft Sovereign Cloud \(e2e fake\)/, 'Allow');
        await workbench.waitForNotification(new RegExp(`Signed in to Azure \\(${FIXTURE_CLOUD_NAME}\\) as ${E2E_ACCOUNT.replace(/\./g, '\\.')}`), 30_000);
      },
      stop: async () => {
        await armFixture.stop();
        await frontFixture.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await arm?.stop();
    await front?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readJsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
}
