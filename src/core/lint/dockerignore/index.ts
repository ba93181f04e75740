import type { LintLanguage } from '../types';

// Placeholder until the dockerignore rules land: parses nothing, reports nothing.
export const dockerignoreLanguage: LintLanguage<string> = {
  kind: 'dockerignore',
  commentPrefix: '#',
  parse: (text) => ({ doc: text, findings: [] }),
  rules: [],
};
