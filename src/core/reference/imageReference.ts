/**
 * Image references as Docker parses them: distribution/reference's grammar plus the
 * Docker CLI's normalisation (`ParseNormalizedNamed` / `splitDockerDomain`), with the
 * offset of every part so a lint rule can fix exactly one range.
 *
 * Grammar (distribution/reference regexp.go):
 *   reference      := name [ ":" tag ] [ "@" digest ]
 *   name           := [domain "/"] remote-name
 *   domain         := host [ ":" port ]         host := domain-name | "[" ipv6 "]"
 *   domain-name    := component ("." component)*  component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 *   remote-name    := path-component ("/" path-component)*
 *   path-component := [a-z0-9]+ (separator [a-z0-9]+)*   separator := [._] | "__" | "-"+
 *   tag            := [\w][\w.-]{0,127}
 *   digest         := algorithm ":" hex{32,}     algorithm := [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*
 */

import { ACR_LOGIN_SERVER_SUFFIXES } from './acrLoginServerSuffixes';

/** A part of the reference: its text and [start, end) offsets into the parsed string. */
export interface Span {
  value: string;
  start: number;
  end: number;
}

/** Why Docker takes the first path component for a registry host (splitDockerDomain). */
export type DomainReason = 'dot' | 'port' | 'localhost' | 'uppercase';

/**
 * The parts of a reference as Docker splits it, always present (so several problems can be
 * reported at once), and the first problem Docker would fail on, if any.
 */
export interface ImageReference {
  /** The registry host (and port) as written; absent when Docker uses Docker Hub. */
  domain?: Span;
  domainReason?: DomainReason;
  /** The repository path as written, without the domain (`library/` is not added here). */
  path: Span;
  tag?: Span;
  /** The whole digest, `algorithm:hex`. */
  digest?: Span;
  /** `docker.io` when no domain is written (and for `index.docker.io`), else the domain as written. */
  registry: string;
  /** The repository path Docker uses: `library/ubuntu` for `ubuntu` on Docker Hub. */
  normalizedPath: string;
  /** The URL scheme written before the reference (`https://`), which Docker rejects. */
  scheme?: Span;
  /** Absent when Docker accepts the reference. */
  error?: ReferenceError;
}

export type ReferenceErrorKind =
  | 'empty'
  | 'scheme'
  | 'identifier'
  | 'uppercase-repository'
  | 'invalid-domain'
  | 'empty-component'
  | 'bad-separator'
  | 'invalid-tag'
  | 'invalid-digest'
  | 'too-long';

export interface ReferenceError {
  kind: ReferenceErrorKind;
  /** Docker's own error text for this input, as `docker pull`/`docker build` prints it. */
  dockerMessage: string;
  /** Our explanation of what exactly is wrong. */
  detail: string;
  /** The offending part: [start, end) offsets into the parsed string. */
  start: number;
  end: number;
}


export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const NAME_TOTAL_LENGTH_MAX = 255;

const INVALID_FORMAT = 'invalid reference format';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_NAME_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** Hex lengths of the algorithms go-digest knows; others are "unsupported digest algorithm". */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function problem(kind: ReferenceErrorKind, start: number, end: number, detail: string, dockerMessage = INVALID_FORMAT): ReferenceError {
  return { kind, dockerMessage, detail, start, end };
}

function span(text: string, start: number, end: number): Span {
  return { value: text.slice(start, end), start, end };
}

/** Validates `host[:port]` against the domain grammar; returns a detail message or undefined when valid. */
function domainProblem(domain: string): string | undefined {
  let host = domain;
  let port: string | undefined;
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    if (close === -1) return 'the IPv6 address has no closing "]"';
    host = domain.slice(0, close + 1);
    const rest = domain.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return 'only ":port" may follow an IPv6 address';
      port = rest.slice(1);
    }
    if (!IPV6_HOST.test(host)) return `"${host}" is not a valid IPv6 address`;
  } else {
    const colon = domain.indexOf(':');
    if (colon !== -1) {
      host = domain.slice(0, colon);
      port = domain.slice(colon + 1);
    }
    if (host === '') return 'the registry host is empty';
    for (const component of host.split('.')) {
      if (!DOMAIN_NAME_COMPONENT.test(component)) {
        return component === ''
          ? `the registry host "${host}" has an empty label`
          : `"${component}" is not a valid host name label (letters, digits and inner "-" only)`;
      }
    }
  }
  if (port !== undefined && !PORT.test(port)) return `the port "${port}" is not a number`;
  return undefined;
}

