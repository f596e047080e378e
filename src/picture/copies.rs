//! The three stored copies of a picture, made from one decode.
//!
//! * **thumb**: at most [`THUMB_SIDE`] pixels on the long side, JPEG: small
//!   enough that a list of pages decrypts its pictures instantly.
//! * **print**: fits an A4 page at 300 dpi (2480 × 3508 either way up), JPEG
//!   quality 90; what the book and the app show.
//! * **full**: every pixel of the original. A JPEG keeps its own compressed
//!   data with the metadata stripped (no generation loss); anything else is
//!   re-encoded losslessly as PNG, upright.
//!
//! Work order keeps the expensive step small: resize straight from the
//! decoded pixels to the print size, turn the (smaller) print copy upright,
//! then make the thumbnail from it. Thumb and print are 8-bit RGB: alpha is
//! flattened onto white, as on paper. Our encoders write no metadata beyond
//! a bare JFIF header (version and pixel density).

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::png::{CompressionType, PngEncoder};
use image::metadata::Orientation;
use image::{DynamicImage, ImageEncoder, RgbImage};

use super::decode::Source;
use super::Size;
use crate::error::PictureProblem;

/// The print copy's limits: A4 at 300 dpi.
pub const PRINT_LONG: u32 = 3508;
pub const PRINT_SHORT: u32 = 2480;
/// The thumbnail's long side.
pub const THUMB_SIDE: u32 = 384;

const PRINT_QUALITY: u8 = 90;
const THUMB_QUALITY: u8 = 80;

