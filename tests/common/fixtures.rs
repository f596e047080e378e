//! Picture fixtures, made in the test so every property is known: a pattern
//! whose corners show which way up it is, a photo-like image, and JPEGs
//! loaded with every kind of metadata a phone writes, carrying a marker.
#![allow(dead_code)]

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

/// A string that must never survive import.
pub const MARKER: &str = "LSB-MARKER-51.4816N-3.1791W";
/// The camera make in the EXIF of [`with_phone_metadata`]: long enough to
/// search for (see `leaks.rs`).
pub const CAMERA_MAKE: &str = "MarkerCam-Make-7Q2";

pub const RED: [u8; 3] = [220, 30, 30];
pub const GREEN: [u8; 3] = [30, 200, 60];
pub const BLUE: [u8; 3] = [30, 60, 220];
pub const YELLOW: [u8; 3] = [240, 220, 30];

/// Upright, four coloured quarters: red top-left, green top-right, blue
/// bottom-left, yellow bottom-right. Wider than tall.
pub fn quarters(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb(match (x < width / 2, y < height / 2) {
            (true, true) => RED,
            (false, true) => GREEN,
            (true, false) => BLUE,
            (false, false) => YELLOW,
        })
    })
}

/// The colour at the centre of each quarter: TL, TR, BL, BR.
pub fn quarter_colours(image: &RgbImage) -> [[u8; 3]; 4] {
    let (w, h) = (image.width(), image.height());
    let at = |x: u32, y: u32| image.get_pixel(x, y).0;
    [at(w / 4, h / 4), at(3 * w / 4, h / 4), at(w / 4, 3 * h / 4), at(3 * w / 4, 3 * h / 4)]
}

pub fn close(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 40)
}

/// Store `upright` as a camera would with EXIF orientation `n`: the pixels
/// turned the other way, so applying `n` brings them back upright.
pub fn as_camera_stores(upright: &RgbImage, n: u8) -> RgbImage {
    let inverse = match n {
        6 => 8,
        8 => 6,
        other => other,
    };
    let mut img = DynamicImage::ImageRgb8(upright.clone());
    img.apply_orientation(image::metadata::Orientation::from_exif(inverse).unwrap());
    img.into_rgb8()
}

/// Smooth colour fields with grain: compresses like a real photo.
pub fn photo(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as f32 - 12.0;
        let fx = x as f32 / width as f32;
        let fy = y as f32 / height as f32;
        let r = 128.0 + 90.0 * (fx * 7.0 + fy * 3.0).sin() + grain;
        let g = 128.0 + 80.0 * (fy * 9.0 - fx * 2.0).cos() + grain;
        let b = 110.0 + 70.0 * ((fx + fy) * 5.0).sin() + grain;
        Rgb([r.clamp(0.0, 255.0) as u8, g.clamp(0.0, 255.0) as u8, b.clamp(0.0, 255.0) as u8])
    })
}

pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(image).unwrap();
    out
}

