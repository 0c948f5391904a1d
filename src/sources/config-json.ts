/**
 * JSON config files, with `//` and `/* *\/` comments and trailing commas as tsconfig and node-config allow.
 * jsonc-parser reports errors as codes and offsets, so no message ever echoes the file's content. Before it
 * runs, one iterative pass refuses nesting past the depth limit (the parser recurses), duplicate keys and
 * integers beyond 2^53.
 */
import { createRequire } from "node:module";
import type * as JsoncParser from "jsonc-parser";
import { lineLocator } from "./_lines.js";
import { checkJsonText } from "./json-checks.js";
import { DEFAULT_LIMITS } from "./limits.js";
import type { ConfigNode } from "./types.js";

export type ParsedConfig =
  | { ok: true; tree: ConfigNode }
  | { ok: false; message: string; line: number; column: number };

const require = createRequire(import.meta.url);
let jsonc: typeof JsoncParser | undefined;

const MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "invalid comment",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

export function parseJsonConfig(text: string, maxDepth: number = DEFAULT_LIMITS.maxDepth): ParsedConfig {
  jsonc ??= require("jsonc-parser") as typeof JsoncParser;
  const checked = checkJsonText(text, maxDepth);
  const failed = (problem: NonNullable<typeof checked>): ParsedConfig => ({
    ok: false,
    message: `JSON error: ${problem.message}`,
    line: problem.line,
    column: problem.column,
  });
  if (checked?.kind === "depth") return failed(checked);
  const locate = lineLocator(text);
  const errors: JsoncParser.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || !root) {
    const where = locate(first?.offset ?? text.length);
    const code = first ? jsonc.printParseErrorCode(first.error) : "ValueExpected";
    return { ok: false, message: `JSON syntax error: ${MESSAGES[code] ?? code}`, ...where };
  }
  if (checked) return failed(checked);
  return { ok: true, tree: toConfigNode(root, locate) };
}

function toConfigNode(node: JsoncParser.Node, locate: ReturnType<typeof lineLocator>): ConfigNode {
  const { line, column } = locate(node.offset);
  if (node.type === "object") {
    const children = new Map<string, ConfigNode>();
    const value: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const child = toConfigNode(valueNode, locate);
      const position = locate(keyNode.offset);
      children.set(String(keyNode.value), { ...child, line: position.line, column: position.column });
      // defineProperty: a "__proto__" key stays an own property instead of replacing the prototype.
      Object.defineProperty(value, String(keyNode.value), {
        value: child.value,
        enumerable: true,
        writable: true,
      });
    }
    return { value, line, column, children };
  }
  if (node.type === "array") {
    return { value: (node.children ?? []).map((child) => toConfigNode(child, locate).value), line, column };
  }
  return { value: node.value, line, column };
}
