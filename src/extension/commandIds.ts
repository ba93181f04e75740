/**
 * Every command id, in one place so package.json, code actions, the walkthrough and tests agree.
 * commands.ts maps each to what it does (COMMAND_FACTORIES).
 */
/** The registry explorer's commands (they run in its lazily loaded bundle, dist/explorer.js). */
export const EXPLORER_COMMAND_IDS = {
  refresh: 'acrDoctor.explorer.refresh',
  loadMore: 'acrDoctor.explorer.loadMore',
  runAction: 'acrDoctor.explorer.runAction',
  filterRepositories: 'acrDoctor.explorer.filterRepositories',
  clearFilter: 'acrDoctor.explorer.clearFilter',
  addRegistry: 'acrDoctor.explorer.addRegistry',
  removeRegistry: 'acrDoctor.explorer.removeRegistry',
  setCredentials: 'acrDoctor.explorer.setCredentials',
  copyImageReference: 'acrDoctor.explorer.copyImageReference',
  copyDigest: 'acrDoctor.explorer.copyDigest',
  copyPullCommand: 'acrDoctor.explorer.copyPullCommand',
  dockerLogin: 'acrDoctor.explorer.dockerLogin',
  showManifest: 'acrDoctor.explorer.showManifest',
  showConfigAndLayers: 'acrDoctor.explorer.showConfigAndLayers',
  cleanupUntagged: 'acrDoctor.explorer.cleanupUntagged',
  untag: 'acrDoctor.explorer.untag',
  deleteManifest: 'acrDoctor.explorer.deleteManifest',
  openInPortal: 'acrDoctor.explorer.openInPortal',
  showAdminCredentials: 'acrDoctor.explorer.showAdminCredentials',
  enableAdminUser: 'acrDoctor.explorer.enableAdminUser',
  disableAdminUser: 'acrDoctor.explorer.disableAdminUser',
  enableAnonymousPull: 'acrDoctor.explorer.enableAnonymousPull',
  disableAnonymousPull: 'acrDoctor.explorer.disableAnonymousPull',
  addFirewallRule: 'acrDoctor.explorer.addFirewallRule',
  showStorageUsage: 'acrDoctor.explorer.showStorageUsage',
  cancelAllRuns: 'acrDoctor.explorer.cancelAllRuns',
  cancelRun: 'acrDoctor.explorer.cancelRun',
} as const;

export type ExplorerCommandId = (typeof EXPLORER_COMMAND_IDS)[keyof typeof EXPLORER_COMMAND_IDS];

export const COMMAND_IDS = {
  lintOpenFiles: 'acrDoctor.lint.lintOpenFiles',
  disableRule: 'acrDoctor.lint.disableRule',
  showRuleDocs: 'acrDoctor.lint.showRuleDocs',
  /** Runs after a quick fix's edit (not in the palette): marks the walkthrough's lint step done. */
  quickFixApplied: 'acrDoctor.lint.quickFixApplied',
  enableDaemonDebug: 'acrDoctor.daemon.enableDebug',
  addNondistributableRegistry: 'acrDoctor.daemon.addNondistributableRegistry',
  azureSignIn: 'acrDoctor.azure.signIn',
  azureSignOut: 'acrDoctor.azure.signOut',
  azureSelectTenant: 'acrDoctor.azure.selectTenant',
  azureSelectSubscriptions: 'acrDoctor.azure.selectSubscriptions',
  openWalkthrough: 'acrDoctor.walkthrough.open',
  openSampleDockerfile: 'acrDoctor.walkthrough.openSampleDockerfile',
  showLog: 'acrDoctor.showLog',
  /**
   * The diagnostics panel for one registry. Args (optional): `{ registry: string, repository?: string }`
   * or a login server string
   * (repository may be REPO:TAG; also `insecureHttp?`, `only?`/`skip?` check ids or areas). Without
   * args: a quick pick of configured and Azure registries, or a typed login server. The explorer's
   * registry nodes call it with their host.
   */
  runDiagnostics: 'acrDoctor.checks.runDiagnostics',
  /** Fleet mode in the panel: a table of every registry. Args (optional): `{ subscriptionIds?: string[] }` (the explorer's subscription node). */
  checkAllRegistries: 'acrDoctor.checks.checkAllRegistries',
  /** Explains a pasted error and runs the checks that decide it. Args (optional): the text; without: the editor selection, else an input box. */
  explainError: 'acrDoctor.explain.explainError',
  /** Tests only (not in the palette): the Markdown report of the panel shown last. */
  diagnosticsReport: 'acrDoctor.checks.lastReport',
  ...EXPLORER_COMMAND_IDS,
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** Context keys we set (walkthrough completion events, `when` clauses). */
export const CONTEXT_KEYS = {
  azureSignedIn: 'acrDoctor.azure.signedIn',
} as const;
