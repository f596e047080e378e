//! The printed book's own words — section titles, contents, "All about
//! me", the refill sheet — in English and Welsh, from
//! `assets/book/en.ftl` and `cy.ftl`.
//!
//! The files are a small subset of Fluent: one `key = words` a line, `#`
//! comments, and `{ $name }` placeables filled in when the book is laid
//! out. Nothing else (no selectors, no multi-line values): a sentence that
//! needs another form in one language gets its own key in both (as the
//! Welsh mutation after "Rhowch" does). Both files have the same keys and
//! the same placeables per key (a test checks).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::entry::{IdentityField, Section};
use crate::language::Lang;

/// One language's words for the book.
pub struct Words {
    lang: Lang,
    entries: HashMap<&'static str, &'static str>,
}

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../assets/book/en.ftl"),
        Lang::Cy => include_str!("../../assets/book/cy.ftl"),
    }
}

/// The book's words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    static EN: OnceLock<Words> = OnceLock::new();
    static CY: OnceLock<Words> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Cy => &CY,
    };
    cell.get_or_init(|| {
        let entries = read(source(lang)).unwrap_or_else(|e| panic!("assets/book/{}.ftl: {e}", lang.code()));
        Words { lang, entries }
    })
}

/// Read a catalogue: its entries, or what is wrong on which line.
fn read(source: &'static str) -> Result<HashMap<&'static str, &'static str>, String> {
    let mut entries = HashMap::new();
    for (n, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once('=').ok_or_else(|| format!("line {}: no \"=\"", n + 1))?;
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(format!("line {}: \"{key}\" is not a key (a-z, 0-9 and -)", n + 1));
        }
        if entries.insert(key, value).is_some() {
            return Err(format!("line {}: \"{key}\" twice", n + 1));
        }
    }
    Ok(entries)
}

impl Words {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every key and its words, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.entries.iter().map(|(k, v)| (*k, *v))
    }

    /// The words for `key` (the English ones if this language lacks them,
    /// the key itself if both do: the tests see to it that neither happens).
    pub fn get(&self, key: &str) -> &'static str {
        self.entries.get(key).or_else(|| words(Lang::En).entries.get(key)).copied().unwrap_or_else(|| {
            debug_assert!(false, "no book words for {key:?}");
            "?"
        })
    }

    /// The words for `key` with each `{ $name }` filled in from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.get(key);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
            out.push_str(&rest[..open]);
            let name = rest[open + 1..close].trim().trim_start_matches('$');
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A section's title, the same as the app's.
    pub fn section(&self, section: Section) -> &'static str {
        match section {
            Section::Present => self.get("section-present"),
            Section::Past => self.get("section-past"),
            Section::Future => self.get("section-future"),
        }
    }

    /// The line under a section's title on its opening page.
    pub fn section_intro(&self, section: Section) -> &'static str {
        match section {
            Section::Present => self.get("section-present-intro"),
            Section::Past => self.get("section-past-intro"),
            Section::Future => self.get("section-future-intro"),
        }
    }

    /// The heading of an "all about me" field.
    pub fn field(&self, field: IdentityField) -> &'static str {
        match field {
            IdentityField::Ethnicity => self.get("field-ethnicity"),
            IdentityField::Culture => self.get("field-culture"),
            IdentityField::Religion => self.get("field-religion"),
            IdentityField::Languages => self.get("field-languages"),
            IdentityField::Disability => self.get("field-disability"),
            IdentityField::SexualIdentity => self.get("field-sexual-identity"),
            IdentityField::Gender => self.get("field-gender"),
        }
    }
}

impl Section {
    /// The section's title in `lang`, as the app and the book give it.
    pub fn title(self, lang: Lang) -> &'static str {
        words(lang).section(self)
    }

    /// The English title (the open export and the command line use it).
    pub fn heading(self) -> &'static str {
        self.title(Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the placeables in `value`, in order.
    fn placeables(value: &str) -> Vec<&str> {
        value.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(inside, _)| inside.trim().trim_start_matches('$')).collect()
    }

    #[test]
    fn english_and_welsh_have_the_same_keys_and_placeables() {
        let en = read(source(Lang::En)).unwrap();
        let cy = read(source(Lang::Cy)).unwrap();
        let mut keys_en: Vec<_> = en.keys().collect();
        let mut keys_cy: Vec<_> = cy.keys().collect();
        keys_en.sort();
        keys_cy.sort();
        assert_eq!(keys_en, keys_cy, "en.ftl and cy.ftl have different keys");
        for (key, value) in &en {
            let mut want = placeables(value);
            let mut got = placeables(cy[key]);
            want.sort();
            got.sort();
            assert_eq!(want, got, "{key}: different placeables in en.ftl and cy.ftl");
            assert!(!cy[key].is_empty() && !value.is_empty(), "{key} is empty");
        }
    }

    /// Every key the book's code asks for is in the catalogues.
    #[test]
    fn every_key_the_book_uses_is_there() {
        let code = [
            include_str!("mod.rs"),
            include_str!("front.rs"),
            include_str!("render.rs"),
            include_str!("refill.rs"),
            include_str!("words.rs"),
            include_str!("../export.rs"),
        ];
        let mut used = Vec::new();
        for file in code {
            for call in ["get(\"", "fill(\""] {
                for (at, _) in file.match_indices(call) {
                    let rest = &file[at + call.len()..];
                    used.push(&rest[..rest.find('"').unwrap()]);
                }
            }
        }
        assert!(used.len() > 30, "found only {used:?}");
        let en = read(source(Lang::En)).unwrap();
        for key in used {
            assert!(en.contains_key(key), "the book asks for {key:?}, which assets/book/en.ftl lacks");
        }
    }

    #[test]
    fn placeables_are_filled_and_unknown_ones_left_as_they_are() {
        let en = words(Lang::En);
        assert_eq!(en.fill("cover-title", &[("name", "Amira")]), "Amira's life story book");
        assert_eq!(words(Lang::Cy).fill("cover-title", &[("name", "Amira")]), "Llyfr stori bywyd Amira");
        assert_eq!(en.fill("cover-title", &[]), "{ $name }'s life story book");
        assert_eq!(Section::Present.title(Lang::En), "My present");
        assert_eq!(Section::Present.title(Lang::Cy), "Fy mywyd nawr");
    }

    /// The window's section titles (ui/src/lib/i18n) are the book's, while
    /// the window keeps its own copy of them.
    #[test]
    fn the_app_and_the_book_name_the_sections_alike() {
        for lang in Lang::ALL {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("ui/src/lib/i18n/{}.ts", lang.code()));
            let Ok(catalogue) = std::fs::read_to_string(&path) else { continue };
            for section in Section::ALL {
                let key = format!("{}: {{ title: \"", section.as_str());
                if let Some(at) = catalogue.find(&key) {
                    let rest = &catalogue[at + key.len()..];
                    assert_eq!(&rest[..rest.find('"').unwrap()], section.title(lang), "{} in {}", section.as_str(), path.display());
                }
            }
        }
    }

    #[test]
    fn a_broken_catalogue_line_is_named() {
        assert!(read("a-key = fine\nno equals here\n").unwrap_err().contains("line 2"));
        assert!(read("a = 1\na = 2\n").unwrap_err().contains("twice"));
        assert!(read("Bad Key = x\n").is_err());
    }
}
