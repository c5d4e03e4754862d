//! Sums, means and medians of `f64` values exactly as Python computes them.
//!
//! - [`mean`] is `statistics.mean`: the exact rational sum divided by the count, rounded once to
//!   the nearest `f64` (ties to even). The AEB reference numbers are such means.
//! - [`fmean`] is `statistics.fmean`: `math.fsum` (the exact sum, rounded once) divided by the
//!   count in floating point, so rounded twice. The WCEB aggregates are such means.
//!
//! A plain running `sum / n` in floating point can differ from either in the last bit, and the
//! reference numbers are compared bit for bit.
//!
//! [`median`] is `statistics.median`: the middle value, or `(a + b) / 2` of the two middle ones.

/// An unsigned big integer, little-endian 64-bit limbs.
#[derive(Debug, Clone, Default)]
struct Big(Vec<u64>);

impl Big {
    /// Adds `v << shift`.
    fn add_shifted(&mut self, v: u64, shift: u64) {
        let limb = (shift / 64) as usize;
        let off = (shift % 64) as u32;
        let lo = v << off;
        let hi = if off == 0 { 0 } else { v >> (64 - off) };
        if self.0.len() < limb + 2 {
            self.0.resize(limb + 2, 0);
        }
        let (s, c0) = self.0[limb].overflowing_add(lo);
        self.0[limb] = s;
        let (s, c1) = self.0[limb + 1].overflowing_add(hi);
        let (s, c2) = s.overflowing_add(u64::from(c0));
        self.0[limb + 1] = s;
        let mut carry = c1 || c2;
        let mut i = limb + 2;
        while carry {
            if i == self.0.len() {
                self.0.push(0);
            }
            let (s, c) = self.0[i].overflowing_add(1);
            self.0[i] = s;
            carry = c;
            i += 1;
        }
    }

    fn bit_len(&self) -> u64 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => i as u64 * 64 + u64::from(64 - self.0[i].leading_zeros()),
            None => 0,
        }
    }

    fn shl(&self, k: u64) -> Big {
        let mut out = Big::default();
        for (i, &l) in self.0.iter().enumerate() {
            if l != 0 {
                out.add_shifted(l, i as u64 * 64 + k);
            }
        }
        out
    }

    /// `(self / d, self % d)` for `d > 0`.
    fn div_rem(&self, d: u64) -> (Big, u64) {
        let mut q = vec![0u64; self.0.len()];
        let mut rem: u128 = 0;
        for i in (0..self.0.len()).rev() {
            let cur = (rem << 64) | u128::from(self.0[i]);
            q[i] = (cur / u128::from(d)) as u64;
            rem = cur % u128::from(d);
        }
        (Big(q), rem as u64)
    }

    fn bit(&self, i: u64) -> bool {
        let limb = (i / 64) as usize;
        limb < self.0.len() && (self.0[limb] >> (i % 64)) & 1 == 1
    }

    /// Whether any bit below position `i` is set.
    fn any_below(&self, i: u64) -> bool {
        let limb = (i / 64) as usize;
        let bits = i % 64;
        if self.0.iter().take(limb.min(self.0.len())).any(|&l| l != 0) {
            return true;
        }
        bits > 0 && limb < self.0.len() && self.0[limb] & ((1u64 << bits) - 1) != 0
    }

    /// The 64 bits `[i, i + 64)`, i.e. the low limb of `self >> i`.
    fn bits_from(&self, i: u64) -> u64 {
        let limb = (i / 64) as usize;
        let off = (i % 64) as u32;
        let get = |k: usize| self.0.get(k).copied().unwrap_or(0);
        if off == 0 { get(limb) } else { (get(limb) >> off) | (get(limb + 1) << (64 - off)) }
    }
}

/// `2^e` for `-1022 <= e <= 1023`.
fn pow2(e: i64) -> f64 {
    debug_assert!((-1022..=1023).contains(&e));
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// `m * 2^e`, exact when the result is representable.
fn ldexp(m: f64, mut e: i64) -> f64 {
    let mut x = m;
    while e > 1000 {
        x *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= pow2(-1000);
        e += 1000;
    }
    x * pow2(e)
}

/// `statistics.mean(xs)` for finite, non-negative `xs`; `None` when `xs` is empty (Python
/// raises `StatisticsError`).
///
/// # Panics
/// On a negative, infinite or NaN value.
pub(crate) fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    Some(exact_sum_over(xs, xs.len() as u64))
}

