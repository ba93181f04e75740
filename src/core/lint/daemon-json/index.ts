import { makeFinding } from '../finding';
import type { Finding, LintLanguage, RuleMeta } from '../types';
import type { LineIndex } from '../../text/lineIndex';
import { tooDeepMessage } from '../jsonDepth';
import { parseDaemonJson, type DaemonJsonDoc } from './document';
import { daemonJsonRules } from './rules';

export type { DaemonJsonDoc } from './document';
export { addNondistributableRegistryEdits, enableDebugEdits } from './edits';

export const jsonSyntaxMeta: RuleMeta = {
  code: 'ACR300',
  name: 'json-syntax',
  kind: 'daemon-json',
  type: 'problem',
  severity: 'error',
  description: 'daemon.json must be strict JSON (no comments, no trailing commas) holding one object.',
  faq: ['F19', 'F26'],
  fixable: false,
  messages: {
    syntax: 'daemon.json is not valid JSON here ({{error}}): dockerd refuses to start. It must be strict JSON: no comments, no trailing commas, double-quoted keys and strings.',
    notObject: 'daemon.json must hold one JSON object { ... }, not {{found}}: dockerd refuses to start ("json: cannot unmarshal {{type}} into Go value of type config.Config").',
    tooDeep: tooDeepMessage('daemon.json option'),
  },
};

function parse(text: string, lines: LineIndex): { doc: DaemonJsonDoc | undefined; findings: Finding[] } {
  const { root, problems } = parseDaemonJson(text);
  const findings = problems.map((problem) => {
    switch (problem.kind) {
      case 'syntax':
        return makeFinding(jsonSyntaxMeta, { range: lines.rangeAt(problem.offset, problem.length), messageId: 'syntax', data: { error: problem.error } });
      case 'notObject':
        return makeFinding(jsonSyntaxMeta, { range: lines.rangeAt(problem.offset, Math.min(problem.length, 1)), messageId: 'notObject', data: { type: problem.found, found: /^[aeiou]/.test(problem.found) ? `an ${problem.found}` : `a ${problem.found}` } });
      case 'tooDeep':
        return makeFinding(jsonSyntaxMeta, { range: lines.rangeAt(problem.offset, 1), messageId: 'tooDeep' });
    }
  });
  return { doc: root ? { root } : undefined, findings };
}

/** Docker's daemon.json: strict JSON, rules ACR3xx. */
export const daemonJsonLanguage: LintLanguage<DaemonJsonDoc> = {
  kind: 'daemon-json',
  commentPrefix: null,
  parse,
  rules: daemonJsonRules,
  parseRules: [jsonSyntaxMeta],
};
