/**
 * `$(VAR)` references in a container's `env[].value`, expanded as the kubelet does: a defined variable is
 * replaced, an unknown one stays literally `$(VAR)`, `$$` is one `$`, and any other `$` is kept as written.
 */
export function expandKubeletReferences(text: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf("$", index);
    if (dollar === -1 || dollar === text.length - 1) break;
    out += text.slice(index, dollar);
    const next = text[dollar + 1];
    if (next === "$") {
      out += "$";
      index = dollar + 2;
      continue;
    }
    if (next === "(") {
      const close = text.indexOf(")", dollar + 2);
      if (close !== -1) {
        const name = text.slice(dollar + 2, close);
        out += lookup(name) ?? `$(${name})`;
        index = close + 1;
        continue;
      }
    }
    // Not a reference: the `$` and the character after it are copied as they are.
    out += `$${next}`;
    index = dollar + 2;
  }
  return out + text.slice(index);
}
