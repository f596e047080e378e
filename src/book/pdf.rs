//! Writing laid-out pages as a PDF file, with printpdf for the pages and
//! fonts, and the pictures streamed in one at a time.
//!
//! printpdf keeps a whole document in memory and would decode and
//! re-encode every photo. A book of 300 photos would then need gigabytes,
//! so pictures are not given to printpdf: each is a one-pixel placeholder
//! image object, marked with its picture's number. After printpdf has
//! written the (small) document, an incremental update (PDF 1.7, 7.5.6)
//! replaces each placeholder object by the picture's print copy, a JPEG
//! copied in as it is (`/DCTDecode`), decrypted one at a time and dropped
//! once written. Memory stays flat whatever the number of pictures.
//!
//! The file is written under a temporary name beside the target, synced,
//! and renamed: a failure or a cancel never leaves half a book.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use printpdf::{
    Codepoint, Color, DictItem, ExternalStream, ExternalXObject, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, TextItem, TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};
use zeroize::Zeroizing;

use super::page::{Mark, Page};
use super::typeset::{fonts, FontId, Rgb};
use crate::error::{Error, Result};

/// The marker key on a placeholder image's dictionary.
const PLACEHOLDER: &str = "LifestoryPicture";

/// What the document says about itself: nothing a page doesn't.
pub struct Metadata {
    pub title: String,
}

/// Write `pages` to `out`. `picture` returns a picture's print copy (a
/// JPEG); `tick` is called after each picture and may stop the export.
pub fn write(
    pages: &[Page],
    metadata: &Metadata,
    out: &Path,
    picture: &mut dyn FnMut(&str) -> Result<Zeroizing<Vec<u8>>>,
    tick: &mut dyn FnMut() -> Result<()>,
) -> Result<u64> {
    let (document, pictures) = build(pages, metadata);
    let partial = partial_path(out);
    let result = (|| {
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&partial).map_err(|e| Error::write(&partial, e))?;
        let mut file = std::io::BufWriter::new(file);
        let written = stream_pictures(&document, &pictures, &mut file, &partial, picture, tick)?;
        let file = file.into_inner().map_err(|e| Error::write(&partial, e.into_error()))?;
        file.sync_all().map_err(|e| Error::write(&partial, e))?;
        drop(file);
        if out.exists() {
            return Err(Error::AlreadyExists { path: out.to_owned() });
        }
        std::fs::rename(&partial, out).map_err(|e| Error::write(out, e))?;
        Ok(written)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn partial_path(out: &Path) -> std::path::PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(out.file_name().unwrap_or_default());
    name.push(format!(".{}.partial", std::process::id()));
    out.with_file_name(name)
}

/// The pictures the placeholders stand for, by placeholder number.
type PictureList = Vec<(String, (u32, u32))>;

fn build(pages: &[Page], metadata: &Metadata) -> (PdfDocument, PictureList) {
    let mut doc = PdfDocument::new(&metadata.title);
    doc.metadata.info.author = String::new();
    doc.metadata.info.creator = "Life Story Binder".into();
    doc.metadata.info.producer = "Life Story Binder".into();
    doc.metadata.info.subject = String::new();
    doc.metadata.info.keywords = Vec::new();

    let mut font_ids: HashMap<FontId, printpdf::FontId> = HashMap::new();
    let mut picture_ids: HashMap<String, XObjectId> = HashMap::new();
    let mut pictures: PictureList = Vec::new();
    let mut pdf_pages = Vec::with_capacity(pages.len());

    for (index, page) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        // Shapes and pictures first, text on top.
        for mark in &page.marks {
            match mark {
                Mark::Path { points, closed, fill, stroke } => path_ops(&mut ops, points, *closed, *fill, *stroke),
                Mark::Picture { picture, pixels, x, y, w, h } => {
                    let id = picture_ids.entry(picture.clone()).or_insert_with(|| {
                        pictures.push((picture.clone(), *pixels));
                        doc.add_xobject(&placeholder(pictures.len() - 1))
                    });
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(*y)),
                            scale_x: Some(*w),
                            scale_y: Some(*h),
                            no_auto_scale: true,
                            ..Default::default()
                        },
                    });
                }
                Mark::Glyph { .. } => {}
            }
        }
        let mut in_text = false;
        let mut current: Option<(FontId, f32)> = None;
        let mut color: Option<Rgb> = None;
        for mark in &page.marks {
            let Mark::Glyph { font, size, color: c, id, x, y, text } = mark else { continue };
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
            }
            if current != Some((*font, *size)) {
                let pdf_font = font_ids.entry(*font).or_insert_with(|| doc.add_font(&parse_font(*font)));
                ops.push(Op::SetFont { font: PdfFontHandle::External(pdf_font.clone()), size: Pt(*size) });
                current = Some((*font, *size));
            }
            if color != Some(*c) {
                ops.push(Op::SetFillColor { col: rgb(*c) });
                color = Some(*c);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(*y)) });
            // The glyph's own text becomes its ToUnicode entry; a second
            // glyph of one character carries none.
            let codepoint = if text.is_empty() { Codepoint::new(*id, 0.0) } else { Codepoint::with_cid(*id, 0.0, text.clone()) };
            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(vec![codepoint])] });
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        if let Some(title) = &page.bookmark {
            doc.add_bookmark(title, index + 1);
        }
        pdf_pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
    }
    doc.with_pages(pdf_pages);
    (doc, pictures)
}

