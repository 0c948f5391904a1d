/**
 * A record kept on an object in a private field, for facts about objects cfgkit hands out (what loaded settings
 * were made from). A WeakMap keyed by the object would do the same, but each entry outlives the scavenges that
 * collect short-lived objects: a process loading settings in a loop spent a third of its time in the garbage
 * collector. A private field is invisible to reflection, inspection, spreading and cloning, and goes with the
 * object.
 */

/** Hands back the object it is given, so that a subclass adds its private fields to that object. */
class ReturnsTarget {
  constructor(target: object) {
    // biome-ignore lint/correctness/noConstructorReturn: the point of this class (see privateRecord)
    return target;
  }
}

export interface PrivateRecord<T> {
  /** Keeps `record` on `target`, which must still be extensible (attach before freezing) and have none yet. */
  set(target: object, record: T): void;
  /** The record kept on `target`, or `undefined` for anything else (any value, objects or not). */
  get(target: unknown): T | undefined;
}

export function privateRecord<T>(): PrivateRecord<T> {
  class Recorded extends ReturnsTarget {
    #record: T;
    constructor(target: object, record: T) {
      super(target);
      this.#record = record;
    }
    static of(target: unknown): T | undefined {
      const isObject = (typeof target === "object" && target !== null) || typeof target === "function";
      return isObject && #record in target ? (target as Recorded).#record : undefined;
    }
  }
  return {
    set: (target, record) => void new Recorded(target, record),
    get: (target) => Recorded.of(target),
  };
}
