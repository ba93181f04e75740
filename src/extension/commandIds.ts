/**
 * Every command id, in one place so package.json, code actions, the walkthrough and tests agree.
 * commands.ts maps each to what it does (COMMAND_FACTORIES).
 */
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
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** Context keys we set (walkthrough completion events, `when` clauses). */
export const CONTEXT_KEYS = {
  azureSignedIn: 'acrDoctor.azure.signedIn',
} as const;
