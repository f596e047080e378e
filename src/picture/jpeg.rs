//! Lossless metadata stripping for JPEG files (ITU T.81 Annex B).
//!
//! A JPEG is a sequence of marker segments; the picture itself lives only in
//! the frame, table and scan segments. We copy those byte for byte and drop
//! everything else, so the full-resolution copy keeps every bit of the
//! camera's quality without a re-encode and loses all of:
//! APP0 (JFIF/JFXX thumbnails), APP1 (EXIF with GPS, serial numbers; XMP),
//! APP2 (ICC profiles with their description text, MPF), APP3–APP13 and
//! APP15 (maker data, IPTC/Photoshop captions), COM comments, and anything
//! after the end-of-image marker (phones append depth maps and second
//! JPEGs there, each with their own EXIF).
//!
//! Kept: SOI, SOFn, DHT, DAC, DQT, DRI, DNL, SOS with its entropy-coded
//! data, EOI, and the 12 defined bytes of Adobe's APP14 colour-transform
//! segment (needed to decode CMYK/YCCK files correctly).
//!
//! Invariant: the output decodes to exactly the pixels the caller then
//! decodes from it (the import decodes the stripped bytes, never the
//! original), so stripping can never make the stored copies disagree.

use image::metadata::Orientation;

/// A JPEG with its metadata removed, and the EXIF orientation it carried.
pub struct Stripped {
    pub bytes: Vec<u8>,
    pub orientation: Orientation,
}

/// Why a JPEG could not be walked: it ends early or a segment is malformed.
#[derive(Debug, PartialEq, Eq)]
pub struct Truncated;

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
/// "Adobe", version, flags0, flags1, colour transform.
const ADOBE_LEN: usize = 12;

pub fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, SOI, 0xFF])
}

/// Copy the picture-carrying segments of `src`, dropping all metadata.
pub fn strip(src: &[u8]) -> Result<Stripped, Truncated> {
    if !is_jpeg(src) {
        return Err(Truncated);
    }
    let mut out = Vec::with_capacity(src.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut orientation = None;
    let mut pos = 2;
    loop {
        // Every segment starts with 0xFF, possibly padded with more 0xFF.
        if src.get(pos) != Some(&0xFF) {
            return Err(Truncated);
        }
        while src.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *src.get(pos).ok_or(Truncated)?;
        pos += 1;
        match marker {
            EOI => {
                out.extend_from_slice(&[0xFF, EOI]);
                return Ok(Stripped { bytes: out, orientation: orientation.unwrap_or(Orientation::NoTransforms) });
            }
            // Stand-alone markers with no length: TEM and restart markers.
            0x01 | 0xD0..=0xD7 => continue,
            SOI => return Err(Truncated),
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*src.get(pos).ok_or(Truncated)?, *src.get(pos + 1).ok_or(Truncated)?]));
        if len < 2 || pos + len > src.len() {
            return Err(Truncated);
        }
        let segment = &src[pos..pos + len];
        let payload = &segment[2..];
        let keep = match marker {
            // SOF0–15 (with DHT = C4 and DAC = CC among them), DQT, DNL, DRI,
            // SOS. Not C8 ("JPG", reserved): decoders skip it, so it could
            // carry anything.
            0xC0..=0xC7 | 0xC9..=0xCF | 0xDB | 0xDC | 0xDD | SOS => true,
            0xEE if payload.len() >= ADOBE_LEN && payload.starts_with(b"Adobe") => {
                // Only its 12 defined bytes: anything after them is ignored
                // by decoders and could carry anything.
                out.extend_from_slice(&[0xFF, 0xEE, 0, ADOBE_LEN as u8 + 2]);
                out.extend_from_slice(&payload[..ADOBE_LEN]);
                false
            }
            0xE1 => {
                if orientation.is_none() {
                    if let Some(exif) = payload.strip_prefix(b"Exif\0\0") {
                        orientation = Orientation::from_exif_chunk(exif);
                    }
                }
                false
            }
            _ => false,
        };
        if keep {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(segment);
        }
        pos += len;
        if marker == SOS {
            let end = scan_end(src, pos)?;
            out.extend_from_slice(&src[pos..end]);
            pos = end;
        }
    }
}

