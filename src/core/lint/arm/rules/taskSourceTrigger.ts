import type { Node } from 'jsonc-parser';
import type { Rule } from '../../types';
import { getProperty, isPlainObject } from '../expressionValues';
import { items, path, prop } from '../json';
import type { ArmDocument } from '../model';

type Service = 'gitlab' | 'bitbucket';

function serviceOf(text: string): Service | undefined {
  const lower = text.toLowerCase();
  if (/^gitlab$/.test(lower) || /^(https?:\/\/|git@|ssh:\/\/)?[^/]*gitlab[^/]*[/:]/.test(lower)) return 'gitlab';
  if (/^bitbucket$/.test(lower) || /^(https?:\/\/|git@|ssh:\/\/)?[^/]*bitbucket[^/]*[/:]/.test(lower)) return 'bitbucket';
  return undefined;
}

/** ACR413: ACR Tasks source (commit/PR) triggers work with GitHub and Azure Repos only (F37, F38). */
export const taskSourceTriggerRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR413',
    name: 'arm-task-source-trigger',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'A registries/tasks source trigger points at GitLab or Bitbucket, which ACR Tasks supports for manual runs only.',
    faq: ['F37', 'F38'],
    fixable: false,
    messages: {
      gitlab: "This source trigger uses GitLab ({{value}}); ACR Tasks source triggers (commit and pull request) support GitHub and Azure Repos only, so the task would never run on a commit. Remove the source trigger and run the task manually (az acr task run), on a timer trigger, or from GitLab CI with az acr run.",
      bitbucket: "This source trigger uses Bitbucket ({{value}}); Bitbucket repositories work with ACR Tasks for manual builds only, source triggers support GitHub and Azure Repos. Remove the source trigger and run the task manually (az acr task run), on a timer trigger, or from a Bitbucket pipeline with az acr run.",
    },
  },
  check(doc, context) {
    for (const task of doc.resources) {
      if (task.existing || task.type?.toLowerCase() !== 'microsoft.containerregistry/registries/tasks') continue;
      const triggersNode = path(task.node, 'properties', 'trigger', 'sourceTriggers');
      const triggers: { value: unknown; node: Node; typeNode?: Node; urlNode?: Node }[] = [];
      if (triggersNode?.type === 'array') {
        for (const item of items(triggersNode)) {
          const source = prop(item, 'sourceRepository');
          triggers.push({ value: doc.valueOf(item, task.scope), node: item, typeNode: prop(source, 'sourceControlType'), urlNode: prop(source, 'repositoryUrl') });
        }
      } else if (triggersNode) {
        const value = doc.valueOf(triggersNode, task.scope);
        if (Array.isArray(value)) for (const item of value) triggers.push({ value: item, node: triggersNode });
      }
      for (const trigger of triggers) {
        const value = trigger.value as Parameters<typeof getProperty>[0];
        if (!isPlainObject(value)) continue;
        const status = getProperty(value, 'status');
        if (typeof status === 'string' && status.toLowerCase() === 'disabled') continue;
        const source = getProperty(value, 'sourceRepository');
        const type = getProperty(source, 'sourceControlType');
        const url = getProperty(source, 'repositoryUrl');
        const byType = typeof type === 'string' ? serviceOf(type) : undefined;
        const byUrl = typeof url === 'string' ? serviceOf(url) : undefined;
        const service = byType ?? byUrl;
        if (!service) continue;
        const node = byType ? (trigger.typeNode ?? trigger.node) : (trigger.urlNode ?? trigger.node);
        context.report({ range: doc.range(node), messageId: service, data: { value: String(byType ? type : url) } });
      }
    }
  },
};
