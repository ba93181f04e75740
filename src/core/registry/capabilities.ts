/** What a registry serves (ACR's /acr/v1 API, the OCI 1.1 referrers API), probed once per client and remembered. */
import type { RegistryConnection } from './connection';
import { AuthError, ForbiddenError } from './errors';
import { isJsonError } from './json';
import { MEDIA_TYPES } from './manifest';

async function probeAcrApi(connection: RegistryConnection, signal?: AbortSignal): Promise<{ acr: boolean }> {
  try {
    const response = await connection.request({
      method: 'GET',
      url: connection.url('/acr/v1/_catalog?n=1'),
      scope: 'registry:catalog:*',
      what: 'probing for the ACR API',
      signal,
      passStatuses: [400, 404, 405],
    });
    return { acr: response.status >= 200 && response.status < 300 };
  } catch (error) {
    // Refused for lack of permission: the route exists, so this is ACR (a scoped token, say).
    if (error instanceof AuthError || error instanceof ForbiddenError) return { acr: true };
    throw error;
  }
}

/** true/false as the registry showed; undefined when this credential may not probe (unknown, not to be remembered). */
async function probeReferrersApi(connection: RegistryConnection, signal?: AbortSignal): Promise<boolean | undefined> {
  let probe;
  try {
    probe = await connection.request({
      method: 'GET',
      url: connection.url(`/v2/acr-doctor-probe/referrers/sha256:${'0'.repeat(64)}`),
      scope: 'repository:acr-doctor-probe:pull',
      accept: MEDIA_TYPES.ociIndex,
      what: 'probing for the OCI referrers API',
      signal,
      passStatuses: [400, 403, 404, 405],
    });
  } catch (error) {
    // A credential limited to some repositories cannot probe: unknown, and referrers() will try the API itself.
    if (error instanceof AuthError || error instanceof ForbiddenError) return undefined;
    throw error;
  }
  // A registry with the API answers 200 (an empty index) or a JSON error for the unknown repository.
  return probe.status === 200 || (probe.status === 404 && isJsonError(probe));
}

export class RegistryCapabilities {
  private readonly connection: RegistryConnection;
  private acrPromise?: Promise<{ acr: boolean }>;
  /** Repositories whose /acr/v1 metadata this credential may not read (anonymous pull, pull-only tokens): /v2 is used instead. */
  private readonly acrMetadataDenied = new Set<string>();
  /** undefined = not probed yet; false once a registry showed it has no referrers route. */
  referrersApi?: boolean;

  constructor(connection: RegistryConnection) {
    this.connection = connection;
  }

  async probe(signal?: AbortSignal): Promise<{ acr: boolean; referrersApi: boolean }> {
    const { acr } = await this.acr(signal);
    if (this.referrersApi === undefined) {
      const probed = await probeReferrersApi(this.connection, signal);
      if (probed === undefined) return { acr, referrersApi: false };
      this.referrersApi = probed;
    }
    return { acr, referrersApi: this.referrersApi };
  }

  acr(signal?: AbortSignal): Promise<{ acr: boolean }> {
    if (!this.acrPromise) {
      const probe = probeAcrApi(this.connection, signal);
      this.acrPromise = probe;
      // A failed probe (network, cancel) must not be cached.
      probe.catch(() => {
        if (this.acrPromise === probe) this.acrPromise = undefined;
      });
    }
    return this.acrPromise;
  }

  /**
   * Starts the ACR probe without waiting for it, if it has not run: the explorer lists a registry's
   * repositories before any of their tags, so the first tag page then finds the answer ready instead
   * of paying the probe's round trip first (on a plain /v2 registry the probe is a 404 that only says
   * where to list). A failed probe is not remembered: the next caller probes again and sees the error.
   */
  prefetchAcr(): void {
    if (this.acrPromise) return;
    this.acr().catch(() => undefined);
  }

  async useAcrMetadata(repo: string, signal?: AbortSignal): Promise<boolean> {
    return !this.acrMetadataDenied.has(repo) && (await this.acr(signal)).acr;
  }

  /**
   * An /acr/v1 read refused for permission (anonymous pull, a token with pull but
   * not metadata_read): remember it and let the caller fall back to /v2.
   */
  noteAcrMetadataDenied(repo: string, error: unknown): boolean {
    if (!(error instanceof AuthError || error instanceof ForbiddenError)) return false;
    this.acrMetadataDenied.add(repo);
    return true;
  }
}
