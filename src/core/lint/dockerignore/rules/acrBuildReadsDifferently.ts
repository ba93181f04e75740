import type { Rule } from '../../types';
import type { DockerignoreDoc } from '../document';

type Difference = 'leadingSlash' | 'trailingSlash' | 'leadingSpace' | 'unclean' | 'doubleStar' | 'regexChars';

/** How `az acr build` reads a raw line differently from docker, first difference only. */
export function acrDifference(raw: string): Difference | undefined {
  const rule = raw.replace(/\s+$/, '');
  if (rule === '' || rule.startsWith('#')) return undefined;
  if (/^\s/.test(rule)) return 'leadingSpace';
  const exception = rule.startsWith('!');
  const body = exception ? rule.slice(1) : rule;
  if (exception && /^\s/.test(body)) return 'leadingSpace';
  if (!exception && body.startsWith('/') && body !== '/') return 'leadingSlash';
  if (!exception && body.endsWith('/') && body !== '/') return 'trailingSlash';
  const inner = body.replace(/^\/+/, '').replace(/\/+$/, '');
  if (/(^|\/)\.{1,2}(\/|$)|\/\//.test(inner)) return 'unclean';
  if (inner.split('/').some((segment) => segment.includes('**') && segment !== '**')) return 'doubleStar';
  if (/[+()|{}$^\\]/.test(inner)) return 'regexChars';
  return undefined;
}

export const acrBuildReadsDifferentlyRule: Rule<DockerignoreDoc> = {
  meta: {
    code: 'ACR204',
    name: 'acr-build-reads-differently',
    kind: 'dockerignore',
    type: 'problem',
    severity: 'warning',
    description: 'A pattern that `az acr build` reads differently from docker build, so the uploaded context differs.',
    faq: ['F36'],
    fixable: true,
    messages: {
      leadingSlash:
        'docker build drops the leading "/" and excludes `{{docker}}`, but `az acr build` keeps it: its pattern never matches, so these files are uploaded to ACR Tasks anyway. Write `{{docker}}` without the "/".',
      trailingSlash:
        'docker build ignores the trailing "/" and excludes `{{docker}}`, but `az acr build` keeps it: its pattern never matches, so these files are uploaded to ACR Tasks anyway. Write `{{docker}}` without the "/".',
      leadingSpace:
        'docker build trims the spaces and reads `{{docker}}`, but `az acr build` keeps the leading spaces and matches nothing. Remove the spaces.',
      unclean:
        'docker build cleans the path to `{{docker}}`, but `az acr build` matches the text as written ("./", "//" or ".." included) and matches nothing. Write `{{docker}}`.',
      doubleStar:
        'docker build lets "**" here match across directories, but `az acr build` only treats a whole "**" path segment that way and reads this one like "*", which stops at "/". Use "**/" as its own segment (for example `**/*.log`).',
      regexChars:
        '`az acr build` passes characters such as + ( ) | {{braces}} $ ^ \\ straight into a Python regular expression, so it matches different files than docker build (or fails). Avoid them, or use "?" for a single character.',
    },
  },
  check(doc, context) {
    for (const line of doc.lines) {
      const raw = context.lines.lineText(line.line);
      const difference = acrDifference(raw);
      if (!difference) continue;
      const canRewrite = difference === 'leadingSlash' || difference === 'trailingSlash' || difference === 'leadingSpace' || difference === 'unclean';
      const dockerReading = line.pattern;
      // A rewrite starting with '#' would turn the line into a comment for both tools.
      const rewritable = canRewrite && line.compiled !== undefined && !dockerReading.startsWith('#') && acrDifference(dockerReading) === undefined;
      const start = { line: line.line, character: 0 };
      context.report({
        range: line.range,
        messageId: difference,
        data: { docker: dockerReading, braces: '{ }' },
        fixes: rewritable
          ? [{ title: `Write \`${dockerReading}\` (same meaning for docker, now matched by az acr build too)`, edits: [{ range: { start, end: line.range.end }, newText: dockerReading }], safe: true, preferred: true }]
          : [],
      });
    }
  },
};
