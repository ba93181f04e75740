import type { LintLanguage } from '../types';

// Placeholder until the arm-template rules land: parses nothing, reports nothing.
export const armLanguage: LintLanguage<string> = {
  kind: 'arm-template',
  commentPrefix: '//',
  parse: (text) => ({ doc: text, findings: [] }),
  rules: [],
};
