import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { allRuleMeta, LANGUAGES } from '../../../src/core/lint/catalogue';
import { lintText } from '../../../src/core/lint/engine';
import { FILE_KINDS, type FileKind, type RuleMeta } from '../../../src/core/lint/types';

const CODE_RANGE: Record<FileKind | 'any', RegExp> = {
  any: /^ACR0\d\d$/,
  dockerfile: /^ACR1\d\d$/,
  dockerignore: /^ACR2\d\d$/,
  'daemon-json': /^ACR3\d\d$/,
  'arm-template': /^ACR4\d\d$/,
  'sysconfig-docker': /^ACR5\d\d$/,
};

test('every file kind has rules, and every rule has complete metadata', () => {
  for (const kind of FILE_KINDS) assert.ok(LANGUAGES[kind].rules.length > 0, `${kind} has no rules`);
  const metas = allRuleMeta();
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const meta of metas) {
    assert.ok(!codes.has(meta.code), `duplicate code ${meta.code}`);
    assert.ok(!names.has(meta.name), `duplicate name ${meta.name}`);
    codes.add(meta.code);
    names.add(meta.name);
    assert.match(meta.code, CODE_RANGE[meta.kind], `${meta.code} is outside its kind's code range`);
    assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${meta.code} name is not kebab-case`);
    assert.ok(meta.description.length > 10, `${meta.code} lacks a description`);
    assert.ok(Object.keys(meta.messages).length > 0, `${meta.code} has no messages`);
    for (const id of meta.faq) assert.match(id, /^F\d\d$/, `${meta.code} faq id ${id}`);
    for (const [id, message] of Object.entries(meta.messages)) assert.ok(message.length > 15, `${meta.code}.${id} message is too short to say what, why and what next`);
  }
});

test('no rule of any kind throws, and every range lies inside the text (arbitrary input)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FILE_KINDS), fc.string({ unit: 'binary', maxLength: 400 }), (kind, text) => {
      const { findings } = lintText({ fileName: 'x', text, kind, onRuleError: ({ rule, error }) => assert.fail(`${rule ?? `${kind} parser`} threw: ${String(error)}`) });
      assert.deepEqual(findings.filter((f) => f.code === 'ACR000').map((f) => f.message), [], 'no rule throws');
      const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
      for (const f of findings) {
        for (const p of [f.range.start, f.range.end]) {
          assert.ok(p.line >= 0 && p.line < lines.length, `${f.code} line ${p.line} outside text`);
          assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${f.code} character outside line`);
        }
      }
    }),
    { numRuns: 300 },
  );
});

/** Source folder of each kind under src/core/lint. */
const KIND_DIR: Record<FileKind, string> = { dockerfile: 'dockerfile', dockerignore: 'dockerignore', 'daemon-json': 'daemon-json', 'arm-template': 'arm', 'sysconfig-docker': 'sysconfig-docker' };

/** `arm-registry-sku` → `registrySku`: camelCase of the name, without the `arm-` prefix the folder already says. */
function fileStem(meta: RuleMeta): string {
  const name = meta.kind === 'arm-template' ? meta.name.replace(/^arm-/, '') : meta.name;
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

test('every rule lives in a file named after it, exports <fileName>Rule, and is listed in its kind’s rules/index.ts', () => {
  for (const kind of FILE_KINDS) {
    const dir = resolve(__dirname, '..', '..', '..', 'src', 'core', 'lint', KIND_DIR[kind], 'rules');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    const stems = LANGUAGES[kind].rules.map((rule) => fileStem(rule.meta)).sort();
    assert.deepEqual(files, stems, `${KIND_DIR[kind]}/rules: one file per rule, named after it`);
    for (const rule of LANGUAGES[kind].rules) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- load each rule file by the name the convention gives it
      const exported = (require(resolve(dir, fileStem(rule.meta))) as Record<string, unknown>)[`${fileStem(rule.meta)}Rule`];
      assert.equal(exported, rule, `${rule.meta.code}: ${KIND_DIR[kind]}/rules/${fileStem(rule.meta)}.ts exports ${fileStem(rule.meta)}Rule`);
    }
  }
});

test('every rule has its own test file, named after it: test/lint/<kind>/<rule-name>.test.ts', () => {
  const missing = allRuleMeta()
    .filter((meta) => meta.kind !== 'any') // ACR000 is the engine's own: test/core/lint/engine.test.ts
    .map((meta) => `test/lint/${KIND_DIR[meta.kind as FileKind]}/${meta.name}.test.ts`)
    .filter((file) => !existsSync(resolve(__dirname, '..', '..', '..', file)));
  assert.deepEqual(missing, []);
});
