import type { Rule } from '../../types';
import type { ArmDocument } from '../model';

/** ACR401: registry names are 5–50 characters, letters and digits only (resolved names only). */
export const registryNameRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR401',
    name: 'arm-registry-name',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'A Microsoft.ContainerRegistry/registries name must be 5–50 characters of letters and digits.',
    faq: ['F01'],
    fixable: false,
    messages: {
      length: "Registry name '{{name}}' has {{length}} characters; Azure accepts 5 to 50, so the deployment fails with an invalid resource name. Choose a name of 5–50 letters and digits.",
      characters: "Registry name '{{name}}' contains '{{bad}}'; registry names may contain only letters and digits (no '-', '_' or '.'), so the deployment fails. Remove the other characters, e.g. '{{suggestion}}'.",
    },
  },
  check(doc, context) {
    for (const registry of doc.registries()) {
      if (typeof registry.name !== 'string' || !registry.nameNode || registry.inCopyLoop) continue;
      const name = registry.name;
      const range = doc.range(registry.nameNode);
      const bad = name.match(/[^a-zA-Z0-9]/g);
      if (bad) {
        context.report({ range, messageId: 'characters', data: { name, bad: [...new Set(bad)].join(''), suggestion: name.replace(/[^a-zA-Z0-9]/g, '') || 'myregistry01' } });
      } else if (name.length < 5 || name.length > 50) {
        context.report({ range, messageId: 'length', data: { name, length: name.length } });
      }
    }
  },
};
