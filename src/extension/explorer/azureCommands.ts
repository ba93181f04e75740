/**
 * Commands on Azure registries (management plane through ARM): open in the portal, admin
 * credentials and the admin user (F04), anonymous pull (F18), "Add My IP to the Firewall…" (F07)
 * and the storage report (F10, F11). Thin: what to say and ask is src/core/explorer.
 */
import * as vscode from 'vscode';
import type { RegistryRef } from '../../core/azure/index';
import {
  addFirewallRule,
  describeAdminUserChange,
  estimateUntaggedCleanup,
  ipRuleOf,
  needsPremium,
  planAnonymousPull,
  prepareFirewallRule,
  probeClientIp,
  readAdminCredentials,
  recheckProgressText,
  recheckUntilApplied,
  safeForShell,
  setAdminUser,
  setAnonymousPull,
  storageReportDocument,
  type CleanupEstimate,
  type ExplorerNode,
  type StorageReportInput,
} from '../../core/explorer/index';
import { AcrDoctorError, isAbortError } from '../../core/errors';
import { cancellable, needNode, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS, RUN_DIAGNOSTICS_COMMAND } from './explorerCommandIds';

/** Repository names offered in the storage report's quick pick at most. */
const MAX_REPOSITORIES_TO_PICK = 1000;

