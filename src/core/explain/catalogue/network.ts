import { isAcrHost } from '../../reference/imageReference';
import { isPrivateAddress } from '../../checks/addresses';
import { hostOfAddress } from '../extract';
import type { MessageFacts, MessageFamily } from '../types';

/** Lines that speak of a registry, so a timeout or DNS failure is ours to explain (not GitHub's, say). */
function aboutRegistry(line: string, facts: MessageFacts): boolean {
  return (facts.loginServer !== undefined && isAcrHost(facts.loginServer)) || /\/v2\/|\boauth2\/|docker|containerd|kubelet|\bmanifest|\bimage\b|\baz acr\b|\bhelm\b|\boras\b/i.test(line);
}

/** Firewall, DNS, TCP, TLS and timeout failures: rows 2, 3, 4, 14-19 and 22 of failure-messages.md. */
export const networkFamilies: MessageFamily[] = [
  {
    id: 'firewall-ip-denied',
    row: 2,
    title: "denied: client with IP '…' is not allowed access",
    meaning: "The registry's firewall (networkRuleSet) refused the request: the address it saw is not in its IP rules. The IP in the message is the one to allow, which is often not your machine's own.",
    keywords: ['is not allowed access', 'aka.ms/acr/firewall'],
    pattern: /client with IP '[0-9a-f.:]{2,45}' is not allowed access|aka\.ms\/acr\/firewall/i,
    causes: [
      {
        id: 'ip-not-allowed',
        summary: "The client IP named in the message is not in the registry's IP rules.",
        checks: ['net.firewall'],
        fix: 'az acr network-rule add -n REGISTRY --ip-address CLIENT_IP (changes take a few minutes to apply, FAQ F07).',
      },
      {
        id: 'egress-ip-differs',
        summary: 'The registry sees your egress address (NAT gateway, proxy, VPN), not the address of your machine.',
        checks: ['net.firewall'],
        fix: 'Allow the IP the message names (not `ipconfig`/`ip addr` output), or a range for your NAT gateway.',
      },
      {
        id: 'tasks-or-hosted-agents',
        summary: 'The caller is ACR Tasks, ACI or a hosted CI runner, whose addresses change and are not in the rules.',
        checks: ['tasks.network-bypass', 'registry.private-endpoints'],
        fix: 'Allow trusted services (networkRuleBypassOptions AzureServices, networkRuleBypassAllowedForTasks) or use self-hosted agents in a VNet with a private endpoint.',
      },
      {
        id: 'vpn-public-dns',
        summary: "A client on the VPN resolved the registry's public address instead of its private endpoint.",
        checks: ['net.dns', 'registry.private-endpoints'],
        fix: 'Link the privatelink.azurecr.io DNS zone to the network the client uses (or forward it from your DNS).',
      },
    ],
    sources: ['Azure/azure-cli #27253', 'Azure/azure-cli #22920', 'Azure/acr #627', 'Azure/acr #633', 'docker/build-push-action #1214', 'Azure/acr #360'],
    faq: ['F07', 'F31'],
  },
  {
    id: 'ip-rule-quota',
    row: 3,
    title: 'The requested feature IP rule exceeds allowed quota 100 for the SKU Premium',
    meaning: 'A registry has at most 100 IP rules; allow-listing every address of hosted agents does not fit.',
    keywords: ['exceeds allowed quota'],
    pattern: /IP rule exceeds allowed quota/i,
    causes: [
      {
        id: 'allow-listing-hosted-agents',
        summary: 'Trying to allow-list the address ranges of hosted agents (GitHub, Azure Pipelines), which are too many and change.',
        checks: ['net.firewall', 'tasks.network-bypass'],
        fix: 'Use self-hosted agents in a VNet with a private endpoint, or trusted-service bypass for ACR Tasks, instead of IP rules.',
      },
    ],
    sources: ['Azure/acr #518'],
    faq: ['F07'],
  },
  {
    id: 'challenge-error',
    row: 4,
    title: "CONNECTIVITY_CHALLENGE_ERROR Registry '…' did not issue a challenge",
    meaning: "GET https://LOGIN_SERVER/v2/ did not answer with the 401 and WWW-Authenticate header a registry sends: something else answered, or the registry's public endpoint is closed.",
    keywords: ['connectivity_challenge_error', 'did not issue a challenge'],
    pattern: /CONNECTIVITY_CHALLENGE_ERROR|did not issue a challenge/i,
    causes: [
      {
        id: 'public-access-disabled',
        summary: 'Public network access is disabled and this client resolves the public address.',
        checks: ['registry.public-access', 'net.dns'],
        fix: 'Use the registry from a network with its private endpoint, or enable public access with IP rules.',
      },
      {
        id: 'proxy-answered',
        summary: 'A proxy or captive portal answered instead of the registry.',
        checks: ['net.challenge'],
        fix: 'Set NO_PROXY for the login server, or configure the proxy to pass it through.',
      },
      {
        id: 'private-endpoint-dns',
        summary: 'A private-endpoint registry is resolved through public DNS.',
        checks: ['net.dns', 'registry.private-endpoints'],
        fix: 'Link the privatelink.azurecr.io zone to the VNet the client uses.',
      },
    ],
    sources: ['Azure/acr #533', 'Azure/azure-cli #8798'],
    faq: ['F20', 'F31'],
  },
  {
    id: 'x509-unknown-authority',
    row: 14,
    title: 'x509: certificate signed by unknown authority',
    meaning: 'The TLS certificate the client received was not issued by a CA it trusts. On ACR this is almost always a TLS-inspecting proxy, often only on the storage/data host of the layers.',
    keywords: ['certificate signed by unknown authority'],
    pattern: /x509: certificate signed by unknown authority/i,
    causes: [
      {
        id: 'tls-inspecting-proxy',
        summary: "A TLS-inspecting proxy or firewall re-signs the registry's traffic with its own CA.",
        checks: ['net.tls'],
        fix: "Add the proxy's root CA to the trust store docker (and the daemon) use, or exempt *.azurecr.io and the storage hosts from inspection.",
      },
      {
        id: 'only-blob-host',
        summary: 'Only the layer downloads (storage or data endpoint host) are intercepted: the login server itself is fine.',
        checks: ['net.tls', 'net.data-endpoint'],
        fix: 'Exempt *.blob.core.windows.net and REGISTRY.REGION.data.azurecr.io from inspection too.',
      },
      {
        id: 'stale-ca-bundle',
        summary: 'The machine has an outdated CA bundle.',
        checks: ['net.tls'],
        fix: 'Update ca-certificates (apt-get install --only-upgrade ca-certificates) and restart docker.',
      },
    ],
    rank: (_facts, line) => (/blob\.core\.windows\.net|\.data\.azurecr\.|error pulling image configuration|download failed/i.test(line) ? ['only-blob-host'] : undefined),
    sources: ['moby/moby #36820', 'docker/for-win #23', 'Azure/azure-cli #29298'],
    faq: ['F13'],
  },
  {
    id: 'x509-privatelink-name',
    row: 15,
    title: 'x509: certificate is valid for *.azurecr.io, not REGISTRY.privatelink.azurecr.io',
    meaning: 'The client addressed the private-link name directly. The certificate covers the normal login server only; private DNS maps that name to the private endpoint.',
    keywords: ['privatelink'],
    pattern: /certificate is valid for .{0,2000}\bnot [a-z0-9.-]{0,253}\.privatelink\.azurecr\./i,
    causes: [
      {
        id: 'privatelink-fqdn-used',
        summary: 'An image reference or login uses REGISTRY.privatelink.azurecr.io instead of REGISTRY.azurecr.io.',
        checks: ['registry.login-server', 'net.dns'],
        fix: 'Use REGISTRY.azurecr.io everywhere; the privatelink DNS zone resolves it to the private endpoint.',
      },
    ],
    supersedes: ['x509-unknown-authority'],
    sources: ['Azure/acr #425'],
    faq: ['F31'],
  },
  {
    id: 'dns-no-such-host',
    row: 16,
    title: 'dial tcp: lookup REGISTRY.azurecr.io on RESOLVER:53: no such host',
    meaning: 'DNS has no address for the registry host: the name is wrong, the registry is gone, or a private DNS zone is not reachable from here.',
    keywords: ['no such host', 'getaddrinfo enotfound', 'name or service not known', 'connectivity_dns_error', 'could not resolve host'],
    pattern: /lookup [a-z0-9.-]{1,253}(?: on [0-9a-f.:[\]]{2,60}:53)?: no such host|getaddrinfo ENOTFOUND [a-z0-9.-]{1,253}|CONNECTIVITY_DNS_ERROR|Name or service not known|Could not resolve host: [a-z0-9.-]{1,253}/i,
    accept: aboutRegistry,
    causes: [
      {
        id: 'wrong-name',
        summary: 'The login server is misspelled, lacks its domain-name-label hash (REGISTRY-HASH.azurecr.io), or is for another cloud.',
        checks: ['registry.login-server', 'net.dns'],
        fix: 'Take the login server from az acr show -n NAME --query loginServer (never guess NAME.azurecr.io).',
      },
      {
        id: 'private-dns-zone-not-linked',
        summary: "The registry uses a private endpoint and the privatelink.azurecr.io zone is not linked to this client's network.",
        checks: ['net.dns', 'registry.private-endpoints'],
        fix: 'Link the private DNS zone to the VNet (or add a conditional forwarder from your DNS to 168.63.129.16).',
      },
      {
        id: 'custom-dns-not-forwarding',
        summary: 'A custom DNS server does not forward Azure names.',
        checks: ['net.dns'],
        fix: 'Forward azurecr.io (and privatelink.azurecr.io) to Azure DNS.',
      },
      {
        id: 'registry-deleted',
        summary: 'The registry was deleted or renamed.',
        checks: ['registry.login-server'],
        fix: 'az acr list -o table to find it.',
      },
    ],
    sources: ['microsoft/azure-pipelines-tasks #10616', 'docker/login-action #718', 'docker/for-win #1444'],
    faq: ['F21', 'F31'],
  },
  {
    id: 'dial-timeout-private-ip',
    row: 17,
    title: 'dial tcp 10.x.x.x:443: i/o timeout',
    meaning: 'The registry name resolved to a private address (a private endpoint) that this client cannot reach: DNS is fine, the route is not.',
    keywords: ['i/o timeout', 'connection timed out', 'no route to host', 'network is unreachable'],
    pattern: /dial tcp [0-9a-f.:[\]]{2,60}:[0-9]{1,5}: (?:i\/o timeout|connect: connection timed out|connect: no route to host|connect: network is unreachable)/i,
    accept: (line, facts) => facts.address !== undefined && isPrivateAddress(hostOfAddress(facts.address)) && aboutRegistry(line, facts),
    causes: [
      {
        id: 'private-ip-unroutable',
        summary: 'The private endpoint address is not routable from here (no peering, VPN route or UDR to that VNet).',
        checks: ['net.tcp', 'net.dns'],
        fix: 'Run the client inside (or peered with) the VNet of the private endpoint, or add the route.',
      },
      {
        id: 'nsg-blocks',
        summary: 'A network security group or firewall drops port 443 to the private endpoint.',
        checks: ['net.tcp'],
        fix: 'Allow outbound 443 to the private endpoint subnet.',
      },
    ],
    supersedes: ['client-timeout'],
    sources: ['Azure/acr #594'],
    faq: ['F21', 'F31'],
  },
  {
    id: 'client-timeout',
    row: 18,
    title: 'net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    meaning: 'The client gave up waiting for the registry (or its token server) to answer.',
    keywords: ['client.timeout exceeded', 'context deadline exceeded', 'i/o timeout', 'tls handshake timeout'],
    pattern: /Client\.Timeout exceeded|context deadline exceeded|i\/o timeout|TLS handshake timeout/i,
    accept: aboutRegistry,
    causes: [
      {
        id: 'daemon-proxy',
        summary: "The docker daemon's proxy settings (not your shell's) send registry traffic somewhere slow or wrong.",
        checks: ['docker.daemon'],
        fix: "Check the daemon's HTTP(S)_PROXY and NO_PROXY (systemd drop-in or Docker Desktop settings), then restart docker.",
      },
      {
        id: 'transient-or-hung-daemon',
        summary: 'A transient network problem or a hung daemon.',
        checks: ['docker.daemon', 'net.challenge'],
        fix: 'Retry; if it persists, restart the docker daemon (FAQ F21).',
      },
      {
        id: 'token-server-slow',
        summary: 'The token server was slow (504 on /oauth2/exchange).',
        checks: ['net.challenge', 'auth.refresh-token'],
        fix: 'Retry with back-off.',
      },
      {
        id: 'network-path',
        summary: 'Packets to the registry are dropped on the way (firewall, private endpoint not routable).',
        checks: ['net.tcp', 'net.dns'],
        fix: 'See which address the name resolves to and whether port 443 connects.',
      },
    ],
    sources: ['Azure/acr #123', 'Azure/acr #77', 'microsoft/containerregistry #139'],
    faq: ['F21'],
  },
  {
    id: 'blob-host-failure',
    row: 19,
    title: 'Get "https://ACCOUNT.blob.core.windows.net/…": EOF / i/o timeout',
    meaning: 'The manifest came from the login server, but downloading a layer from the storage host or data endpoint it redirected to failed.',
    keywords: ['blob.core.windows.net', '.data.azurecr.'],
    pattern: /https?:\/\/[a-z0-9.-]{1,253}\.(?:blob\.core\.windows\.net|data\.azurecr\.(?:io|cn|us))/i,
    accept: (line) => /\bEOF\b|i\/o timeout|connection reset|connection refused|no such host|deadline exceeded|forbidden|\b403\b/i.test(line),
    causes: [
      {
        id: 'storage-not-allowed',
        summary: 'Your firewall or proxy allows the login server but not the storage host or REGISTRY.REGION.data.azurecr.io.',
        checks: ['net.data-endpoint'],
        fix: 'Allow the data endpoints (az acr show-endpoints -n REGISTRY lists them) in the client firewall or proxy.',
      },
      {
        id: 'data-endpoint-dns',
        summary: 'With a private endpoint, the data endpoint name has no private DNS record.',
        checks: ['net.data-endpoint', 'net.dns'],
        fix: 'Add the REGISTRY.REGION.data record to the privatelink.azurecr.io zone (the private endpoint creates one per replica).',
      },
    ],
    supersedes: ['client-timeout', 'dns-no-such-host'],
    sources: ['MicrosoftDocs/azure-docs PR #116188'],
    faq: ['F21', 'F29'],
  },
  {
    id: 'ssl-error',
    row: 22,
    title: 'CONNECTIVITY_SSL_ERROR Unable to establish a secure connection … Are you using a proxy server?',
    meaning: 'az could not set up TLS to the registry. az (Python) has its own CA store, so docker may work while az fails, or the other way round.',
    keywords: ['connectivity_ssl_error', 'certificate_verify_failed', 'unable to establish a secure connection'],
    pattern: /CONNECTIVITY_SSL_ERROR|CERTIFICATE_VERIFY_FAILED|Unable to establish a secure connection/i,
    causes: [
      {
        id: 'intercepting-proxy',
        summary: "A TLS-intercepting proxy presents its own certificate, which az's CA bundle does not trust.",
        checks: ['net.tls'],
        fix: "Point az at a bundle with the proxy's CA: export REQUESTS_CA_BUNDLE=/path/ca-bundle.pem.",
      },
      {
        id: 'old-tls',
        summary: 'Something on the path negotiates TLS below 1.2, which ACR refuses.',
        checks: ['net.tls'],
        fix: 'Use a client and proxy that speak TLS 1.2 or later (docker 18.03+, FAQ F13).',
      },
    ],
    sources: ['Azure/azure-cli #31925', 'Azure/acr #256', 'Azure/acr #404'],
    faq: ['F13'],
  },
];
