import type { RegistryClientOptions, TagInfo, ManifestInfo, FetchedManifest } from './types';

export class RegistryClient {
  readonly registry: string;
  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
  }
  capabilities(_signal?: AbortSignal): Promise<{ acr: boolean; referrersApi: boolean }> {
    throw new Error('not implemented');
  }
  // eslint-disable-next-line require-yield
  async *repositories(_opts: { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<string> {
    throw new Error('not implemented');
  }
  // eslint-disable-next-line require-yield
  async *tags(_repo: string, _opts: { pageSize?: number; order?: 'name' | 'newest'; signal?: AbortSignal } = {}): AsyncIterable<TagInfo> {
    throw new Error('not implemented');
  }
  tagDetails(_repo: string, _tags: string[], _opts: { signal?: AbortSignal } = {}): Promise<TagInfo[]> {
    throw new Error('not implemented');
  }
  // eslint-disable-next-line require-yield
  async *manifests(_repo: string, _opts: { signal?: AbortSignal } = {}): AsyncIterable<ManifestInfo> {
    throw new Error('not implemented');
  }
  getManifest(_repo: string, _reference: string, _opts: { signal?: AbortSignal } = {}): Promise<FetchedManifest> {
    throw new Error('not implemented');
  }
  referrers(_repo: string, _digest: string, _opts: { signal?: AbortSignal } = {}): Promise<ManifestInfo[]> {
    throw new Error('not implemented');
  }
  deleteTag(_repo: string, _tag: string, _opts: { signal?: AbortSignal } = {}): Promise<{ untagged: boolean; note?: string }> {
    throw new Error('not implemented');
  }
  deleteManifest(_repo: string, _digest: string, _opts: { signal?: AbortSignal } = {}): Promise<void> {
    throw new Error('not implemented');
  }
}
