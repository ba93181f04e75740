import { caseMismatchedKeys, convertToHostname } from '../../registry/auth/dockerConfig';
import { azAcrLogin, loginServerOf } from '../fixes';
import type { Check, CheckOutcome, CheckFix } from '../types';
import { invalidConfigOutcome, readDockerConfig } from './configFile';

/** auths/credHelpers keys are looked up case-sensitively by docker; a key with upper case names no registry it will match. */
function upperCaseKeys(keys: string[]): string[] {
  return keys.filter((key) => convertToHostname(key) !== convertToHostname(key).toLowerCase());
}

/**
 * FAQ F25: `az acr login` works but docker says `unauthorized`: the login server was typed with upper case
 * (`docker login MyRegistry.azurecr.io`), so config.json holds a key docker never matches.
 */
export const dockerConfigLowercase: Check = {
  meta: {
    id: 'docker.config-lowercase',
    area: 'docker',
    title: "Docker's config.json names registries in lower case",
    faq: ['F25'],
    docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#az-acr-login-succeeds-but-docker-fails-with-error-unauthorized-authentication-required',
  },
  async run(context): Promise<CheckOutcome> {
    const read = await readDockerConfig(context.system);
    const typed = loginServerOf(context.target);
    const typedMixed = typed !== typed.toLowerCase();
    const typedNote = typedMixed ? ` You typed ${typed}: use ${typed.toLowerCase()} with docker.` : '';
    if (!read.found) {
      return { status: typedMixed ? 'warn' : 'pass', summary: `No ${read.path} yet (docker login creates it).${typedNote}`, evidence: { configPath: read.path, found: false } };
    }
    if ('invalid' in read) return invalidConfigOutcome(read);
    const { config } = read;
    const host = typed.toLowerCase();
    const mismatched = caseMismatchedKeys(config, host);
    const allUpper = [...upperCaseKeys(Object.keys(config.auths ?? {})).map((key) => `auths: ${key}`), ...upperCaseKeys(Object.keys(config.credHelpers ?? {})).map((key) => `credHelpers: ${key}`)];
    const exact = Object.hasOwn(config.auths ?? {}, host) || Object.hasOwn(config.credHelpers ?? {}, host);
    const evidence = { configPath: read.path, registry: host, mixedCaseKeys: allUpper, exactKeyPresent: exact };
    const fixes: CheckFix[] = [
      ...mismatched.map((m): CheckFix => ({ kind: 'command', title: `Remove the mixed-case entry ${m.key}`, command: `docker logout ${m.key}` })),
      azAcrLogin(context.target),
      { kind: 'file-edit', title: `Or rename the keys to lower case in ${read.path}`, file: read.path },
    ];
    if (mismatched.length > 0 && !exact) {
      return {
        status: 'fail',
        summary: `${read.path} knows ${host} only as ${mismatched.map((m) => m.key).join(', ')}: docker compares exactly, sends no credentials and gets "unauthorized: authentication required" (FAQ F25).`,
        evidence,
        fixes,
      };
    }
    if (allUpper.length > 0 || typedMixed) {
      return {
        status: 'warn',
        summary: `${allUpper.length ? `config.json has keys with upper case (${allUpper.join(', ')}) that docker never matches.` : 'config.json is fine.'}${typedNote}`,
        evidence,
        fixes: allUpper.length ? fixes : [azAcrLogin(context.target)],
      };
    }
    return { status: 'pass', summary: `All registry keys in ${read.path} are lower case${exact ? `, including ${host}` : ''}.`, evidence };
  },
};
