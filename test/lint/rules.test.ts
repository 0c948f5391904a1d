/** What each lint rule reports, on small `.env` texts. */
import { describe, expect, test } from "vitest";
import { type LintFinding, lintDotenv, RULES } from "../../src/lint/index.js";

/** One line per finding: `line:column severity rule key`. */
function lint(text: string, options?: Parameters<typeof lintDotenv>[2]): string[] {
  return lintDotenv(text, ".env", options).map(
    (f) => `${f.line}:${f.column ?? "-"} ${f.severity} ${f.rule}${f.key ? ` ${f.key}` : ""}`,
  );
}

function messages(text: string): string[] {
  return lintDotenv(text, ".env").map((f) => `${f.rule}: ${f.message}`);
}

describe("a clean file", () => {
  test("has no findings", () => {
    const text = [
      "# Service settings",
      "APP_NAME=orders",
      "APP_PORT=8080",
      "EMPTY=",
      'GREETING="hello world"',
      "",
      "DATABASE_URL=postgres://app@db/orders",
      "DB_POOL=10 # per instance",
      "export LOG_LEVEL=info",
      "",
    ].join("\n");
    expect(lint(text)).toEqual([]);
  });

  test("an empty file has no findings", () => {
    expect(lint("")).toEqual([]);
  });
});

describe("duplicate-key", () => {
  test("names both lines; an error when the values differ, a warning when they agree", () => {
    const findings = lintDotenv("A=1\nB=2\nA=3\nB=2\n", ".env").filter((f) => f.rule === "duplicate-key");
    expect(
      findings.map(({ line, severity, key, related }) => ({ line, severity, key, related })),
    ).toMatchInlineSnapshot(`
        [
          {
            "key": "A",
            "line": 3,
            "related": {
              "line": 1,
            },
            "severity": "error",
          },
          {
            "key": "B",
            "line": 4,
            "related": {
              "line": 2,
            },
            "severity": "warning",
          },
        ]
      `);
    expect(findings.map((f) => f.message)).toMatchInlineSnapshot(`
      [
        "A is set on line 1 and again on line 3 with a different value; dotenv keeps the last one, which is rarely what was meant. Remove one of them.",
        "B is set on line 2 and again on line 4 with the same value; remove line 4.",
      ]
    `);
  });

  test("compares values as dotenv reads them (quotes and comments do not count)", () => {
    expect(lint('A=x\nA="x" # same\n')).toMatchInlineSnapshot(`
      [
        "2:1 warning duplicate-key A",
        "2:3 warning unnecessary-quotes A",
      ]
    `);
  });
});

describe("key-without-value", () => {
  test("a line without = is an error, and its text is not echoed", () => {
    expect(lint("API_URL\n")).toMatchInlineSnapshot(`
      [
        "1:1 error key-without-value",
      ]
    `);
    expect(messages("API_URL\n")).toMatchInlineSnapshot(`
      [
        "key-without-value: Line 1 has no "=", so dotenv ignores it. Write KEY=value (KEY= for an empty value), or start the line with # to make it a comment.",
      ]
    `);
  });

  test("KEY= is an empty value, not a missing one", () => {
    expect(lint("API_URL=\n")).toEqual([]);
  });
});

describe("space-around-equals", () => {
  test("before or after =, at the column of the whitespace", () => {
    expect(lint("A =1\nB= 2\nC = 3\n")).toMatchInlineSnapshot(`
      [
        "1:2 error space-around-equals A",
        "2:3 error space-around-equals B",
        "3:2 error space-around-equals C",
      ]
    `);
  });

  test("KEY= followed by a comment is an empty value, not a space problem", () => {
    expect(lint("A= # filled in by CI\n")).toEqual([]);
  });
});

describe("unquoted-value", () => {
  test("whitespace in an unquoted value is a warning", () => {
    expect(lint("GREETING=hello world\n")).toMatchInlineSnapshot(`
      [
        "1:15 warning unquoted-value GREETING",
      ]
    `);
  });

  test("a # that dotenv reads as a comment start inside the value is an error", () => {
    expect(lint("COLOR=#ff0000\nPASSWORD=abc#def\n")).toMatchInlineSnapshot(`
      [
        "1:7 error unquoted-value COLOR",
        "2:13 error unquoted-value PASSWORD",
      ]
    `);
    expect(messages("PASSWORD=abc#def\n")).toMatchInlineSnapshot(`
      [
        "unquoted-value: PASSWORD on line 1: dotenv reads the "#" at column 13 as the start of a comment, so the value is cut there. Put the value in quotes (or a space before "#" if it is a comment).",
      ]
    `);
  });

  test("a comment after whitespace is a comment", () => {
    expect(lint("A=1 # one\n")).toEqual([]);
  });
});

