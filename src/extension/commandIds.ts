/** Command ids, in one place so package.json, code actions and tests agree. */
export const COMMAND_IDS = {
  lintOpenFiles: 'acrDoctor.lint.lintOpenFiles',
  disableRule: 'acrDoctor.lint.disableRule',
  showRuleDocs: 'acrDoctor.lint.showRuleDocs',
  enableDaemonDebug: 'acrDoctor.daemon.enableDebug',
  addNondistributableRegistry: 'acrDoctor.daemon.addNondistributableRegistry',
  showLog: 'acrDoctor.showLog',
} as const;
