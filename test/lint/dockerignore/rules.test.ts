import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { expectFindings, expectNoFindings, lint, lineRange } from '../ruleTester';

const kind = 'dockerignore' as const;

describe('ACR201 bare-exclamation', () => {
  it('reports a bare "!" with a delete fix', () => {
    expectFindings({ kind, text: 'node_modules\n  !  \nbuild\n' }, [
      {
        code: 'ACR201',
        range: lineRange(1, 2, 3),
        severity: 'error',
        message: 'illegal exclusion pattern',
        fixes: [{ safe: false, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '' }], output: 'node_modules\nbuild\n' }],
      },
    ]);
  });
  it('accepts exceptions with a pattern and "#!" comments', () => {
    expectNoFindings({ kind, text: '*\n!src\n#!\n' }, ['ACR201', 'ACR202']);
  });
});

describe('ACR202 invalid-pattern', () => {
  it('reports an unterminated class', () => {
    expectFindings({ kind, text: 'ok\nfoo[ab\n' }, [{ code: 'ACR202', range: lineRange(1, 0, 6), message: ['`foo[ab`', 'never closed'] }]);
  });
  it('reports a trailing backslash and a bad range at match time', () => {
    expectFindings({ kind, text: 'a\\\n[z-a]\n' }, [
      { code: 'ACR202', line: 0, message: 'escapes nothing' },
      { code: 'ACR202', line: 1, message: 'fails as soon as it matches' },
    ]);
  });
  it('reports an over-long line', () => {
    expectFindings({ kind, text: 'x'.repeat(70000) + '\n' }, [{ code: 'ACR202', line: 0, message: 'token too long' }]);
  });
  it('accepts valid classes and escapes', () => {
    expectNoFindings({ kind, text: 'a[b-d]e\n[\\]a]\na\\*b\n**/*.log\n' }, ['ACR202']);
  });
});

describe('ACR203 overridden-exception', () => {
  it('reports an exception a later line excludes again', () => {
    expectFindings({ kind, text: '*.md\n!README.md\n*.md\n' }, [{ code: 'ACR203', range: lineRange(1, 0, 10), message: ['`!README.md`', 'line 3', 'last matching line wins'] }]);
  });
  it('sees a later parent directory', () => {
    expectFindings({ kind, text: '!docs/*.md\ndocs\n' }, [{ code: 'ACR203', line: 0, message: '`docs`' }]);
  });
  it('does not report when the later line covers only part of it', () => {
    expectNoFindings({ kind, text: '*\n!*.md\nREADME.md\n' }, ['ACR203']);
    expectNoFindings({ kind, text: '*\n!foo*\nfoo[ab]\n' }, ['ACR203']);
    expectNoFindings({ kind, text: 'docs\n!docs/README.md\n' }, ['ACR203']);
  });
  it('sees "**" covering everything', () => {
    expectFindings({ kind, text: '!src/**\n**\n' }, [{ code: 'ACR203', line: 0 }]);
  });
});

describe('ACR204 acr-build-reads-differently', () => {
  it('leading "/" : docker drops it, az keeps it (safe fix)', () => {
    expectFindings({ kind, text: '/node_modules\r\nbuild\r\n' }, [
      {
        code: 'ACR204',
        range: lineRange(0, 0, 13),
        message: ['drops the leading "/"', 'never matches'],
        fixes: [{ safe: true, edits: [{ range: lineRange(0, 0, 13), newText: 'node_modules' }], output: 'node_modules\r\nbuild\r\n' }],
      },
    ]);
  });
  it('trailing "/"', () => {
    expectFindings({ kind, text: 'node_modules/\n' }, [{ code: 'ACR204', message: 'trailing "/"', fixes: [{ output: 'node_modules\n' }] }]);
  });
  it('leading spaces, unclean paths, "**" inside a segment, regexp characters', () => {
    expectFindings({ kind, text: '  dist\n./out\n**.log\nfoo+bar\n' }, [
      { code: 'ACR204', line: 0, message: 'leading spaces', fixes: [{ output: 'dist\n./out\n**.log\nfoo+bar\n' }] },
      { code: 'ACR204', line: 1, message: '`out`', fixes: [{ output: '  dist\nout\n**.log\nfoo+bar\n' }] },
      { code: 'ACR204', line: 2, message: '"**"', fixes: [] },
      { code: 'ACR204', line: 3, message: 'Python regular expression', fixes: [] },
    ]);
  });
  it('accepts "!" rules with "/" (az strips them there) and plain patterns', () => {
    expectNoFindings({ kind, text: '*\n!/src/\n**/*.pyc\nnode_modules\n# /comment/\n' }, ['ACR204']);
  });
  it('never rewrites a line into a comment', () => {
    expectFindings({ kind, text: '  #notcomment\n' }, [{ code: 'ACR204', fixes: [] }]);
  });
});

