/**
 * Top-level daemon.json keys dockerd knows, written from the dockerd reference
 * (docs.docker.com/reference/cli/dockerd, "Daemon configuration file") and the
 * daemon's config structs. SchemaStore's schema is older and looser.
 */

export type ValueType = 'boolean' | 'string' | 'integer' | 'string[]' | 'object' | 'object[]' | 'size';

/** Current keys and the JSON type dockerd decodes each into (undefined: not checked). */
export const KNOWN_KEYS: Readonly<Record<string, ValueType | undefined>> = {
  'allow-direct-routing': 'boolean',
  'allow-nondistributable-artifacts': 'string[]',
  'authorization-plugins': 'string[]',
  bip: 'string',
  bip6: 'string',
  bridge: 'string',
  'bridge-accept-fwmark': 'string',
  builder: 'object',
  'cdi-spec-dirs': 'string[]',
  'cgroup-parent': 'string',
  containerd: 'string',
  'containerd-namespace': 'string',
  'containerd-plugins-namespace': 'string',
  'cpu-rt-period': 'integer',
  'cpu-rt-runtime': 'integer',
  'data-root': 'string',
  debug: 'boolean',
  'default-address-pools': 'object[]',
  'default-cgroupns-mode': 'string',
  'default-gateway': 'string',
  'default-gateway-v6': 'string',
  'default-ipc-mode': 'string',
  'default-network-opts': 'object',
  'default-runtime': 'string',
  'default-shm-size': 'size',
  'default-ulimits': 'object',
  dns: 'string[]',
  'dns-opts': 'string[]',
  'dns-search': 'string[]',
  'exec-opts': 'string[]',
  'exec-root': 'string',
  experimental: 'boolean',
  features: 'object',
  'firewall-backend': 'string',
  'fixed-cidr': 'string',
  'fixed-cidr-v6': 'string',
  group: 'string',
  'host-gateway-ip': 'string',
  'host-gateway-ips': 'string[]',
  hosts: 'string[]',
  icc: 'boolean',
  init: 'boolean',
  'init-path': 'string',
  'insecure-registries': 'string[]',
  ip: 'string',
  'ip-forward': 'boolean',
  'ip-forward-no-drop': 'boolean',
  'ip-masq': 'boolean',
  iptables: 'boolean',
  ip6tables: 'boolean',
  ipv6: 'boolean',
  labels: 'string[]',
  'live-restore': 'boolean',
  'log-driver': 'string',
  'log-format': 'string',
  'log-level': 'string',
  'log-opts': 'object',
  'max-concurrent-downloads': 'integer',
  'max-concurrent-uploads': 'integer',
  'max-download-attempts': 'integer',
  'metrics-addr': 'string',
  mtu: 'integer',
  'network-control-plane-mtu': 'integer',
  'network-diagnostic-port': 'integer',
  'no-new-privileges': 'boolean',
  'node-generic-resources': 'string[]',
  pidfile: 'string',
  proxies: 'object',
  'raw-logs': 'boolean',
  'registry-mirrors': 'string[]',
  rootless: 'boolean',
  runtimes: 'object',
  'seccomp-profile': 'string',
  'selinux-enabled': 'boolean',
  'shutdown-timeout': 'integer',
  'storage-driver': 'string',
  'storage-opts': 'string[]',
  'swarm-default-advertise-addr': 'string',
  tls: 'boolean',
  tlscacert: 'string',
  tlscert: 'string',
  tlskey: 'string',
  tlsverify: 'boolean',
  'userland-proxy': 'boolean',
  'userland-proxy-path': 'string',
  'userns-remap': 'string',
};

/** Keys older dockerd versions accepted and current ones refuse, with what to do instead. */
export const REMOVED_KEYS: Readonly<Record<string, string>> = {
  graph: 'use "data-root" instead',
  'cluster-store': 'legacy overlay networking was removed; use Swarm mode',
  'cluster-store-opts': 'legacy overlay networking was removed; use Swarm mode',
  'cluster-advertise': 'legacy overlay networking was removed; use Swarm mode',
  'disable-legacy-registry': 'registry v1 support is gone; delete the key',
  'api-cors-header': 'put a reverse proxy in front of the API if you need CORS',
  'oom-score-adjust': 'set the OOM score of the dockerd service itself (for example OOMScoreAdjust= in its systemd unit)',
  'deprecated-key-path': 'delete the key',
};

export const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest of `candidates` to `word`, if close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase().replace(/_/g, '-');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}
