import type { MessageFacts } from '../../../src/core/explain/index';

/**
 * Real wordings of every message in ../shared/reference/failure-messages.md, as the tools print them
 * (docker CLI/daemon, containerd/kubelet, az, Helm, ORAS, buildx, GitHub Actions / Azure Pipelines logs),
 * with exactly what each names. `source` says whose output the line is.
 */
export interface Wording {
  family: string;
  source: string;
  text: string;
  facts: MessageFacts;
}

export const WORDINGS: Wording[] = [
  // 1
  { family: 'push-denied', source: 'docker push (docker CLI)', text: 'denied: requested access to the resource is denied', facts: {} },
  { family: 'push-denied', source: 'podman push', text: 'Error: writing blob: initiating layer upload to /v2/myapp/blobs/uploads/ in docker.io: denied: requested access to the resource is denied', facts: { repository: 'myapp' } },
  { family: 'push-denied', source: 'docker push to ACR (GitHub Actions)', text: '##[error]denied: requested access to the resource is denied (pushing myreg.azurecr.io/web/site:42)', facts: { loginServer: 'myreg.azurecr.io', repository: 'web/site', reference: '42' } },
  // 2
  { family: 'firewall-ip-denied', source: 'docker pull (daemon)', text: `Error response from daemon: Get "https://myreg.azurecr.io/v2/": denied: client with IP '20.61.12.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`, facts: { loginServer: 'myreg.azurecr.io', clientIp: '20.61.12.4' } },
  { family: 'firewall-ip-denied', source: 'az acr repository list', text: `ERROR: denied: {"errors":[{"code":"DENIED","message":"client with IP '52.174.1.9' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.","detail":null}]}`, facts: { clientIp: '52.174.1.9' } },
  // 3
  { family: 'ip-rule-quota', source: 'az acr network-rule add', text: '(BadRequestError) The requested feature IP rule exceeds allowed quota 100 for the SKU Premium.', facts: {} },
  { family: 'ip-rule-quota', source: 'ARM deployment', text: 'Code: BadRequestError Message: The requested feature IP rule exceeds allowed quota 100 for the SKU Premium. Please use smaller number of rules.', facts: {} },
  // 4
  { family: 'challenge-error', source: 'az acr check-health', text: "An error occurred: CONNECTIVITY_CHALLENGE_ERROR\nRegistry 'myreg.azurecr.io' did not issue a challenge.", facts: { loginServer: 'myreg.azurecr.io', azTitle: 'CONNECTIVITY_CHALLENGE_ERROR' } },
  { family: 'challenge-error', source: 'az acr login', text: "ERROR: Registry 'contoso.azurecr.io' did not issue a challenge.", facts: { loginServer: 'contoso.azurecr.io' } },
  // 5
  { family: 'refresh-token-error', source: 'az acr check-health', text: "An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR\nAccess to registry 'myreg.azurecr.io' was denied. Response code: 401. Please try running 'az login' again to refresh permissions.", facts: { loginServer: 'myreg.azurecr.io', azTitle: 'CONNECTIVITY_REFRESH_TOKEN_ERROR', status: 401 } },
  { family: 'refresh-token-error', source: 'az acr login (Azure Pipelines)', text: "##[error]ERROR: Access to registry 'prodacr.azurecr.io' was denied. Response code: 429. Please try running 'az login' again to refresh permissions.", facts: { loginServer: 'prodacr.azurecr.io', status: 429 } },
  // 6
  { family: 'list-credentials-denied', source: 'az acr login (old CLI)', text: "Unable to get AAD authorization tokens with message: An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR", facts: { azTitle: 'CONNECTIVITY_REFRESH_TOKEN_ERROR' } },
  { family: 'list-credentials-denied', source: 'az acr login', text: "ERROR: The client 'dev@contoso.com' with object id '0000' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/listCredentials/action' over scope '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myreg'", facts: {} },
  // 7
  { family: 'too-many-requests', source: 'docker pull (daemon)', text: 'Error response from daemon: toomanyrequests: Too many requests. Please visit https://aka.ms/acr/skus#sku-feature-matrix for more information.', facts: {} },
  { family: 'too-many-requests', source: 'kubelet event', text: 'Failed to pull image "myreg.azurecr.io/api:1.4": rpc error: code = Unknown desc = failed to pull and unpack image "myreg.azurecr.io/api:1.4": failed to copy: httpReadSeeker: failed open: unexpected status code https://myreg.azurecr.io/v2/api/manifests/sha256:0f: 429 Too Many Requests - Server message: toomanyrequests: Too many requests.', facts: { loginServer: 'myreg.azurecr.io', repository: 'api', reference: '1.4', status: 429 } },
  // 8
  { family: 'cache-upstream-rate-limit', source: 'docker pull through ACR cache', text: "Error response from daemon: toomanyrequests: too many requests to source registry for cache rule 'dockerhub-nginx'", facts: { cacheRule: 'dockerhub-nginx' } },
  { family: 'cache-upstream-rate-limit', source: 'docker pull (Docker Hub)', text: 'Error response from daemon: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit', facts: {} },
  // 9
  { family: 'operation-disallowed', source: 'az acr repository delete', text: 'ERROR: The operation is disallowed on this registry, repository or image.', facts: {} },
  { family: 'operation-disallowed', source: 'docker push (daemon)', text: 'unknown: The operation is disallowed on this registry, repository or image. DISALLOWED_OPERATION', facts: {} },
  // 10
  { family: 'manifest-unknown', source: 'docker pull (daemon)', text: 'Error response from daemon: manifest for myreg.azurecr.io/app:v9 not found: manifest unknown: manifest tagged by "v9" is not found', facts: { loginServer: 'myreg.azurecr.io', repository: 'app', reference: 'v9' } },
  { family: 'manifest-unknown', source: 'kubelet event (containerd)', text: 'Failed to pull image "myreg.azurecr.io/team/api:v2": rpc error: code = NotFound desc = failed to pull and unpack image "myreg.azurecr.io/team/api:v2": failed to resolve reference "myreg.azurecr.io/team/api:v2": myreg.azurecr.io/team/api:v2: not found', facts: { loginServer: 'myreg.azurecr.io', repository: 'team/api', reference: 'v2' } },
  { family: 'manifest-unknown', source: 'ORAS', text: 'Error: myreg.azurecr.io/artifacts/sbom@sha256:3b3a000000000000000000000000000000000000000000000000000000000000: not found: MANIFEST_UNKNOWN', facts: { loginServer: 'myreg.azurecr.io', repository: 'artifacts/sbom', reference: 'sha256:3b3a000000000000000000000000000000000000000000000000000000000000' } },
  // 11
  { family: 'unauthorized', source: 'docker pull (daemon)', text: 'Error response from daemon: Head "https://myreg.azurecr.io/v2/app/manifests/latest": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.', facts: { loginServer: 'myreg.azurecr.io', repository: 'app', reference: 'latest' } },
  { family: 'unauthorized', source: 'ORAS / Helm', text: 'Error: response status code 401: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.', facts: { status: 401 } },
  { family: 'unauthorized', source: 'docker buildx', text: 'ERROR: failed to solve: failed to fetch oauth token: unexpected status from POST request to https://myreg.azurecr.io/oauth2/token: 401 Unauthorized', facts: { loginServer: 'myreg.azurecr.io', status: 401 } },
  // 12
  { family: 'anonymous-token-401', source: 'kubelet event (containerd)', text: 'Failed to pull image "myreg.azurecr.io/team/api:v1": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://myreg.azurecr.io/oauth2/token?scope=repository%3Ateam%2Fapi%3Apull&service=myreg.azurecr.io: 401 Unauthorized', facts: { loginServer: 'myreg.azurecr.io', repository: 'team/api', reference: 'v1', status: 401 } },
  { family: 'anonymous-token-401', source: 'nerdctl pull', text: 'FATA[0000] failed to resolve reference "contoso.azurecr.io/web:2": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://contoso.azurecr.io/oauth2/token?scope=repository:web:pull&service=contoso.azurecr.io: 401 Unauthorized', facts: { loginServer: 'contoso.azurecr.io', repository: 'web', reference: '2', status: 401 } },
  // 13
  { family: 'blob-upload-unknown', source: 'docker push (daemon)', text: 'blob upload unknown to registry', facts: {} },
  { family: 'blob-upload-unknown', source: 'Azure SDK', text: 'Azure.RequestFailedException: Service request failed. Status: 404 (Not Found) ErrorCode: BLOB_UPLOAD_UNKNOWN', facts: { status: 404 } },
  // 14
  { family: 'x509-unknown-authority', source: 'docker login', text: 'Error response from daemon: Get "https://myreg.azurecr.io/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority', facts: { loginServer: 'myreg.azurecr.io' } },
  { family: 'x509-unknown-authority', source: 'docker pull (layers)', text: 'error pulling image configuration: download failed after attempts=6: x509: certificate signed by unknown authority', facts: {} },
  // 15
  { family: 'x509-privatelink-name', source: 'docker pull (daemon)', text: 'Error response from daemon: Get "https://myreg.privatelink.azurecr.io/v2/": x509: certificate is valid for *.azurecr.io, azurecr.io, not myreg.privatelink.azurecr.io', facts: { loginServer: 'myreg.privatelink.azurecr.io' } },
  { family: 'x509-privatelink-name', source: 'containerd', text: 'failed to do request: Head "https://contoso.privatelink.azurecr.io/v2/web/manifests/1": tls: failed to verify certificate: x509: certificate is valid for *.azurecr.io, *.westeurope.data.azurecr.io, not contoso.privatelink.azurecr.io', facts: { loginServer: 'contoso.privatelink.azurecr.io', repository: 'web', reference: '1' } },
  // 16
  { family: 'dns-no-such-host', source: 'docker login (Azure VM)', text: 'Error response from daemon: Get "https://myreg.azurecr.io/v2/": dial tcp: lookup myreg.azurecr.io on 168.63.129.16:53: no such host', facts: { loginServer: 'myreg.azurecr.io', resolver: '168.63.129.16' } },
  { family: 'dns-no-such-host', source: 'docker/login-action', text: 'Error: Error response from daemon: Get "https://contosoacr.azurecr.io/v2/": dial tcp: lookup contosoacr.azurecr.io: no such host', facts: { loginServer: 'contosoacr.azurecr.io' } },
  // 17
  { family: 'dial-timeout-private-ip', source: 'docker login', text: 'Error response from daemon: Get "https://myreg.azurecr.io/v2/": Post "https://myreg.azurecr.io/oauth2/exchange": dial tcp 10.1.2.4:443: i/o timeout', facts: { loginServer: 'myreg.azurecr.io', address: '10.1.2.4:443' } },
  { family: 'dial-timeout-private-ip', source: 'containerd', text: 'failed to do request: Head "https://contoso.azurecr.io/v2/web/manifests/1": dial tcp 172.16.0.5:443: connect: connection timed out', facts: { loginServer: 'contoso.azurecr.io', repository: 'web', reference: '1', address: '172.16.0.5:443' } },
  // 18
  { family: 'client-timeout', source: 'docker pull (daemon)', text: 'Error response from daemon: Get "https://myreg.azurecr.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)', facts: { loginServer: 'myreg.azurecr.io' } },
  { family: 'client-timeout', source: 'kubelet event', text: 'Failed to pull image "myreg.azurecr.io/api:3": rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "myreg.azurecr.io/api:3": context deadline exceeded', facts: { loginServer: 'myreg.azurecr.io', repository: 'api', reference: '3' } },
  // 19
  { family: 'blob-host-failure', source: 'docker pull (daemon)', text: 'Get "https://weumyreg01.blob.core.windows.net/abc-docker/docker/registry/v2/blobs/sha256/4f/4f3/data?se=2024": EOF', facts: { loginServer: 'weumyreg01.blob.core.windows.net' } },
  { family: 'blob-host-failure', source: 'containerd', text: 'failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://myreg.westeurope.data.azurecr.io/docker/registry/v2/blobs/sha256/aa": dial tcp 20.50.1.1:443: i/o timeout', facts: { loginServer: 'myreg.westeurope.data.azurecr.io', address: '20.50.1.1:443' } },
  // 20
  { family: 'creds-store-bad-data', source: 'docker login (Windows)', text: 'Error saving credentials: error storing credentials - err: exit status 1, out: `The stub received bad data.`', facts: {} },
  { family: 'creds-store-bad-data', source: 'az acr login (Windows)', text: 'ERROR: Error saving credentials: error storing credentials - err: exit status 1, out: `The stub received bad data.`', facts: {} },
  // 21
  { family: 'no-docker-daemon', source: 'az acr login (Cloud Shell)', text: "ERROR: This command requires running the docker daemon, which is not supported in Azure Cloud Shell. You may want to use 'az acr login -n myreg --expose-token' to get an access token, which does not require Docker to be installed.", facts: {} },
  { family: 'no-docker-daemon', source: 'docker CLI', text: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', facts: {} },
  // 22
  { family: 'ssl-error', source: 'az acr check-health', text: 'An error occurred: CONNECTIVITY_SSL_ERROR\nUnable to establish a secure connection to the registry. Are you using a proxy server?', facts: { azTitle: 'CONNECTIVITY_SSL_ERROR' } },
  { family: 'ssl-error', source: 'az (Python requests)', text: "ERROR: HTTPSConnectionPool(host='myreg.azurecr.io', port=443): Max retries exceeded with url: /v2/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))", facts: { loginServer: 'myreg.azurecr.io' } },
  // 23
  { family: 'sas-url-upload', source: 'az acr build', text: 'ERROR: Could not get SAS URL to upload.', facts: {} },
  { family: 'sas-url-upload', source: 'az acr build (debug)', text: "Packing source code into tar to upload...\nERROR: Could not get SAS URL to upload. The client does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/listBuildSourceUploadUrl/action'", facts: {} },
  // 24
  { family: 'app-service-denied', source: 'App Service docker log', text: 'ERROR - DockerApiException: Docker API responded with status code=InternalServerError, response={"message":"denied"}', facts: {} },
  { family: 'app-service-denied', source: 'App Service docker log', text: '2024-03-01T10:00:00.000Z ERROR - Pulling docker image myreg.azurecr.io/web:latest failed: DockerApiException: Docker API responded with status code=NotFound, response={"message":"unauthorized: authentication required"}', facts: { loginServer: 'myreg.azurecr.io', repository: 'web', reference: 'latest' } },
];

/** Lines that look alike but are not registry failures; nothing may be recognised in them. */
export const NEAR_MISSES: string[] = [
  'git@github.com: Permission denied (publickey).',
  'open /etc/shadow: permission denied',
  'Successfully pushed myreg.azurecr.io/app:1 (requested access granted)',
  'manifest invalid: manifest invalid',
  'curl: (6) Could not resolve host: api.github.com',
  'npm ERR! network request to https://registry.npmjs.org/x failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
  'dial tcp 140.82.112.3:443: i/o timeout fetching https://github.com/org/repo.git',
  'Get "https://example.blob.core.windows.net/logs/x": 200 OK',
  'The operation completed successfully.',
  'Login Succeeded',
  'unauthorized access is logged in /var/log/auth.log',
  'Downloaded https://example.com/report.pdf in 2s',
  'x509: certificate has expired or is not yet valid: current time 2024-01-01 is after 2023-12-31 (to github.com)',
];
