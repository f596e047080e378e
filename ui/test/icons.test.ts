import { describe, expect, it } from "vitest";
import { PATHS, PROMPT_ICONS, promptIcon } from "../src/lib/icons";
import en from "../../assets/prompts/en.json";
import cy from "../../assets/prompts/cy.json";

const LIBRARY: Record<string, { prompts: { id: string; icon: string }[] }> = { en, cy };
const library = (lang: string) => LIBRARY[lang].prompts;

describe("picture-first prompts", () => {
  it("draws every prompt's picture, in both languages, with an icon of its own", () => {
    for (const lang of ["en", "cy"]) {
      for (const p of library(lang)) {
        const name = promptIcon(p.icon);
        expect(name, `${lang} ${p.id} ${p.icon}`).not.toBe("idea");
        expect(PATHS[name], name).toMatch(/^M/);
      }
    }
  });
  it("every mapped icon exists; an unknown emoji gets the light bulb", () => {
    for (const name of Object.values(PROMPT_ICONS)) expect(PATHS[name], name).toBeDefined();
    expect(promptIcon("🦄")).toBe("idea");
    expect(promptIcon("🗺️")).toBe("map"); // with its variation selector
  });
});
