//! Padded lengths for sealed media, so a ciphertext's length does not say
//! which file it holds.
//!
//! age hides contents, not lengths: a photo's sealed copy is as long as the
//! photo (plus a fixed overhead), so someone holding the same photo could
//! tell it is on a page kept from them. Before sealing, a copy is followed
//! by zero bytes up to its Padmé length (Nikitin, Barman, Lueks, Underwood,
//! Hubaux, Ford: "Reducing Metadata Leakage from Encrypted Files and
//! Communication with PURBs", PoPETs 2019, §4): only the top
//! ⌊log₂ ⌊log₂ L⌋⌋ + 1 bits of the length are kept, which costs at most 12%
//! (under 1% for a photo) and leaves a length telling O(log log L) bits.
//! The true length is in the sealed info beside it (`bytes`).

/// The Padmé length of `len`: never smaller, at most 12% larger.
pub fn padme(len: u64) -> u64 {
    if len < 2 {
        return len;
    }
    let e = u64::from(63 - len.leading_zeros()); // ⌊log₂ L⌋
    let s = u64::from(64 - e.leading_zeros()); // ⌊log₂ e⌋ + 1
    let mask = (1u64 << (e - s)) - 1;
    (len + mask) & !mask
}

/// `bytes` followed by zeros up to their Padmé length.
pub fn pad(bytes: &[u8]) -> Vec<u8> {
    let mut padded = Vec::with_capacity(padme(bytes.len() as u64) as usize);
    padded.extend_from_slice(bytes);
    padded.resize(padme(bytes.len() as u64) as usize, 0);
    padded
}

/// The first `len` bytes of a padded copy, if it is one: as long as `len`
/// pads to (an unpadded copy from before padding is as long as `len`), and
/// nothing but zeros after.
pub fn unpad(padded: &[u8], len: u64) -> Option<&[u8]> {
    let len = usize::try_from(len).ok()?;
    let fits = padded.len() == len || padded.len() as u64 == padme(len as u64);
    let (bytes, rest) = padded.split_at_checked(len)?;
    (fits && rest.iter().all(|b| *b == 0)).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (length, Padmé length), from the paper's Algorithm 1.
    const VECTORS: &[(u64, u64)] = &[
        (0, 0),
        (1, 1),
        (2, 2),
        (7, 7),
        (8, 8),
        (9, 10),
        (100, 104),
        (1000, 1024),
        (1025, 1088),
        (100_000, 100_352),
        (3_000_000, 3_014_656),
    ];

    #[test]
    fn padme_matches_the_vectors_and_its_bounds() {
        for &(len, padded) in VECTORS {
            assert_eq!(padme(len), padded, "padme({len})");
        }
        for len in (0..5000).chain([1 << 20, (1 << 20) + 1, 12_345_678, 25 << 20]) {
            let padded = padme(len);
            assert!(padded >= len && padded as f64 <= len as f64 * 1.12 + 1.0, "padme({len}) = {padded}");
            assert_eq!(padme(padded), padded, "a padded length pads to itself");
        }
    }

    #[test]
    fn unpad_takes_back_what_pad_gave_and_nothing_else() {
        for len in [0usize, 1, 9, 1000, 1025, 70_000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8 + 1).collect();
            let padded = pad(&bytes);
            assert_eq!(unpad(&padded, len as u64), Some(&bytes[..]));
            assert_eq!(unpad(&bytes, len as u64), Some(&bytes[..]), "a copy from before padding");
            if padded.len() > len + 1 {
                assert_eq!(unpad(&padded[..padded.len() - 1], len as u64), None, "cut short");
            }
        }
        let mut padded = pad(&[7; 1000]);
        *padded.last_mut().unwrap() = 1;
        assert_eq!(unpad(&padded, 1000), None, "something after the copy");
        assert_eq!(unpad(&[1, 2], 5), None, "shorter than it says");
    }
}
