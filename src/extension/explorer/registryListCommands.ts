/** Adding and removing "Other registries" (the acrDoctor.registries setting) and their credentials. */
import * as vscode from 'vscode';
import { normaliseHost } from '../../core/explorer/index';
import { AcrDoctorError } from '../../core/errors';
import { needNode, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS } from './explorerCommandIds';

const SECTION = 'acrDoctor';

export function registryListCommands(ctx: ExplorerCommandContext): CommandHandlers {
  const { credentials, askCredentials, refreshNode, registryNodeId } = ctx;
  // The workspace's settings when a folder is open, else the user's (as every setting we write).
  const writeRegistries = async (next: Array<{ host: string; insecureHttp: boolean }>): Promise<void> => {
    await ctx.config.updateSetting(`${SECTION}.registries`, next);
  };
  return {
    [IDS.addRegistry]: async () => {
      const typed = await vscode.window.showInputBox({
        title: 'Add Registry',
        prompt: 'Login server, host[:port] (e.g. myregistry.azurecr.io, ghcr.io, 127.0.0.1:5000)',
        ignoreFocusOut: true,
        validateInput: (text) => (normaliseHost(text) ? undefined : 'Give a host name or address, optionally with :port, no path.'),
      });
      const hostName = typed ? normaliseHost(typed) : undefined;
      if (!hostName) return;
      const current = ctx.config.knownRegistries();
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
      const current = ctx.config.knownRegistries();
      await writeRegistries(current.filter((r) => r.host.toLowerCase() !== hostName.toLowerCase()));
      await credentials.forget(hostName);
      ctx.dropHost(hostName);
    },
    [IDS.setCredentials]: async (arg) => {
      const node = needNode(arg, ['registry', 'error'], 'a registry');
      if (!node.registry || node.registry.source !== 'configured') throw new AcrDoctorError('EXPLORER_AZURE_CREDENTIALS', 'Azure registries use your Azure sign-in.', { hint: 'Run "ACR Doctor: Sign in to Azure", or add the login server under "Other registries" to use an admin user or token.' });
      if (await askCredentials(node.registry.host)) refreshNode(registryNodeId(node));
    },
  };
}
