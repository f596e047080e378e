//! The fonts the book is set in, shipped in `assets/fonts/` (licences
//! alongside) and compiled into the program so a book never depends on what
//! the machine happens to have installed.
//!
//! A character is set in the first font of its style's fallback chain that
//! really has a glyph for it (read from the font's `cmap`, not guessed from
//! its script): Noto Sans for Latin, Greek and Cyrillic, Noto Naskh Arabic,
//! Noto Sans Ethiopic, Droid Sans Fallback for Chinese, Japanese and Korean,
//! and Symbola for emoji and symbols. Noto Sans Ethiopic has no ASCII
//! digits, which is why coverage is checked per character.

use std::sync::OnceLock;

use rustybuzz::Face;

/// Index of a face in [`faces`].
pub type FontId = usize;

/// Bold and italic, as Markdown gives them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

pub struct FontFace {
    /// The file's name, for the PDF's font resource and for errors.
    pub name: &'static str,
    pub data: &'static [u8],
    pub face: Face<'static>,
}

macro_rules! font {
    ($file:literal) => {
        ($file, include_bytes!(concat!("../../../assets/fonts/", $file)).as_slice())
    };
}

const FILES: [(&str, &[u8]); 10] = [
    font!("NotoSans-Regular.ttf"),
    font!("NotoSans-Bold.ttf"),
    font!("NotoSans-Italic.ttf"),
    font!("NotoSans-BoldItalic.ttf"),
    font!("NotoNaskhArabic-Regular.ttf"),
    font!("NotoNaskhArabic-Bold.ttf"),
    font!("NotoSansEthiopic-Regular.ttf"),
    font!("NotoSansEthiopic-Bold.ttf"),
    font!("DroidSansFallbackFull.ttf"),
    font!("Symbola.ttf"),
];

/// Fallback chains by style: indexes into [`FILES`]. Scripts without an
/// italic use their upright face (as typesetters do for Arabic and CJK).
const REGULAR: [FontId; 5] = [0, 4, 6, 8, 9];
const BOLD: [FontId; 5] = [1, 5, 7, 8, 9];
const ITALIC: [FontId; 5] = [2, 4, 6, 8, 9];
const BOLD_ITALIC: [FontId; 5] = [3, 5, 7, 8, 9];

/// Every face, parsed once.
pub fn faces() -> &'static [FontFace] {
    static FACES: OnceLock<Vec<FontFace>> = OnceLock::new();
    FACES.get_or_init(|| {
        FILES
            .iter()
            .map(|&(name, data)| FontFace {
                name,
                data,
                // The files are ours and tested; a failure here is a build defect.
                face: Face::from_slice(data, 0).unwrap_or_else(|| panic!("assets/fonts/{name} is not a font")),
            })
            .collect()
    })
}

fn chain(style: Style) -> &'static [FontId] {
    match (style.bold, style.italic) {
        (false, false) => &REGULAR,
        (true, false) => &BOLD,
        (false, true) => &ITALIC,
        (true, true) => &BOLD_ITALIC,
    }
}

/// The font each character of `text` is set in, one per `char`.
///
/// Characters that belong to no script of their own (spaces, punctuation,
/// digits, joiners, variation selectors, combining marks) stay in the font
/// of the character before them when it has them, so an Arabic phrase with
/// spaces and a comma is one run that shapes and joins as one.
pub fn font_per_char(text: &str, style: Style) -> Vec<FontId> {
    let faces = faces();
    let chain = chain(style);
    let mut out = Vec::with_capacity(text.len());
    let mut previous: Option<FontId> = None;
    for c in text.chars() {
        let has = |id: FontId| faces[id].face.glyph_index(c).is_some();
        let chosen = match previous {
            Some(p) if is_neutral(c) && (has(p) || is_invisible(c)) => p,
            _ => chain.iter().copied().find(|&id| has(id)).unwrap_or(chain[0]),
        };
        out.push(chosen);
        previous = Some(chosen);
    }
    out
}

/// Characters that take the script of their neighbours.
fn is_neutral(c: char) -> bool {
    c.is_ascii_punctuation() || c.is_ascii_digit() || c.is_whitespace() || is_invisible(c) || is_mark(c) || matches!(c, '\u{2000}'..='\u{206F}' | '\u{00A0}'..='\u{00BF}')
}

/// Joiners and variation selectors: never a glyph of their own.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{135D}'..='\u{135F}' | '\u{20D0}'..='\u{20FF}')
}

/// Font metrics in points at `size`.
pub fn ascent(font: FontId, size: f32) -> f32 {
    let f = &faces()[font].face;
    f.ascender() as f32 / f.units_per_em() as f32 * size
}

pub fn descent(font: FontId, size: f32) -> f32 {
    let f = &faces()[font].face;
    -(f.descender() as f32) / f.units_per_em() as f32 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, style: Style) -> Vec<&'static str> {
        font_per_char(text, style).into_iter().map(|id| faces()[id].name).collect()
    }

    #[test]
    fn each_script_gets_a_font_that_has_it() {
        let cases: &[(&str, &str)] = &[
            ("Ŵ", "NotoSans-Regular.ttf"),
            ("ł", "NotoSans-Regular.ttf"),
            ("ب", "NotoNaskhArabic-Regular.ttf"),
            ("ے", "NotoNaskhArabic-Regular.ttf"),
            ("ሰ", "NotoSansEthiopic-Regular.ttf"),
            ("家", "DroidSansFallbackFull.ttf"),
            ("🐶", "Symbola.ttf"),
        ];
        for (text, font) in cases {
            assert_eq!(names(text, Style::default()), [*font], "{text}");
        }
    }

    #[test]
    fn ethiopic_has_no_ascii_digits_so_they_fall_back() {
        let got = names("ሰ 2", Style::default());
        assert_eq!(got, ["NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Regular.ttf", "NotoSans-Regular.ttf"]);
    }

    #[test]
    fn spaces_and_punctuation_stay_with_the_arabic_run() {
        let got = names("سلام، دنیا", Style::default());
        assert!(got.iter().all(|f| *f == "NotoNaskhArabic-Regular.ttf"), "{got:?}");
    }

    #[test]
    fn bold_italic_latin_uses_its_own_face_and_arabic_stays_upright() {
        let style = Style { bold: true, italic: true };
        assert_eq!(names("a", style), ["NotoSans-BoldItalic.ttf"]);
        assert_eq!(names("ب", style), ["NotoNaskhArabic-Bold.ttf"]);
    }
}
