import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** Usage at or above this share of the limit warns (what `show` flagged before this check existed). */
export const STORAGE_WARNING_PERCENT = 90;

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** F11/F32: storage usage against the tier's limit; a full registry refuses pushes. */
export const registryStorageQuota: Check = {
  meta: { id: 'registry.storage-quota', area: 'registry', title: 'Storage is below the limit', faq: ['F11', 'F10', 'F32'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-skus#service-tier-features-and-limits' },
  run: (context) =>
    judging('the storage usage', async (): Promise<CheckOutcome> => {
      const usages = await context.facts.storageUsage();
      const size = usages.find((u) => u.name === 'Size');
      if (!size) return { status: 'pass', summary: 'ARM reported no storage usage.', evidence: { usages: usages.map((u) => u.name) } };
      const evidence = { usedBytes: size.currentValue, limitBytes: size.limit ?? null, percentUsed: size.percent ?? null };
      const amount = size.limit && size.limit > 0 ? `${gib(size.currentValue)} of ${gib(size.limit)} (${size.percent}%)` : `${gib(size.currentValue)} (no limit)`;
      const fixes = [
        { kind: 'command' as const, title: 'Delete untagged manifests first (dry run)', command: `acr-doctor cleanup ${context.target.registry.toLowerCase()} ${context.target.repository ?? '<repository>'} --untagged --dry-run` },
        azAcrUpdate(context.target, 'Or move to a tier with more included storage', '--sku Premium'),
        link('Why usage does not drop after deleting images (shared layers, FAQ F10)', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#why-does-the-registry-quota-usage-not-reduce-after-deleting-images-'),
      ];
      if (size.percent !== undefined && size.percent >= 100) return { status: 'fail', summary: `Storage is full: ${amount}. Pushes are refused ("operation disallowed", FAQ F32).`, evidence, fixes };
      if (size.percent !== undefined && size.percent >= STORAGE_WARNING_PERCENT) return { status: 'warn', summary: `Storage is near the limit: ${amount}; pushes will be refused when it is full.`, evidence, fixes };
      return { status: 'pass', summary: `Storage: ${amount}.`, evidence };
    }),
};
