import type { Node } from 'jsonc-parser';
import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { KNOWN_KEYS, type ValueType } from '../keys';

const GO_TYPE: Record<ValueType, string> = {
  boolean: 'bool',
  string: 'string',
  integer: 'int',
  'string[]': '[]string',
  object: 'object',
  'object[]': 'array of objects',
  size: 'size (e.g. "64M")',
};

const EXAMPLE: Record<ValueType, string> = {
  boolean: 'true or false without quotes',
  string: 'a quoted string',
  integer: 'a whole number without quotes',
  'string[]': 'an array of strings, e.g. ["a", "b"]',
  object: 'an object { ... }',
  'object[]': 'an array of objects',
  size: 'a string such as "64M" or a number of bytes',
};

function jsonTypeName(node: Node): string {
  if (node.type === 'number' && !Number.isInteger(node.value)) return 'number with a fraction';
  return node.type;
}

function fits(node: Node, type: ValueType): boolean {
  switch (type) {
    case 'boolean':
      return node.type === 'boolean';
    case 'string':
      return node.type === 'string';
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    case 'size':
      return node.type === 'string' || (node.type === 'number' && Number.isInteger(node.value));
    case 'string[]':
      return node.type === 'array' && (node.children ?? []).every((c) => c.type === 'string');
    case 'object':
      return node.type === 'object';
    case 'object[]':
      return node.type === 'array' && (node.children ?? []).every((c) => c.type === 'object');
  }
}

/** Maps whose values dockerd decodes into a fixed Go type. */
const MAP_VALUE_TYPES: Record<string, 'string' | 'boolean'> = { 'log-opts': 'string', features: 'boolean', 'default-network-opts': 'string' };

export const valueTypeRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR302',
    name: 'value-type',
    kind: 'daemon-json',
    type: 'problem',
    severity: 'error',
    description: 'A value of the wrong JSON type for its key: the daemon refuses to start.',
    faq: [],
    fixable: false,
    messages: {
      wrongType: '"{{key}}" must be {{expected}}, not a {{found}}: dockerd refuses to start ("json: cannot unmarshal {{found}} into Go value of type {{goType}}"). Write it as {{expected}}.',
      wrongMapValue: 'Every value in "{{key}}" must be a {{expected}} ("{{entry}}" is a {{found}}): dockerd refuses to start. For example "max-file": "3" with quotes in log-opts.',
    },
  },
  check(doc, context) {
    for (const property of doc.root.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = keyNode?.value;
      if (typeof key !== 'string' || !valueNode) continue;
      const type = KNOWN_KEYS[key];
      if (type && !fits(valueNode, type)) {
        context.report({
          range: context.lines.rangeAt(valueNode.offset, valueNode.length),
          messageId: 'wrongType',
          data: { key, expected: EXAMPLE[type], found: jsonTypeName(valueNode), goType: GO_TYPE[type] },
        });
        continue;
      }
      const mapType = MAP_VALUE_TYPES[key];
      if (mapType && valueNode.type === 'object') {
        // default-network-opts is a map of driver name to a map of strings.
        const entries = key === 'default-network-opts' ? (valueNode.children ?? []).flatMap((p) => (p.children?.[1]?.type === 'object' ? p.children[1].children ?? [] : [])) : valueNode.children ?? [];
        for (const entry of entries) {
          const [entryKey, entryValue] = entry.children ?? [];
          if (!entryValue || entryValue.type === mapType) continue;
          context.report({
            range: context.lines.rangeAt(entryValue.offset, entryValue.length),
            messageId: 'wrongMapValue',
            data: { key, expected: mapType, entry: String(entryKey?.value ?? ''), found: jsonTypeName(entryValue) },
          });
        }
      }
    }
  },
};
