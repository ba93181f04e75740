/**
 * Azure sign-in inside VS Code, through VS Code's built-in Microsoft
 * authentication (no secrets stored by us): a TokenCredential over
 * `vscode.authentication.getSession`, the chosen cloud and tenant, and the
 * remembered subscriptions. Sign-in, sign-out and account switches fire
 * `onDidChange`; nothing needs a window reload.
 */
import * as vscode from 'vscode';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { aadCredentialForRegistry, armScope, AzureAuthenticationError, AzureClient, AzureError, AzureSelection, BUILT_IN_CLOUDS, collect, customCloud, decodeJwtClaims, type AzureCloud, type SubscriptionSummary } from '../../core/azure/index';
import type { ChecksAzure } from '../../core/checks/facts';
import type { RegistryCredential } from '../../core/registry/index';
import { CancelledError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { Config } from '../config';
import { chooseCloud, isSignInCancelled, sessionScopes, sovereignEnvironmentMismatch, tenantFromSettings, type ExtensionCloudChoice } from './cloudSettings';

/** globalState key: the user signed out of ACR Doctor (VS Code's account may stay signed in). */
const SIGNED_OUT_KEY = 'acrDoctor.azure.signedOut';

/** A session token lives ~1 h; when the JWT has no exp, refresh after this. */
const FALLBACK_TOKEN_LIFETIME_MS = 5 * 60_000;

export class AzureAccount implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires on sign-in, sign-out, account switch, tenant/subscription/cloud change. */
  readonly onDidChange: vscode.Event<void> = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly selection: AzureSelection;
  private choice: ExtensionCloudChoice;
  private resolvedCustom?: AzureCloud;

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.selection = new AzureSelection(globalState);
    this.choice = chooseCloud(config.azure());
    this.disposables.push(
      this.emitter,
      vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id !== this.choice.providerId) return;
        this.log.info(`Azure: sessions of ${event.provider.id} changed.`);
        this.emitter.fire();
      }),
      config.onDidChangeAzure(() => {
        this.choice = chooseCloud(config.azure());
        this.resolvedCustom = undefined;
        this.log.info(`Azure: cloud settings changed (${this.cloud.name}).`);
        this.emitter.fire();
      }),
    );
  }

  /** The chosen cloud. A custom cloud without a resolved audience shows as its endpoint until `resolveCloud()` ran. */
  get cloud(): AzureCloud {
    if (this.choice.kind === 'built-in') return this.choice.cloud;
    if (this.resolvedCustom) return this.resolvedCustom;
    const endpoint = this.choice.armEndpoint ?? BUILT_IN_CLOUDS.AzureCloud.resourceManagerEndpoint;
    return { name: 'custom', resourceManagerEndpoint: endpoint, armAudience: this.choice.audience ?? endpoint, authorityHost: BUILT_IN_CLOUDS.AzureCloud.authorityHost, acrLoginServerSuffix: '', custom: true };
  }

  /** Resolves a custom cloud (Azure Stack Hub) from its metadata endpoint; built-in clouds as they are. */
  async resolveCloud(signal?: AbortSignal): Promise<AzureCloud> {
    if (this.choice.kind === 'built-in') return this.choice.cloud;
    if (!this.choice.armEndpoint) {
      throw new AzureError('AZURE_CUSTOM_CLOUD_UNSET', vscode.l10n.t('The Azure cloud is set to custom but acrDoctor.azure.customArmEndpoint is empty.'), {
        hint: vscode.l10n.t('Set acrDoctor.azure.customArmEndpoint to your Azure Stack Hub Resource Manager endpoint.'),
      });
    }
    this.resolvedCustom ??= await customCloud(this.choice.armEndpoint, { audience: this.choice.audience, signal });
    return this.resolvedCustom;
  }

  get providerId(): string {
    return this.choice.providerId;
  }

  get tenantId(): string | undefined {
    return tenantFromSettings(this.config.azure(), this.selection.tenantId());
  }

  /** Subscriptions the user picked; undefined = all. */
  get subscriptionIds(): string[] | undefined {
    return this.selection.subscriptionIds();
  }

  private get signedOut(): boolean {
    return this.globalState.get<boolean>(SIGNED_OUT_KEY) === true;
  }

  private scopes(tenantId = this.tenantId): string[] {
    return sessionScopes([armScope(this.cloud)], tenantId);
  }

  /** A TokenCredential backed by VS Code's session; never prompts (sign in through signIn()). */
  getCredential(): TokenCredential {
    return {
      getToken: async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
        if (options?.abortSignal?.aborted) throw new CancelledError();
        if (this.signedOut) throw this.notSignedIn();
        const wanted = sessionScopes(Array.isArray(scopes) ? scopes : [scopes], options?.tenantId ?? this.tenantId);
        const session = await vscode.authentication.getSession(this.providerId, wanted, { silent: true });
        if (!session) throw this.notSignedIn();
        const exp = decodeJwtClaims(session.accessToken).exp;
        return { token: session.accessToken, expiresOnTimestamp: exp ? exp * 1000 : Date.now() + FALLBACK_TOKEN_LIFETIME_MS };
      },
    };
  }

  private notSignedIn(): AzureAuthenticationError {
    return new AzureAuthenticationError(vscode.l10n.t('You are not signed in to Azure ({0}) in ACR Doctor.', this.cloud.name), {
      hint: vscode.l10n.t('Run "ACR Doctor: Sign in to Azure".'),
    });
  }

  async isSignedIn(): Promise<boolean> {
    if (this.signedOut) return false;
    return (await vscode.authentication.getSession(this.providerId, this.scopes(), { silent: true })) !== undefined;
  }

  /** Signs in (or switches account when `switchAccount`), prompting through VS Code. */
  async signIn(switchAccount = false): Promise<vscode.AuthenticationSession> {
    await this.ensureSovereignSetting();
    await this.resolveCloud();
    const session = await this.promptForSession(this.scopes(), switchAccount ? { createIfNone: true, clearSessionPreference: true } : { createIfNone: true });
    await this.globalState.update(SIGNED_OUT_KEY, undefined);
    // The label is the account's e-mail address: personal data, so debug only.
    this.log.info(`Azure: signed in to ${this.cloud.name}.`);
    this.log.debug(`Azure: the account is ${session.account.label}.`);
    this.emitter.fire();
    return session;
  }

  /** getSession that may prompt; the user declining becomes our own message, not VS Code's. */
  private async promptForSession(scopes: string[], options: vscode.AuthenticationGetSessionOptions & { createIfNone: true }): Promise<vscode.AuthenticationSession> {
    try {
      return await vscode.authentication.getSession(this.providerId, scopes, options);
    } catch (error) {
      if (!isSignInCancelled(error)) throw error;
      this.log.info(`Azure: sign-in to ${this.cloud.name} was cancelled in VS Code (${error instanceof Error ? error.message : String(error)}).`);
      throw new AzureAuthenticationError(vscode.l10n.t('Sign-in to Azure ({0}) was cancelled, so ACR Doctor is not signed in.', this.cloud.name), {
        hint: vscode.l10n.t('Run "ACR Doctor: Sign in to Azure" when you want to use your Azure registries; linting works without it.'),
      });
    }
  }

  /**
   * Signs ACR Doctor out: it stops using the session and forgets the tenant and
   * subscription choice. Extensions cannot remove VS Code's account itself;
   * the message says where to do that.
   */
  async signOut(): Promise<void> {
    await this.globalState.update(SIGNED_OUT_KEY, true);
    await this.selection.setSubscriptionIds(undefined);
    await this.selection.setTenantId(undefined);
    this.log.info('Azure: signed out of ACR Doctor.');
    this.emitter.fire();
    void vscode.window.showInformationMessage(vscode.l10n.t('ACR Doctor no longer uses your Azure account. To sign the account out of VS Code itself, use the Accounts menu.'));
  }

  /** The VS Code sovereign provider signs in to the cloud its own setting names; offer to set it. */
  private async ensureSovereignSetting(): Promise<void> {
    if (this.choice.providerId !== 'microsoft-sovereign-cloud' || this.choice.kind === 'custom') return;
    const current = this.config.azure().sovereignEnvironment;
    const wanted = sovereignEnvironmentMismatch(this.cloud.name, current);
    if (!wanted) return;
    const update = vscode.l10n.t('Set it');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('VS Code signs in to sovereign clouds through the setting microsoft-sovereign-cloud.environment, which is not {0}. Set it so you can sign in to {1}?', wanted, this.cloud.name),
      { modal: true },
      update,
    );
    if (answer !== update) throw new AzureAuthenticationError(vscode.l10n.t('Sign-in to {0} was not started.', this.cloud.name), { hint: vscode.l10n.t('Set microsoft-sovereign-cloud.environment to {0}, then sign in again.', wanted) });
    await this.config.setSovereignEnvironment(wanted);
  }

  private async client(signal?: AbortSignal, withTenant = true): Promise<AzureClient> {
    const cloud = await this.resolveCloud(signal);
    const credential = withTenant
      ? this.getCredential()
      : { getToken: (scopes: string | string[], options?: GetTokenOptions) => this.getCredential().getToken(scopes, { ...options, tenantId: undefined }) };
    return new AzureClient({ credential, cloud, logger: this.log });
  }

  /**
   * Azure access for the diagnostics checks and fleet mode, or undefined when not signed in (the
   * checks that need Azure are then skipped, saying so). Never prompts.
   */
  async checksAzure(signal?: AbortSignal): Promise<(ChecksAzure & { client: AzureClient }) | undefined> {
    if (!(await this.isSignedIn())) return undefined;
    const client = await this.client(signal);
    const credential = this.getCredential();
    return {
      client,
      subscriptionIds: this.subscriptionIds,
      async getToken(scope, tokenSignal) {
        const token = await credential.getToken(scope, { abortSignal: tokenSignal });
        if (!token) throw new AzureAuthenticationError(vscode.l10n.t('No Azure token for {0}.', scope), { hint: vscode.l10n.t('Run "ACR Doctor: Sign in to Azure".') });
        return { token: token.token };
      },
    };
  }

  /** The signed-in identity as an ACR credential (the token exchange `az acr login` does), or undefined. */
  async registryCredential(): Promise<RegistryCredential | undefined> {
    if (!(await this.isSignedIn())) return undefined;
    return aadCredentialForRegistry(this.getCredential(), await this.resolveCloud(), this.tenantId);
  }

  /** Lets the user pick a tenant among those the account can reach; remembered in globalState. */
  async selectTenant(): Promise<string | undefined> {
    if (!(await this.isSignedIn())) await this.signIn();
    const tenants = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing Azure tenants…'), cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      // Tenants are listed with the home-tenant token (no tenant pseudo-scope).
      return collect((await this.client(controller.signal, false)).listTenants(controller.signal));
    });
    const current = this.tenantId;
    const picked = await vscode.window.showQuickPick(
      tenants.map((t) => ({ label: t.displayName ?? t.tenantId, description: t.defaultDomain, detail: t.tenantId, picked: t.tenantId === current, tenantId: t.tenantId })),
      { title: vscode.l10n.t('Azure tenant for ACR Doctor'), placeHolder: vscode.l10n.t('Pick the tenant whose subscriptions hold your registries') },
    );
    if (!picked) return undefined;
    await this.selection.setTenantId(picked.tenantId);
    await this.selection.setSubscriptionIds(undefined);
    // A token for the new tenant may need consent: ask now, not in the middle of a tree refresh.
    await this.promptForSession(this.scopes(picked.tenantId), { createIfNone: true });
    this.log.info(`Azure: tenant ${picked.tenantId} selected.`);
    this.emitter.fire();
    return picked.tenantId;
  }

  /** Lets the user pick subscriptions (several); remembered in globalState. */
  async selectSubscriptions(): Promise<string[] | undefined> {
    if (!(await this.isSignedIn())) await this.signIn();
    const subscriptions: SubscriptionSummary[] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing Azure subscriptions…'), cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return collect((await this.client(controller.signal)).listSubscriptions(controller.signal));
    });
    const current = new Set(this.selection.subscriptionIds() ?? subscriptions.map((s) => s.id));
    const picked = await vscode.window.showQuickPick(
      subscriptions.map((s) => ({ label: s.name, description: s.id, detail: s.state && s.state !== 'Enabled' ? s.state : undefined, picked: current.has(s.id), id: s.id })),
      { title: vscode.l10n.t('Azure subscriptions for ACR Doctor'), canPickMany: true, placeHolder: vscode.l10n.t('Pick the subscriptions to look for registries in') },
    );
    if (!picked) return undefined;
    const ids = picked.length === subscriptions.length ? undefined : picked.map((p) => p.id);
    await this.selection.setSubscriptionIds(ids);
    this.emitter.fire();
    return ids ?? subscriptions.map((s) => s.id);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
