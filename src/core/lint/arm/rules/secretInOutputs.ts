import type { Rule } from '../../types';
import { prop, stringValue } from '../json';
import { listCalls } from '../listCalls';
import type { ArmDocument } from '../model';

function isWithin(offset: number, node: { offset: number; length: number }): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
}

/** ACR411: a list*() call in `outputs` puts a secret into the deployment history (arm-ttk Outputs-Must-Not-Contain-Secrets). */
export const secretInOutputsRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR411',
    name: 'arm-secret-in-outputs',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'An output calls a list*() function (e.g. listCredentials), which leaks a secret into the deployment history.',
    faq: ['F05'],
    fixable: false,
    messages: {
      leak: "Output '{{output}}' calls {{call}}(), so the secret it returns is stored in plain text in the deployment history, readable by anyone with read access to the resource group (arm-ttk: Outputs-Must-Not-Contain-Secrets). Remove the output and read the secret where it is needed (e.g. a Key Vault reference, or listCredentials in the consuming resource).",
    },
  },
  check(doc, context) {
    const calls = listCalls(doc);
    if (calls.length === 0) return;
    for (const template of doc.templates) {
      const outputs = prop(template.node, 'outputs');
      if (!outputs || outputs.type !== 'object') continue;
      for (const property of outputs.children ?? []) {
        const [keyNode, output] = property.children ?? [];
        if (!keyNode || !output) continue;
        const type = stringValue(prop(output, 'type'))?.toLowerCase();
        // Secure outputs are not stored in the deployment history.
        if (type === 'securestring' || type === 'secureobject') continue;
        for (const item of calls) {
          if (!isWithin(item.expression.node.offset, output)) continue;
          context.report({
            range: doc.valueRange(item.expression.node, item.call.start, item.call.end),
            messageId: 'leak',
            data: { output: String(keyNode.value), call: item.call.name },
          });
        }
      }
    }
  },
};
