import type { Fix, Rule, RuleContext } from '../../types';
import type { Assignment, SysconfigDoc } from '../document';

const FLAG = '--signature-verification';
const FALSE_FLAG = `${FLAG}=false`;
const TRUE_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_VALUES = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The effective --signature-verification setting in OPTIONS (the last occurrence wins), or undefined when absent. */
export function signatureVerification(options: string): { enabled: boolean; token: string } | undefined {
  let result: { enabled: boolean; token: string } | undefined;
  for (const token of options.split(/\s+/)) {
    if (token === FLAG) result = { enabled: true, token };
    else if (token.startsWith(FLAG + '=')) {
      const value = token.slice(FLAG.length + 1);
      if (FALSE_VALUES.has(value)) result = { enabled: false, token };
      else if (TRUE_VALUES.has(value)) result = { enabled: true, token };
    }
  }
  return result;
}

function insertFix(context: RuleContext, options: Assignment | undefined): Fix | undefined {
  const title = `Add ${FALSE_FLAG} to OPTIONS`;
  const { lines, text } = context;
  if (!options) {
    const end = lines.positionAt(text.length);
    const endsWithBreak = text === '' || text.endsWith('\n') || text.endsWith('\r');
    return { title, edits: [{ range: { start: end, end }, newText: `${endsWithBreak ? '' : lines.eol}OPTIONS='${FALSE_FLAG}'${lines.eol}` }], safe: true, preferred: true };
  }
  if (options.unterminated) return undefined;
  const last = options.segments[options.segments.length - 1];
  if (last && last.close !== undefined && last.close === options.valueEnd - 1) {
    const before = text[last.close - 1];
    const needsSpace = last.close > last.open + 1 && before !== ' ' && before !== '\t' && before !== '\n';
    const at = lines.positionAt(last.close);
    return { title, edits: [{ range: { start: at, end: at }, newText: (needsSpace ? ' ' : '') + FALSE_FLAG }], safe: true, preferred: true };
  }
  const raw = text.slice(options.valueStart, options.valueEnd);
  if (options.segments.length === 0 && !/['\\$`"]/.test(raw)) {
    // Unquoted (or empty) value: quote it so the added flag stays part of OPTIONS.
    const range = lines.rangeAt(options.valueStart, raw.length);
    return { title, edits: [{ range, newText: `'${raw === '' ? '' : raw + ' '}${FALSE_FLAG}'` }], safe: true, preferred: true };
  }
  return undefined;
}

export const signatureVerificationRule: Rule<SysconfigDoc> = {
  meta: {
    code: 'ACR501',
    name: 'signature-verification',
    kind: 'sysconfig-docker',
    type: 'problem',
    severity: 'warning',
    description: 'RHEL/Fedora docker verifies image signatures by default, so pulls from ACR fail with "unauthorized" while pushes work.',
    faq: ['F24'],
    fixable: true,
    messages: {
      missing:
        'OPTIONS does not contain {{flag}}. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with "unauthorized" even though pushes work (FAQ F24). Add {{flag}} to OPTIONS, then restart docker (systemctl restart docker).',
      enabled:
        '`{{token}}` keeps image signature verification on: with the RHEL/CentOS/Fedora docker package, pulls from Azure Container Registry fail with "unauthorized" while pushes work (FAQ F24). Change it to {{flag}}, then restart docker.',
      noOptions:
        'This file sets no OPTIONS, so the docker package of RHEL, CentOS and Fedora keeps image signature verification on: pulls from Azure Container Registry fail with "unauthorized" while pushes work (FAQ F24). Add OPTIONS=\'{{flag}}\', then restart docker.',
    },
  },
  check(doc, context) {
    const options = doc.assignments.filter((a) => a.name === 'OPTIONS').pop();
    const data = { flag: FALSE_FLAG };
    if (!options) {
      const fix = insertFix(context, undefined);
      context.report({ range: context.lines.lineRange(0), messageId: 'noOptions', data, fixes: fix ? [fix] : [] });
      return;
    }
    const setting = signatureVerification(options.value);
    if (setting && !setting.enabled) return;
    const range = context.lines.rangeAt(options.nameStart, 'OPTIONS'.length);
    if (setting) {
      const raw = context.text.slice(options.valueStart, options.valueEnd);
      const at = raw.lastIndexOf(setting.token);
      const fixes: Fix[] =
        at >= 0
          ? [{ title: `Change to ${FALSE_FLAG}`, edits: [{ range: context.lines.rangeAt(options.valueStart + at, setting.token.length), newText: FALSE_FLAG }], safe: true, preferred: true }]
          : [];
      context.report({ range, messageId: 'enabled', data: { ...data, token: setting.token }, fixes });
      return;
    }
    const fix = insertFix(context, options);
    context.report({ range, messageId: 'missing', data, fixes: fix ? [fix] : [] });
  },
};
