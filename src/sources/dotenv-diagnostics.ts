/**
 * What a `.env` file says that dotenv would swallow without a word, reported when the file is loaded (at
 * startup as well as by `cfg check`): a value cut at an unquoted `#`, a line with no key before its `=`, and
 * NUL bytes, which no environment variable can hold (a file saved as UTF-16 is full of them).
 */
import type { ScannedLine } from "./dotenv-scan.js";
import type { SourceProblem } from "./types.js";

export function dotenvDiagnostics(
  text: string,
  lines: readonly ScannedLine[],
  file: string,
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    problems.push({
      file,
      line: lineAt(text, nul),
      severity: "error",
      message: `${file} contains a NUL byte (line ${lineAt(text, nul)}): a .env file is plain UTF-8 text (was it saved as UTF-16?)`,
    });
  }
  for (const line of lines) {
    if (line.kind !== "entry") continue;
    if (line.key === "" && line.delimiter !== undefined) {
      problems.push({
        file,
        line: line.line,
        severity: "warning",
        message: `line ${line.line} has no key before "${line.delimiter}", so dotenv ignores it`,
      });
    }
    const cut = line.value?.cutAtHashColumn;
    if (cut !== undefined) {
      problems.push({
        file,
        line: line.line,
        column: cut + 1,
        key: line.key,
        severity: "warning",
        message: `${line.key}: the value is cut at the "#" in column ${cut + 1} (dotenv reads it as a comment); put the value in quotes to keep it whole`,
      });
    }
  }
  return problems;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