/// `math.fsum(xs)` for finite, non-negative `xs`: the exact sum, rounded once.
///
/// # Panics
/// On a negative, infinite or NaN value.
pub(crate) fn fsum(xs: &[f64]) -> f64 {
    exact_sum_over(xs, 1)
}

/// `statistics.fmean(xs)` (`fsum(xs) / len(xs)`); `None` when `xs` is empty.
///
/// # Panics
/// On a negative, infinite or NaN value.
pub(crate) fn fmean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() { None } else { Some(fsum(xs) / xs.len() as f64) }
}

/// The exact sum of `xs` divided by `divisor` (> 0), rounded once to the nearest `f64`.
fn exact_sum_over(xs: &[f64], divisor: u64) -> f64 {
    // Fixed point with its lowest bit worth 2^-1074 (the smallest subnormal): exact.
    let mut sum = Big::default();
    for &x in xs {
        assert!(x.is_finite() && x >= 0.0, "exact mean: bad value {x}");
        let bits = x.to_bits();
        let e = (bits >> 52) & 0x7ff;
        let frac = bits & ((1u64 << 52) - 1);
        // value = m * 2^(shift - 1074)
        let (m, shift) = if e == 0 { (frac, 0) } else { (frac | (1u64 << 52), e - 1) };
        if m != 0 {
            sum.add_shifted(m, shift);
        }
    }
    let len = sum.bit_len();
    if len == 0 {
        return 0.0;
    }
    // q = floor(sum * 2^k / n) has at least 66 bits; the rest of the quotient is `sticky`.
    let k = 130u64.saturating_sub(len);
    let (q, r) = sum.shl(k).div_rem(divisor);
    let sticky = r != 0;
    // mean = (q + frac) * 2^(-1074 - k); keep 53 bits, but no bit below 2^-1074.
    let drop = (q.bit_len() - 53).max(k);
    let mut mant = q.bits_from(drop);
    let half = q.bit(drop - 1);
    let above_half = sticky || q.any_below(drop - 1);
    if half && (above_half || mant & 1 == 1) {
        mant += 1;
    }
    ldexp(mant as f64, drop as i64 - k as i64 - 1074)
}

/// `statistics.median` of non-NaN values; `None` when empty.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 })
}

#[cfg(test)]
mod tests {
    use super::{fmean, fsum, mean, median};

    #[test]
    fn matches_python_statistics_mean() {
        // Values from CPython 3.11 `statistics.mean`.
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[0.0, 0.0]), Some(0.0));
        assert_eq!(mean(&[1.0]), Some(1.0));
        assert_eq!(mean(&[0.1, 0.2, 0.3]), Some(0.2));
        assert_eq!(mean(&[0.1; 10]), Some(0.1));
        assert_eq!(mean(&[1.0, 0.0, 0.0]), Some(1.0 / 3.0));
        assert_eq!(mean(&[5e-324, 0.0]), Some(0.0));
        assert_eq!(mean(&[5e-324, 5e-324, 5e-324, 0.0]), Some(5e-324));
        assert_eq!(mean(&[1e308, 1e308, 1e308]), Some(1e308));
        assert_eq!(mean(&[0.9, 0.7, 0.6, 0.95, 0.35, 0.123456789, 1.0]), Some(0.660493827));
    }

    #[test]
    fn matches_python_fsum_and_fmean() {
        // Values from CPython 3.11 `math.fsum` and `statistics.fmean`.
        assert_eq!(fsum(&[]), 0.0);
        assert_eq!(fsum(&[0.1; 10]), 1.0);
        assert_eq!(fsum(&[0.1, 0.2, 0.3]), 0.6);
        assert_eq!(fsum(&[1e16, 1.0, 1e-16]), 1.0000000000000002e16);
        assert_eq!(fmean(&[]), None);
        assert_eq!(fmean(&[0.1, 0.2, 0.3]), Some(0.19999999999999998));
        assert_eq!(fmean(&[0.9, 0.7, 0.6, 0.95, 0.35, 0.123456789, 1.0]), Some(0.6604938269999999));
    }

    #[test]
    fn median_as_python_statistics_median() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        // An even count: the two middle values' `(a + b) / 2`, here 0.25 as in Python.
        assert_eq!(median(&[0.1, 0.4, 0.2, 0.3]), Some(0.25));
    }
}
