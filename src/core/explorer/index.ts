/** Public API of the registry explorer's core (no VS Code): the tree model, its data source and the client pool. */
export { ExplorerDataSource } from './dataSource';
export type { AzureBrowser, ConfiguredRegistry, ExplorerOptions, ExplorerRegistryClient, ExplorerSettings, TaskSummary } from './dataSource';
export { ClientPool } from './clientPool';
export { errorNode, nextSteps } from './errorNodes';
export type { ErrorContext } from './errorNodes';
export { absoluteTime, codeSpan, escapeName, formatPlatform, formatSize, isQuarantined, lockState, md, relativeTime, shortDigest } from './format';
export { childId, ROOT_ID } from './nodes';
export type { ActionKind, ExplorerNode, NodeAction, NodeIcon, NodeType, RegistryTarget } from './nodes';
export { planUntaggedCleanup } from './cleanupPlan';
export type { UntaggedCleanupPlan } from './cleanupPlan';
export { imageReference, normaliseHost, parseExplorerSettings, parseRegistries, safeForShell } from './settings';