describe("unmatched-quote", () => {
  test("an opening quote that dotenv never closes", () => {
    expect(lint('A="abc\nB=1\n')).toMatchInlineSnapshot(`
      [
        "1:3 error unmatched-quote A",
      ]
    `);
    expect(messages('A="abc\n')).toMatchInlineSnapshot(`
      [
        "unmatched-quote: A on line 1: the double quote at column 3 is never closed, so dotenv reads the value literally, quote included. Add the closing double quote.",
      ]
    `);
  });

  test("a later line's quote does not close it when text follows that quote, as in dotenv", () => {
    // dotenv reads A as `"abc` and B as `x`; the quote of B does not swallow line 2.
    expect(lint('A="abc\nB="x y"\n')).toMatchInlineSnapshot(`
      [
        "1:3 error unmatched-quote A",
      ]
    `);
  });

  test("text after the closing quote", () => {
    expect(lint('A="abc"def\n')).toMatchInlineSnapshot(`
      [
        "1:7 error unmatched-quote A",
      ]
    `);
  });
});

describe("multi-line quoted values", () => {
  test("inner lines are value, not keys: no findings for them", () => {
    const text = [
      'PRIVATE_KEY="-----BEGIN KEY-----',
      "  lowercase = not a key  ",
      "",
      "",
      "#not a comment",
      '-----END KEY-----"',
      "Z_LAST=1",
      "",
    ].join("\n");
    expect(lint(text)).toEqual([]);
  });

  test("findings inside a multi-line value point at their own line", () => {
    expect(lint('CERT="line one\nline $(whoami) two"\n')).toMatchInlineSnapshot(`
      [
        "2:6 error command-substitution CERT",
      ]
    `);
  });

  test("trailing whitespace after the closing quote is still found", () => {
    expect(lint("A='one\ntwo'  \n")).toMatchInlineSnapshot(`
      [
        "2:5 warning trailing-whitespace A",
      ]
    `);
  });
});

describe("command-substitution", () => {
  test("$(...) is always an error, in any quote style, and never run", () => {
    expect(lint("A=$(whoami)\nB=\"$(id)\"\nC='$(date)'\n")).toMatchInlineSnapshot(`
      [
        "1:3 error command-substitution A",
        "2:4 error command-substitution B",
        "3:4 error command-substitution C",
      ]
    `);
  });

  test("even past a # that dotenv cuts at, since a shell would not cut there", () => {
    expect(lint("A=x#$(touch /tmp/owned)\n").filter((l) => l.includes("command"))).toMatchInlineSnapshot(`
      [
        "1:5 error command-substitution A",
      ]
    `);
  });

  test("an escaped \\$( is literal text", () => {
    expect(lint("A=\\$(not run)\n").filter((l) => l.includes("command"))).toEqual([]);
  });
});

describe("invalid-substitution", () => {
  test("unclosed ${, bad names and a stray } are errors; defaults are fine", () => {
    expect(lint("A=${B\nC=${D!}\nE=$F}\nG=${H:-x}${I-$J}$K\n")).toMatchInlineSnapshot(`
      [
        "1:3 error invalid-substitution A",
        "2:3 error invalid-substitution C",
        "3:3 error invalid-substitution E",
      ]
    `);
  });
});

describe("key shape", () => {
  test("leading whitespace", () => {
    expect(lint("  A=1\n")).toMatchInlineSnapshot(`
      [
        "1:1 warning leading-whitespace A",
      ]
    `);
  });

  test("leading character: a warning when dotenv reads the key, an error when it skips the line", () => {
    expect(lint("1A=1\n*B=2\n")).toMatchInlineSnapshot(`
      [
        "1:1 warning leading-character 1A",
        "2:1 error leading-character *B",
        "2:1 warning unordered-key *B",
      ]
    `);
  });

  test("incorrect delimiter: . and - are read by dotenv but not by shells; others make dotenv skip the line", () => {
    expect(lint("A-B=1\nC.D=2\nE*=3\n")).toMatchInlineSnapshot(`
      [
        "1:2 warning incorrect-delimiter A-B",
        "2:2 warning incorrect-delimiter C.D",
        "3:2 error incorrect-delimiter E*",
      ]
    `);
  });

  test("lowercase key", () => {
    expect(messages("api_url=x\n")).toMatchInlineSnapshot(`
      [
        "lowercase-key: api_url on line 1 has lowercase letters; rename it API_URL (env names are UPPER_SNAKE_CASE).",
      ]
    `);
  });

  test("KEY: value is read by dotenv, but not by shells", () => {
    expect(lint("A: 1\n")).toMatchInlineSnapshot(`
      [
        "1:2 warning colon-assignment A",
      ]
    `);
  });
});

describe("layout", () => {
  test("trailing whitespace, extra blank lines, missing final newline", () => {
    expect(lint("A=1  \n\n\nB=2\n \nC=3")).toMatchInlineSnapshot(`
      [
        "1:4 warning trailing-whitespace A",
        "3:- warning extra-blank-line",
        "5:1 warning trailing-whitespace",
        "6:- warning ending-blank-line",
      ]
    `);
  });

  test("\\r\\n line endings are not trailing whitespace", () => {
    expect(lint("A=1\r\nB=2\r\n")).toEqual([]);
  });
});

