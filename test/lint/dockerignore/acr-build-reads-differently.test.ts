import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { acrBuildReadsDifferentlyRule } from '../../../src/core/lint/dockerignore/rules/acrBuildReadsDifferently';
import { run } from '../ruleTester';

run(dockerignoreLanguage, acrBuildReadsDifferentlyRule, {
  valid: [{ name: '"!" rules with "/" (az strips them there) and plain patterns', text: '*\n!/src/\n**/*.pyc\nnode_modules\n# /comment/\n' }],
  invalid: [
    {
      name: 'leading "/": docker drops it, az keeps it (safe fix)',
      text: '/node_modules\r\nbuild\r\n',
      errors: [{ range: [0, 0, 0, 13], message: ['drops the leading "/"', 'never matches'], fixes: [{ safe: true, edits: [[0, 0, 0, 13, 'node_modules']], output: 'node_modules\r\nbuild\r\n' }] }],
    },
    { name: 'trailing "/"', text: 'node_modules/\n', errors: [{ range: [0, 0, 0, 13], message: ['trailing "/"'], fixes: [{ output: 'node_modules\n' }] }] },
    {
      name: 'leading spaces, unclean paths, "**" inside a segment, regexp characters',
      text: '  dist\n./out\n**.log\nfoo+bar\n',
      errors: [
        { range: [0, 2, 0, 6], message: ['leading spaces'], fixes: [{ output: 'dist\n./out\n**.log\nfoo+bar\n' }] },
        { range: [1, 0, 1, 5], message: ['`out`'], fixes: [{ output: '  dist\nout\n**.log\nfoo+bar\n' }] },
        { range: [2, 0, 2, 6], message: ['"**"'], fixes: [] },
        { range: [3, 0, 3, 7], message: ['Python regular expression'], fixes: [] },
      ],
    },
    { name: 'never rewrites a line into a comment', text: '  #notcomment\n', errors: [{ range: [0, 2, 0, 13], message: "docker build trims the spaces and reads `#notcomment`, but `az acr build` keeps the leading spaces and matches nothing. Remove the spaces.", fixes: [] }] },
  ],
});