function componentProblem(component: string): string {
  if (/[^a-z0-9._-]/.test(component)) {
    const bad = /[^a-z0-9._-]/.exec(component)?.[0] ?? '';
    return `"${component}" contains "${bad}"; repository names allow only lowercase letters, digits, ".", "_", "__" and "-"`;
  }
  return `"${component}" must start and end with a letter or digit, with single ".", "_", "__" or runs of "-" between them`;
}

/**
 * Parses an image reference the way `docker pull`/`docker build` do. Never throws.
 * Offsets in the result are offsets into `text`.
 */
export function parseImageReference(text: string): ImageReference {
  const schemeMatch = SCHEME.exec(text);
  const scheme = schemeMatch ? span(text, 0, schemeMatch[0].length) : undefined;
  const reference = splitReference(text, scheme ? scheme.end : 0);
  if (scheme) {
    reference.scheme = scheme;
    reference.error = problem('scheme', scheme.start, scheme.end, `an image reference has no URL scheme: write it without "${scheme.value}"`);
  } else {
    reference.error = firstProblem(text, reference);
  }
  return reference;
}

/** splitDockerDomain plus the tag/digest split, on text[offset..]; offsets stay relative to `text`. */
function splitReference(text: string, offset: number): ImageReference {
  // The first component is a host if it has "." or ":", is "localhost", or has upper case.
  const firstSlash = text.indexOf('/', offset);
  let domain: Span | undefined;
  let domainReason: DomainReason | undefined;
  if (firstSlash !== -1) {
    const first = text.slice(offset, firstSlash);
    if (first.includes('.')) domainReason = 'dot';
    else if (first.includes(':')) domainReason = 'port';
    else if (first === 'localhost') domainReason = 'localhost';
    else if (first.toLowerCase() !== first) domainReason = 'uppercase';
    if (domainReason) domain = span(text, offset, firstSlash);
  }
  const remainderStart = domain ? firstSlash + 1 : offset;
  const remainder = text.slice(remainderStart);
  // The digest starts at the first "@"; the tag at the last ":" before it (a path has no ":").
  const at = remainder.indexOf('@');
  const nameAndTag = at === -1 ? remainder : remainder.slice(0, at);
  const colon = nameAndTag.lastIndexOf(':');
  const pathEnd = remainderStart + (colon === -1 ? nameAndTag.length : colon);
  const path = span(text, remainderStart, pathEnd);
  const tag = colon === -1 ? undefined : span(text, pathEnd + 1, remainderStart + nameAndTag.length);
  const digest = at === -1 ? undefined : span(text, remainderStart + at + 1, text.length);
  const registry = domain === undefined || domain.value.toLowerCase() === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : domain.value;
  const normalizedPath = registry === DEFAULT_DOMAIN && !path.value.includes('/') ? `library/${path.value}` : path.value;
  return { domain, domainReason, path, tag, digest, registry, normalizedPath };
}

