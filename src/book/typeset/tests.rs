use super::*;

fn set(text: &str, width: f32) -> Vec<Line> {
    set_paragraph(&[Span::new(text, 12.0)], width, Align::Start)
}

/// The text of each line, in logical order for left-to-right lines.
fn line_texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

fn font_names(line: &Line) -> Vec<&'static str> {
    let mut names: Vec<&str> = line.glyphs.iter().map(|g| fonts::faces()[g.font].name).collect();
    names.dedup();
    names
}

#[test]
fn a_short_paragraph_is_one_line_that_keeps_its_text() {
    let lines = set("Biscuit is my dog.", 400.0);
    assert_eq!(line_texts(&lines), ["Biscuit is my dog."]);
    assert!(lines[0].width > 50.0 && lines[0].width < 150.0, "{}", lines[0].width);
    assert!(!lines[0].rtl);
}

#[test]
fn long_text_wraps_at_spaces_and_no_line_is_wider_than_asked() {
    let text = "We went to the seaside in the summer and I found a crab under a rock by the pier.";
    let lines = set(text, 120.0);
    assert!(lines.len() >= 3, "{:?}", line_texts(&lines));
    for line in &lines {
        assert!(line.width <= 120.0, "{} is {} wide", line.text(), line.width);
        assert!(!line.text().starts_with(' '));
    }
    let joined: String = line_texts(&lines).join(" ");
    assert_eq!(joined.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
}

#[test]
fn a_word_longer_than_the_line_is_cut_not_overflowing() {
    let lines = set("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", 60.0);
    assert!(lines.len() > 2);
    assert!(lines.iter().all(|l| l.width <= 60.0));
    assert_eq!(line_texts(&lines).concat(), "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch");
}

#[test]
fn chinese_breaks_between_characters() {
    let text = "我喜欢和我的狗一起在公园里散步因为它很开心";
    let lines = set(text, 60.0);
    assert!(lines.len() > 1);
    assert_eq!(line_texts(&lines).concat(), text);
    assert_eq!(font_names(&lines[0]), ["DroidSansFallbackFull.ttf"]);
}

#[test]
fn arabic_is_right_aligned_and_joined() {
    let text = "أحب كلبي";
    let lines = set(text, 300.0);
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert!(line.rtl);
    // Right-aligned: the last glyph ends at the right edge.
    let first_x = line.glyphs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    assert!((first_x - (300.0 - line.width)).abs() < 0.5, "starts at {first_x}, width {}", line.width);
    // Joined: contextual forms are other glyphs than the isolated letters.
    let isolated = set("ب", 100.0)[0].glyphs[0].id;
    let joined = set("ببب", 100.0)[0].glyphs.iter().map(|g| g.id).collect::<Vec<_>>();
    assert!(joined.iter().all(|&id| id != isolated), "{joined:?} vs {isolated}");
    // Visual order is right to left: the first logical letter is drawn rightmost.
    let alef = line.glyphs.iter().find(|g| g.text == "أ").expect("alef");
    assert!(line.glyphs.iter().all(|g| g.x <= alef.x + 0.01));
}

#[test]
fn mixed_direction_keeps_each_word_in_its_own_order() {
    // An English sentence with an Arabic name in it stays left-to-right.
    let lines = set("My friend أحمد likes football", 400.0);
    let line = &lines[0];
    assert!(!line.rtl);
    let x_of = |t: &str| line.glyphs.iter().find(|g| g.text == t).map(|g| g.x).unwrap();
    assert!(x_of("M") < x_of("أ"));
    assert!(x_of("أ") < x_of("k"));
    // Inside the Arabic word, the first letter is to the right of the last.
    assert!(x_of("أ") > x_of("د"));
}

#[test]
fn ethiopic_and_digits_each_get_a_font_that_has_them() {
    let lines = set("ሰላም 2024", 300.0);
    assert_eq!(font_names(&lines[0]), ["NotoSansEthiopic-Regular.ttf", "NotoSans-Regular.ttf"]);
    assert_eq!(lines[0].text(), "ሰላም 2024");
}

#[test]
fn hard_breaks_start_new_lines() {
    let lines = set("Roses are red\nViolets are blue", 400.0);
    assert_eq!(line_texts(&lines), ["Roses are red", "Violets are blue"]);
}

#[test]
fn bold_text_is_wider_than_regular() {
    let regular = set_paragraph(&[Span::new("Sports day", 12.0)], 400.0, Align::Start);
    let bold = set_paragraph(&[Span::new("Sports day", 12.0).bold()], 400.0, Align::Start);
    assert!(bold[0].width > regular[0].width);
}

#[test]
fn centred_lines_sit_in_the_middle() {
    let lines = set_paragraph(&[Span::new("Me", 12.0)], 200.0, Align::Center);
    let left = lines[0].glyphs[0].x;
    assert!((left - (200.0 - lines[0].width) / 2.0).abs() < 0.01);
}

#[test]
fn empty_and_blank_paragraphs_set_nothing() {
    assert!(set("", 100.0).is_empty());
    assert!(set("  \n ", 100.0).is_empty());
}

#[test]
fn control_characters_do_not_break_the_setting() {
    let lines = set("a\u{0007}b\u{0085}c", 100.0);
    assert_eq!(lines.len(), 1);
}
