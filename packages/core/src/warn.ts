import type { Logger } from "./shared.js";

/** Reports a warning; `cause` names what it is about (one warning per cause reaches the console). */
export type Warn = (cause: string, message: string) => void;

/**
 * Where a client's warnings go (a list read incompletely, a store out of reach): `logger.warn` when the
 * logger has one, else `console.warn` once per cause; nowhere with `logger: false`.
 */
export function warnings(logger: Logger | false | undefined): Warn {
  if (logger === false) return () => {};
  const own = logger?.warn;
  if (own) return (_cause, message) => own.call(logger, message);
  const said = new Set<string>();
  return (cause, message) => {
    if (said.has(cause)) return;
    said.add(cause);
    console.warn(message);
  };
}
