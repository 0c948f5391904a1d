/**
 * SARIF 2.1.0 (what GitHub code scanning and most review tools read): one rule per check with its help text,
 * results on repository-relative paths, `partialFingerprints` that survive line moves, and an invocation that
 * says whether everything was read.
 */
import { type CiReport, findingIdentities, locatedFile } from "./ci-report.js";
import type { Finding } from "./findings.js";
import { describeRule } from "./rule-catalog.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Our own key: GitHub computes `primaryLocationLineHash` itself and keeps both. */
export const FINGERPRINT_KEY = "cfgkitFindingHash/v1";

export function renderSarif(report: CiReport): string {
  const ruleIds = [...new Set(report.findings.map((finding) => finding.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const identities = findingIdentities(report.findings);
  const rules = ruleIds.map((id) => {
    const rule = describeRule(id);
    const anyError = report.findings.some((f) => f.rule === id && f.severity === "error");
    return {
      id,
      name: pascalCase(id),
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.summary },
      help: { text: rule.help, markdown: rule.help },
      defaultConfiguration: { level: anyError ? "error" : "warning" },
      properties: { tags: ["configuration"] },
    };
  });
  const results = report.findings.map((finding, index) => ({
    ruleId: finding.rule,
    ruleIndex: ruleIndex.get(finding.rule) ?? -1,
    level: finding.severity,
    message: { text: finding.message },
    locations: sarifLocations(finding, report),
    partialFingerprints: { [FINGERPRINT_KEY]: identities[index] ?? "" },
    properties: {
      ...(finding.environment ? { environment: finding.environment } : {}),
      ...(finding.key ? { key: finding.key } : {}),
    },
  }));
  const executionSuccessful = report.exitCode !== 2;
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cfgkit",
            version: report.version,
            semanticVersion: report.version,
            rules,
          },
        },
        automationDetails: { id: `cfgkit/${report.command}/` },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            // No exitCode: --exit-code-on-findings may re-number it after the report is written.
            executionSuccessful,
            ...(executionSuccessful
              ? {}
              : {
                  toolExecutionNotifications: [
                    {
                      level: "error",
                      message: {
                        text: `cfg ${report.command} could not read every source it was asked about; its verdict is incomplete (see the unreadable-source results).`,
                      },
                    },
                  ],
                }),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifLocations(finding: Finding, report: CiReport) {
  const file = locatedFile(finding, report);
  if (!file) return [];
  const region =
    finding.line === undefined
      ? undefined
      : { startLine: finding.line, ...(finding.column === undefined ? {} : { startColumn: finding.column }) };
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: encodeURI(file) },
        ...(region ? { region } : {}),
      },
    },
  ];
}

function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
