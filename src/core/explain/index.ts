/** Public API of "explain an error": the CLI and the extension import from here only. */
export type { Cause, MessageFacts, MessageFamily, Recognition } from './types';
export { MESSAGE_FAMILIES } from './catalogue/index';
export { ExplainScanner, explainStream, explainText, locateMessages } from './scanner';
export type { MessageSpan } from './scanner';
export { extractFacts } from './extract';
export { checkHealthCommand, concreteFix, decidingChecks, describeFacts, messageMarkdown, toJsonReport, toMarkdownReport, toTextReport, verdictSentence } from './report';
export type { ExplainJson, Judgement, Judgements, MessageMarkdownOptions } from './report';
export { judgeCauses } from './judge';
export type { CauseVerdict, JudgedCause } from './judge';
