//! How a number becomes text in a statistical release.
//!
//! Figures are rounded the way people round (half away from zero, on the
//! decimal digits as typed, not on the binary float), scaled between units
//! that share a base (元 → 万元 → 亿元 → 万亿元), and worded by sign:
//! 增长/下降/持平, 提高/下降 … 个百分点, 加快/回落, 由负转正, 降幅收窄.

/// Writes a number the way statistics offices do in prose: half-width
/// digits, no thousands separators, no exponent, and never "-0".
///
/// ```
/// use briefing::wording::format_number;
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

    /// Digits after the decimal point, as written.
    pub fn decimals(&self) -> u32 {
        self.scale
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
/// use briefing::wording::difference;
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
/// use briefing::wording::unit_scale;
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

/// The wording of a year-on-year change in percent: 增长1.5%, 下降1.6%, 持平.
/// A change that rounds to zero is 持平, never "增长0.0%".
///
/// ```
/// use briefing::wording::change;
/// assert_eq!(change(1.5, None), "增长1.5%");
/// assert_eq!(change(-1.6, None), "下降1.6%");
/// assert_eq!(change(0.04, Some(1)), "持平");
/// ```
pub fn change(percent: f64, places: Option<u32>) -> String {
    let d = rounded(percent, places);
    if d.is_zero() {
        "持平".into()
    } else if d.negative {
        format!("下降{}%", d.abs())
    } else {
        format!("增长{d}%")
    }
}

/// The change of a rate between two periods, in percentage points:
/// 提高0.8个百分点, 下降1.1个百分点, 持平.
///
/// ```
/// use briefing::wording::point_change;
/// assert_eq!(point_change(84.6, 83.8, None), "提高0.8个百分点");
/// assert_eq!(point_change(5.7, 5.9, None), "下降0.2个百分点");
/// ```
pub fn point_change(now: f64, before: f64, places: Option<u32>) -> String {
    let d = difference_to(now, before, places);
    if d.is_zero() {
        "持平".into()
    } else if d.negative {
        format!("下降{}个百分点", d.abs())
    } else {
        format!("提高{d}个百分点")
    }
}

/// The change of a level between two periods, in its unit:
/// 增加3.2万人, 减少1.5亿元, 持平.
pub fn level_change(now: f64, before: f64, unit: &str, places: Option<u32>) -> String {
    let d = difference_to(now, before, places);
    if d.is_zero() {
        "持平".into()
    } else if d.negative {
        format!("减少{}{unit}", d.abs())
    } else {
        format!("增加{d}{unit}")
    }
}

/// Compares this period's growth rate with an earlier one's, as releases
/// do: 增速比一季度加快2.1个百分点, 降幅比一季度收窄5.2个百分点, 增速由负转正.
///
/// ```
/// use briefing::wording::compare;
/// assert_eq!(compare(-1.6, -6.8, "一季度", None), "降幅比一季度收窄5.2个百分点");
/// assert_eq!(compare(1.5, -1.7, "一季度", None), "增速由负转正");
/// ```
pub fn compare(now: f64, before: f64, period: &str, places: Option<u32>) -> String {
    let places = places.unwrap_or_else(|| decimals_of(now).max(decimals_of(before)));
    let now_d = rounded(now, Some(places));
    let before_d = rounded(before, Some(places));
    let sign = |d: &Decimal| {
        if d.is_zero() {
            0
        } else if d.negative {
            -1
        } else {
            1
        }
    };
    let diff = difference_to(now, before, Some(places));
    let points = diff.clone().abs();
    match (sign(&now_d), sign(&before_d)) {
        (1, 1) if diff.is_zero() => format!("增速与{period}持平"),
        (1, 1) if diff.negative => format!("增速比{period}回落{points}个百分点"),
        (1, 1) => format!("增速比{period}加快{points}个百分点"),
        (-1, -1) if diff.is_zero() => format!("降幅与{period}持平"),
        // Both negative: a larger value is a smaller decline.
        (-1, -1) if diff.negative => format!("降幅比{period}扩大{points}个百分点"),
        (-1, -1) => format!("降幅比{period}收窄{points}个百分点"),
        (1, -1) => "增速由负转正".into(),
        (-1, 1) => "增速由正转负".into(),
        (0, 0) => format!("与{period}持平"),
        (1, 0) => "由持平转为增长".into(),
        (-1, 0) => "由持平转为下降".into(),
        (0, 1) => "由增长转为持平".into(),
        _ => "由下降转为持平".into(),
    }
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
