import type { LintLanguage } from '../types';

// Placeholder until the daemon-json rules land: parses nothing, reports nothing.
export const daemonJsonLanguage: LintLanguage<string> = {
  kind: 'daemon-json',
  commentPrefix: null,
  parse: (text) => ({ doc: text, findings: [] }),
  rules: [],
};
