import { lintWithLanguage } from '../../lint/engine';
import { sysconfigDockerLanguage } from '../../lint/sysconfig-docker';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

export const SYSCONFIG_DOCKER = '/etc/sysconfig/docker';
const RULE = 'ACR501';

/** ID and ID_LIKE of /etc/os-release, e.g. "rhel fedora". */
function distribution(osRelease: string | undefined): string {
  if (!osRelease) return '';
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1] ?? '';
  return `${field('ID')} ${field('ID_LIKE')}`.trim();
}

/**
 * FAQ F24: RHEL/CentOS/Fedora's docker package verifies image signatures unless OPTIONS in
 * /etc/sysconfig/docker says `--signature-verification=false`: pushes work, pulls fail "unauthorized".
 * Judged by lint rule ACR501, so the check and the editor agree and share the quick fix.
 */
export const dockerSignatureVerification: Check = {
  meta: {
    id: 'docker.signature-verification',
    area: 'docker',
    title: 'RHEL/Fedora docker does not verify signatures on ACR pulls',
    faq: ['F24'],
    docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#docker-push-succeeds-but-docker-pull-fails-with-error-unauthorized-authentication-required',
  },
  async run(context): Promise<CheckOutcome> {
    const { system } = context;
    if (system.platform !== 'linux') return { status: 'skip', summary: `Only the RHEL/Fedora docker package on Linux reads ${SYSCONFIG_DOCKER}; this is ${system.platform}.` };
    const distro = distribution(await system.readFile('/etc/os-release'));
    const text = await system.readFile(SYSCONFIG_DOCKER);
    if (text === undefined) {
      return { status: 'pass', summary: `No ${SYSCONFIG_DOCKER}: not the RHEL/Fedora docker package, so no signature verification on pulls.`, evidence: { file: SYSCONFIG_DOCKER, found: false, distribution: distro || null } };
    }
    const findings = lintWithLanguage(sysconfigDockerLanguage, { fileName: SYSCONFIG_DOCKER, text }).filter((f) => f.code === RULE);
    const finding = findings[0];
    if (!finding) {
      return { status: 'pass', summary: `${SYSCONFIG_DOCKER} sets --signature-verification=false.`, evidence: { file: SYSCONFIG_DOCKER, found: true, distribution: distro || null } };
    }
    const line = finding.range.start.line + 1;
    return {
      status: 'fail',
      summary: `${SYSCONFIG_DOCKER} (line ${line}) leaves signature verification on: pulls from ACR fail with "unauthorized" while pushes work (FAQ F24).`,
      evidence: { file: SYSCONFIG_DOCKER, found: true, line, distribution: distro || null, rule: RULE },
      fixes: [
        { kind: 'file-edit', title: finding.fixes[0]?.title ?? 'Add --signature-verification=false to OPTIONS', file: SYSCONFIG_DOCKER, line, ruleCode: RULE },
        { kind: 'command', title: 'Then restart docker', command: 'sudo systemctl restart docker' },
        link('FAQ: push works, pull fails on RHEL', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#docker-push-succeeds-but-docker-pull-fails-with-error-unauthorized-authentication-required'),
      ],
    };
  },
};
