/** `cfg schema`: the JSON Schema of the settings definition's input, for editors and other tools. */
import { z } from "zod";
import type { PlanNode } from "../../plan.js";
import type { RegisterCommand } from "../program.js";

export const registerSchema: RegisterCommand = (program, context) => {
  program
    .command("schema")
    .description("print the JSON Schema of the settings (input side: what files and env vars may contain)")
    .addHelpText("after", "\nExamples:\n  cfg schema > settings.schema.json")
    .action(async () => {
      const definition = await context.requireDefinition("schema");
      const holdsSecret = schemasHoldingSecrets(definition.plan.root);
      const secretLeaves = new Set(
        definition.plan.leaves.filter((leaf) => leaf.secret).map((leaf) => leaf.schema),
      );
      const schema = z.toJSONSchema(definition.schema, {
        io: "input",
        unrepresentable: "any",
        // A secret's default or examples are values too, and so is the default of an object holding one.
        override: ({ zodSchema, jsonSchema }) => {
          if (holdsSecret.has(zodSchema)) {
            delete jsonSchema.default;
            delete jsonSchema.examples;
          }
          // A secret's allowed values would be its value in a few guesses: only its type stays.
          if (secretLeaves.has(zodSchema)) {
            delete jsonSchema.enum;
            delete jsonSchema.const;
            delete jsonSchema.pattern;
          }
        },
      });
      context.io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });
};

/** The schemas of secret leaves (by metadata or by name, as the plan decides) and of every object above one. */
function schemasHoldingSecrets(node: PlanNode, found = new Set<z.core.$ZodType>()): Set<z.core.$ZodType> {
  if (node.kind === "leaf") {
    if (node.secret) found.add(node.schema);
    return found;
  }
  const before = found.size;
  for (const field of node.fields.values()) schemasHoldingSecrets(field, found);
  if (found.size > before) found.add(node.schema);
  return found;
}
