import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withWhatsNew } from '../../scripts/gen-docs';

const README = '# X\n\n## What\'s new\n\n<!-- whats-new:start (copied from CHANGELOG.md by scripts/gen-docs.ts) -->\nold text\n<!-- whats-new:end -->\n\n## Next\n';

test('"What\'s new" is the newest CHANGELOG entry only, one heading level down', () => {
  const changelog = '# Changelog\n\nIntro.\n\n## 0.2.0\n\n### Added\n- B\n\n## 0.1.0\n\n### Added\n- A\n';
  const readme = withWhatsNew(README, changelog);
  assert.match(readme, /whats-new:start[^\n]*-->\n### 0\.2\.0\n\n#### Added\n- B\n<!-- whats-new:end -->\n\n## Next\n$/);
  assert.doesNotMatch(readme, /0\.1\.0|old text|Intro/);
  assert.equal(withWhatsNew(readme, changelog), readme, 'idempotent');
});

test('a CHANGELOG without entries or a README without markers is an error, not an empty section', () => {
  assert.throws(() => withWhatsNew(README, '# Changelog\n'), /no "## version" entry/);
  assert.throws(() => withWhatsNew('# X\n', '## 0.1.0\n'), /whats-new markers/);
});
