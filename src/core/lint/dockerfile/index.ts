import type { LintLanguage } from '../types';

// Placeholder until the dockerfile rules land: parses nothing, reports nothing.
export const dockerfileLanguage: LintLanguage<string> = {
  kind: 'dockerfile',
  commentPrefix: '#',
  parse: (text) => ({ doc: text, findings: [] }),
  rules: [],
};