export function azureCommands(ctx: ExplorerCommandContext): CommandHandlers {
  const azureNode = (arg: unknown, types: ExplorerNode['type'][] = ['registry']): { node: ExplorerNode; ref: RegistryRef & { sku: string; id: string } } => {
    const node = needNode(arg, types, 'an Azure registry');
    const ref = node.registry?.azure;
    if (!ref) throw new AcrDoctorError('EXPLORER_NOT_AZURE', `${node.registry?.host ?? node.label} is not an Azure registry from your subscriptions.`, { hint: 'This command changes the registry through Azure Resource Manager: sign in to Azure and use the registry under Azure.' });
    return { node, ref };
  };
  const management = () => ctx.azureBrowser().management();

  const changeAdminUser = async (arg: unknown, enable: boolean): Promise<void> => {
    const { ref } = azureNode(arg);
    const arm = await management();
    const change = await cancellable(`Reading the admin user setting of ${ref.name}…`, (signal) => describeAdminUserChange(arm, ref, enable, signal));
    if (change.already) {
      void vscode.window.showInformationMessage(`${change.title}${change.detail ? ` ${change.detail}` : ''}`);
      return;
    }
    const answer = await vscode.window.showWarningMessage(change.title, { modal: true, detail: change.detail }, change.confirmLabel);
    if (answer !== change.confirmLabel) return;
    const result = await cancellable(`${enable ? 'Enabling' : 'Disabling'} the admin user of ${ref.name}…`, (signal) => setAdminUser(arm, ref, enable, signal));
    if (result.enabled === enable) void vscode.window.showInformationMessage(result.message);
    else void vscode.window.showWarningMessage(result.message);
  };

  const changeAnonymousPull = async (arg: unknown, enable: boolean): Promise<void> => {
    const { node, ref } = azureNode(arg);
    const arm = await management();
    const plan = await cancellable(`Reading the anonymous pull setting of ${ref.name}…`, (signal) => planAnonymousPull(arm, ref, enable, signal));
    if (plan.kind !== 'confirm') {
      void (plan.kind === 'unsupported' ? vscode.window.showWarningMessage(plan.message) : vscode.window.showInformationMessage(plan.message));
      return;
    }
    const answer = await vscode.window.showWarningMessage(plan.title, { modal: true, detail: plan.detail }, plan.confirmLabel);
    if (answer !== plan.confirmLabel) return;
    const result = await cancellable(`${enable ? 'Enabling' : 'Disabling'} anonymous pull on ${ref.name}…`, (signal) => setAnonymousPull(arm, ref, enable, signal));
    if (!result.changed) {
      void vscode.window.showWarningMessage(result.message);
      return;
    }
    if (!enable) {
      void vscode.window.showInformationMessage(result.message);
      return;
    }
    const host = (node.registry?.host ?? '').toLowerCase();
    const copy = 'Copy docker logout command';
    if (!safeForShell(host)) {
      void vscode.window.showInformationMessage(result.message);
      return;
    }
    if ((await vscode.window.showInformationMessage(result.message, copy)) === copy) await vscode.env.clipboard.writeText(`docker logout ${host}`);
  };

  return {
    [IDS.openInPortal]: async (arg) => {
      const { ref } = azureNode(arg);
      await vscode.env.openExternal(vscode.Uri.parse(`https://portal.azure.com/#resource${ref.id}`));
    },

    [IDS.showAdminCredentials]: async (arg) => {
      const { node, ref } = azureNode(arg);
      const arm = await management();
      const view = await cancellable(`Reading the admin user of ${ref.name}…`, (signal) => readAdminCredentials(arm, ref, signal));
      if (view.state === 'disabled') {
        const enable = 'Enable admin user…';
        if ((await vscode.window.showInformationMessage(view.message, enable)) === enable) await vscode.commands.executeCommand(IDS.enableAdminUser, node);
        return;
      }
      const buttons = view.passwords.map((password) => `Copy ${password.name}`);
      const picked = await vscode.window.showWarningMessage(`Admin user of ${view.registry}: ${view.username}`, { modal: true, detail: view.message }, ...buttons);
      const password = view.passwords[buttons.indexOf(picked ?? '')];
      if (!password) return;
      // The one place a password is revealed: straight to the clipboard, never into a message or the log.
      await vscode.env.clipboard.writeText(password.value.reveal());
      void vscode.window.setStatusBarMessage(`Copied ${password.name} of the admin user ${view.username} to the clipboard`, 4000);
    },
    [IDS.enableAdminUser]: (arg) => changeAdminUser(arg, true),
    [IDS.disableAdminUser]: (arg) => changeAdminUser(arg, false),
    [IDS.enableAnonymousPull]: (arg) => changeAnonymousPull(arg, true),
    [IDS.disableAnonymousPull]: (arg) => changeAnonymousPull(arg, false),

    [IDS.addFirewallRule]: async (arg, ipArg) => {
      const { node, ref } = azureNode(arg, ['registry', 'error']);
      const premium = needsPremium(ref);
      if (premium) {
        void vscode.window.showWarningMessage(premium);
        return;
      }
      const target = node.registry ?? { host: '', insecureHttp: false, source: 'azure' as const };
      const client = ctx.clientFor(target);
      // This machine's address, as the registry's 403 named it: from the error node, or probed now.
      let thisMachine = typeof ipArg === 'string' ? ipArg : node.actions?.find((a) => a.kind === 'addFirewallRule')?.clientIp;
      let ip = thisMachine;
      if (!ip) {
        const probe = await cancellable(`Asking ${target.host} which address its firewall refuses…`, (signal) => probeClientIp(client, signal));
        thisMachine = probe.deniedClientIp;
        ip = probe.deniedClientIp;
        if (!ip) {
          ip = await vscode.window.showInputBox({
            title: `Add an IP rule to the firewall of ${ref.name}`,
            prompt: `${target.host} answers /v2/ with ${probe.status}${probe.status === 403 ? ' without naming an address' : ': its firewall lets this machine in'}. Type the IPv4 address or range to allow (e.g. a build agent's outgoing address).`,
            placeHolder: '203.0.113.7 or 203.0.113.0/24',
            ignoreFocusOut: true,
            validateInput: (value) => {
              try {
                ipRuleOf(value);
                return undefined;
              } catch (error) {
                return error instanceof Error ? error.message : String(error);
              }
            },
          });
          if (!ip) return;
        }
      }
      const arm = await management();
      const rule = ip;
      const plan = await cancellable(`Reading the network rules of ${ref.name}…`, (signal) => prepareFirewallRule(arm, ref, rule, signal));
      if (plan.kind === 'refused') {
        void vscode.window.showWarningMessage(plan.message);
        return;
      }
      const answer = await vscode.window.showWarningMessage(plan.title, { modal: true, detail: plan.detail }, plan.confirmLabel);
      if (answer !== plan.confirmLabel) return;
      if (!plan.present) await cancellable(`Adding ${plan.rule} to the firewall of ${ref.name}…`, (signal) => addFirewallRule(arm, ref, plan.rule, signal));
      const registryId = ctx.registryNodeId(node) ?? node.id;
      if (!thisMachine || !ipRuleOf(plan.rule).covers(thisMachine)) {
        ctx.refreshNode(registryId);
        void vscode.window.showInformationMessage(`${plan.present ? `${plan.rule} is already in` : `Added ${plan.rule} to`} the firewall of ${ref.name}. ACR Doctor cannot test from that address; a change takes a few minutes to apply (FAQ F07).`);
        return;
      }
      const machineIp = thisMachine;
      const result = await cancellable(`Waiting for the firewall of ${ref.name} to let ${machineIp} in (FAQ F07)`, (signal, progress) =>
        recheckUntilApplied(client, { clientIp: machineIp, registryName: ref.name, signal, onProgress: (p) => progress.report({ message: recheckProgressText(p) }) }),
      );
      ctx.refreshNode(registryId);
      if (result.outcome === 'applied') {
        void vscode.window.showInformationMessage(result.message);
        return;
      }
      const diagnose = 'Run diagnostics';
      if ((await vscode.window.showWarningMessage(result.message, diagnose)) === diagnose) await vscode.commands.executeCommand(RUN_DIAGNOSTICS_COMMAND, target.host);
    },

    [IDS.showStorageUsage]: async (arg) => {
      const node = needNode(arg, ['registry', 'repository'], 'a registry or repository');
      const target = node.registry;
      if (!target) throw new AcrDoctorError('EXPLORER_NO_REGISTRY', 'This item does not belong to a registry.');
      const client = ctx.clientFor(target);
      let repository = node.type === 'repository' ? node.repository : undefined;
      let estimate: CleanupEstimate | undefined;
      if (!repository) {
        let names: string[] = [];
        try {
          names = await cancellable(`Listing the repositories of ${target.host}…`, async (signal) => {
            const found: string[] = [];
            for await (const name of client.repositories({ signal })) {
              found.push(name);
              if (found.length >= MAX_REPOSITORIES_TO_PICK) break;
            }
            return found;
          });
        } catch (error) {
          if (isAbortError(error)) return;
          estimate = { kind: 'unavailable', repository: '(none)', reason: `The repositories could not be listed, so no cleanup estimate was made: ${error instanceof Error ? error.message : String(error)}` };
        }
        if (names.length) {
          const none = { label: 'Usage only', description: 'no per-repository estimate' };
          const picked = await vscode.window.showQuickPick([none, ...names.map((name) => ({ label: name, description: '' }))], {
            title: `Storage of ${target.host}`,
            placeHolder: 'Estimate what cleaning up the untagged manifests of which repository would free?',
          });
          if (!picked) return;
          if (picked !== none) repository = picked.label;
        }
      }
      const input: StorageReportInput = { host: target.host, azure: target.azure ? { name: target.azure.name, sku: target.azure.sku } : undefined, estimate };
      await cancellable(`Reading the storage of ${target.host}…`, async (signal, progress) => {
        if (target.azure) {
          try {
            input.usages = await ctx.azureBrowser().storageUsage(target.azure, signal);
          } catch (error) {
            if (isAbortError(error)) throw error;
            input.usageError = error instanceof Error ? error.message : String(error);
          }
        }
        if (repository) {
          const repo = repository;
          progress.report({ message: `estimating the cleanup of ${repo}` });
          try {
            input.estimate = await estimateUntaggedCleanup(client, repo, { signal, onProgress: (message) => progress.report({ message: `${repo}: ${message}` }) });
          } catch (error) {
            if (isAbortError(error)) throw error;
            // The usage part still answers; the document says why the estimate is missing.
            input.estimate = { kind: 'unavailable', repository: repo, reason: `The manifests of ${repo} could not be read: ${error instanceof Error ? error.message : String(error)}` };
          }
        }
      });
      await ctx.openDocument(`/${target.host}/storage${repository ? `-${repository.replace(/\//g, '_')}` : ''}.md`, storageReportDocument(input), 'markdown');
    },
  };
}
