// The rules a form holds to, asked of the app once (src-tauri/src/commands/rules.rs,
// from the core's own): the window keeps no copy of a number.
import { api } from "./api";
import type { AppRules } from "../bindings/AppRules";

let asked: Promise<AppRules> | null = null;

/** The rules (asked once, then remembered; asked again if that failed). */
export function rules(): Promise<AppRules> {
  asked ??= api.rules().catch((e) => {
    asked = null;
    throw e;
  });
  return asked;
}

/** A text's length as the core counts it (characters, not UTF-16 units). */
export function chars(text: string): number {
  return [...text].length;
}
