//! Safe decoding of untrusted picture files, held entirely in memory.
//!
//! The format is taken from the bytes, never from the file name. Size is
//! checked from the header before any pixels are allocated, and the decoder
//! also runs under `image::Limits`, so a decompression bomb (a small file
//! claiming 50,000 × 50,000 pixels) is refused before it costs memory.
//! JPEGs are stripped of metadata first (see [`super::jpeg`]) and the
//! stripped bytes are what gets decoded.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use super::jpeg;
use super::{MAX_FILE, MAX_PIXELS, MAX_SIDE};
use crate::error::PictureProblem;

/// A decoded picture, not yet turned upright.
pub(crate) struct Source {
    pub image: DynamicImage,
    pub orientation: Orientation,
    /// For a JPEG: the original file minus its metadata, kept as the
    /// full-resolution copy without re-encoding.
    pub stripped_jpeg: Option<Vec<u8>>,
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Source, PictureProblem> {
    if bytes.is_empty() {
        return Err(PictureProblem::Empty);
    }
    if bytes.len() as u64 > MAX_FILE {
        return Err(PictureProblem::FileTooBig { bytes: bytes.len() as u64, max_bytes: MAX_FILE });
    }
    let format = sniff(bytes)?;
    let (stripped, jpeg_orientation) = if format == ImageFormat::Jpeg {
        let s = jpeg::strip(bytes).map_err(|_| PictureProblem::Damaged)?;
        (Some(s.bytes), Some(s.orientation))
    } else {
        (None, None)
    };
    let data: &[u8] = stripped.as_deref().unwrap_or(bytes);

    let (width, height) = {
        // Any size is fine to *read* here, but not any memory: a PNG can
        // hold a compressed colour profile that inflates to gigabytes.
        let mut header = ImageReader::with_format(Cursor::new(data), format);
        let mut probe = Limits::no_limits();
        probe.max_alloc = Some(64 << 20);
        header.limits(probe);
        header.into_dimensions().map_err(|e| problem(e, format, (0, 0)))?
    };
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PictureProblem::TooLarge { width, height, max_side: MAX_SIDE, max_pixels: MAX_PIXELS });
    }

    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // This picture's pixels at up to 16-bit RGBA, with room for the
    // decoder's own buffers: also the bound on what metadata (a PNG colour
    // profile, say) may inflate to before the decoder drops it.
    limits.max_alloc = Some(u64::from(width) * u64::from(height) * 8 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| problem(e, format, (width, height)))?;
    let orientation = match jpeg_orientation {
        Some(o) => o,
        None => decoder.orientation().unwrap_or(Orientation::NoTransforms),
    };
    let image = DynamicImage::from_decoder(decoder).map_err(|e| problem(e, format, (width, height)))?;
    Ok(Source { image, orientation, stripped_jpeg: stripped })
}

/// Which decoder to use, from the file's first bytes.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, PictureProblem> {
    if let Some(brand) = iso_brand(bytes) {
        return Err(match brand {
            b"avif" | b"avis" => PictureProblem::Unsupported { format: "AVIF" },
            _ => PictureProblem::Heic,
        });
    }
    match image::guess_format(bytes) {
        Ok(
            f @ (ImageFormat::Jpeg
            | ImageFormat::Png
            | ImageFormat::WebP
            | ImageFormat::Gif
            | ImageFormat::Bmp
            | ImageFormat::Tiff),
        ) => Ok(f),
        Ok(other) => Err(PictureProblem::Unsupported { format: format_name(other) }),
        Err(_) if bytes.starts_with(b"%PDF") => Err(PictureProblem::Unsupported { format: "PDF document" }),
        Err(_) => Err(PictureProblem::NotAPicture),
    }
}

/// The major brand of an ISO-BMFF file (HEIC, HEIF, AVIF), if it is one.
fn iso_brand(bytes: &[u8]) -> Option<&[u8; 4]> {
    const HEIF_BRANDS: [&[u8; 4]; 10] =
        [b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"];
    if bytes.get(4..8) != Some(b"ftyp") {
        return None;
    }
    let brand: &[u8; 4] = bytes.get(8..12)?.try_into().ok()?;
    HEIF_BRANDS.iter().copied().find(|b| *b == brand)
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Avif => "AVIF",
        ImageFormat::Ico => "icon (ICO)",
        ImageFormat::Pnm => "PNM",
        ImageFormat::Tga => "TGA",
        ImageFormat::Dds => "DDS",
        ImageFormat::Hdr => "HDR",
        ImageFormat::OpenExr => "OpenEXR",
        ImageFormat::Farbfeld => "Farbfeld",
        ImageFormat::Qoi => "QOI",
        _ => "unusual",
    }
}

fn problem(e: ImageError, format: ImageFormat, (width, height): (u32, u32)) -> PictureProblem {
    match e {
        ImageError::Limits(_) => PictureProblem::TooLarge { width, height, max_side: MAX_SIDE, max_pixels: MAX_PIXELS },
        ImageError::Unsupported(_) => PictureProblem::Unsupported { format: variant_name(format) },
        _ => PictureProblem::Damaged,
    }
}

/// For a format we do read in general but not in this variant.
fn variant_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Tiff => "TIFF variant",
        ImageFormat::Bmp => "BMP variant",
        ImageFormat::WebP => "WebP variant",
        ImageFormat::Png => "PNG variant",
        ImageFormat::Gif => "GIF variant",
        _ => "JPEG variant",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_ignores_names_and_knows_iphone_photos() {
        let heic = [&[0, 0, 0, 0x18][..], b"ftypheic", &[0; 12]].concat();
        let avif = [&[0, 0, 0, 0x18][..], b"ftypavif", &[0; 12]].concat();
        let cases: &[(&[u8], Result<ImageFormat, PictureProblem>)] = &[
            (&heic, Err(PictureProblem::Heic)),
            (&avif, Err(PictureProblem::Unsupported { format: "AVIF" })),
            (b"\x89PNG\r\n\x1a\n....", Ok(ImageFormat::Png)),
            (b"\xFF\xD8\xFF\xE0", Ok(ImageFormat::Jpeg)),
            (b"GIF89a", Ok(ImageFormat::Gif)),
            (b"%PDF-1.7", Err(PictureProblem::Unsupported { format: "PDF document" })),
            (b"Dear diary", Err(PictureProblem::NotAPicture)),
        ];
        for (bytes, want) in cases {
            assert_eq!(&sniff(bytes), want, "{:?}", String::from_utf8_lossy(&bytes[..8.min(bytes.len())]));
        }
    }

    #[test]
    fn empty_and_oversized_files_are_refused_before_decoding() {
        assert_eq!(decode(b"").err(), Some(PictureProblem::Empty));
    }
}
