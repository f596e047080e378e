//! Narrative pages are Markdown. Raw HTML in them is shown as text, never
//! rendered: a page is the child's words, not a web page. For the same
//! reason Markdown images become their description (pictures are added as
//! pictures, encrypted; an image link would fetch from outside), and a link
//! survives only to `http`, `https` or `mailto` (never `javascript:`,
//! `file:` or `data:`); otherwise its words stay and the link goes.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

fn parser(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    // For each open link or image: was its tag dropped?
    let mut dropped: Vec<bool> = Vec::new();
    Parser::new_ext(markdown, options).filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) => {
            dropped.push(true);
            None
        }
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = safe_link(dest_url);
            dropped.push(!safe);
            safe.then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => (!dropped.pop().unwrap_or(false)).then_some(event),
        other => Some(other),
    })
}

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// Safe HTML for the app to show.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser(markdown));
    out
}

/// The words alone, for search and the language check.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in parser(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableRow) => {
                if !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text_not_rendered() {
        let table = [
            ("<script>alert(1)</script>", "&lt;script&gt;"),
            ("Hi <img src=x onerror=alert(1)> there", "&lt;img src=x onerror=alert(1)&gt;"),
            ("<div>\nblock\n</div>", "&lt;div&gt;"),
        ];
        for (input, expected) in table {
            let html = to_html(input);
            assert!(html.contains(expected), "{input:?} gave {html:?}");
            assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<div"), "{html}");
        }
    }

    #[test]
    fn only_plain_web_and_mail_links_survive_and_images_become_words() {
        let table = [
            ("[x](javascript:alert(1))", "x", "javascript:"),
            ("[home](file:///etc/passwd)", "home", "file:"),
            ("![my dog](https://example.org/dog.png)", "my dog", "<img"),
            ("[click](data:text/html,hi)", "click", "data:"),
        ];
        for (input, words, gone) in table {
            let html = to_html(input);
            assert!(html.contains(words) && !html.contains(gone) && !html.contains("<a"), "{input:?} gave {html:?}");
        }
        assert!(to_html("[NSPCC](https://www.nspcc.org.uk)").contains("<a href=\"https://www.nspcc.org.uk\">NSPCC</a>"));
    }

    #[test]
    fn markdown_structure_survives() {
        let html = to_html("# My cat\n\nShe is *very* fluffy.\n\n- ears\n- tail\n\n> purr");
        for tag in ["<h1>", "<em>very</em>", "<li>ears</li>", "<blockquote>"] {
            assert!(html.contains(tag), "missing {tag} in {html}");
        }
        assert_eq!(to_plain_text("# My cat\n\nShe is *very* fluffy."), "My cat\nShe is very fluffy.");
    }
}
