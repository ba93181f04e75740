import type { MessageFacts } from './types';

/**
 * Extraction of what a message names. Every pattern here runs on a window of at most a few KB around a
 * match (see scanner.ts), and each is linear: classes separated by literals they exclude.
 */

// host[:port] with at least one dot (or localhost), as in image references and URLs.
// Upper case allowed in hosts (docker accepts them; F25 is about exactly that), never in repository paths.
const HOST = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,8}|localhost)(?::[0-9]{1,5})?`;
// Finds an ACR host inside free text (isAcrHost in core/reference judges a whole host).
const ACR_HOST_IN_TEXT = /\b([a-z0-9][a-z0-9-]{0,61}[a-z0-9]?(?:\.privatelink)?(?:\.[a-z0-9-]{1,40}){0,2}\.azurecr\.(?:io|cn|us|microsoft\.scloud|eaglex\.ic\.gov))\b/i;
const IMAGE_REF = new RegExp(String.raw`(?:^|[\s\[\("'=])(${HOST})/([a-z0-9][a-z0-9._/-]{0,254})(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?(?=$|[\s"'\]),;@:])`);
const SCOPE = /\bscope=repository(?::|%3A)([a-z0-9][a-z0-9._/%-]{0,254})(?::|%3A)/i;
// API paths name the repository and reference: /v2/NAME/manifests/REF
const API_PATH = /\/v2\/([a-z0-9][a-z0-9._/-]{0,254})\/(manifests|blobs|tags)\/([A-Za-z0-9_:][A-Za-z0-9_.:-]{0,127})/i;
const TAGGED_BY = /manifest tagged by "([^"\s]{1,128})"/i;
const CLIENT_IP = /client with IP '([0-9a-f.:]{2,45})'/i;
// A status after a label ("Response code: 401", "status code 429"), or before its reason phrase ("401 Unauthorized").
const STATUS_LABELLED = /\b(?:response code|status code|status)[:=]?\s{0,3}([45][0-9]{2})\b/i;
const STATUS_REASON = /\b([45][0-9]{2}) (?:Unauthorized|Forbidden|Not Found|Too Many Requests|Method Not Allowed|Bad Request|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout)\b/i;
const AZ_TITLE = /\b((?:CONNECTIVITY|DOCKER|HELM|NOTARY)_[A-Z_]{3,40}_ERROR|LOGIN_SERVER_ERROR|CMK_ERROR)\b/;
const RESOLVER = /\blookup \S{1,260} on ([0-9a-f.:[\]]{2,60}):53\b/i;
const DIAL = /\bdial tcp ([0-9a-f.:[\]]{2,60}:[0-9]{1,5})/i;
const REGISTRY_ARG = /\bregistry '([a-z0-9.-]{1,260})'/i;
const LOOKUP_HOST = /\blookup ([a-z0-9.-]{1,260})(?: on |: )/i;
const URL_HOST = new RegExp(String.raw`\bhttps?://(${HOST})`, 'i');
const CACHE_RULE = /cache rule '([^'\s]{1,100})'/i;

/** Hosts of the documentation links messages carry ("visit https://aka.ms/acr/authorization"): never the registry. */
const DOC_HOSTS = new Set(['aka.ms', 'docs.microsoft.com', 'learn.microsoft.com', 'www.docker.com', 'docker.com', 'docs.docker.com']);

/** The first match of a pattern whose first group is not a documentation host. */
function firstNonDoc(pattern: RegExp, text: string): RegExpExecArray | null {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = global.exec(text), n = 0; m !== null && n < 16; m = global.exec(text), n++) {
    if (!DOC_HOSTS.has(m[1].toLowerCase().replace(/:\d+$/, ''))) return m;
  }
  return null;
}

export function extractFacts(text: string): MessageFacts {
  const facts: MessageFacts = {};
  const acr = ACR_HOST_IN_TEXT.exec(text);
  const image = firstNonDoc(IMAGE_REF, text);
  const registryArg = REGISTRY_ARG.exec(text);
  const lookup = LOOKUP_HOST.exec(text);
  const url = firstNonDoc(URL_HOST, text);
  const host = acr?.[1] ?? registryArg?.[1] ?? lookup?.[1] ?? image?.[1] ?? url?.[1];
  if (host) facts.loginServer = host.toLowerCase();

  const scope = SCOPE.exec(text);
  if (scope) facts.repository = decodeURIComponent(scope[1]).toLowerCase();
  else if (image && (!facts.loginServer || image[1].toLowerCase() === facts.loginServer)) {
    // `HOST/v2/…` is an API path, not a repository.
    if (!/^v2\//i.test(image[2])) facts.repository = image[2].replace(/[/.]+$/, '');
  }
  if (image && facts.repository && image[2].replace(/[/.]+$/, '') === facts.repository) {
    if (image[4]) facts.reference = image[4];
    else if (image[3]) facts.reference = image[3];
  }
  const apiPath = facts.repository ? null : API_PATH.exec(text);
  if (apiPath) {
    facts.repository = apiPath[1].toLowerCase();
    if (apiPath[2] === 'manifests') facts.reference = apiPath[3];
  }
  const taggedBy = TAGGED_BY.exec(text);
  if (taggedBy) facts.reference = taggedBy[1];

  const ip = CLIENT_IP.exec(text);
  if (ip) facts.clientIp = ip[1];
  const status = STATUS_LABELLED.exec(text) ?? STATUS_REASON.exec(text);
  if (status) facts.status = Number(status[1]);
  const az = AZ_TITLE.exec(text);
  if (az) facts.azTitle = az[1];
  const resolver = RESOLVER.exec(text);
  if (resolver) facts.resolver = resolver[1];
  const dial = DIAL.exec(text);
  if (dial) facts.address = dial[1];
  const cacheRule = CACHE_RULE.exec(text);
  if (cacheRule) facts.cacheRule = cacheRule[1];
  return facts;
}

/** The address of `dial tcp ADDRESS:PORT` (IPv4, or [IPv6]) without its port. */
export function hostOfAddress(address: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(address);
  return bracketed ? bracketed[1] : address.includes('.') ? address.replace(/:\d+$/, '') : address;
}
