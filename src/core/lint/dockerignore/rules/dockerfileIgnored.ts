import { cleanPath, DockerignoreMatcher } from '../../../dockerignore/patternMatcher';
import type { Rule } from '../../types';
import type { DockerignoreDoc } from '../document';
import { validPatterns } from '../document';
import { findExplicitCopyOf } from '../dockerfileUsage';

export const dockerfileIgnoredRule: Rule<DockerignoreDoc> = {
  meta: {
    code: 'ACR206',
    name: 'dockerfile-ignored',
    kind: 'dockerignore',
    type: 'suggestion',
    severity: 'info',
    description: 'The Dockerfile itself is excluded: builds still work, but COPY/ADD cannot take it from the context.',
    faq: [],
    fixable: false,
    messages: {
      ignored:
        'This line excludes the Dockerfile `{{name}}` from the build context. The build still works: BuildKit reads the Dockerfile separately from the context, the classic builder sends it anyway and drops it from the context, and `az acr build` always adds it to the uploaded archive. Only COPY/ADD cannot copy it into the image. If that is intended, nothing to do.',
      copied:
        'This line excludes the Dockerfile `{{name}}` from the build context, but the Dockerfile copies it (line {{dockerfileLine}}). The build itself still starts (BuildKit, the classic builder and `az acr build` all still read the Dockerfile), but that COPY/ADD fails with "not found". Remove the line or add `!{{name}}` after it.',
    },
  },
  check(doc, context) {
    const dockerfile = context.companions.dockerfile;
    if (dockerfile === undefined) return;
    const name = cleanPath((context.companions.dockerfileName ?? 'Dockerfile').replace(/\\/g, '/')).replace(/^\/+/, '');
    const patterns = validPatterns(doc);
    if (!patterns || name.startsWith('..')) return;
    const result = DockerignoreMatcher.fromCompiled(patterns).match(name);
    if (!result.excluded) return;
    const deciding = doc.lines.filter((l) => l.compiled)[result.decidedBy];
    if (!deciding) return;
    const copy = findExplicitCopyOf(dockerfile, name);
    context.report({
      range: deciding.range,
      messageId: copy ? 'copied' : 'ignored',
      data: { name, dockerfileLine: copy?.line ?? 0 },
      severity: copy ? 'warning' : undefined,
    });
  },
};
