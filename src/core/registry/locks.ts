/**
 * ACR locks: the changeable attributes (deleteEnabled, writeEnabled, readEnabled, listEnabled) that ACR
 * keeps separately on a repository, on each tag and on each manifest (FAQ F32). Read with
 * GET /acr/v1/NAME[/_tags/TAG|/_manifests/DIGEST] (scope metadata_read), changed with PATCH on the same
 * path (scope metadata_write). Shapes as recorded from real ACR
 * (../shared/reference/acr-recorded/data-plane/acr-v1-{repository,tag,manifest}-patch.json and the GETs):
 * the PATCH body is the bare attribute object, the answer the item's full properties — the repository
 * object itself, or wrapped in `tag` / `manifest` — with `changeableAttributes` as they now are.
 * The repository name is one encoded path segment and the digest's ':' is %3A, as in the recordings.
 * Plain Docker Registry v2 has no locks: an UnsupportedError says so before any request is made.
 */
import { toChangeableAttributes } from './acrShapes';
import type { RegistryCapabilities } from './capabilities';
import type { RegistryConnection } from './connection';
import { parseDigest, quoteInvalid } from './digest';
import { ProtocolError, UnsupportedError } from './errors';
import { field, parseJson } from './json';
import type { ChangeableAttributes, LockTarget } from './types';

const ATTRIBUTE_KEYS = ['deleteEnabled', 'writeEnabled', 'readEnabled', 'listEnabled'] as const;

/** "repository suite/app", "tag suite/app:v1", "manifest suite/app@sha256:…": for messages. */
export function describeLockTarget(target: LockTarget): string {
  if (target.kind === 'repository') return `repository ${target.repository}`;
  if (target.kind === 'tag') return `tag ${target.repository}:${target.tag}`;
  return `manifest ${target.repository}@${target.digest}`;
}

/** The /acr/v1 path of a target; a manifest's digest must parse (the one parseDigest) or nothing is sent. */
function attributesPath(target: LockTarget): string {
  const repo = `/acr/v1/${encodeURIComponent(target.repository)}`;
  if (target.kind === 'repository') return repo;
  if (target.kind === 'tag') return `${repo}/_tags/${encodeURIComponent(target.tag)}`;
  const digest = parseDigest(target.digest);
  if (!digest) throw new ProtocolError(`A manifest lock needs a digest (sha256:<64 hex>), got ${quoteInvalid(target.digest)}.`);
  return `${repo}/_manifests/${encodeURIComponent(digest.value)}`;
}

/** Only the four attribute keys, only booleans: the body sent is never more than what was asked. */
function attributeBody(change: ChangeableAttributes): ChangeableAttributes {
  const body: ChangeableAttributes = {};
  for (const key of ATTRIBUTE_KEYS) if (typeof change[key] === 'boolean') body[key] = change[key];
  return body;
}

/**
 * The item's changeableAttributes from an /acr/v1 answer, after checking the answer is about that item
 * (an answer about another tag or digest would make us report the wrong lock state).
 */
function attributesFromAnswer(target: LockTarget, body: unknown, answered: string): ChangeableAttributes {
  const where = `The registry's answer to ${answered} for the ${describeLockTarget(target)}`;
  const item = target.kind === 'repository' ? body : field(body, target.kind);
  if (target.kind === 'repository') {
    const name = field(body, 'imageName');
    if (typeof name === 'string' && name !== target.repository) throw new ProtocolError(`${where} is about repository ${quoteInvalid(name)}.`);
  } else if (target.kind === 'tag') {
    const name = field(item, 'name');
    if (name !== target.tag) throw new ProtocolError(`${where} is about tag ${quoteInvalid(name)}.`);
  } else {
    const digest = field(item, 'digest');
    if (digest !== target.digest) throw new ProtocolError(`${where} is about manifest ${quoteInvalid(digest)}.`);
  }
  const attributes = toChangeableAttributes(field(item, 'changeableAttributes'));
  if (!attributes || ATTRIBUTE_KEYS.some((key) => attributes[key] === undefined)) {
    throw new ProtocolError(`${where} does not say all four of deleteEnabled, writeEnabled, readEnabled and listEnabled, so its lock state is unknown.`, {
      hint: 'Something other than ACR may be answering (a proxy, or a registry that only looks like ACR); check the address with --trace.',
    });
  }
  return attributes;
}

export class RegistryLocks {
  constructor(
    private readonly connection: RegistryConnection,
    private readonly served: RegistryCapabilities,
    private readonly registry: string,
  ) {}

  /** The item's current changeable attributes (GET, scope metadata_read). */
  async read(target: LockTarget, signal?: AbortSignal): Promise<ChangeableAttributes> {
    const path = attributesPath(target);
    await this.requireAcr(target, 'read the lock of', signal);
    const response = await this.connection.request({
      method: 'GET',
      url: this.connection.url(path),
      scope: `repository:${target.repository}:metadata_read`,
      what: `reading the lock of the ${describeLockTarget(target)}`,
      signal,
    });
    return attributesFromAnswer(target, parseJson(response, `the attributes of the ${describeLockTarget(target)}`), 'GET');
  }

  /**
   * Changes the given attributes of the item (PATCH, scope metadata_write) and returns all four as the
   * registry reports them afterwards. Never retried (the transport retries no PATCH): after a lost
   * answer the change may or may not have been made, and the caller reads the state again instead.
   */
  async update(target: LockTarget, change: ChangeableAttributes, signal?: AbortSignal): Promise<ChangeableAttributes> {
    const path = attributesPath(target);
    const body = attributeBody(change);
    if (Object.keys(body).length === 0) throw new ProtocolError(`Nothing to change on the ${describeLockTarget(target)}: no attribute was given.`);
    await this.requireAcr(target, 'lock or unlock', signal);
    const response = await this.connection.request({
      method: 'PATCH',
      url: this.connection.url(path),
      scope: `repository:${target.repository}:metadata_write`,
      what: `changing the lock of the ${describeLockTarget(target)}`,
      json: body,
      signal,
    });
    return attributesFromAnswer(target, parseJson(response, `the lock change of the ${describeLockTarget(target)}`), 'PATCH');
  }

  private async requireAcr(target: LockTarget, doing: string, signal?: AbortSignal): Promise<void> {
    if ((await this.served.acr(signal)).acr) return;
    throw new UnsupportedError(`Locks are an ACR feature: ${this.registry} does not serve ACR's /acr/v1 API, so ACR Doctor cannot ${doing} the ${describeLockTarget(target)} there.`, {
      hint: 'The Docker Registry v2 API has no locks. On a self-hosted registry, limit who may push and delete through its authentication (token scopes, htpasswd users); on ACR, use its login server name.',
    });
  }
}