/// One encoded copy, ready to be sealed.
pub(crate) struct Encoded {
    pub size: Size,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

pub(crate) struct Copies {
    /// Upright size of the picture.
    pub width: u32,
    pub height: u32,
    /// The orientation a viewer must apply to the full copy (only a stored
    /// JPEG can need one; re-encoded copies are upright).
    pub full_orientation: Orientation,
    pub copies: [Encoded; 3],
}

pub(crate) fn make(source: Source) -> Result<Copies, PictureProblem> {
    let Source { mut image, orientation, stripped_jpeg } = source;
    let swaps = matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    let (w, h) = (image.width(), image.height());
    let (width, height) = if swaps { (h, w) } else { (w, h) };

    let (full, full_orientation) = match stripped_jpeg {
        Some(bytes) => (Encoded { size: Size::Full, mime: "image/jpeg", width: w, height: h, bytes }, orientation),
        None => {
            image.apply_orientation(orientation);
            clear_hidden_colour(&mut image);
            (encode_png(&image)?, Orientation::NoTransforms)
        }
    };
    // Only the JPEG path still has sideways pixels at this point.
    let pending = if full_orientation == Orientation::NoTransforms { Orientation::NoTransforms } else { orientation };

    let (pw, ph) = fit(width, height, PRINT_LONG, PRINT_SHORT);
    let target = if pending != Orientation::NoTransforms && swaps { (ph, pw) } else { (pw, ph) };
    let mut print = resize(flatten(image), target)?;
    if pending != Orientation::NoTransforms {
        let mut upright = DynamicImage::ImageRgb8(print);
        upright.apply_orientation(pending);
        print = upright.into_rgb8();
    }
    let thumb = resize(print.clone(), fit(width, height, THUMB_SIDE, THUMB_SIDE))?;
    Ok(Copies {
        width,
        height,
        full_orientation,
        copies: [encode_jpeg(Size::Thumb, &thumb, THUMB_QUALITY)?, encode_jpeg(Size::Print, &print, PRINT_QUALITY)?, full],
    })
}

/// The largest size with this aspect that fits `long × short` (either way
/// up), never enlarged.
fn fit(width: u32, height: u32, long: u32, short: u32) -> (u32, u32) {
    let (big, small) = (width.max(height) as f64, width.min(height) as f64);
    let scale = (long as f64 / big).min(short as f64 / small).min(1.0);
    let size = |v: u32| ((v as f64 * scale).round() as u32).max(1);
    (size(width), size(height))
}

/// Fully transparent pixels still carry a colour, which is how an "erased"
/// face or address survives in an edited PNG. Set it to zero: nothing
/// visible changes.
fn clear_hidden_colour(image: &mut DynamicImage) {
    match image {
        DynamicImage::ImageRgba8(img) => img.pixels_mut().filter(|p| p[3] == 0).for_each(|p| p.0 = [0; 4]),
        DynamicImage::ImageRgba16(img) => img.pixels_mut().filter(|p| p[3] == 0).for_each(|p| p.0 = [0; 4]),
        DynamicImage::ImageLumaA8(img) => img.pixels_mut().filter(|p| p[1] == 0).for_each(|p| p.0 = [0; 2]),
        DynamicImage::ImageLumaA16(img) => img.pixels_mut().filter(|p| p[1] == 0).for_each(|p| p.0 = [0; 2]),
        DynamicImage::ImageRgba32F(img) => img.pixels_mut().filter(|p| p[3] == 0.0).for_each(|p| p.0 = [0.0; 4]),
        _ => {}
    }
}

/// 8-bit RGB, with any transparency laid onto white paper.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(p[3]);
        for c in 0..3 {
            o[c] = ((u16::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

fn resize(src: RgbImage, (width, height): (u32, u32)) -> Result<RgbImage, PictureProblem> {
    if (src.width(), src.height()) == (width, height) {
        return Ok(src);
    }
    let mut dst = RgbImage::new(width, height);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&src, &mut dst, &options).map_err(|_| PictureProblem::Damaged)?;
    Ok(dst)
}

/// Baseline JPEG with 4:2:0 chroma, as cameras write: `jpeg-encoder` (AVX2
/// where the CPU has it) is several times faster than `image`'s own encoder,
/// which only writes 4:4:4. It writes a bare JFIF header and nothing else.
fn encode_jpeg(size: Size, image: &RgbImage, quality: u8) -> Result<Encoded, PictureProblem> {
    let mut bytes = Vec::with_capacity((image.width() * image.height() / 4) as usize);
    let (w, h) = (u16::try_from(image.width()), u16::try_from(image.height()));
    let (Ok(w), Ok(h)) = (w, h) else { return Err(PictureProblem::TooLarge { width: image.width(), height: image.height(), max_side: super::MAX_SIDE, max_pixels: super::MAX_PIXELS }) };
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
    encoder.encode(image.as_raw(), w, h, jpeg_encoder::ColorType::Rgb).map_err(|_| PictureProblem::Damaged)?;
    Ok(Encoded { size, mime: "image/jpeg", width: image.width(), height: image.height(), bytes })
}

fn encode_png(image: &DynamicImage) -> Result<Encoded, PictureProblem> {
    use image::ColorType::*;
    let converted;
    let image = match image.color() {
        L8 | La8 | Rgb8 | Rgba8 | L16 | La16 | Rgb16 | Rgba16 => image,
        // Float and other exotic pixels: 16-bit keeps all a PNG can.
        _ => {
            converted = DynamicImage::ImageRgba16(image.to_rgba16());
            &converted
        }
    };
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, image::codecs::png::FilterType::Adaptive)
        .write_image(image.as_bytes(), image.width(), image.height(), image.color().into())
        .map_err(|_| PictureProblem::Damaged)?;
    Ok(Encoded { size: Size::Full, mime: "image/png", width: image.width(), height: image.height(), bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_aspect_and_never_enlarges() {
        let cases = [
            ((4000, 3000), (3307, 2480)),
            ((3000, 4000), (2480, 3307)),
            ((1000, 800), (1000, 800)),
            ((1, 1), (1, 1)),
            ((10000, 10), (3508, 4)),
        ];
        for (input, want) in cases {
            assert_eq!(fit(input.0, input.1, PRINT_LONG, PRINT_SHORT), want, "{input:?}");
        }
    }

    #[test]
    fn transparency_is_laid_on_white() {
        let mut rgba = image::RgbaImage::new(2, 1);
        rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        rgba.put_pixel(1, 0, image::Rgba([0, 0, 0, 255]));
        let flat = flatten(DynamicImage::ImageRgba8(rgba));
        assert_eq!(flat.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(flat.get_pixel(1, 0).0, [0, 0, 0]);
    }
}
