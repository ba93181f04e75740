/**
 * Every file type and every rule, in one place. The extension, the CLI, the
 * generated docs/rules.md and the settings schema all read from here.
 */
import { armLanguage } from './arm';
import { daemonJsonLanguage } from './daemon-json';
import { dockerfileLanguage } from './dockerfile';
import { dockerignoreLanguage } from './dockerignore';
import { sysconfigDockerLanguage } from './sysconfig-docker';
import { internalErrorMeta } from './finding';
import type { FileKind, LintLanguage, RuleMeta } from './types';

// Each language has its own document type; the catalogue only needs the common surface.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous Doc types, see above
type AnyLanguage = LintLanguage<any>;

export const LANGUAGES: Record<FileKind, AnyLanguage> = {
  dockerfile: dockerfileLanguage,
  dockerignore: dockerignoreLanguage,
  'daemon-json': daemonJsonLanguage,
  'arm-template': armLanguage,
  'sysconfig-docker': sysconfigDockerLanguage,
};

export function languageFor(kind: FileKind): AnyLanguage {
  return LANGUAGES[kind];
}

/** All rule metadata, parse-level rules and ACR000 (a rule that failed) included, sorted by code. */
export function allRuleMeta(): RuleMeta[] {
  const metas: RuleMeta[] = [internalErrorMeta];
  for (const language of Object.values(LANGUAGES)) {
    metas.push(...(language.parseRules ?? []), ...language.rules.map((r) => r.meta));
  }
  return metas.sort((a, b) => a.code.localeCompare(b.code));
}

export function ruleMeta(codeOrName: string): RuleMeta | undefined {
  const key = codeOrName.toLowerCase();
  return allRuleMeta().find((m) => m.code.toLowerCase() === key || m.name === key);
}
