//! The open export: a folder of plain HTML pages and pictures that any
//! browser opens, decades from now, with no app and no keys.
//!
//! It holds exactly what the exporting keyring may read (sealed letters are
//! listed by date only), in book order: Present, then Past, then Future.
//! Every text is HTML-escaped; narratives go through [`crate::markdown`]
//! (no raw HTML, no scripts, no remote images). Pictures are the print
//! copies, which carry no metadata. Nothing is fetched from anywhere: the
//! style is inline. The folder is written under a temporary name and
//! renamed at the end, so a failure never leaves half an export.
//!
//! Writing decrypted pages to disk is the point here, so it only happens
//! when someone asks for it (the hand-over, or `lifestory export-html`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::binder::Binder;
use crate::entry::{Body, Entry, Section};
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::picture::Size;

/// What an export wrote.
#[derive(Clone, Debug, serde::Serialize)]
pub struct HtmlExport {
    pub dir: PathBuf,
    pub pages: usize,
    pub pictures: usize,
    pub sealed_letters: usize,
}

const STYLE: &str = "body{font-family:sans-serif;max-width:42em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}\
img{max-width:100%;height:auto}figure{margin:1.5em 0}figcaption{color:#555}\
nav a{margin-right:1em}.meta{color:#666;font-size:.9em}h2{margin-top:2em}";

impl Binder {
    /// Write the pages `keys` can read to a new folder `dir`.
    pub fn export_html(&self, keys: &Keyring, dir: &Path) -> Result<HtmlExport> {
        if dir.exists() {
            return Err(Error::AlreadyExists { path: dir.to_owned() });
        }
        let listing = self.list(keys, None)?;
        let mut name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".partial");
        let partial = dir.with_file_name(name);
        let _ = std::fs::remove_dir_all(&partial);
        let pictures_dir = partial.join("pictures");
        std::fs::create_dir_all(&pictures_dir).map_err(|e| Error::io(&pictures_dir, e))?;

        let written = (|| {
            let title = crate::book::words(crate::language::Lang::En).fill("cover-title", &[("name", self.profile(keys)?.called())]);
            let mut index = page_head(&title);
            let mut report = HtmlExport { dir: dir.to_owned(), pages: 0, pictures: 0, sealed_letters: listing.sealed.len() };
            for section in Section::ALL {
                let entries: Vec<_> = listing.entries.iter().filter(|e| e.section == section).collect();
                if entries.is_empty() {
                    continue;
                }
                let _ = write!(index, "<h2>{}</h2>\n<ol>\n", section.heading());
                for summary in entries {
                    report.pages += 1;
                    let entry = self.show(keys, &summary.id)?;
                    let file = format!("page-{:03}.html", report.pages);
                    let _ = writeln!(index, "<li><a href=\"{file}\">{}</a></li>", escape(&entry.title));
                    let mut html = page_head(&entry.title);
                    html += "<nav><a href=\"index.html\">Contents</a></nav>\n";
                    html += &render_entry(&entry);
                    for picture in self.pictures(keys, &entry.id)? {
                        let copy = self.picture_copy(keys, &picture.id, Size::Print)?;
                        let image = format!("{}.jpg", picture.id);
                        write_file(&pictures_dir.join(&image), &copy.bytes)?;
                        report.pictures += 1;
                        // A picture page is titled by its caption: don't say it twice.
                        let caption = if picture.caption == entry.title || picture.caption.is_empty() {
                            String::new()
                        } else {
                            format!("<figcaption>{}</figcaption>", escape(&picture.caption))
                        };
                        let _ = writeln!(
                            html,
                            "<figure><img src=\"pictures/{image}\" alt=\"{}\" width=\"{}\" height=\"{}\">{caption}</figure>",
                            escape(&picture.caption),
                            copy.width,
                            copy.height,
                        );
                    }
                    html += "</body>\n</html>\n";
                    write_file(&partial.join(&file), html.as_bytes())?;
                }
                index += "</ol>\n";
            }
            for letter in &listing.sealed {
                let _ = writeln!(index, "<p class=\"meta\">A letter for you, to open from {}.</p>", escape(&letter.until));
            }
            index += "</body>\n</html>\n";
            write_file(&partial.join("index.html"), index.as_bytes())?;
            std::fs::rename(&partial, dir).map_err(|e| Error::io(dir, e))?;
            Ok(report)
        })();
        if written.is_err() {
            let _ = std::fs::remove_dir_all(&partial);
        }
        written
    }
}

fn page_head(title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(title),
        escape(title)
    )
}

fn render_entry(entry: &Entry) -> String {
    let mut html = String::new();
    if let Some(date) = &entry.date {
        let _ = writeln!(html, "<p class=\"meta\">{}</p>", escape(&date.text));
    }
    let para = |text: &str| if text.trim().is_empty() { String::new() } else { format!("<p>{}</p>\n", escape(text)) };
    match &entry.body {
        Body::Narrative { markdown } => html += &crate::markdown::to_html(markdown),
        Body::Place { from, to, why, .. } => {
            let span = |d: &Option<crate::ApproxDate>| d.as_ref().map_or("?".to_owned(), |d| d.text.clone());
            let _ = writeln!(html, "<p class=\"meta\">{} to {}</p>", escape(&span(from)), escape(&span(to)));
            html += &para(why);
        }
        Body::Person { relationship, note, .. } => {
            html += &para(relationship);
            html += &para(note);
        }
        Body::Identity { text, .. } => html += &para(text),
        Body::Picture { note } => html += &para(note),
    }
    html
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}
