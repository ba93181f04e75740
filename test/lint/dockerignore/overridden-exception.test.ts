import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { overriddenExceptionRule } from '../../../src/core/lint/dockerignore/rules/overriddenException';
import { run } from '../ruleTester';

run(dockerignoreLanguage, overriddenExceptionRule, {
  valid: [
    { name: 'a later line covering only part of it', text: '*\n!*.md\nREADME.md\n' },
    { name: 'a later class covering only part of it', text: '*\n!foo*\nfoo[ab]\n' },
    { name: 'an exception after its parent', text: 'docs\n!docs/README.md\n' },
  ],
  invalid: [
    { name: 'an exception a later line excludes again', text: '*.md\n!README.md\n*.md\n', errors: [{ range: [1, 0, 1, 10], message: ['`!README.md`', 'line 3', 'last matching line wins'] }] },
    { name: 'a later parent directory', text: '!docs/*.md\ndocs\n', errors: [{ range: [0, 0, 0, 10], message: ['`docs`'] }] },
    { name: '"**" covering everything', text: '!src/**\n**\n', errors: [{ range: [0, 0, 0, 7], message: "The exception `!src/**` has no effect: the later line 2 (`**`) excludes the same files again, and in a .dockerignore the last matching line wins. Move this line below line 2." }] },
  ],
});
