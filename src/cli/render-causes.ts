/** Fleet drift by cause as text, Markdown and JSON: "1 cause → 37 hosts", with the hosts named. */
import type { DriftCause } from "../fleet.js";
import { plural } from "../report.js";
import type { Palette } from "./io.js";
import { escapeMarkdownCell } from "./text.js";

/** Hosts named in text before "and N more": the JSON has them all. */
const HOSTS_SHOWN = 5;

function hostList(hosts: readonly string[]): string {
  const shown = hosts.slice(0, HOSTS_SHOWN).join(", ");
  return hosts.length > HOSTS_SHOWN
    ? `${shown} and ${hosts.length - HOSTS_SHOWN} more (all in --format json)`
    : shown;
}

function headline(causes: readonly DriftCause[]): string {
  const hosts = new Set(causes.flatMap((cause) => cause.hosts)).size;
  return `${plural(causes.length, "cause")} → ${plural(hosts, "host")}`;
}

function describeCause(cause: DriftCause): string {
  const from = cause.origin === "(unset)" ? "unset" : `${cause.value} from ${cause.origin}`;
  return `${cause.envName} ${from} (majority: ${cause.majority}) → ${plural(cause.hosts.length, "host")}: ${hostList(cause.hosts)}`;
}

export function causesText(causes: readonly DriftCause[], palette: Palette): string[] {
  if (causes.length === 0) return [];
  return [
    "",
    palette.bold(`Causes: ${headline(causes)}`),
    ...causes.map((cause) => palette.red(`✗ ${describeCause(cause)}`)),
  ];
}

export function causesMarkdown(causes: readonly DriftCause[]): string[] {
  if (causes.length === 0) return [];
  return [
    "",
    `#### Causes: ${headline(causes)}`,
    "",
    "| Key | Value | Origin | Majority | Hosts |",
    "|---|---|---|---|---|",
    ...causes.map(
      (c) =>
        `| \`${c.envName}\` | \`${escapeMarkdownCell(c.value)}\` | ${escapeMarkdownCell(c.origin)} | \`${escapeMarkdownCell(c.majority)}\` | ${c.hosts.length}: ${escapeMarkdownCell(hostList(c.hosts))} |`,
    ),
  ];
}

/** Every cause with its full host list; a secret's value is `<secret>` as everywhere. */
export function causesJson(causes: readonly DriftCause[]) {
  return causes.map((cause) => ({
    path: cause.path,
    envName: cause.envName,
    value: cause.value,
    origin: cause.origin,
    majority: cause.majority,
    secret: cause.secret,
    count: cause.hosts.length,
    hosts: cause.hosts,
  }));
}
