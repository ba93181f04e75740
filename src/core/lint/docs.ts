/** Where a rule's documentation lives: one anchor per code in docs/rules.md (generated from the catalogue). */
export const DOCS_BASE = 'https://github.com/acr-doctor/acr-doctor/blob/main/docs/rules.md';

/** The ACR FAQ (English) that FAQ ids F01… refer to. */
export const FAQ_URL = 'https://learn.microsoft.com/azure/container-registry/container-registry-faq';

export function docsUrl(code: string): string {
  return `${DOCS_BASE}#${code.toLowerCase()}`;
}
