import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sysconfigDockerLanguage } from '../../../src/core/lint/sysconfig-docker';
import { parseSysconfig } from '../../../src/core/lint/sysconfig-docker/document';
import { signatureVerification, signatureVerificationRule } from '../../../src/core/lint/sysconfig-docker/rules/signatureVerification';
import { lintAs, run } from '../ruleTester';

const RHEL_DEFAULT = "# /etc/sysconfig/docker\n\n# Modify these options if you want to change the way the docker daemon runs\nOPTIONS='--selinux-enabled --log-driver=journald'\nif [ -z \"${DOCKER_CERT_PATH}\" ]; then\n    DOCKER_CERT_PATH=/etc/docker\nfi\n";
const RHEL_FIXED = RHEL_DEFAULT.replace("journald'", "journald --signature-verification=false'");

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

run(sysconfigDockerLanguage, signatureVerificationRule, {
  valid: [
    { name: 'the last OPTIONS wins', text: "OPTIONS='--a'\nOPTIONS='--a --signature-verification=false'\n" },
    { name: 'verification is off', text: "OPTIONS='--selinux-enabled --signature-verification=false'\n" },
    { name: 'after the fix', text: RHEL_FIXED },
  ],
  invalid: [
    {
      name: 'RHEL default file: inserts the flag inside the single quotes',
      text: RHEL_DEFAULT,
      errors: [{
        range: [3, 0, 3, 7],
        severity: 'warning',
        message: ['--signature-verification=false', 'unauthorized', 'F24', 'restart docker'],
        fixes: [{ safe: true, edits: [[3, 48, 3, 48, ' --signature-verification=false']], output: RHEL_FIXED }],
      }],
    },
    { name: 'double quotes across lines, CRLF', text: 'OPTIONS="--selinux-enabled\r\n  --log-driver=journald"\r\n', errors: [{ range: [0, 0, 0, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", fixes: [{ output: 'OPTIONS="--selinux-enabled\r\n  --log-driver=journald --signature-verification=false"\r\n' }] }] },
    { name: 'an empty quoted value', text: "OPTIONS=''\n", errors: [{ range: [0, 0, 0, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", fixes: [{ output: "OPTIONS='--signature-verification=false'\n" }] }] },
    { name: 'an empty value', text: 'OPTIONS=\n', errors: [{ range: [0, 0, 0, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", fixes: [{ output: "OPTIONS='--signature-verification=false'\n" }] }] },
    { name: 'an unquoted value', text: 'OPTIONS=--selinux-enabled\n', errors: [{ range: [0, 0, 0, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", fixes: [{ output: "OPTIONS='--selinux-enabled --signature-verification=false'\n" }] }] },
    {
      name: 'explicit true: replaces it',
      text: "OPTIONS='--signature-verification=true --x'\n",
      errors: [{ range: [0, 0, 0, 7], message: ['`--signature-verification=true`'], fixes: [{ edits: [[0, 9, 0, 38, '--signature-verification=false']], output: "OPTIONS='--signature-verification=false --x'\n" }] }],
    },
    {
      name: 'no OPTIONS: appends a line, keeping line endings',
      text: '# nothing\r\nDOCKER_CERT_PATH=/etc/docker',
      errors: [{ range: [0, 0, 0, 9], message: ['sets no OPTIONS'], fixes: [{ output: "# nothing\r\nDOCKER_CERT_PATH=/etc/docker\r\nOPTIONS='--signature-verification=false'\r\n" }] }],
    },
    { name: 'the last OPTIONS wins when it lacks the flag', text: "OPTIONS='--signature-verification=false'\nOPTIONS='--a'\n", errors: [{ range: [1, 0, 1, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", output: "OPTIONS='--signature-verification=false'\nOPTIONS='--a --signature-verification=false'\n" }] },
    { name: 'no fix for an unterminated quote', text: "OPTIONS='--a\n", errors: [{ range: [0, 0, 0, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", fixes: [] }] },
    { name: 'commented-out lines are ignored', text: "# OPTIONS='--signature-verification=false'\nOPTIONS='--a'\n", errors: [{ range: [1, 0, 1, 7], message: "OPTIONS does not contain --signature-verification=false. The docker package of RHEL, CentOS and Fedora verifies image signatures by default, and pulls from Azure Container Registry then fail with \"unauthorized\" even though pushes work (FAQ F24). Add --signature-verification=false to OPTIONS, then restart docker (systemctl restart docker).", output: "# OPTIONS='--signature-verification=false'\nOPTIONS='--a --signature-verification=false'\n" }] },
  ],
});

describe('ACR501 signature-verification on odd input', () => {
  it('the RHEL default file offers exactly one fix; odd input never throws', () => {
    const [finding] = lintAs(sysconfigDockerLanguage, { text: RHEL_DEFAULT });
    assert.equal(finding.fixes.length, 1);
    for (const text of ['', '=', "'", '"\\', 'OPTIONS="\\', 'OPTIONS=\\\n', '\u0000']) {
      assert.doesNotThrow(() => lintAs(sysconfigDockerLanguage, { text }));
      assert.deepEqual(lintAs(sysconfigDockerLanguage, { text }).filter((f) => f.code === 'ACR000'), [], 'no rule threw');
    }
  });
});
