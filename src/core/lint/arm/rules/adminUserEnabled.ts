import type { Rule } from '../../types';
import type { ArmDocument } from '../model';

/** ACR408: adminUserEnabled: true — the admin user is for testing (F04) and a built-in Azure Policy can block it (F41). */
export const adminUserEnabledRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR408',
    name: 'arm-admin-user-enabled',
    kind: 'arm-template',
    type: 'suggestion',
    severity: 'warning',
    description: 'The registry enables the admin user, a single shared credential meant for testing.',
    faq: ['F04', 'F41'],
    fixable: true,
    messages: {
      enabled: "adminUserEnabled is true: the admin user is one shared username/password with full push/pull rights, meant for testing, and the built-in Azure Policy 'Container registries should have local admin account disabled' can deny this deployment. Set it to false and use Microsoft Entra identities (AcrPull/AcrPush role assignments) or repository-scoped tokens.",
    },
  },
  check(doc, context) {
    for (const registry of doc.registries()) {
      const admin = doc.resourceValue(registry, 'properties', 'adminUserEnabled');
      if (!admin || admin.value !== true) continue;
      const literal = admin.node.type === 'boolean';
      const fixes = literal ? [{ title: 'Disable the admin user', edits: [{ range: doc.range(admin.node), newText: 'false' }], safe: false, preferred: true }] : [];
      context.report({ range: doc.range(admin.node), messageId: 'enabled', fixes });
    }
  },
};