/** The problem Docker reports first, in the order ParseNormalizedNamed checks. */
function firstProblem(text: string, reference: ImageReference): ReferenceError | undefined {
  const { domain, path, tag, digest, registry, normalizedPath } = reference;
  if (text === '') return problem('empty', 0, 0, 'the image reference is empty', 'repository name must have at least one component');
  if (ANCHORED_IDENTIFIER.test(text)) {
    return problem('identifier', 0, text.length, 'a 64-character hexadecimal string is an image ID, not a repository name', `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`);
  }
  // Docker checks case first, on the remainder up to its first ":".
  if (path.value.toLowerCase() !== path.value) {
    const remainder = text.slice(path.start);
    const colon = remainder.indexOf(':');
    const remote = colon === -1 ? remainder : remainder.slice(0, colon);
    const shown = registry === DEFAULT_DOMAIN && !remote.includes('/') ? `library/${remote}` : remote;
    return problem('uppercase-repository', path.start, path.end, `the repository path "${path.value}" has upper case, and repository names must be lowercase`, `${INVALID_FORMAT}: repository name (${shown}) must be lowercase`);
  }
  if (domain) {
    const detail = domainProblem(domain.value);
    if (detail) return problem('invalid-domain', domain.start, domain.end, detail);
  }
  let componentStart = path.start;
  for (const component of path.value.split('/')) {
    const componentEnd = componentStart + component.length;
    if (component === '') {
      const detail = path.value === '' ? 'the repository name is empty' : 'the repository path has an empty component ("//", or a leading or trailing "/")';
      return problem('empty-component', componentStart, Math.min(componentEnd + 1, path.end), detail);
    }
    if (!PATH_COMPONENT.test(component)) return problem('bad-separator', componentStart, componentEnd, componentProblem(component));
    componentStart = componentEnd + 1;
  }
  if (tag && !TAG.test(tag.value)) {
    const detail = tag.value === ''
      ? 'the tag after ":" is empty'
      : tag.value.length > 128
        ? `the tag is ${tag.value.length} characters long, and at most 128 are allowed`
        : `the tag "${tag.value}" is invalid: it must start with a letter, digit or "_" and contain only letters, digits, "_", "." and "-"`;
    return problem('invalid-tag', tag.start, tag.end, detail);
  }
  if (digest) {
    if (!DIGEST.test(digest.value)) {
      return problem('invalid-digest', digest.start, digest.end, `the digest "${digest.value}" is invalid: it must be "algorithm:hex", e.g. "sha256:" followed by 64 hexadecimal digits`);
    }
    const [algorithm, hex] = digest.value.split(':');
    const expected = DIGEST_HEX_LENGTH[algorithm];
    if (expected === undefined) {
      return problem('invalid-digest', digest.start, digest.end, `the digest algorithm "${algorithm}" is not supported; use sha256`, 'unsupported digest algorithm');
    }
    if (hex.length !== expected) {
      return problem('invalid-digest', digest.start, digest.end, `a ${algorithm} digest has ${expected} hexadecimal digits, this one has ${hex.length}`, 'invalid checksum digest length');
    }
    if (!/^[a-f0-9]+$/.test(hex)) {
      return problem('invalid-digest', digest.start, digest.end, 'the digest must use lowercase hexadecimal digits', 'invalid checksum digest format');
    }
  }
  const normalizedName = `${registry}/${normalizedPath}`;
  if (normalizedName.length > NAME_TOTAL_LENGTH_MAX) {
    return problem('too-long', domain ? domain.start : path.start, path.end, `the repository name is ${normalizedName.length} characters long with its registry, and at most ${NAME_TOTAL_LENGTH_MAX} are allowed`, `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  return undefined;
}

const ACR_HOST = new RegExp(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.(?:${ACR_LOGIN_SERVER_SUFFIXES.map((suffix) => suffix.replace(/\./g, '\\.')).join('|')})$`);

/**
 * Whether a registry host is an Azure Container Registry login server or data endpoint:
 * `<name>.azurecr.io` (public cloud), `.azurecr.cn` (Azure China), `.azurecr.us` (Azure
 * US Government), `.azurecr.microsoft.scloud` / `.azurecr.eaglex.ic.gov` (air-gapped clouds;
 * the list is acrLoginServerSuffixes.ts),
 * including `<name>-<hash>.azurecr.io` (domain-name-label scope) and
 * `<name>.<region>.data.azurecr.io` (dedicated data endpoints). Case-insensitive; a port is ignored.
 */
export function isAcrHost(host: string): boolean {
  const withoutPort = host.replace(/:[0-9]*$/, '');
  return ACR_HOST.test(withoutPort.toLowerCase());
}