/// Where the entropy-coded data starting at `from` ends: at the first 0xFF
/// that is neither a stuffed zero byte nor a restart marker.
fn scan_end(src: &[u8], from: usize) -> Result<usize, Truncated> {
    let mut i = from;
    loop {
        i += src[i..].iter().position(|&b| b == 0xFF).ok_or(Truncated)?;
        // 0xFF may be repeated as fill before a marker.
        let mut next = i + 1;
        while src.get(next) == Some(&0xFF) {
            next += 1;
        }
        match src.get(next) {
            None => return Err(Truncated),
            Some(0x00 | 0xD0..=0xD7) => i = next + 1,
            Some(_) => return Ok(i),
        }
    }
}

/// A minimal EXIF APP1 segment holding nothing but an orientation tag, for
/// handing a full-resolution copy out upright (see `Binder::picture_copy`).
pub fn with_orientation(stripped: &[u8], orientation: Orientation) -> Vec<u8> {
    let value = u16::from(orientation.to_exif());
    if value == 1 || !is_jpeg(stripped) {
        return stripped.to_vec();
    }
    // "Exif\0\0", then a big-endian TIFF header with one IFD of one entry.
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08"); // header, IFD0 at offset 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&value.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]); // padding to 4 bytes
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let len = (2 + 6 + tiff.len()) as u16;
    let mut out = Vec::with_capacity(stripped.len() + usize::from(len) + 2);
    out.extend_from_slice(&[0xFF, SOI, 0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&stripped[2..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// A structurally valid (not decodable) JPEG skeleton.
    fn skeleton(extra: &[Vec<u8>], scan: &[u8], trailer: &[u8]) -> Vec<u8> {
        let mut j = vec![0xFF, SOI];
        for e in extra {
            j.extend_from_slice(e);
        }
        j.extend(segment(0xDB, &[0; 65]));
        j.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        j.extend(segment(SOS, &[1, 1, 0, 0, 63, 0]));
        j.extend_from_slice(scan);
        j.extend_from_slice(&[0xFF, EOI]);
        j.extend_from_slice(trailer);
        j
    }

    #[test]
    fn drops_every_metadata_segment_and_the_trailer() {
        let marker = b"SECRET-MARKER";
        let extra = vec![
            segment(0xE0, b"JFIF\0SECRET-MARKER"),
            segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0SECRET-MARKER"),
            segment(0xE2, b"ICC_PROFILE\0SECRET-MARKER"),
            segment(0xED, b"Photoshop 3.0\0SECRET-MARKER"),
            segment(0xFE, marker),
        ];
        let scan = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56];
        let src = skeleton(&extra, &scan, b"\xFF\xD8SECRET-MARKER");
        let out = strip(&src).unwrap();
        assert!(!out.bytes.windows(marker.len()).any(|w| w == marker));
        assert_eq!(out.bytes, skeleton(&[], &scan, b""));
    }

    #[test]
    fn keeps_adobe_colour_segment_and_reads_orientation() {
        let adobe = segment(0xEE, b"Adobe\0\x64\0\0\0\0\x02");
        let exif = segment(0xE1, &[b"Exif\0\0".as_slice(), b"MM\0\x2A\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0"].concat());
        let src = skeleton(&[exif, adobe.clone()], &[1, 2, 3], b"");
        let out = strip(&src).unwrap();
        assert_eq!(out.orientation, Orientation::Rotate90);
        assert_eq!(out.bytes, skeleton(&[adobe], &[1, 2, 3], b""));
    }

    #[test]
    fn hiding_places_decoders_skip_are_emptied() {
        let adobe_plus = segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01SECRET-MARKER");
        let jpg_ext = segment(0xC8, b"SECRET-MARKER");
        let scan = [0x12, 0xFF, 0xFF, 0xD0, 0x34];
        let out = strip(&skeleton(&[adobe_plus, jpg_ext], &scan, b"")).unwrap();
        assert_eq!(out.bytes, skeleton(&[segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01")], &scan, b""));
    }

    #[test]
    fn refuses_files_that_end_early() {
        let src = skeleton(&[], &[1, 2, 3, 4], b"");
        for cut in [3, 10, src.len() - 2, src.len() - 1] {
            assert_eq!(strip(&src[..cut]).err(), Some(Truncated), "cut at {cut}");
        }
    }

    #[test]
    fn orientation_segment_round_trips() {
        let src = skeleton(&[], &[1, 2, 3], b"");
        let tagged = with_orientation(&src, Orientation::Rotate270);
        let again = strip(&tagged).unwrap();
        assert_eq!(again.orientation, Orientation::Rotate270);
        assert_eq!(again.bytes, src);
    }
}
