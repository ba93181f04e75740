import type { Node, ParseError } from 'jsonc-parser';
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { LineIndex } from '../../text/lineIndex';
import { looksLikeArmTemplate } from '../fileKind';
import { makeFinding } from '../finding';
import { depthExceededAt, tooDeepMessage } from '../jsonDepth';
import type { ParseResult, RuleMeta } from '../types';
import { prop, stringValue } from './json';
import { ArmDocument } from './model';

export const syntaxErrorMeta: RuleMeta = {
  code: 'ACR400',
  name: 'arm-json-syntax',
  kind: 'arm-template',
  type: 'problem',
  severity: 'error',
  description: 'The ARM template is not valid JSON (comments and trailing commas are allowed, as ARM allows them).',
  faq: ['F01'],
  fixable: false,
  messages: {
    syntax: 'The template is not valid JSON ({{error}}), so Azure Resource Manager rejects it before deploying anything. Fix the syntax at this position; `az deployment group validate` shows the same error.',
    tooDeep: tooDeepMessage('ARM template'),
  },
};

const DEPLOYMENT_SCHEMA = /deploymentTemplate\.json/i;

/** Parses once; files without a deployment-template `$schema` are not ARM templates and get no findings. */
export function parseArmTemplate(text: string, lines: LineIndex): ParseResult<ArmDocument> {
  // Refused before parsing (the parser would overflow the stack); then only the cheap `$schema` sniff can tell a template.
  const tooDeep = depthExceededAt(text, { comments: true });
  if (tooDeep !== undefined) {
    return { doc: undefined, findings: looksLikeArmTemplate(text) ? [makeFinding(syntaxErrorMeta, { range: lines.rangeAt(tooDeep, 1), messageId: 'tooDeep' })] : [] };
  }
  const errors: ParseError[] = [];
  const root: Node | undefined = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const schema = stringValue(prop(root, '$schema'));
  const isTemplate = schema !== undefined ? DEPLOYMENT_SCHEMA.test(schema) : looksLikeArmTemplate(text);
  if (!isTemplate) return { doc: undefined, findings: [] };
  if (errors.length > 0 || !root || root.type !== 'object') {
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const length = Math.max(1, first?.length ?? 0);
    const error = first ? printParseErrorCode(first.error) : 'the top level is not an object';
    const range = lines.rangeAt(Math.min(offset, text.length), Math.min(length, Math.max(0, text.length - offset)));
    return { doc: undefined, findings: [makeFinding(syntaxErrorMeta, { range, messageId: 'syntax', data: { error } })] };
  }
  return { doc: new ArmDocument(text, root, lines), findings: [] };
}
