/**
 * The linters, bundled on their own as dist/lintEngine.js and loaded on first use, so
 * activation does not pay for parsing them (see docs/decisions.md, "Lazy lint engine").
 */
export { lintText } from '../../core/lint/engine';
export { languageFor, ruleMeta } from '../../core/lint/catalogue';
export { addNondistributableRegistryEdits, enableDebugEdits } from '../../core/lint/daemon-json/edits';
export { detectFileKindForEditor } from '../../core/lint/fileKind';
