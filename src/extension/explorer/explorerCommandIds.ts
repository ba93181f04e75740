/** The registry explorer's view, setting and command ids (package.json, the command table and tests agree on these). */
export const EXPLORER_VIEW_ID = 'acrDoctor.registries';

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
  cleanupUntagged: 'acrDoctor.explorer.cleanupUntagged',
  untag: 'acrDoctor.explorer.untag',
  deleteManifest: 'acrDoctor.explorer.deleteManifest',
  openInPortal: 'acrDoctor.explorer.openInPortal',
} as const;

/** Diagnostics (the checks feature) for one registry; an error node's "Run diagnostics" runs it. */
export const RUN_DIAGNOSTICS_COMMAND = 'acrDoctor.checks.runDiagnostics';
