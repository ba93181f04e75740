/** The registry explorer's view id; its command ids are in ../commandIds.ts (the one id table). */
export { EXPLORER_COMMAND_IDS } from '../commandIds';

export const EXPLORER_VIEW_ID = 'acrDoctor.registries';

/** Diagnostics (the checks feature) for one registry; an error node's "Run diagnostics" runs it. */
export const RUN_DIAGNOSTICS_COMMAND = 'acrDoctor.checks.runDiagnostics';
