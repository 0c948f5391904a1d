/** `cfg snapshot`: what this host really resolves (its process environment included), as a redacted document. */
import { hostname } from "node:os";
import { resolve } from "node:path";
import { createSnapshot } from "../../snapshot.js";
import { EXIT } from "../errors.js";
import type { RegisterCommand } from "../program.js";
import { cfgkitVersion } from "../version.js";
import { writeFileAtomic } from "../write-file.js";

interface SnapshotOptions {
  env?: string;
  output?: string;
}

export const registerSnapshot: RegisterCommand = (program, context, exit) => {
  program
    .command("snapshot")
    .description(
      "record what this host resolves (process environment included): redacted values, fingerprints, origins",
    )
    .option("--env <name>", "the environment (default: CFG_ENV, NODE_ENV, development)")
    .option(
      "-o, --output <file>",
      "write the snapshot to a file (mode 0600, atomically; a pipe or device is written into; - is stdout)",
    )
    .addHelpText(
      "after",
      `
Examples:
  cfg snapshot --env production -o web-1.json          on a host
  cfg snapshot --env staging > staging-web-2.json

Then compare: cfg diff production web-1.json (the host against the repository), or
cfg diff snapshots/*.json (a fleet: the outlier hosts per key).

Set CFG_FINGERPRINT_KEY (the same on every host) to let secrets be compared by keyed fingerprint.`,
    )
    .action(async (options: SnapshotOptions) => {
      const [selected] = await context.selectEnvironments(options.env ? [options.env] : undefined, false);
      // A snapshot records the host as it is: its own environment variables always count.
      const resolved = await context.resolve(selected as string, { processEnv: true });
      await context.requireVerdict();
      // Untyped, the definition is the one made from the variables found: every one recorded as raw text.
      const snapshot = createSnapshot(resolved.definition, resolved, {
        cfgkitVersion: cfgkitVersion(),
        host: hostname(),
        now: new Date(),
        key: context.io.env.CFG_FINGERPRINT_KEY || undefined,
      });
      const text = `${JSON.stringify(snapshot, null, 2)}\n`;
      // `-o -` is standard output, like no `-o` at all.
      if (options.output && options.output !== "-") {
        const project = await context.project();
        writeFileAtomic(resolve(context.cwd(), options.output), text, {
          root: project.root,
          shown: options.output,
          mode: 0o600,
        });
        context.note(
          `cfg: wrote ${options.output} (${snapshot.settings.length} keys, ${snapshot.fingerprint})`,
        );
      } else {
        context.io.stdout(text);
      }
      const errors = resolved.issues.filter((issue) => issue.severity === "error");
      if (errors.length > 0) {
        // The snapshot is written all the same (it records the errors): say why the exit code is 1.
        const shown = errors
          .slice(0, 5)
          .map((issue) => `  ✗ ${issue.envName ?? issue.path ?? ""} ${issue.message}`);
        if (errors.length > shown.length)
          shown.push(`  … and ${errors.length - shown.length} more (cfg check)`);
        context.note(
          `cfg: ${resolved.environment} is invalid (${errors.length} error${errors.length === 1 ? "" : "s"}):\n${shown.join("\n")}`,
        );
        exit(EXIT.findings);
      }
    });
};
