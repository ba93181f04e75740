/** What test/vscode/run.ts pushed to the suite's registry (written into the workspace, read by explorer.test.ts). */
export const EXPLORER_FIXTURE_FILE = 'acr-doctor-suite-registry.json';

export interface ExplorerSuiteFixture {
  host: string;
  single: { repository: string; tag: string; digest: string };
  multi: { repository: string; tag: string; digest: string; platforms: string[] };
}