const GIT_DOCKERFILE = 'FROM alpine\nCOPY . /src\nRUN cd /src && \\\n    git rev-parse HEAD > /version\n';

describe('ACR205 git-excluded-by-acr-build', () => {
  it('reports when the Dockerfile uses git and nothing re-includes .git (fix appends !.git/**)', () => {
    expectFindings({ kind, text: 'node_modules\n', companions: { dockerfile: GIT_DOCKERFILE } }, [
      {
        code: 'ACR205',
        range: lineRange(0, 0, 12),
        message: ['line 3', 'always leaves .git out'],
        fixes: [{ safe: true, edits: [{ range: lineRange(1, 0, 0), newText: '!.git/**\n' }], output: 'node_modules\n!.git/**\n' }],
      },
    ]);
  });
  it('keeps CRLF and adds the missing final line break', () => {
    expectFindings({ kind, text: 'a\r\nb', companions: { dockerfile: GIT_DOCKERFILE } }, [{ code: 'ACR205', fixes: [{ output: 'a\r\nb\r\n!.git/**\r\n' }] }]);
  });
  it('points at the line that excludes .git for docker too', () => {
    expectFindings({ kind, text: 'dist\n.git\n', companions: { dockerfile: 'FROM x\nCOPY .git /app/.git\n' } }, [
      { code: 'ACR205', range: lineRange(1, 0, 4), message: 'excludes it for docker build', fixes: [{ output: 'dist\n.git\n!.git/**\n' }] },
    ]);
  });
  it('explains that "!.git" is not enough for az', () => {
    expectFindings({ kind, text: '.git\n!.git\n', companions: { dockerfile: GIT_DOCKERFILE } }, [{ code: 'ACR205', line: 1, message: 'only honours a rule that matches the files inside' }]);
  });
  it('reports nothing when re-included, when git is not used, or without the Dockerfile', () => {
    expectNoFindings({ kind, text: '.git\n!.git/**\n', companions: { dockerfile: GIT_DOCKERFILE } }, ['ACR205']);
    expectNoFindings({ kind, text: 'x\n', companions: { dockerfile: 'FROM x\nRUN git clone https://example.invalid/r.git\nCOPY --from=build /src/.git /x\n' } }, ['ACR205']);
    expectNoFindings({ kind, text: 'x\n' }, ['ACR205']);
  });
  it('the fix makes the finding go away', () => {
    const text = '.git\n';
    const [finding] = lint({ kind, text, companions: { dockerfile: GIT_DOCKERFILE } }).filter((f) => f.code === 'ACR205');
    const fixed = text + finding.fixes[0].edits[0].newText;
    expectNoFindings({ kind, text: fixed, companions: { dockerfile: GIT_DOCKERFILE } }, ['ACR205']);
  });
});

describe('ACR206 dockerfile-ignored', () => {
  it('info when the Dockerfile is excluded, naming each builder', () => {
    expectFindings({ kind, text: 'build\nDockerfile*\n', companions: { dockerfile: 'FROM x\nCOPY . /app\n' } }, [
      { code: 'ACR206', range: lineRange(1, 0, 11), severity: 'info', message: ['`Dockerfile`', 'BuildKit', 'classic builder', 'az acr build'] },
    ]);
  });
  it('warning when the Dockerfile copies it by name; honours dockerfileName', () => {
    expectFindings({ kind, text: 'docker/\n', companions: { dockerfile: 'FROM x\nCOPY docker/app.Dockerfile /ref/\n', dockerfileName: 'docker/app.Dockerfile' } }, [
      { code: 'ACR206', line: 0, severity: 'warning', message: ['line 2', 'not found'] },
    ]);
  });
  it('reports nothing when re-included or without the Dockerfile', () => {
    expectNoFindings({ kind, text: '*\n!Dockerfile\n!src\n', companions: { dockerfile: 'FROM x\n' } }, ['ACR206']);
    expectNoFindings({ kind, text: '*\n' }, ['ACR206']);
  });
});

describe('dockerignore language', () => {
  it('honours "# acr-doctor ignore=" and never throws on odd input', () => {
    expectNoFindings({ kind, text: '# acr-doctor ignore=ACR201\n!\n' }, ['ACR201']);
    for (const text of ['', '\ufeff', '!\n[\n\\', '\u0000\r\r\n', '['.repeat(10000), '**/**/**/[^/]/\\']) {
      assert.doesNotThrow(() => lint({ kind, text, companions: { dockerfile: GIT_DOCKERFILE } }));
    }
  });
  it('every rule has unique code, ACR2xx, and messages', () => {
    const codes = dockerignoreLanguage.rules.map((r) => r.meta.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of dockerignoreLanguage.rules) {
      assert.match(rule.meta.code, /^ACR2\d\d$/);
      assert.equal(rule.meta.kind, 'dockerignore');
      assert.ok(Object.keys(rule.meta.messages).length > 0);
    }
  });
});
