//! Byte sizes as people write them: `500000`, `10MB`, `512KiB`, for the size flags and the
//! config file's size keys alike.

use serde::{Deserialize, Deserializer};

/// A byte size: a plain number of bytes, or a number with a decimal unit (`kB`/`KB`, `MB`,
/// `GB`: powers of 1000) or a binary one (`KiB`, `MiB`, `GiB`: powers of 1024); `B` alone means
/// bytes. Units are read without regard to case (`10mb` is `10MB`), with or without a space
/// before them. At least 1 byte.
pub fn parse_byte_size(s: &str) -> Result<u64, String> {
    const EXAMPLE: &str = "give a number of bytes, optionally with a unit: 500000, 10MB, 512KiB";
    let trimmed = s.trim();
    let digits_end = trimmed.find(|c: char| !c.is_ascii_digit()).unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(digits_end);
    let multiplier: u64 = match unit.trim_start().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "m" | "mb" => 1000 * 1000,
        "g" | "gb" => 1000 * 1000 * 1000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return Err(format!("not a byte size: {EXAMPLE}")),
    };
    let n: u64 = number.parse().map_err(|_| format!("not a byte size: {EXAMPLE}"))?;
    match n.checked_mul(multiplier) {
        Some(0) => Err(format!("must be at least 1 byte: {EXAMPLE}")),
        Some(bytes) => Ok(bytes),
        None => Err(format!("too large: {EXAMPLE}")),
    }
}

/// An optional size key of the config file: a number of bytes, or a string with a unit
/// (`max_body = "10MB"`).
pub(crate) fn optional_byte_size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Size {
        Bytes(u64),
        Text(String),
    }
    match Option::<Size>::deserialize(d)? {
        None => Ok(None),
        Some(Size::Bytes(n)) => Ok(Some(n)),
        Some(Size::Text(t)) => parse_byte_size(&t).map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_take_decimal_and_binary_units() {
        assert_eq!(parse_byte_size("500000"), Ok(500_000));
        assert_eq!(parse_byte_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_byte_size("10 MB"), Ok(10_000_000));
        assert_eq!(parse_byte_size("10mb"), Ok(10_000_000));
        assert_eq!(parse_byte_size("3kB"), Ok(3000));
        assert_eq!(parse_byte_size("3KB"), Ok(3000));
        assert_eq!(parse_byte_size("2GB"), Ok(2_000_000_000));
        assert_eq!(parse_byte_size("512KiB"), Ok(1 << 19));
        assert_eq!(parse_byte_size("50MiB"), Ok(50 << 20));
        assert_eq!(parse_byte_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_byte_size("7B"), Ok(7));
    }

    #[test]
    fn bad_byte_sizes_say_what_a_good_one_looks_like() {
        for bad in
            ["", "MB", "ten", "10XB", "-5", "1.5MB", "10 M B", "0", "0KiB", "99999999999999999999", "20000000000GiB"]
        {
            let err = parse_byte_size(bad).expect_err(bad);
            assert!(err.contains("10MB"), "{bad:?}: {err}");
        }
    }
}
