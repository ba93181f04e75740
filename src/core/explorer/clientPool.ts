/**
 * One registry client per (login server, identity): the tree, its commands and the
 * cleanup share a client's token cache and probed capabilities. A sign-in change drops
 * the clients of the identities it affects (their tokens belong to the old account).
 */
export class ClientPool<C> {
  private readonly clients = new Map<string, { client: C; host: string; identity: string }>();

  constructor(private readonly create: (host: string, identity: string) => C) {}

  /** Login servers are case-insensitive (F25): one client for MyReg.azurecr.io and myreg.azurecr.io. */
  static key(host: string, identity: string): string {
    return `${host.toLowerCase()}\u0000${identity}`;
  }

  get(host: string, identity: string): C {
    const key = ClientPool.key(host, identity);
    let entry = this.clients.get(key);
    if (!entry) {
      entry = { client: this.create(host, identity), host: host.toLowerCase(), identity };
      this.clients.set(key, entry);
    }
    return entry.client;
  }

  /** Drops the clients of identities that match (e.g. every Azure identity on sign-out). */
  dropIdentities(matches: (identity: string) => boolean): number {
    let dropped = 0;
    for (const [key, entry] of this.clients) {
      if (matches(entry.identity)) {
        this.clients.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  /** Drops every client of one host (credentials changed, registry removed). */
  dropHost(host: string): void {
    for (const [key, entry] of this.clients) if (entry.host === host.toLowerCase()) this.clients.delete(key);
  }

  clear(): void {
    this.clients.clear();
  }

  get size(): number {
    return this.clients.size;
  }
}
