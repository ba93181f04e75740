/** Commands on tags and manifests: copy, docker login, show manifest, untag, delete, clean up untagged. */
import * as vscode from 'vscode';
import { createNodeSystem } from '../../core/checks/nodeSystem';
import { dockerStatus, formatPlatform, imageDetailsDocument, imageReference, planDockerLogin, planUntaggedCleanup, safeForShell, shortDigest, type ExplorerNode, type RegistryTarget } from '../../core/explorer/index';
import { AcrDoctorError } from '../../core/errors';
import { executeCleanup } from '../../core/registry/index';
import { Secret } from '../../core/secret';
import { cancellable, needNode, selection, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS } from './explorerCommandIds';

export function imageCommands(ctx: ExplorerCommandContext): CommandHandlers {
  const { clientOf, credentials, openDocument, refreshNode } = ctx;
  const referenceOf = (node: ExplorerNode): string => {
    const registry = node.registry?.host ?? '';
    const repo = node.repository ?? '';
    return imageReference(registry, repo, node.type === 'tag' ? { tag: node.tag } : { digest: node.digest });
  };
  return {
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
      const { docker, login } = await cancellable(`Preparing docker login to ${target.host}…`, async (signal) => {
        const docker = await dockerStatus(createNodeSystem(), signal);
        // Azure: the refresh token of the Entra sign-in (what az acr login --expose-token gives); configured: the stored password.
        const stored = target.azure ? undefined : await credentials.stored(target.host);
        const login = target.azure ? await clientOf(node).loginCredential({ signal }) : stored?.kind === 'basic' ? { username: stored.username, password: new Secret(stored.password) } : undefined;
        return { docker, login };
      });
      const plan = planDockerLogin({ host: target.host, acr: target.azure !== undefined }, docker, login);
      if (plan.kind === 'unavailable') {
        const open = 'Open Terminal Anyway';
        const picked = await vscode.window.showWarningMessage(plan.message, ...(plan.secretLabel ? [plan.secretLabel] : []), open);
        if (picked === plan.secretLabel && login) {
          await vscode.env.clipboard.writeText(login.password.reveal());
          void vscode.window.showInformationMessage(`Copied. Username: ${login.username}. Clear the clipboard when you are done.`);
        } else if (picked === open) {
          const terminal = vscode.window.createTerminal({ name: `docker login ${plan.loginServer}` });
          terminal.show();
          terminal.sendText(`docker login ${plan.loginServer}`);
        }
        return;
      }
      const terminal = vscode.window.createTerminal({ name: `docker login ${plan.loginServer}`, env: plan.env });
      terminal.show();
      terminal.sendText(plan.command);
      void vscode.window.setStatusBarMessage(plan.note, 8000);
    },
    [IDS.showManifest]: async (arg) => {
      const node = needNode(arg, ['tag', 'manifest', 'platform', 'referrer'], 'a tag or manifest');
      const reference = node.digest ?? node.tag ?? '';
      const manifest = await cancellable(`Reading ${node.repository}${node.digest ? '@' : ':'}${shortDigest(reference) ?? reference}…`, (signal) => clientOf(node).getManifest(node.repository ?? '', reference, { signal }));
      await openDocument(`/${node.registry?.host}/${node.repository}@${manifest.digest.replace(':', '-')}.json`, JSON.stringify(manifest.body, null, 2), 'json');
    },
    [IDS.showConfigAndLayers]: async (arg) => {
      const node = needNode(arg, ['tag', 'manifest', 'platform'], 'a tag or manifest');
      const repo = node.repository ?? '';
      const client = clientOf(node);
      let reference = node.digest ?? node.tag ?? '';
      let manifest = await cancellable(`Reading ${repo}${node.digest ? '@' : ':'}${shortDigest(reference) ?? reference}…`, (signal) => client.getManifest(repo, reference, { signal }));
      if (manifest.platforms?.length) {
        // An index has no config of its own: the user picks the platform (the document lists them all otherwise).
        const picked = await vscode.window.showQuickPick(
          manifest.platforms.map((p) => ({ label: formatPlatform(p.platform) ?? 'unknown platform', description: shortDigest(p.digest), digest: p.digest })),
          { title: `${repo}${node.tag ? `:${node.tag}` : ''} is a multi-platform image`, placeHolder: 'Show the config and layers of which platform?' },
        );
        if (!picked) return;
        reference = picked.digest;
        manifest = await cancellable(`Reading ${repo}@${shortDigest(reference)}…`, (signal) => client.getManifest(repo, reference, { signal }));
      }
      const config = await cancellable(`Reading the image config of ${repo}@${shortDigest(manifest.digest)}…`, (signal) => client.imageConfig(repo, manifest, { signal }));
      const shown = imageReference(client.registry, repo, node.tag && reference === node.tag ? { tag: node.tag } : { digest: manifest.digest });
      await openDocument(`/${client.registry}/${repo}@${manifest.digest.replace(':', '-')}.config.md`, imageDetailsDocument({ reference: shown, manifest, config }), 'markdown');
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
  };
}
