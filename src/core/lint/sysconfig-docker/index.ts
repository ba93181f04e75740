import type { LintLanguage } from '../types';

// Placeholder until the sysconfig-docker rules land: parses nothing, reports nothing.
export const sysconfigDockerLanguage: LintLanguage<string> = {
  kind: 'sysconfig-docker',
  commentPrefix: '#',
  parse: (text) => ({ doc: text, findings: [] }),
  rules: [],
};