pub fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A JPEG segment: marker, length, payload.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// `jpeg` as a phone would save it: EXIF with orientation `n`, camera make
/// and serial, a description and a GPS block; XMP; an ICC profile; IPTC;
/// a comment; and a second picture appended after the end. Every one of
/// them carries [`MARKER`].
pub fn with_phone_metadata(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    let xmp = format!("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude=\"{MARKER}\"/></x:xmpmeta>");
    let icc = [b"ICC_PROFILE\0\x01\x01".as_slice(), b"desc ", MARKER.as_bytes()].concat();
    let iptc = [b"Photoshop 3.0\08BIM\x04\x04".as_slice(), MARKER.as_bytes()].concat();
    let mut out = vec![0xFF, 0xD8];
    out.extend(segment(0xE0, &[b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0".as_slice(), MARKER.as_bytes()].concat()));
    out.extend(segment(0xE1, &[b"Exif\0\0".as_slice(), &exif(orientation)].concat()));
    out.extend(segment(0xE1, xmp.as_bytes()));
    out.extend(segment(0xE2, &icc));
    out.extend(segment(0xED, &iptc));
    out.extend(segment(0xFE, MARKER.as_bytes()));
    out.extend_from_slice(skip_app_segments(jpeg));
    out.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xFE, 0, 30]);
    out.extend_from_slice(MARKER.as_bytes());
    out
}

/// The JPEG from its first non-APP segment on (drops our encoder's JFIF).
fn skip_app_segments(jpeg: &[u8]) -> &[u8] {
    let mut pos = 2;
    while jpeg[pos] == 0xFF && (0xE0..=0xEF).contains(&jpeg[pos + 1]) {
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    &jpeg[pos..]
}

/// A big-endian TIFF/EXIF block: IFD0 with description, make, model,
/// orientation, serial number and a pointer to a GPS IFD with coordinates.
pub fn exif(orientation: u8) -> Vec<u8> {
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    let text = |s: &str| [s.as_bytes(), b"\0"].concat();
    let rationals = |v: &[(u32, u32)]| v.iter().flat_map(|(n, d)| [n.to_be_bytes(), d.to_be_bytes()].concat()).collect::<Vec<u8>>();
    let mut short = (orientation as u16).to_be_bytes().to_vec();
    short.extend([0, 0]);
    let ifd0: Vec<(u16, u16, u32, Vec<u8>)> = vec![
        (0x010E, ASCII, (MARKER.len() + 1) as u32, text(MARKER)),
        (0x010F, ASCII, (CAMERA_MAKE.len() + 1) as u32, text(CAMERA_MAKE)),
        (0x0110, ASCII, (MARKER.len() + 1) as u32, text(MARKER)),
        (0x0112, SHORT, 1, short),
        (0x8825, LONG, 1, vec![0; 4]), // patched below
        (0xA431, ASCII, (MARKER.len() + 1) as u32, text(MARKER)),
    ];
    let gps: Vec<(u16, u16, u32, Vec<u8>)> = vec![
        (0x0001, ASCII, 2, b"N\0\0\0".to_vec()),
        (0x0002, RATIONAL, 3, rationals(&[(51, 1), (28, 1), (5376, 100)])),
        (0x0003, ASCII, 2, b"W\0\0\0".to_vec()),
        (0x0004, RATIONAL, 3, rationals(&[(3, 1), (10, 1), (4476, 100)])),
    ];
    let ifd_len = |n: usize| 2 + 12 * n + 4;
    let gps_at = 8 + ifd_len(ifd0.len());
    let mut data_at = gps_at + ifd_len(gps.len());
    let mut data: Vec<u8> = Vec::new();
    let mut write_ifd = |out: &mut Vec<u8>, entries: &[(u16, u16, u32, Vec<u8>)]| {
        out.extend((entries.len() as u16).to_be_bytes());
        for (tag, kind, count, value) in entries {
            out.extend(tag.to_be_bytes());
            out.extend(kind.to_be_bytes());
            out.extend(count.to_be_bytes());
            if *tag == 0x8825 {
                out.extend((gps_at as u32).to_be_bytes());
            } else if value.len() <= 4 {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend(v);
            } else {
                out.extend((data_at as u32).to_be_bytes());
                data.extend(value);
                data_at += value.len();
            }
        }
        out.extend(0u32.to_be_bytes());
    };
    let mut out = b"MM\0\x2A\0\0\0\x08".to_vec();
    write_ifd(&mut out, &ifd0);
    write_ifd(&mut out, &gps);
    out.extend(data);
    out
}

/// A PNG that claims `width × height` pixels but holds almost no data: a
/// decompression bomb's header.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A real PNG with text, EXIF and colour-profile chunks carrying [`MARKER`]
/// inserted after its header.
pub fn png_with_metadata(png: &[u8]) -> Vec<u8> {
    let ihdr_end = 8 + 4 + 4 + 13 + 4;
    let mut out = png[..ihdr_end].to_vec();
    chunk(&mut out, b"tEXt", &[b"Comment\0".as_slice(), MARKER.as_bytes()].concat());
    chunk(&mut out, b"eXIf", &exif(1));
    chunk(&mut out, b"iCCP", &[b"marker profile\0\0".as_slice(), &zlib(&[MARKER.as_bytes(), &[0; 200]].concat())].concat());
    out.extend_from_slice(&png[ihdr_end..]);
    out
}

/// A small valid PNG whose colour profile inflates to `inflated` bytes.
pub fn png_profile_bomb(inflated: usize) -> Vec<u8> {
    let small = encode(&DynamicImage::ImageRgb8(RgbImage::new(4, 4)), ImageFormat::Png);
    let ihdr_end = 8 + 4 + 4 + 13 + 4;
    let mut out = small[..ihdr_end].to_vec();
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..inflated.div_ceil(zeros.len()) {
        z.write_all(&zeros).unwrap();
    }
    chunk(&mut out, b"iCCP", &[b"bomb\0\0".as_slice(), &z.finish().unwrap()].concat());
    out.extend_from_slice(&small[ihdr_end..]);
    out
}

fn zlib(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// The markers of a JPEG's segments, in order, up to the first scan.
pub fn jpeg_markers(jpeg: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut pos = 2;
    while pos + 4 <= jpeg.len() && jpeg[pos] == 0xFF {
        let m = jpeg[pos + 1];
        markers.push(m);
        if m == 0xDA {
            break;
        }
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    markers
}
