import { allRuleMeta } from '../catalogue';
import { docsUrl, DOCS_BASE } from '../docs';
import type { Severity } from '../types';
import type { FileReport } from './model';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub code scanning wants a `security-severity` only for security rules; we tag by type instead. */
function ruleDescriptor(meta: ReturnType<typeof allRuleMeta>[number]) {
  return {
    id: meta.code,
    name: meta.name,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    helpUri: docsUrl(meta.code),
    help: { text: `${meta.description} See ${docsUrl(meta.code)}`, markdown: `${meta.description} [Documentation](${docsUrl(meta.code)})` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [meta.kind, meta.type, ...meta.faq.map((id) => `faq-${id}`)], precision: 'high' },
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: 1-based regions, paths relative to
 * %SRCROOT%, every rule in the driver with a help URI, stable fingerprints.
 */
export function toSarifReport(reports: readonly FileReport[], options: { version: string }): string {
  const rules = allRuleMeta();
  const ruleIndex = new Map(rules.map((m, i) => [m.code, i]));
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { 'acrDoctorFinding/v1': `${f.code}:${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}` },
    })),
  );
  const notifications = reports
    .filter((r) => r.notice)
    .map((r) => ({ level: r.ioError ? 'error' : 'note', message: { text: `${r.file}: ${r.notice}` } }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ACR Doctor', informationUri: DOCS_BASE, semanticVersion: options.version, version: options.version, rules: rules.map(ruleDescriptor) } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder acr-doctor lint ran in.' } } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: !reports.some((r) => r.ioError), toolExecutionNotifications: notifications }],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
