//! Numbers as statistics offices write them: decimals kept as typed,
//! rounded half away from zero (四舍五入) on the decimal digits rather than
//! on the binary float, and scaled between units that share a base
//! (元 → 万元 → 亿元 → 万亿元).
//!
//! A leaf module: reading cells, checking the model and wording figures all
//! use it, and it uses nothing of theirs.

/// Writes a number the way statistics offices do in prose: half-width
/// digits, no thousands separators, no exponent, and never "-0".
///
/// ```
/// use briefing::number::format_number;
/// assert_eq!(format_number(1422.22), "1422.22");
/// assert_eq!(format_number(2450.0), "2450");
/// assert_eq!(format_number(-1.6), "-1.6");
/// assert_eq!(format_number(-0.0), "0");
/// ```
pub fn format_number(n: f64) -> String {
    Decimal::from_f64(n).to_string()
}

/// A figure followed by its unit: `1422.22亿元`.
pub fn with_unit(n: f64, unit: &str) -> String {
    format!("{}{unit}", format_number(n))
}

/// Digits after the decimal point of a number as it is written.
pub fn decimals_of(n: f64) -> u32 {
    Decimal::from_f64(n).scale
}

/// A decimal number as written: `digits × 10^-scale`, with a sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    /// Decimal digits, most significant first, without leading zeros.
    digits: Vec<u8>,
    /// Digits after the decimal point.
    scale: u32,
}

