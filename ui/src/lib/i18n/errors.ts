// A command's failure comes typed from Rust (bindings/CommandError: the
// core's errors and the shell's own): a `code`, the `data` its words need
// (a number, a name, a role's key), and the English `message` the core
// wrote. The window shows its own words for the code, in the chosen
// language, from `errors` in en.ts and cy.ts: every code has both (the
// types refuse a missing one, and test/errors.test.ts checks the codes the
// bindings list). Nothing is read back out of the English.
import type { CommandError } from "../../bindings/CommandError";

/** Every code a command can fail with. */
export type ErrorCode = CommandError["code"];

/** The data an error with `code` carries (`never` when it has none). */
export type ErrorData<C extends ErrorCode> = Extract<CommandError, { code: C }> extends { data: infer D } ? D : never;

/** The words for every code: a sentence, or one made from the error's data. */
export type ErrorWords = { [C in ErrorCode]: [ErrorData<C>] extends [never] ? string : string | ((data: ErrorData<C>) => string) };

/** An error as a command sends it (its `data` typed loosely, as it crossed JSON). */
export type SentError = { code: string; data?: unknown; message: string };

/** The words to show for `e` from a language's `errors`; the core's English for a code they don't have. */
export function wordsFor(errors: ErrorWords, e: SentError): string {
  const words = (errors as Record<string, string | ((data: unknown) => string) | undefined>)[e.code];
  if (words === undefined) return e.message;
  return typeof words === "function" ? words(e.data) : words;
}

/** A thrown thing that is a command's error. */
export function isSentError(e: unknown): e is SentError {
  return !!e && typeof e === "object" && typeof (e as SentError).code === "string" && typeof (e as SentError).message === "string";
}
