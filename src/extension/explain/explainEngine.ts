/** The part of "explain an error" the extension needs, bundled apart (dist/explainEngine.js) so activation stays cheap. */
export { explainText, locateMessages, toMarkdownReport } from '../../core/explain/index';
