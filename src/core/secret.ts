/**
 * A password, token or refresh token held so that printing it cannot leak it:
 * `String()`, template literals, `JSON.stringify`, `util.inspect` and
 * `console.log` all give `[redacted]`. `reveal()` is the one way to the value,
 * for the code that puts it on the wire (an Authorization header, a token form).
 */
import { REDACTED } from './log';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export class Secret {
  /** A private field: not an own property, so spreads, `Object.entries` and structuredClone do not copy it. */
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /** The value itself: only where it goes on the wire. */
  reveal(): string {
    return this.#value;
  }

  /** Same value, without revealing it to the caller (e.g. "is this the token we sent?"). */
  equals(other: Secret | undefined): boolean {
    return other instanceof Secret && other.#value === this.#value;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return REDACTED;
  }
}