describe("unnecessary-quotes", () => {
  test("quotes that change nothing are a warning; quotes that matter are kept", () => {
    expect(lint('A="x"\nB=\'y\'\nC="a b"\nD="a\\nb"\nE="x#y"\nF=""\n')).toMatchInlineSnapshot(`
      [
        "1:3 warning unnecessary-quotes A",
        "2:3 warning unnecessary-quotes B",
      ]
    `);
  });
});

describe("unordered-key", () => {
  test("keys out of order within a group name the key they should precede", () => {
    expect(messages("A=1\nFOO=2\nBAZ=3\nBAR=4\n\nZ=1\nY=2\n")).toMatchInlineSnapshot(`
      [
        "unordered-key: BAZ on line 3 should go before FOO: keep keys in alphabetical order within a group (groups are separated by blank lines).",
        "unordered-key: BAR on line 4 should go before BAZ: keep keys in alphabetical order within a group (groups are separated by blank lines).",
        "unordered-key: Y on line 7 should go before Z: keep keys in alphabetical order within a group (groups are separated by blank lines).",
      ]
    `);
  });

  test("a key that uses a key of its group may follow it", () => {
    expect(lint("HOST=db\nPORT=5432\nDATABASE_URL=postgres://${HOST}:${PORT}\n")).toEqual([]);
  });
});

describe("options", () => {
  test("a rule can be turned off or given another severity", () => {
    const text = "b=1\nA=1\n";
    expect(
      lint(text, { rules: { "unordered-key": "off", "lowercase-key": "error" } }),
    ).toMatchInlineSnapshot(`
      [
        "1:1 error lowercase-key b",
      ]
    `);
  });

  test("an unknown rule is a mistake, not a silent no-op", () => {
    expect(() => lintDotenv("", ".env", { rules: { "unordered-keys": "off" } })).toThrow(/Unknown lint rule/);
  });

  test("every finding carries the file and a rule from RULES", () => {
    const ids = new Set(RULES.map((r) => r.id));
    const findings: LintFinding[] = lintDotenv("  a b=$(x) ${y\n\n\nC='", "config/.env.prod");
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.file).toBe("config/.env.prod");
      expect(ids.has(f.rule)).toBe(true);
    }
  });
});

describe("secrets stay out of messages", () => {
  const CANARY = "CANARY-zz9-7f3a1c";
  const cases = {
    "duplicate with another value": `APP_TOKEN=${CANARY}\nAPP_TOKEN=${CANARY}x\n`,
    "space around =": `APP_TOKEN = ${CANARY}\n`,
    "unquoted with whitespace": `APP_TOKEN=${CANARY} ${CANARY}\n`,
    "unquoted with #": `APP_TOKEN=${CANARY}#${CANARY}\n`,
    "unmatched quote": `APP_TOKEN="${CANARY}\n`,
    "text after closing quote": `APP_TOKEN="${CANARY}"${CANARY}\n`,
    "command substitution": `APP_TOKEN=${CANARY}$(echo ${CANARY})\n`,
    "invalid substitution": `APP_TOKEN=${CANARY}\${${CANARY}\n`,
    "unnecessary quotes": `APP_TOKEN="${CANARY}"\n`,
    "trailing whitespace": `APP_TOKEN=${CANARY}  \n`,
    "lowercase key": `app_token=${CANARY}\n`,
    "leading whitespace": `  APP_TOKEN=${CANARY}\n`,
    "colon assignment": `APP_TOKEN: ${CANARY}\n`,
    "no final newline": `APP_TOKEN=${CANARY}`,
    unordered: `Z=1\nAPP_TOKEN=${CANARY}\n`,
    "a value on its own line (no =)": `APP_TOKEN=\n${CANARY}\n`,
    "key and value separated by a space": `APP_TOKEN ${CANARY}\n`,
    "key with a space then =": `APP_TOKEN ${CANARY}=x\n`,
    "multi-line value": `APP_TOKEN="${CANARY}\n${CANARY} $(x)"\n`,
  };

  test.each(Object.entries(cases))("%s", (_name, text) => {
    const findings = lintDotenv(text, ".env");
    expect(findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).not.toContain("CANARY");
  });
});

describe("performance", () => {
  test("40,000 blank lines followed by garbage: every finding, in linear time", () => {
    // dotenv's own pattern backtracks over the blank lines from every position here (quadratic).
    const text = `${"\n".repeat(40_000)}}{ garbage == "unterminated $(touch /tmp/cfgkit-owned) \${oops`;
    const findings = lintDotenv(text, ".env");
    const blank = findings.filter((f) => f.rule === "extra-blank-line");
    expect(blank).toHaveLength(39_999);
    expect(blank[0]?.line).toBe(2);
    expect(blank.at(-1)?.line).toBe(40_000);
    expect(
      findings
        .filter((f) => f.rule !== "extra-blank-line")
        .map((f) => `${f.line}:${f.column ?? "-"} ${f.rule}`),
    ).toMatchInlineSnapshot(`
      [
        "40001:11 space-around-equals",
        "40001:14 unquoted-value",
        "40001:29 command-substitution",
        "40001:56 invalid-substitution",
        "40001:1 leading-character",
        "40001:1 lowercase-key",
        "40001:- ending-blank-line",
      ]
    `);
  });
});
