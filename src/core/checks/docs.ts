/** Documentation pages the checks link (one place, so a moved page is fixed once). */
export const DOCS = {
  checkHealth: 'https://learn.microsoft.com/azure/container-registry/container-registry-check-health',
  errorReference: 'https://learn.microsoft.com/azure/container-registry/container-registry-health-error-reference',
  troubleshootAccess: 'https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access',
  troubleshootLogin: 'https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-login',
  firewall: 'https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks',
  firewallRules: 'https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules',
  skus: 'https://learn.microsoft.com/azure/container-registry/container-registry-skus',
  authentication: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication',
  armAudience: 'https://learn.microsoft.com/azure/container-registry/container-registry-disable-authentication-as-arm',
  repositoryPermissions: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions',
  locking: 'https://learn.microsoft.com/azure/container-registry/container-registry-image-lock',
  naming: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#repository-format-is-invalid-or-unsupported',
  performance: 'https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-performance',
  dataEndpoints: 'https://learn.microsoft.com/azure/container-registry/container-registry-dedicated-data-endpoints',
} as const;

/** The registry name az commands take: ARM's when known, else the first label of the login server. */
export function registryNameOf(hostname: string): string {
  return hostname.split('.')[0] ?? hostname;
}
