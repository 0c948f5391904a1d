/** `cfg schema`: the JSON Schema of the settings definition's input, for editors and other tools. */
import { z } from "zod";
import { readSettingMeta } from "../../meta.js";
import { CliError } from "../errors.js";
import type { RegisterCommand } from "../program.js";

export const registerSchema: RegisterCommand = (program, context) => {
  program
    .command("schema")
    .description("print the JSON Schema of the settings (input side: what files and env vars may contain)")
    .addHelpText("after", "\nExamples:\n  cfg schema > settings.schema.json")
    .action(async () => {
      const { definition, typed } = await context.definition();
      if (!typed)
        throw new CliError("no settings definition found (cfg.config.* or --schema)", "no-definition");
      const schema = z.toJSONSchema(definition.schema, {
        io: "input",
        unrepresentable: "any",
        // A secret's default or examples are values too: they never leave the process.
        override: ({ zodSchema, jsonSchema }) => {
          if (readSettingMeta(zodSchema).secret) {
            delete jsonSchema.default;
            delete jsonSchema.examples;
          }
        },
      });
      context.io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });
};
