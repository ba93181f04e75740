import { AcrBuildMatcher, DockerignoreMatcher } from '../../../dockerignore/patternMatcher';
import type { Fix, Range, Rule, RuleContext } from '../../types';
import type { DockerignoreDoc } from '../document';
import { validPatterns } from '../document';
import { findGitUse } from '../dockerfileUsage';

/** A file inside .git that every repository has; if it is left out, so is the repository. */
const GIT_PROBE = '.git/HEAD';

/** Appends `!.git/**` on its own line, in the file's line-ending style. */
export function appendGitExceptionFix(context: RuleContext): Fix {
  const { text, lines } = context;
  const eol = lines.eol;
  const end = lines.positionAt(text.length);
  const endsWithBreak = text === '' || text.endsWith('\n') || text.endsWith('\r');
  return {
    title: 'Append `!.git/**` so az acr build uploads the .git folder',
    edits: [{ range: { start: end, end }, newText: (endsWithBreak ? '' : eol) + '!.git/**' + eol }],
    safe: true,
    preferred: true,
  };
}

function isDockerfileSpecific(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base !== '.dockerignore' && base.endsWith('.dockerignore');
}

export const gitExcludedByAcrBuildRule: Rule<DockerignoreDoc> = {
  meta: {
    code: 'ACR205',
    name: 'git-excluded-by-acr-build',
    kind: 'dockerignore',
    type: 'problem',
    severity: 'warning',
    description: 'The Dockerfile uses git but `az acr build` leaves .git out of the uploaded context unless `!.git/**` re-includes it.',
    faq: ['F36'],
    fixable: true,
    messages: {
      acrOnly:
        'The Dockerfile needs the .git folder (line {{dockerfileLine}}: {{instruction}}), and `az acr build` always leaves .git out of the context it uploads, even though docker build sends it. The build fails on ACR Tasks (for example "not a git repository"). Add `!.git/**` to this file.',
      both:
        'The Dockerfile needs the .git folder (line {{dockerfileLine}}: {{instruction}}), but this line excludes it for docker build, and `az acr build` leaves .git out anyway. Add `!.git/**` at the end of this file to send it to both.',
      acrIgnoresDotGitException:
        'The Dockerfile needs the .git folder (line {{dockerfileLine}}: {{instruction}}). `!.git` is enough for docker build, but `az acr build` still leaves the folder\'s contents out: it only honours a rule that matches the files inside, such as `!.git/**`.',
    },
  },
  check(doc, context) {
    const dockerfile = context.companions.dockerfile;
    if (dockerfile === undefined) return;
    const use = findGitUse(dockerfile);
    if (!use) return;
    const acr = AcrBuildMatcher.fromText(context.text, { dockerfileSpecific: isDockerfileSpecific(context.fileName) });
    if (!acr.excludes(GIT_PROBE)) return;
    const instruction = `${use.instruction} ${use.text}`.slice(0, 80);
    const data = { dockerfileLine: use.line, instruction };
    const patterns = validPatterns(doc);
    const docker = patterns ? DockerignoreMatcher.fromCompiled(patterns).match(GIT_PROBE) : undefined;
    let range: Range = context.lines.lineRange(0);
    let messageId = 'acrOnly';
    if (docker?.excluded) {
      const deciding = doc.lines.filter((l) => l.compiled)[docker.decidedBy];
      if (deciding) range = deciding.range;
      messageId = 'both';
    } else {
      const dotGitException = doc.lines.find((l) => l.pattern === '!.git');
      if (dotGitException) {
        range = dotGitException.range;
        messageId = 'acrIgnoresDotGitException';
      }
    }
    context.report({ range, messageId, data, fixes: [appendGitExceptionFix(context)] });
  },
};