impl Decimal {
    /// The shortest decimal that reads back as `n`, which is how a figure
    /// typed into a spreadsheet as 1422.22 comes back.
    pub fn from_f64(n: f64) -> Decimal {
        // Rust prints the shortest round-trip text, never with an exponent.
        let text = format!("{}", n.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let frac = frac.trim_end_matches('0');
        let digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        Decimal {
            negative: n < 0.0,
            digits,
            scale: frac.len() as u32,
        }
        .normalized()
    }

    fn normalized(mut self) -> Decimal {
        let leading = self.digits.iter().take_while(|&&d| d == 0).count();
        self.digits.drain(..leading);
        if self.digits.is_empty() {
            self.negative = false;
        }
        self
    }

    /// The nearest `f64`: 0.1 for the decimal 0.1, exactly as if it had
    /// been typed; `None` for a decimal made from a number that is not
    /// finite.
    ///
    /// ```
    /// use briefing::number::Decimal;
    /// assert_eq!(Decimal::from_f64(0.0155).shift(2).to_f64(), Some(1.55));
    /// ```
    pub fn to_f64(&self) -> Option<f64> {
        // The shortest decimal text reads back as the nearest f64.
        self.to_string().parse().ok()
    }

    /// Digits after the decimal point, as written.
    pub fn decimals(&self) -> u32 {
        self.scale
    }

    /// Whether the number is below zero (never true for zero itself).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Whether the number is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Multiplies by `10^k` (divides for negative `k`) without any rounding.
    pub fn shift(mut self, k: i32) -> Decimal {
        if k >= 0 {
            let k = k as u32;
            if self.scale >= k {
                self.scale -= k;
            } else {
                self.digits
                    .extend(std::iter::repeat_n(0, (k - self.scale) as usize));
                self.scale = 0;
            }
        } else {
            self.scale += k.unsigned_abs();
            // Keep the shortest form: 2450 万元 is 0.245 亿元, not 0.2450.
            while self.scale > 0 && self.digits.last() == Some(&0) {
                self.digits.pop();
                self.scale -= 1;
            }
        }
        self.normalized()
    }

    /// Rounds to `places` decimals, half away from zero (四舍五入), and keeps
    /// exactly that many decimals when written.
    pub fn round(mut self, places: u32) -> Decimal {
        if self.scale > places {
            let drop = (self.scale - places) as usize;
            // Pad so that at least one digit stays before the dropped ones.
            let len = self.digits.len();
            if len < drop + 1 {
                let pad = drop + 1 - len;
                self.digits.splice(0..0, std::iter::repeat_n(0, pad));
            }
            let keep = self.digits.len() - drop;
            let round_up = self.digits[keep] >= 5;
            self.digits.truncate(keep);
            if round_up {
                let mut i = keep;
                loop {
                    if i == 0 {
                        self.digits.insert(0, 1);
                        break;
                    }
                    i -= 1;
                    if self.digits[i] == 9 {
                        self.digits[i] = 0;
                    } else {
                        self.digits[i] += 1;
                        break;
                    }
                }
            }
            self.scale = places;
            self = self.normalized();
        } else {
            self.digits
                .extend(std::iter::repeat_n(0, (places - self.scale) as usize));
            self.scale = places;
            self = self.normalized();
        }
        self
    }

    /// The absolute value.
    pub fn abs(mut self) -> Decimal {
        self.negative = false;
        self
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scale = self.scale as usize;
        let mut digits: String = self.digits.iter().map(|d| char::from(b'0' + d)).collect();
        if digits.len() <= scale {
            digits.insert_str(0, &"0".repeat(scale + 1 - digits.len()));
        }
        let (int, frac) = digits.split_at(digits.len() - scale);
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(int)?;
        if !frac.is_empty() {
            write!(f, ".{frac}")?;
        }
        Ok(())
    }
}

/// A number rounded to `places` decimals if given, else as typed.
pub fn rounded(n: f64, places: Option<u32>) -> Decimal {
    let d = Decimal::from_f64(n);
    match places {
        Some(p) => d.round(p),
        None => d,
    }
}

/// The difference `a - b`, written with as many decimals as the more
/// precise of the two (so 1.5 - (-6.8) is 8.3, not 8.299999999999999).
///
/// ```
/// use briefing::number::difference;
/// assert_eq!(difference(-1.6, -6.8).to_string(), "5.2");
/// ```
pub fn difference(a: f64, b: f64) -> Decimal {
    difference_to(a, b, None)
}

/// [`difference`], rounded to `places` decimals when given.
pub fn difference_to(a: f64, b: f64, places: Option<u32>) -> Decimal {
    let places = places.unwrap_or_else(|| decimals_of(a).max(decimals_of(b)));
    Decimal::from_f64(a - b).round(places)
}

/// Splits a unit into its scale and base: 亿元 → (8, 元), 万人 → (4, 人).
///
/// ```
/// use briefing::number::unit_scale;
/// assert_eq!(unit_scale("万亿元"), (12, "元"));
/// assert_eq!(unit_scale("亿元"), (8, "元"));
/// assert_eq!(unit_scale("万人次"), (4, "人次"));
/// assert_eq!(unit_scale("%"), (0, "%"));
/// ```
pub fn unit_scale(unit: &str) -> (i32, &str) {
    for (prefix, exponent) in [("万亿", 12), ("亿", 8), ("万", 4)] {
        if let Some(base) = unit.strip_prefix(prefix)
            && !base.is_empty()
        {
            return (exponent, base);
        }
    }
    (0, unit)
}

/// Converts `n` from unit `from` to unit `to` when they share a base
/// (2450 万元 → 0.245 亿元). Returns `None` for units of different bases.
pub fn convert(n: f64, from: &str, to: &str) -> Option<Decimal> {
    let (from_exp, from_base) = unit_scale(from);
    let (to_exp, to_base) = unit_scale(to);
    (from_base == to_base && !to_base.is_empty())
        .then(|| Decimal::from_f64(n).shift(from_exp - to_exp))
}

/// Whether a unit measures a rate or share, whose changes are told in
/// percentage points.
pub fn is_rate(unit: &str) -> bool {
    matches!(unit.trim(), "%" | "％" | "‰")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_up_on_the_typed_digits() {
        assert_eq!(rounded(0.245, Some(2)).to_string(), "0.25");
        assert_eq!(rounded(0.35, Some(1)).to_string(), "0.4");
        assert_eq!(rounded(2.675, Some(2)).to_string(), "2.68");
        assert_eq!(rounded(9.96, Some(1)).to_string(), "10.0");
        assert_eq!(rounded(-0.04, Some(1)).to_string(), "0.0");
        assert_eq!(rounded(1422.22, Some(0)).to_string(), "1422");
        assert_eq!(rounded(3.0, Some(2)).to_string(), "3.00");
        assert_eq!(rounded(0.0004, Some(2)).to_string(), "0.00");
        assert_eq!(rounded(0.005, Some(2)).to_string(), "0.01");
    }

    #[test]
    fn units_convert_within_their_base() {
        assert_eq!(
            convert(2450.0, "万元", "亿元").unwrap().to_string(),
            "0.245"
        );
        assert_eq!(
            convert(1422.22, "亿元", "万元").unwrap().to_string(),
            "14222200"
        );
        assert_eq!(convert(1.1, "万亿元", "亿元").unwrap().to_string(), "11000");
        assert_eq!(convert(4.29, "万人", "人").unwrap().to_string(), "42900");
        assert!(convert(4.29, "万人", "亿元").is_none());
    }

    #[test]
    fn differences_keep_the_inputs_precision() {
        assert_eq!(difference(-1.6, -6.8).to_string(), "5.2");
        assert_eq!(difference(0.3, 0.1).to_string(), "0.2");
        assert_eq!(difference(2.0, 1.5).to_string(), "0.5");
        assert_eq!(difference_to(2.0, 1.5, Some(2)).to_string(), "0.50");
    }
}
