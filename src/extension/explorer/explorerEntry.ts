/**
 * The registry explorer in VS Code, bundled on its own as dist/explorer.js and loaded when
 * the view first opens (or one of its commands runs), so activation never pays for it.
 * Thin: the tree and its decisions are src/core/explorer; this wires settings, secrets,
 * the Azure account and the commands to it.
 */
import type { Config } from '../config';
import * as vscode from 'vscode';
import { ClientPool, ExplorerDataSource, type ConfiguredRegistry, type ExplorerNode, type RegistryTarget } from '../../core/explorer/index';
import { AcrDoctorError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { RegistryClient, type RegistryCredential } from '../../core/registry/index';
import type { ExtensionAzureBrowser } from '../azure/azureBrowser';
import { RegistryCredentials, type ResolvedRegistryCredential } from './credentials';
import { azureCommands } from './azureCommands';
import type { CommandHandlers, ExplorerCommandContext } from './commandContext';
import { imageCommands } from './imageCommands';
import { registryListCommands } from './registryListCommands';
import { taskCommands } from './taskCommands';
import { treeCommands } from './treeCommands';
import { ExplorerTreeProvider } from './treeProvider';

export interface ExplorerHost {
  context: vscode.ExtensionContext;
  /** The one Config: the explorer reads and writes its settings through it. */
  config: Config;
  logger: Logger;
  showLog(): void;
  /** The Azure part, loaded from the Azure bundle on first use. */
  azure(): ExtensionAzureBrowser;
  /** Fires the view's change event (undefined = the whole tree). */
  fire(node: ExplorerNode | undefined): void;
  onDidChangeTreeData: vscode.Event<ExplorerNode | undefined | void>;
}

const DOCUMENT_SCHEME = 'acr-doctor-registry';

export interface ExplorerModule {
  provider: ExplorerTreeProvider;
  handlers: Record<string, (...args: unknown[]) => unknown>;
  onCollapse(node: ExplorerNode): void;
  dispose(): void;
}

export function createExplorer(host: ExplorerHost): ExplorerModule {
  const log = host.logger;
  const credentials = new RegistryCredentials(host.context.secrets, log);
  const resolved = new Map<string, ResolvedRegistryCredential>();
  let configured: ConfiguredRegistry[] = [];
  const disposables: vscode.Disposable[] = [];
  let azure: ExtensionAzureBrowser | undefined;
  const azureBrowser = (): ExtensionAzureBrowser => {
    if (!azure) {
      azure = host.azure();
      // A sign-in change rebuilds the Azure part only, with new clients for the new identity.
      const listener = azure.onDidChange(() => {
        pool.dropIdentities((identity) => identity.startsWith('azure:'));
        data.refreshAzure();
        host.fire(undefined);
      });
      disposables.push({ dispose: () => listener.dispose() });
    }
    return azure;
  };

  const identityOf = (target: RegistryTarget): string => (target.source === 'azure' ? azureBrowser().identity() : `configured:${resolved.get(target.host.toLowerCase())?.source ?? 'anonymous'}`);
  const pool = new ClientPool<RegistryClient>((hostName, identity) => {
    const target = targets.get(hostName.toLowerCase());
    let credential: RegistryCredential = { kind: 'anonymous' };
    if (identity.startsWith('azure:')) credential = azureBrowser().registryCredential(target?.azure?.tenantId);
    else credential = resolved.get(hostName.toLowerCase())?.credential ?? credential;
    return new RegistryClient({ registry: hostName, credential, insecureHttp: target?.insecureHttp ?? false, logger: log, traceRequests: true });
  });
  const targets = new Map<string, RegistryTarget>();
  const clientFor = (target: RegistryTarget): RegistryClient => {
    targets.set(target.host.toLowerCase(), target);
    return pool.get(target.host, identityOf(target));
  };

  const settings = () => host.config.explorerSettings();
  const data = new ExplorerDataSource({
    client: clientFor,
    configured: () => configured,
    settings,
    azure: {
      isSignedIn: (signal) => azureBrowser().isSignedIn(signal),
      tenants: (signal) => azureBrowser().tenants(signal),
      subscriptions: (tenantId, signal) => azureBrowser().subscriptions(tenantId, signal),
      registries: (subscriptionId, signal) => azureBrowser().registries(subscriptionId, signal),
      storageUsage: (ref, signal) => azureBrowser().storageUsage(ref, signal),
      tasks: (ref, signal) => azureBrowser().tasks(ref, signal),
      runs: (ref, query, signal) => azureBrowser().listRuns(ref, query, signal),
    },
  });

  const prepare = async (): Promise<void> => {
    configured = host.config.knownRegistries();
    for (const registry of configured) {
      const before = resolved.get(registry.host.toLowerCase())?.source;
      const now = await credentials.resolve(registry.host);
      resolved.set(registry.host.toLowerCase(), now);
      if (before !== now.source) pool.dropHost(registry.host);
    }
  };

  const provider = new ExplorerTreeProvider(data, host.onDidChangeTreeData, prepare);
  const fire = (node: ExplorerNode | undefined): void => host.fire(node);

  disposables.push(
    host.config.onDidChangeExplorer((what) => {
      // Registries: Other registries only; the Azure part keeps what it loaded.
      if (what === 'registries') data.refreshOtherRegistries();
      else data.refresh();
      fire(undefined);
    }),
  );

  const documents = new Map<string, string>();
  disposables.push(vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, { provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '' }));
  const openDocument = async (path: string, content: string, language: string): Promise<void> => {
    const uri = vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path });
    documents.set(uri.toString(), content);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { preview: true });
  };

  const refreshNode = (id: string | undefined): void => {
    data.refresh(id);
    fire(id ? data.node(id) : undefined);
  };

  // ---- commands ----------------------------------------------------------------------------

  const clientOf = (node: ExplorerNode): RegistryClient => {
    if (!node.registry) throw new AcrDoctorError('EXPLORER_NO_REGISTRY', 'This item does not belong to a registry.');
    return clientFor(node.registry);
  };

  const askCredentials = async (hostName: string): Promise<'anonymous' | 'basic' | 'docker' | undefined> => {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Username and password', description: 'admin user, repository token, htpasswd', detail: 'Stored in VS Code\'s secret storage, never in settings.', value: 'basic' as const },
        { label: 'Docker credentials', description: '~/.docker/config.json and credential helpers', detail: 'What `docker login` stored for this registry.', value: 'docker' as const },
        { label: 'Anonymous', description: 'public or anonymous-pull registries', value: 'anonymous' as const },
      ],
      { title: `Credentials for ${hostName}`, placeHolder: 'How should ACR Doctor sign in to this registry?' },
    );
    if (!picked) return undefined;
    if (picked.value === 'basic') {
      const username = await vscode.window.showInputBox({ title: `Username for ${hostName}`, prompt: 'For an ACR admin user or repository-scoped token, its name; for a refresh token, 00000000-0000-0000-0000-000000000000.', ignoreFocusOut: true });
      if (!username) return undefined;
      const password = await vscode.window.showInputBox({ title: `Password for ${username} on ${hostName}`, password: true, ignoreFocusOut: true, prompt: 'Stored in VS Code\'s secret storage.' });
      if (!password) return undefined;
      await credentials.store(hostName, { kind: 'basic', username, password });
    } else if (picked.value === 'anonymous') await credentials.store(hostName, { kind: 'anonymous' });
    else await credentials.forget(hostName);
    resolved.delete(hostName.toLowerCase());
    pool.dropHost(hostName);
    return picked.value;
  };

  const registryNodeId = (node: ExplorerNode): string | undefined => {
    let current: ExplorerNode | undefined = node;
    while (current && current.type !== 'registry') current = current.parentId ? data.node(current.parentId) : undefined;
    return current?.id;
  };

  const ctx: ExplorerCommandContext = {
    config: host.config,
    log,
    data,
    credentials,
    showLog: () => host.showLog(),
    azureBrowser,
    clientFor,
    clientOf,
    dropHost: (hostName: string) => pool.dropHost(hostName),
    fire,
    refreshNode,
    registryNodeId,
    askCredentials,
    openDocument,
  };
  const handlers: CommandHandlers = { ...treeCommands(ctx), ...registryListCommands(ctx), ...imageCommands(ctx), ...azureCommands(ctx), ...taskCommands(ctx) };

  // Errors: every command goes through the command table's guardCommand (message, hint, "Show log").
  return {
    provider,
    handlers,
    onCollapse: (node) => data.collapse(node.id),
    dispose: () => {
      for (const disposable of disposables.splice(0)) disposable.dispose();
    },
  };
}
