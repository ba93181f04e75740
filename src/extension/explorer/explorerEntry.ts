/**
 * The registry explorer in VS Code, bundled on its own as dist/explorer.js and loaded when
 * the view first opens (or one of its commands runs), so activation never pays for it.
 * Thin: the tree and its decisions are src/core/explorer; this wires settings, secrets,
 * the Azure account and the commands to it.
 */
import type { Config } from '../config';
import * as vscode from 'vscode';
import { ClientPool, ExplorerDataSource, imageReference, normaliseHost, planUntaggedCleanup, safeForShell, shortDigest, type ActionKind, type ConfiguredRegistry, type ExplorerNode, type RegistryTarget } from '../../core/explorer/index';
import { AcrDoctorError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { ACR_REFRESH_TOKEN_USERNAME, executeCleanup, RegistryClient, type RegistryCredential } from '../../core/registry/index';
import type { ExtensionAzureBrowser } from '../azure/azureBrowser';
import { RegistryCredentials, type ResolvedRegistryCredential } from './credentials';
import { EXPLORER_COMMAND_IDS as IDS, RUN_DIAGNOSTICS_COMMAND } from './explorerCommandIds';
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

const SECTION = 'acrDoctor';
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

  const nodeArg = (arg: unknown): ExplorerNode | undefined => (arg && typeof arg === 'object' && 'id' in arg && 'type' in arg ? (arg as ExplorerNode) : undefined);
  const needNode = (arg: unknown, types: ExplorerNode['type'][], what: string): ExplorerNode => {
    const node = nodeArg(arg);
    if (!node || !types.includes(node.type)) throw new AcrDoctorError('EXPLORER_NO_SELECTION', `Select ${what} in the ACR Doctor view first.`, { hint: 'Right-click it there, or select it and run the command again.' });
    return node;
  };
  /** The clicked node, or the whole multi-selection when the clicked node is part of it. */
  const selection = (arg: unknown, selected: unknown): ExplorerNode[] => {
    const node = nodeArg(arg);
    const many = Array.isArray(selected) ? selected.map(nodeArg).filter((n): n is ExplorerNode => n !== undefined) : [];
    return node && many.some((n) => n.id === node.id) && many.length > 1 ? many : node ? [node] : [];
  };
  const clientOf = (node: ExplorerNode): RegistryClient => {
    if (!node.registry) throw new AcrDoctorError('EXPLORER_NO_REGISTRY', 'This item does not belong to a registry.');
    return clientFor(node.registry);
  };
  const cancellable = <T>(title: string, work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal, progress);
    });

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

  // The workspace's settings when a folder is open, else the user's (as every setting we write).
  const writeRegistries = async (next: Array<{ host: string; insecureHttp: boolean }>): Promise<void> => {
    await host.config.updateSetting(`${SECTION}.registries`, next);
  };

  const runAction = async (node: ExplorerNode, kind: ActionKind): Promise<void> => {
    switch (kind) {
      case 'loadMore':
      case 'retry': {
        const containerId = node.parentId ?? 'acrDoctor';
        if (kind === 'retry' && node.type === 'error' && !data.node(containerId)) return refreshNode(undefined);
        const container = await data.loadMore(containerId);
        fire(container);
        return;
      }
      case 'clearFilter':
        if (node.parentId) {
          data.setFilter(node.parentId, '');
          fire(data.node(node.parentId));
        }
        return;
      case 'signIn':
        await vscode.commands.executeCommand('acrDoctor.azure.signIn');
        return;
      case 'enterCredentials':
        if (node.registry && (await askCredentials(node.registry.host))) refreshNode(registryNodeId(node));
        return;
      case 'showLog':
        host.showLog();
        return;
      case 'addRegistry':
        await vscode.commands.executeCommand(IDS.addRegistry);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'acrDoctor.registries');
        return;
      case 'addFirewallRule':
        void vscode.window.showInformationMessage('Adding the client IP to the firewall from the tree is not available yet: add it under the registry\'s Networking page in the Azure portal (firewall changes take a few minutes, FAQ F07).');
        return;
      case 'runDiagnostics': {
        const commands = await vscode.commands.getCommands(true);
        if (commands.includes(RUN_DIAGNOSTICS_COMMAND)) await vscode.commands.executeCommand(RUN_DIAGNOSTICS_COMMAND, node.registry?.host);
        else void vscode.window.showInformationMessage(`Diagnostics are not available in this version of ACR Doctor. From a terminal: acr-doctor check-health ${node.registry?.host ?? ''} (or az acr check-health -n NAME for an ACR).`);
        return;
      }
    }
  };

  const registryNodeId = (node: ExplorerNode): string | undefined => {
    let current: ExplorerNode | undefined = node;
    while (current && current.type !== 'registry') current = current.parentId ? data.node(current.parentId) : undefined;
    return current?.id;
  };

  const referenceOf = (node: ExplorerNode): string => {
    const registry = node.registry?.host ?? '';
    const repo = node.repository ?? '';
    return imageReference(registry, repo, node.type === 'tag' ? { tag: node.tag } : { digest: node.digest });
  };

  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    [IDS.refresh]: (arg) => refreshNode(nodeArg(arg)?.id),
    [IDS.loadMore]: (arg) => {
      const node = nodeArg(arg);
      if (node) return runAction(node, 'loadMore');
    },
    [IDS.runAction]: (arg, kind) => {
      const node = nodeArg(arg);
      if (node && typeof kind === 'string') return runAction(node, kind as ActionKind);
    },
    [IDS.filterRepositories]: async (arg) => {
      const node = needNode(arg, ['repositories'], 'a Repositories item');
      const prefix = await vscode.window.showInputBox({ title: `Filter repositories of ${node.registry?.host ?? ''}`, prompt: 'Show names starting with (uses the registry\'s own paging; empty clears the filter)', value: data.filterOf(node.id) ?? '' });
      if (prefix === undefined) return;
      data.setFilter(node.id, prefix);
      fire(data.node(node.id) ?? node);
    },
    [IDS.clearFilter]: (arg) => {
      const node = needNode(arg, ['repositories'], 'a Repositories item');
      data.setFilter(node.id, '');
      fire(data.node(node.id) ?? node);
    },
    [IDS.addRegistry]: async () => {
      const typed = await vscode.window.showInputBox({
        title: 'Add Registry',
        prompt: 'Login server, host[:port] (e.g. myregistry.azurecr.io, ghcr.io, 127.0.0.1:5000)',
        ignoreFocusOut: true,
        validateInput: (text) => (normaliseHost(text) ? undefined : 'Give a host name or address, optionally with :port, no path.'),
      });
      const hostName = typed ? normaliseHost(typed) : undefined;
      if (!hostName) return;
      const current = host.config.knownRegistries();
      if (current.some((r) => r.host.toLowerCase() === hostName.toLowerCase())) {
        void vscode.window.showInformationMessage(`${hostName} is already in acrDoctor.registries.`);
        return;
      }
      const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(hostName);
      let insecureHttp = false;
      if (loopback) {
        const http = await vscode.window.showQuickPick([{ label: 'Plain HTTP', description: 'a local test registry', value: true }, { label: 'HTTPS', value: false }], { title: `${hostName} is on this machine: how does it listen?` });
        if (!http) return;
        insecureHttp = http.value;
      }
      if (!(await askCredentials(hostName))) return;
      await writeRegistries([...current, { host: hostName, insecureHttp }]);
      void vscode.window.showInformationMessage(`Added ${hostName} to acrDoctor.registries; its credentials are in VS Code's secret storage (or your Docker config).`);
    },
    [IDS.removeRegistry]: async (arg) => {
      const node = needNode(arg, ['registry'], 'a registry under "Other registries"');
      if (node.registry?.source !== 'configured') throw new AcrDoctorError('EXPLORER_NOT_CONFIGURED', `${node.label} comes from your Azure subscription, not from acrDoctor.registries.`, { hint: 'Choose other subscriptions with "ACR Doctor: Select Azure Subscriptions".' });
      const hostName = node.registry.host;
      const remove = 'Remove';
      const answer = await vscode.window.showWarningMessage(`Remove ${hostName} from the explorer?`, { modal: true, detail: `This removes it from the setting acrDoctor.registries and deletes the credentials ACR Doctor stored for it. Nothing on the registry changes; your Docker config is not touched.` }, remove);
      if (answer !== remove) return;
      const current = host.config.knownRegistries();
      await writeRegistries(current.filter((r) => r.host.toLowerCase() !== hostName.toLowerCase()));
      await credentials.forget(hostName);
      pool.dropHost(hostName);
    },
    [IDS.setCredentials]: async (arg) => {
      const node = needNode(arg, ['registry', 'error'], 'a registry');
      if (!node.registry || node.registry.source !== 'configured') throw new AcrDoctorError('EXPLORER_AZURE_CREDENTIALS', 'Azure registries use your Azure sign-in.', { hint: 'Run "ACR Doctor: Sign in to Azure", or add the login server under "Other registries" to use an admin user or token.' });
      if (await askCredentials(node.registry.host)) refreshNode(registryNodeId(node));
    },
    [IDS.copyImageReference]: async (arg) => {
      const node = needNode(arg, ['tag', 'manifest', 'platform', 'referrer'], 'a tag or manifest');
      const reference = referenceOf(node);
      await vscode.env.clipboard.writeText(reference);
      void vscode.window.setStatusBarMessage(`Copied ${reference}`, 4000);
    },
    [IDS.copyDigest]: async (arg) => {
      const node = needNode(arg, ['tag', 'manifest', 'platform', 'referrer'], 'a tag or manifest');
      const digest = node.digest ?? (node.tag ? (await clientOf(node).getManifest(node.repository ?? '', node.tag)).digest : undefined);
      if (!digest) return;
      await vscode.env.clipboard.writeText(digest);
      void vscode.window.setStatusBarMessage(`Copied ${digest}`, 4000);
    },
    [IDS.copyPullCommand]: async (arg) => {
      const node = needNode(arg, ['tag', 'manifest', 'platform', 'referrer'], 'a tag or manifest');
      const reference = referenceOf(node);
      if (!safeForShell(reference)) throw new AcrDoctorError('EXPLORER_UNSAFE_NAME', 'This name has characters a valid image reference cannot have, so no command is built from it.', { hint: 'Check the name in the registry; it may imitate another one.' });
      await vscode.env.clipboard.writeText(`docker pull ${reference}`);
      void vscode.window.setStatusBarMessage(`Copied docker pull ${reference}`, 4000);
    },
    [IDS.dockerLogin]: async (arg) => {
      const node = needNode(arg, ['registry'], 'a registry');
      const target = node.registry as RegistryTarget;
      const loginServer = target.azure ? target.host.toLowerCase() : target.host;
      if (!safeForShell(loginServer)) throw new AcrDoctorError('EXPLORER_UNSAFE_NAME', 'This host name cannot be passed to a terminal safely.');
      let command: string;
      const env: Record<string, string> = {};
      if (target.azure) {
        // ACR: a refresh token for the login server in lower case (F25), piped, never shown.
        command = `az acr login --name ${target.azure.name} --expose-token --output tsv --query accessToken | docker login ${loginServer} --username ${ACR_REFRESH_TOKEN_USERNAME} --password-stdin`;
      } else {
        const stored = await credentials.stored(target.host);
        if (stored?.kind === 'basic') {
          if (!safeForShell(stored.username)) throw new AcrDoctorError('EXPLORER_UNSAFE_NAME', 'The stored username cannot be passed to a terminal safely.');
          env.ACR_DOCTOR_REGISTRY_PASSWORD = stored.password;
          command = `printf '%s' "$ACR_DOCTOR_REGISTRY_PASSWORD" | docker login ${loginServer} --username ${stored.username} --password-stdin`;
        } else command = `docker login ${loginServer}`;
      }
      const terminal = vscode.window.createTerminal({ name: `docker login ${loginServer}`, env });
      terminal.show();
      terminal.sendText(command);
    },
    [IDS.showManifest]: async (arg) => {
      const node = needNode(arg, ['tag', 'manifest', 'platform', 'referrer'], 'a tag or manifest');
      const reference = node.digest ?? node.tag ?? '';
      const manifest = await cancellable(`Reading ${node.repository}${node.digest ? '@' : ':'}${shortDigest(reference) ?? reference}…`, (signal) => clientOf(node).getManifest(node.repository ?? '', reference, { signal }));
      await openDocument(`/${node.registry?.host}/${node.repository}@${manifest.digest.replace(':', '-')}.json`, JSON.stringify(manifest.body, null, 2), 'json');
    },
    [IDS.cleanupUntagged]: async (arg) => {
      const node = needNode(arg, ['repository', 'untagged'], 'a repository or its "Untagged manifests"');
      const repo = node.repository ?? '';
      const client = clientOf(node);
      const plan = await cancellable(`Planning the cleanup of ${repo}: reading every manifest…`, (signal, progress) => planUntaggedCleanup(client, repo, { signal, onRead: (count) => progress.report({ message: `${count} read` }) }));
      await openDocument(`/${client.registry}/${repo}/cleanup-plan.md`, plan.document, 'markdown');
      if (plan.deletes.length === 0) {
        void vscode.window.showInformationMessage(`Nothing to clean up in ${repo}: every untagged manifest is needed (${plan.keeps.length} kept; the plan says why).`);
        return;
      }
      const confirm = `Delete ${plan.deletes.length} manifest${plan.deletes.length === 1 ? '' : 's'}`;
      const listed = plan.deletes.slice(0, 10).map((d) => `• ${shortDigest(d.digest)}: ${d.reason}`).join('\n');
      const answer = await vscode.window.showWarningMessage(
        `Delete ${plan.deletes.length} untagged manifest${plan.deletes.length === 1 ? '' : 's'} from ${client.registry}/${repo}?`,
        { modal: true, detail: `${listed}${plan.deletes.length > 10 ? `\n…and ${plan.deletes.length - 10} more (see the plan).` : ''}\n\n${plan.keeps.length} manifest(s) are kept: tagged images, their platform manifests and referrers, locked ones. A manifest tagged or locked since the plan is skipped. This cannot be undone unless soft delete is on.` },
        confirm,
      );
      if (answer !== confirm) return;
      const result = await cancellable(`Deleting untagged manifests of ${repo}`, (signal, progress) => {
        let reported = 0;
        return executeCleanup(client, repo, plan.plan, {
          dryRun: false,
          signal,
          onProgress: (done, total) => {
            const increment = ((done - reported) / Math.max(1, total)) * 100;
            reported = done;
            progress.report({ message: `${done}/${total}`, increment });
          },
        });
      });
      refreshNode(node.id);
      const failures = result.failed.map((f) => `${shortDigest(f.digest)}: ${f.error.message}`).join('; ');
      if (result.failed.length) void vscode.window.showWarningMessage(`Deleted ${result.deleted.length} of ${result.planned.length} untagged manifests in ${repo}; ${result.failed.length} not deleted: ${failures}`);
      else void vscode.window.showInformationMessage(`Deleted ${result.deleted.length} untagged manifest${result.deleted.length === 1 ? '' : 's'} from ${repo}.`);
    },
    [IDS.untag]: async (arg, selected) => {
      const nodes = selection(arg, selected).filter((n) => n.type === 'tag');
      if (nodes.length === 0) needNode(undefined, ['tag'], 'a tag');
      const names = nodes.map((n) => `${n.repository}:${n.tag}`);
      const confirm = nodes.length === 1 ? 'Untag' : `Untag ${nodes.length}`;
      const answer = await vscode.window.showWarningMessage(`Remove ${nodes.length === 1 ? 'the tag' : `${nodes.length} tags`} ${names.slice(0, 10).join(', ')}${names.length > 10 ? '…' : ''}?`, { modal: true, detail: 'Only the tag names go: the manifests stay, so other tags and pulls by digest keep working. An untagged manifest can then be cleaned up.' }, confirm);
      if (answer !== confirm) return;
      for (const node of nodes) {
        const result = await clientOf(node).deleteTag(node.repository ?? '', node.tag ?? '');
        if (!result.untagged) void vscode.window.showWarningMessage(result.note ?? `${node.tag} was not untagged.`);
      }
      for (const parentId of new Set(nodes.map((n) => n.parentId))) refreshNode(parentId);
    },
    [IDS.deleteManifest]: async (arg, selected) => {
      const nodes = selection(arg, selected).filter((n) => n.type === 'tag' || n.type === 'manifest');
      if (nodes.length === 0) needNode(undefined, ['tag', 'manifest'], 'a tag or manifest');
      const lines: string[] = [];
      const work: Array<{ node: ExplorerNode; digest: string }> = [];
      await cancellable('Finding which tags go with each manifest…', async (signal) => {
        for (const node of nodes) {
          const client = clientOf(node);
          const repo = node.repository ?? '';
          const digest = node.digest ?? (await client.getManifest(repo, node.tag ?? '', { signal })).digest;
          const info = await client.manifestInfo(repo, digest, { signal });
          const tags = info ? (info.tags.length ? `the tags ${info.tags.join(', ')} go with it` : 'it has no tags') : 'every tag pointing at this digest goes with it (this registry cannot list them per digest)';
          lines.push(`• ${repo}@${shortDigest(digest)}: ${tags}`);
          work.push({ node, digest });
        }
      });
      const confirm = work.length === 1 ? 'Delete manifest' : `Delete ${work.length} manifests`;
      const answer = await vscode.window.showWarningMessage(`Delete ${work.length === 1 ? 'this manifest' : `${work.length} manifests`}?`, { modal: true, detail: `${lines.join('\n')}\n\nPulls by these digests will fail; layers shared with other images stay. This cannot be undone unless soft delete is on.` }, confirm);
      if (answer !== confirm) return;
      for (const { node, digest } of work) await clientOf(node).deleteManifest(node.repository ?? '', digest);
      for (const parentId of new Set(nodes.map((n) => n.parentId))) refreshNode(parentId);
    },
    [IDS.openInPortal]: async (arg) => {
      const node = needNode(arg, ['registry'], 'an Azure registry');
      const azureRef = node.registry?.azure;
      if (!azureRef) throw new AcrDoctorError('EXPLORER_NOT_AZURE', `${node.label} is not an Azure registry from your subscriptions.`);
      await vscode.env.openExternal(vscode.Uri.parse(`https://portal.azure.com/#resource${azureRef.id}`));
    },
  };

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
