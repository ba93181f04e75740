import { isAcrHost } from '../../reference/imageReference';
import type { MessageFamily } from '../types';

/** Sign-in and permission failures: rows 1, 5, 6, 11, 12 and 23 of failure-messages.md. */
export const authFamilies: MessageFamily[] = [
  {
    id: 'push-denied',
    row: 1,
    title: 'denied: requested access to the resource is denied',
    meaning: 'The registry refused a push (or pull) for this repository: it is either not the registry you meant, or your identity may not write to it.',
    keywords: ['requested access to the resource is denied'],
    pattern: /\bdenied: requested access to the resource is denied/i,
    causes: [
      {
        id: 'not-tagged-with-login-server',
        summary: "The image is not tagged with your registry's login server, so docker pushed it to Docker Hub (docker.io) instead.",
        checks: [],
        fix: 'Tag it with the full name and push that: docker tag IMAGE LOGIN_SERVER/REPOSITORY:TAG && docker push LOGIN_SERVER/REPOSITORY:TAG (lint rules ACR101-ACR104 check image names).',
      },
      {
        id: 'no-push-permission',
        summary: 'Your identity may pull but not push: AcrPull only, or in ABAC mode no repository write permission.',
        checks: ['rbac.pull-push', 'auth.repo-permissions', 'auth.role-mode'],
        fix: 'Assign AcrPush (or, in ABAC mode, "Container Registry Repository Writer") on the registry, wait a few minutes, then docker logout and log in again.',
      },
      {
        id: 'not-logged-in',
        summary: 'docker has no credentials for this registry (never logged in, or stored under a differently cased name).',
        checks: ['auth.credentials', 'docker.config-lowercase', 'docker.creds-store'],
        fix: 'az acr login -n REGISTRY (or docker login with the all-lowercase login server).',
      },
    ],
    rank: (facts) => (facts.loginServer && isAcrHost(facts.loginServer) ? ['no-push-permission', 'not-logged-in'] : ['not-tagged-with-login-server']),
    sources: ['microsoft/azuredevopslabs #222', 'MicrosoftDocs/azure-docs #31824', 'microsoft/vscode-docker #2377', 'formulahendry/vscode-docker-explorer #40'],
    faq: ['F16', 'F33'],
  },
  {
    id: 'refresh-token-error',
    row: 5,
    title: "CONNECTIVITY_REFRESH_TOKEN_ERROR … Please try running 'az login' again",
    meaning: "ACR's token server refused to exchange your Entra ID token for a registry refresh token (POST /oauth2/exchange). The status code tells the cause apart; 'az login' is only one of them.",
    keywords: ['connectivity_refresh_token_error', 'to refresh permissions', 'get refresh token'],
    pattern: /CONNECTIVITY_REFRESH_TOKEN_ERROR|was denied\. Response code: [0-9]{3}\. Please try running 'az login' again|\bunable to get (?:acr )?refresh token/i,
    causes: [
      {
        id: 'throttled',
        summary: 'The token server throttled you (429): too many logins or requests for your tier.',
        checks: ['net.throttling'],
        fix: 'Wait and retry with back-off; do not run az login again (it does not help a 429). Reuse tokens instead of logging in per job.',
      },
      {
        id: 'role-propagation',
        summary: 'A role assigned in the last minutes is not effective yet (Entra ID and the ACR token server take up to 10 minutes).',
        checks: ['rbac.propagation', 'rbac.pull-push'],
        fix: 'Wait 10 minutes after the role assignment, then az acr login again.',
      },
      {
        id: 'arm-audience-disabled',
        summary: "The registry's policy refuses ARM-audience tokens (azureADAuthenticationAsArmPolicy disabled): a token for https://containerregistry.azure.net is needed.",
        checks: ['auth.token-audience'],
        fix: 'Sign in with a token for the ACR audience (az acr login does this with a current az), or enable the policy: az acr config authentication-as-arm update -r REGISTRY --status enabled.',
      },
      {
        id: 'stale-sign-in',
        summary: 'The Entra ID sign-in expired or a conditional-access sign-in frequency applies (AADSTS70043), or a pipeline lost its service principal context.',
        checks: ['auth.aad'],
        fix: 'az login again (in pipelines: run az acr login in the same step as the AzureCLI task that signed in).',
      },
    ],
    rank: (facts) => (facts.status === 429 ? ['throttled'] : facts.status === 401 ? ['role-propagation', 'arm-audience-disabled', 'stale-sign-in'] : undefined),
    sources: ['Azure/azure-cli #24886', 'Azure/azure-cli #28740', 'Azure/azure-cli #17714'],
    faq: ['F20', 'F27'],
  },
  {
    id: 'list-credentials-denied',
    row: 6,
    title: "Unable to get AAD authorization tokens … does not have authorization to perform action '…/listCredentials/action'",
    meaning: 'The Entra ID token was refused, and az then tried the admin user credentials (listCredentials), which your role may not read either.',
    keywords: ['unable to get aad authorization tokens', 'listcredentials/action'],
    pattern: /Unable to get AAD authorization tokens|Microsoft\.ContainerRegistry\/registries\/listCredentials\/action/i,
    causes: [
      {
        id: 'role-lacks-data-actions',
        summary: 'Your (custom) role has no registry data actions (pull/push), so the token exchange grants nothing.',
        checks: ['rbac.pull-push'],
        fix: 'Assign AcrPull or AcrPush on the registry (or add the data actions Microsoft.ContainerRegistry/registries/pull/read, …/push/write to the custom role).',
      },
      {
        id: 'old-cli-fallback',
        summary: 'An old Azure CLI falls back to admin credentials when the token exchange fails, which hides the real error.',
        checks: ['auth.refresh-token'],
        fix: 'Upgrade the Azure CLI (az upgrade) and run az acr login again to see the exchange error itself.',
      },
    ],
    supersedes: ['refresh-token-error'],
    sources: ['Azure/acr #164'],
    faq: ['F16'],
  },
  {
    id: 'unauthorized',
    row: 11,
    title: 'unauthorized: authentication required',
    meaning: 'The registry did not accept your credentials for this request. On ACR this also means "no such repository" (ACR answers 401, not 404, for a repository that does not exist).',
    keywords: ['unauthorized: authentication required', 'aka.ms/acr/authorization', 'failed to fetch oauth token', 'unauthorized: unauthorized'],
    pattern: /unauthorized: authentication required|aka\.ms\/acr\/authorization|failed to fetch oauth token|\bunauthorized: unauthorized/i,
    causes: [
      {
        id: 'not-logged-in-or-expired',
        summary: 'No valid login: never logged in on this machine, or the ACR token (about 3 hours) expired.',
        checks: ['auth.credentials', 'docker.config-lowercase', 'docker.creds-store', 'auth.refresh-token'],
        fix: 'az acr login -n REGISTRY (or docker login LOGIN_SERVER); in pipelines, log in in the same job.',
      },
      {
        id: 'repository-missing',
        summary: 'The repository or tag does not exist: ACR answers 401 instead of 404 for a repository it does not have.',
        checks: ['repo.tag-exists'],
        fix: 'Check the name: acr-doctor tags LOGIN_SERVER REPOSITORY (names are lower case; a typo looks exactly like a permission error).',
      },
      {
        id: 'no-permission',
        summary: 'Your identity has no pull/push permission here (no AcrPull, or in ABAC mode no repository permission).',
        checks: ['auth.repo-permissions', 'rbac.pull-push', 'auth.role-mode'],
        fix: 'Assign AcrPull/AcrPush (ABAC mode: the "Container Registry Repository Reader/Writer" roles), wait a few minutes, log in again.',
      },
      {
        id: 'mixed-case-login-server',
        summary: 'You logged in with a mixed-case login server, so docker stored the credentials under a name it does not look up (FAQ F25).',
        checks: ['docker.config-lowercase'],
        fix: 'docker logout; then log in with the all-lowercase login server (az acr login -n NAME does this).',
      },
      {
        id: 'rhel-signature-verification',
        summary: "RHEL/Fedora's docker verifies signatures by default: pushes work, pulls fail with unauthorized (FAQ F24).",
        checks: ['docker.signature-verification'],
        fix: 'Add --signature-verification=false to OPTIONS in /etc/sysconfig/docker and restart docker.',
      },
      {
        id: 'anonymous-pull-with-stale-login',
        summary: 'The registry allows anonymous pull, but docker sends stale credentials instead of none.',
        checks: ['registry.anonymous-pull'],
        fix: 'docker logout LOGIN_SERVER, then pull again.',
      },
    ],
    rank: (facts, line) => {
      if (/[A-Z][A-Za-z0-9-]*\.azurecr\.(?:io|cn|us)/.test(line)) return ['mixed-case-login-server'];
      if (facts.repository) return ['repository-missing', 'not-logged-in-or-expired', 'no-permission'];
      return undefined;
    },
    sources: ['MicrosoftDocs/azure-docs #5901', 'Azure/acr #359', 'Azure/acr #124'],
    faq: ['F24', 'F25', 'F16', 'F18'],
  },
  {
    id: 'anonymous-token-401',
    row: 12,
    title: 'failed to authorize: failed to fetch anonymous token: … 401 Unauthorized',
    meaning: 'containerd (kubelet, buildkit, nerdctl) asked the token server for an anonymous token because it had no working credentials, and was refused. Asking anonymously first is normal; having no credentials to retry with is the problem.',
    keywords: ['failed to fetch anonymous token'],
    pattern: /failed to fetch anonymous token/i,
    causes: [
      {
        id: 'kubelet-lacks-acrpull',
        summary: "The cluster's kubelet identity has no AcrPull on the registry (or the cluster is not attached to it).",
        checks: ['rbac.pull-push'],
        fix: 'az aks update -n CLUSTER -g GROUP --attach-acr REGISTRY (or assign AcrPull to the kubelet identity); check with az aks check-acr.',
      },
      {
        id: 'abac-mode',
        summary: 'The registry is in ABAC mode, where AcrPull grants no repository access.',
        checks: ['auth.role-mode'],
        fix: 'Assign the "Container Registry Repository Reader" role to the kubelet identity.',
      },
      {
        id: 'repository-missing',
        summary: 'The repository does not exist (ACR answers 401 for it).',
        checks: ['repo.tag-exists'],
        fix: 'Check the image name in the pod spec against acr-doctor tags LOGIN_SERVER REPOSITORY.',
      },
    ],
    supersedes: ['unauthorized'],
    sources: ['Azure/AKS #4459', 'MicrosoftDocs/azure-docs PR #116188'],
    faq: ['F03', 'F16'],
  },
  {
    id: 'sas-url-upload',
    row: 23,
    title: 'Could not get SAS URL to upload.',
    meaning: 'az acr build could not get an upload URL for the build context (listBuildSourceUploadUrl), so nothing was built.',
    keywords: ['could not get sas url'],
    pattern: /Could not get SAS URL to upload/i,
    causes: [
      {
        id: 'no-build-permission',
        summary: 'Your identity may not run builds on this registry (no listBuildSourceUploadUrl action: Contributor or a Tasks role needed).',
        checks: ['tasks.permissions', 'rbac.pull-push'],
        fix: 'Assign Contributor, or a custom role with Microsoft.ContainerRegistry/registries/listBuildSourceUploadUrl/action and …/scheduleRun/action.',
      },
      {
        id: 'abac-mode',
        summary: "The registry is in ABAC mode, which removes Tasks' default data access.",
        checks: ['auth.role-mode'],
        fix: 'Assign repository roles to the task identity as the ABAC documentation describes.',
      },
    ],
    sources: ['Azure/azure-cli #8140'],
    faq: ['F39'],
  },
];
