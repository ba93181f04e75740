import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSysconfig } from '../../../src/core/lint/sysconfig-docker/document';
import { signatureVerification } from '../../../src/core/lint/sysconfig-docker/rules/signatureVerification';
import { expectFindings, expectNoFindings, lint, lineRange } from '../ruleTester';

const kind = 'sysconfig-docker' as const;
const RHEL_DEFAULT = "# /etc/sysconfig/docker\n\n# Modify these options if you want to change the way the docker daemon runs\nOPTIONS='--selinux-enabled --log-driver=journald'\nif [ -z \"${DOCKER_CERT_PATH}\" ]; then\n    DOCKER_CERT_PATH=/etc/docker\nfi\n";

describe('sysconfig parser', () => {
  it('reads single, double, multi-line and unquoted values', () => {
    const doc = parseSysconfig("A='x y'\nexport B=\"p \\\"q\\\" $r\"\nC='multi\n  line'\nD=plain # c\n# E=no\n; F=no\nG=\n");
    assert.deepEqual(
      doc.assignments.map((a) => [a.name, a.value]),
      [['A', 'x y'], ['B', 'p "q" $r'], ['C', 'multi\n  line'], ['D', 'plain'], ['G', '']],
    );
  });
  it('marks an unterminated quote', () => {
    assert.equal(parseSysconfig("OPTIONS='--a\n").assignments[0].unterminated, true);
  });
  it('reads the flag like Go\'s flag parser (last one wins, ParseBool values)', () => {
    assert.equal(signatureVerification('--a'), undefined);
    assert.equal(signatureVerification('--signature-verification=false')?.enabled, false);
    assert.equal(signatureVerification('--signature-verification=0')?.enabled, false);
    assert.equal(signatureVerification('--signature-verification')?.enabled, true);
    assert.equal(signatureVerification('--signature-verification=false --signature-verification=True')?.enabled, true);
  });
});

describe('ACR501 signature-verification', () => {
  it('RHEL default file: inserts the flag inside the single quotes', () => {
    expectFindings({ kind, text: RHEL_DEFAULT }, [
      {
        code: 'ACR501',
        range: lineRange(3, 0, 7),
        severity: 'warning',
        message: ['--signature-verification=false', 'unauthorized', 'F24', 'restart docker'],
        fixes: [
          {
            safe: true,
            edits: [{ range: lineRange(3, 48, 48), newText: ' --signature-verification=false' }],
            output: RHEL_DEFAULT.replace("journald'", "journald --signature-verification=false'"),
          },
        ],
      },
    ]);
  });
  it('double quotes across lines, CRLF', () => {
    const text = 'OPTIONS="--selinux-enabled\r\n  --log-driver=journald"\r\n';
    expectFindings({ kind, text }, [{ code: 'ACR501', fixes: [{ output: 'OPTIONS="--selinux-enabled\r\n  --log-driver=journald --signature-verification=false"\r\n' }] }]);
  });
  it('empty and unquoted values', () => {
    expectFindings({ kind, text: "OPTIONS=''\n" }, [{ code: 'ACR501', fixes: [{ output: "OPTIONS='--signature-verification=false'\n" }] }]);
    expectFindings({ kind, text: 'OPTIONS=\n' }, [{ code: 'ACR501', fixes: [{ output: "OPTIONS='--signature-verification=false'\n" }] }]);
    expectFindings({ kind, text: 'OPTIONS=--selinux-enabled\n' }, [{ code: 'ACR501', fixes: [{ output: "OPTIONS='--selinux-enabled --signature-verification=false'\n" }] }]);
  });
  it('explicit true: replaces it', () => {
    expectFindings({ kind, text: "OPTIONS='--signature-verification=true --x'\n" }, [
      { code: 'ACR501', message: '`--signature-verification=true`', fixes: [{ edits: [{ range: lineRange(0, 9, 38), newText: '--signature-verification=false' }], output: "OPTIONS='--signature-verification=false --x'\n" }] },
    ]);
  });
  it('no OPTIONS: appends a line, keeping line endings', () => {
    expectFindings({ kind, text: '# nothing\r\nDOCKER_CERT_PATH=/etc/docker' }, [
      { code: 'ACR501', range: lineRange(0, 0, 9), message: 'sets no OPTIONS', fixes: [{ output: "# nothing\r\nDOCKER_CERT_PATH=/etc/docker\r\nOPTIONS='--signature-verification=false'\r\n" }] },
    ]);
  });
  it('the last OPTIONS wins; no fix for an unterminated quote', () => {
    expectNoFindings({ kind, text: "OPTIONS='--a'\nOPTIONS='--a --signature-verification=false'\n" }, ['ACR501']);
    expectFindings({ kind, text: "OPTIONS='--signature-verification=false'\nOPTIONS='--a'\n" }, [{ code: 'ACR501', line: 1 }]);
    expectFindings({ kind, text: "OPTIONS='--a\n" }, [{ code: 'ACR501', fixes: [] }]);
  });
  it('is quiet when verification is off; ignores commented-out lines', () => {
    expectNoFindings({ kind, text: "OPTIONS='--selinux-enabled --signature-verification=false'\n" }, ['ACR501']);
    expectFindings({ kind, text: "# OPTIONS='--signature-verification=false'\nOPTIONS='--a'\n" }, [{ code: 'ACR501', line: 1 }]);
  });
  it('applying the fix removes the finding; odd input never throws', () => {
    const [finding] = lint({ kind, text: RHEL_DEFAULT });
    const fixed = RHEL_DEFAULT.replace("journald'", "journald --signature-verification=false'");
    assert.equal(finding.fixes.length, 1);
    expectNoFindings({ kind, text: fixed }, ['ACR501']);
    for (const text of ['', '=', "'", '"\\', 'OPTIONS="\\', 'OPTIONS=\\\n', '\u0000']) assert.doesNotThrow(() => lint({ kind, text }));
  });
});