fn parse_font(font: FontId) -> ParsedFont {
    let face = &fonts::faces()[font];
    let mut warnings = Vec::new();
    // Our own shipped files, tested to parse: a failure is a build defect.
    ParsedFont::from_bytes(face.data, 0, &mut warnings).unwrap_or_else(|| panic!("printpdf cannot read assets/fonts/{}", face.name))
}

fn rgb(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

fn path_ops(ops: &mut Vec<Op>, points: &[(f32, f32, bool)], closed: bool, fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) {
    let points: Vec<LinePoint> = points.iter().map(|&(x, y, bezier)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier }).collect();
    ops.push(Op::SaveGraphicsState);
    if let Some(f) = fill {
        ops.push(Op::SetFillColor { col: rgb(f) });
    }
    if let Some((s, width)) = stroke {
        ops.push(Op::SetOutlineColor { col: rgb(s) });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    }
    if closed {
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (false, true) => PaintMode::Stroke,
            _ => PaintMode::Fill,
        };
        ops.push(Op::DrawPolygon { polygon: Polygon { rings: vec![PolygonRing { points }], mode, winding_order: WindingOrder::NonZero } });
    } else {
        ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
    }
    ops.push(Op::RestoreGraphicsState);
}

/// A one-pixel white image that stands in for picture `n` until the
/// incremental update replaces it.
fn placeholder(n: usize) -> ExternalXObject {
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_owned(), DictItem::Name(b"XObject".to_vec()));
    dict.insert("Subtype".to_owned(), DictItem::Name(b"Image".to_vec()));
    dict.insert("Width".to_owned(), DictItem::Int(1));
    dict.insert("Height".to_owned(), DictItem::Int(1));
    dict.insert("ColorSpace".to_owned(), DictItem::Name(b"DeviceRGB".to_vec()));
    dict.insert("BitsPerComponent".to_owned(), DictItem::Int(8));
    dict.insert(PLACEHOLDER.to_owned(), DictItem::Int(n as i64));
    ExternalXObject {
        stream: ExternalStream { dict, content: vec![255, 255, 255], compress: false },
        width: None,
        height: None,
        dpi: None,
    }
}

/// Write the document, then the pictures as an incremental update.
fn stream_pictures(
    document: &PdfDocument,
    pictures: &PictureList,
    out: &mut impl Write,
    path: &Path,
    picture: &mut dyn FnMut(&str) -> Result<Zeroizing<Vec<u8>>>,
    tick: &mut dyn FnMut() -> Result<()>,
) -> Result<u64> {
    let mut warnings = Vec::new();
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut lo = document.to_lopdf_document(&options, &mut warnings);
    lo.compress();
    // Placeholder object numbers, by picture number.
    let mut slots: Vec<(usize, u32)> = lo
        .objects
        .iter()
        .filter_map(|(id, object)| {
            let dict = object.as_stream().ok()?.dict.clone();
            let n = dict.get(PLACEHOLDER.as_bytes()).ok()?.as_i64().ok()?;
            Some((usize::try_from(n).ok()?, id.0))
        })
        .collect();
    slots.sort_unstable();
    let mut base = Vec::new();
    let failed = |what: &str| Error::write(path, std::io::Error::other(format!("the PDF writer {what}")));
    lo.save_to(&mut base).map_err(|e| Error::write(path, e))?;
    let previous_xref = startxref(&base).ok_or_else(|| failed("left no cross-reference table"))?;
    let root = lo.trailer.get(b"Root").and_then(|o| o.as_reference()).map_err(|_| failed("left no catalog"))?;
    let info = lo.trailer.get(b"Info").and_then(|o| o.as_reference()).ok();
    let size = lo.max_id + 1;
    drop(lo);

    let io = |e: std::io::Error| Error::write(path, e);
    let mut offset = base.len() as u64;
    out.write_all(&base).map_err(io)?;
    drop(base);
    let mut offsets = Vec::with_capacity(slots.len());
    for (n, object) in slots {
        let (id, (w, h)) = &pictures[n];
        let jpeg = picture(id)?;
        let head = format!(
            "\n{object} 0 obj\n<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
            jpeg.len()
        );
        offsets.push((object, offset + 1));
        out.write_all(head.as_bytes()).map_err(io)?;
        out.write_all(&jpeg).map_err(io)?;
        out.write_all(b"\nendstream\nendobj\n").map_err(io)?;
        offset += head.len() as u64 + jpeg.len() as u64 + 18;
        tick()?;
    }
    let xref_at = offset;
    let mut tail = String::from("xref\n");
    for (object, at) in &offsets {
        tail += &format!("{object} 1\n{at:010} 00000 n\r\n");
    }
    tail += &format!("trailer\n<< /Size {size} /Root {} {} R /Prev {previous_xref}", root.0, root.1);
    if let Some(info) = info {
        tail += &format!(" /Info {} {} R", info.0, info.1);
    }
    tail += &format!(" >>\nstartxref\n{xref_at}\n%%EOF\n");
    out.write_all(tail.as_bytes()).map_err(io)?;
    Ok(offset + tail.len() as u64)
}

/// The byte offset after the last `startxref`.
fn startxref(pdf: &[u8]) -> Option<u64> {
    let tail = &pdf[pdf.len().saturating_sub(64)..];
    let text = std::str::from_utf8(tail).ok()?;
    let after = &text[text.rfind("startxref")? + "startxref".len()..];
    after.split_whitespace().next()?.parse().ok()
}

