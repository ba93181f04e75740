import type { LintLanguage } from '../types';
import { parseSysconfig, type SysconfigDoc } from './document';
import { sysconfigDockerRules } from './rules';

export type { SysconfigDoc } from './document';

/** /etc/sysconfig/docker (RHEL/CentOS/Fedora docker package): rules ACR5xx. */
export const sysconfigDockerLanguage: LintLanguage<SysconfigDoc> = {
  kind: 'sysconfig-docker',
  commentPrefix: '#',
  parse: (text) => ({ doc: parseSysconfig(text), findings: [] }),
  rules: sysconfigDockerRules,
};
