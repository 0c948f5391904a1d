/**
 * The limits every source read is held to, so that a hostile or mistaken input (a FIFO, `/dev/zero`, a 100 MB
 * file, JSON nested 10,000 deep) fails fast with a message naming the limit, instead of hanging, exhausting
 * memory or overflowing the stack. Set them with `defineSettings({ limits })`.
 */

export interface SourceLimits {
  /**
   * Largest source file read (`.env`, config file, snapshot, baseline, lock, project config), in bytes.
   * @default 1048576 (1 MiB)
   */
  maxFileBytes: number;
  /**
   * Largest single value (one `.env` value, one environment variable, one string in a config file), in bytes.
   * @default 65536 (64 KiB)
   */
  maxValueBytes: number;
  /**
   * Deepest nesting of objects and arrays in a config file or a JSON value (YAML aliases included).
   * @default 64
   */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<SourceLimits> = Object.freeze({
  maxFileBytes: 1024 * 1024,
  maxValueBytes: 64 * 1024,
  maxDepth: 64,
});

/** The defaults, with what a definition sets; a value that is not a positive integer is refused early. */
export function resolveLimits(given: Partial<SourceLimits> | undefined): SourceLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof SourceLimits)[]) {
    const value = limits[name];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`defineSettings: limits.${name} must be a positive integer (got ${String(value)})`);
    }
  }
  return limits;
}

/** `1048576` → `1 MiB`, `70000` → `68.4 KiB`: how a limit and a size are named in messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
