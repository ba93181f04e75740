import type { Fix, Rule } from '../../types';
import type { Accessor } from '../listCalls';
import { listCalls, targetsRegistry } from '../listCalls';
import type { ArmDocument } from '../model';

/** Why a result path is wrong, or undefined when it is valid (or not decidable). */
function problem(accessors: readonly Accessor[]): string | undefined {
  if (accessors.length === 0) return undefined;
  const [first, second, third] = accessors;
  const firstName = first.kind === 'property' ? first.name : typeof first.value === 'string' ? first.value : undefined;
  if (firstName === undefined) return first.kind === 'index' && typeof first.value === 'number' ? 'the result is an object, not an array' : undefined;
  const lower = firstName.toLowerCase();
  if (lower === 'username') return accessors.length > 1 ? 'username is a string' : undefined;
  if (lower !== 'passwords') return `there is no '${firstName}' property`;
  if (!second) return undefined;
  if (second.kind === 'property') return 'passwords is an array; index it first';
  if (typeof second.value !== 'number') return undefined;
  if (second.value !== 0 && second.value !== 1) return `passwords has two entries (0 and 1), not ${second.value + 1}`;
  if (!third) return undefined;
  const thirdName = third.kind === 'property' ? third.name : typeof third.value === 'string' ? third.value : undefined;
  if (thirdName === undefined) return third.kind === 'index' && typeof third.value === 'number' ? 'each password entry is an object' : undefined;
  if (!['value', 'name'].includes(thirdName.toLowerCase())) return `a password entry has 'name' and 'value', not '${thirdName}'`;
  if (accessors.length > 3) return `${thirdName} is a string`;
  return undefined;
}

/** The path the author most likely meant, for the common mistakes only. */
function suggestion(accessors: readonly Accessor[]): string | undefined {
  const first = accessors[0];
  if (first?.kind !== 'property') return undefined;
  const lower = first.name.toLowerCase();
  if (['password', 'adminpassword', 'password1', 'primarypassword'].includes(lower) && accessors.length === 1) return '.passwords[0].value';
  if (['password2', 'secondarypassword'].includes(lower) && accessors.length === 1) return '.passwords[1].value';
  if (['user', 'adminusername', 'name'].includes(lower) && accessors.length === 1) return '.username';
  const second = accessors[1];
  const third = accessors[2];
  if (lower === 'passwords' && second?.kind === 'index' && (second.value === 0 || second.value === 1) && third?.kind === 'property' && accessors.length === 3) return `.passwords[${second.value}].value`;
  return undefined;
}

/** ACR410: a listCredentials(...) result path that does not exist (F05). */
export const listCredentialsPathRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR410',
    name: 'arm-list-credentials-path',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: "A listCredentials(...) result path on a registry does not exist (valid: .username, .passwords[0|1].value, .passwords[0|1].name).",
    faq: ['F05'],
    fixable: true,
    messages: {
      path: "listCredentials(...){{path}} does not exist ({{why}}): a registry's listCredentials returns { username, passwords: [{ name, value }, { name, value }] }, so the deployment fails with a template language error. Use .username, or .passwords[0].value / .passwords[1].value for a password.",
    },
  },
  check(doc, context) {
    for (const item of listCalls(doc)) {
      if (item.call.name.toLowerCase() !== 'listcredentials' || item.accessors.length === 0) continue;
      const why = problem(item.accessors);
      if (!why || !targetsRegistry(doc, item)) continue;
      const node = item.expression.node;
      const start = item.call.end;
      const end = item.accessors[item.accessors.length - 1].end;
      const text = String(node.value).slice(start, end);
      const range = doc.valueRange(node, start, end);
      const replacement = suggestion(item.accessors);
      const fixes: Fix[] = replacement ? [{ title: `Use ${replacement}`, edits: [{ range, newText: replacement }], safe: false, preferred: true }] : [];
      context.report({ range, messageId: 'path', data: { path: text, why }, fixes });
    }
  },
};
