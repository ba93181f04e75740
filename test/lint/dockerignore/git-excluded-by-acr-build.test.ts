import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { gitExcludedByAcrBuildRule } from '../../../src/core/lint/dockerignore/rules/gitExcludedByAcrBuild';
import { lintAs, run } from '../ruleTester';

const GIT_DOCKERFILE = 'FROM alpine\nCOPY . /src\nRUN cd /src && \\\n    git rev-parse HEAD > /version\n';
const companions = { dockerfile: GIT_DOCKERFILE };
// BuildKit heredocs: the body is the RUN's script (issue 8, section 5).
const HEREDOC_DOCKERFILE = 'FROM alpine\nCOPY . /src\nRUN <<EOF\nset -e\ncd /src\ngit describe --tags > /version\nEOF\n';
const HEREDOC_DASH_DOCKERFILE = 'FROM alpine\nCOPY . /src\nRUN <<-"SCRIPT" bash\n\tcd /src\n\tgit rev-parse HEAD > /version\n\tSCRIPT\nRUN echo done\n';

run(dockerignoreLanguage, gitExcludedByAcrBuildRule, {
  valid: [
    { name: 're-included with !.git/**', text: '.git\n!.git/**\n', companions },
    { name: 'git is not used in the build', text: 'x\n', companions: { dockerfile: 'FROM x\nRUN git clone https://example.invalid/r.git\nCOPY --from=build /src/.git /x\n' } },
    { name: 'without the Dockerfile', text: 'x\n' },
    { name: 'a COPY heredoc body is file content, not a source or a command', text: 'x\n', companions: { dockerfile: 'FROM alpine\nCOPY <<EOF /notes.txt\ngit describe tells the version; see .git\nEOF\n' } },
  ],
  invalid: [
    {
      name: 'the Dockerfile uses git and nothing re-includes .git (fix appends !.git/**)',
      text: 'node_modules\n',
      companions,
      errors: [{ range: [0, 0, 0, 12], message: ['line 3', 'always leaves .git out'], fixes: [{ safe: true, edits: [[1, 0, 1, 0, '!.git/**\n']], output: 'node_modules\n!.git/**\n' }] }],
    },
    { name: 'keeps CRLF and adds the missing final line break', text: 'a\r\nb', companions, errors: [{ range: [0, 0, 0, 1], message: "The Dockerfile needs the .git folder (line 3: RUN cd /src &&  git rev-parse HEAD > /version), and `az acr build` always leaves .git out of the context it uploads, even though docker build sends it. The build fails on ACR Tasks (for example \"not a git repository\"). Add `!.git/**` to this file.", fixes: [{ output: 'a\r\nb\r\n!.git/**\r\n' }] }] },
    {
      name: 'points at the line that excludes .git for docker too',
      text: 'dist\n.git\n',
      companions: { dockerfile: 'FROM x\nCOPY .git /app/.git\n' },
      errors: [{ range: [1, 0, 1, 4], message: ['excludes it for docker build'], fixes: [{ output: 'dist\n.git\n!.git/**\n' }] }],
    },
    {
      name: 'git inside a RUN heredoc',
      text: 'node_modules\n',
      companions: { dockerfile: HEREDOC_DOCKERFILE },
      errors: [{ range: [0, 0, 0, 12], message: ['line 3', 'always leaves .git out'], output: 'node_modules\n!.git/**\n' }],
    },
    {
      name: 'git inside a RUN <<-"SCRIPT" heredoc with tab-indented terminator',
      text: '.git\n',
      companions: { dockerfile: HEREDOC_DASH_DOCKERFILE },
      errors: [{ range: [0, 0, 0, 4], message: ['line 3'], output: '.git\n!.git/**\n' }],
    },
    { name: 'explains that "!.git" is not enough for az', text: '.git\n!.git\n', companions, errors: [{ range: [1, 0, 1, 5], message: ['only honours a rule that matches the files inside'], output: ".git\n!.git\n!.git/**\n" }] },
  ],
});

test('ACR205: the fix makes the finding go away', () => {
  const text = '.git\n';
  const [finding] = lintAs(dockerignoreLanguage, { text, companions }, [gitExcludedByAcrBuildRule]);
  const fixed = text + finding.fixes[0].edits[0].newText;
  assert.deepEqual(lintAs(dockerignoreLanguage, { text: fixed, companions }, [gitExcludedByAcrBuildRule]), []);
});
