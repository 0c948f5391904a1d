// Cold start: import zod, then cfgkit; minus the zod-only row, what importing cfgkit costs beyond its peer.
await import("zod");
await import("cfgkit");
