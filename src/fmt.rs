//! Numbers the Danish way, for everything a person reads.

/// One decimal with a decimal comma, cut (not rounded) so that a value shown
/// as 34,9 is never in a higher LIX band than its text says.
pub fn decimal(x: f64) -> String {
    let tenths = (x * 10.0 + 1e-9).floor() / 10.0;
    format!("{tenths:.1}").replace('.', ",")
}

/// A share (0–1) as whole percent.
pub fn percent(share: f64) -> String {
    format!("{} %", (share * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_use_a_comma_and_never_round_up() {
        assert_eq!(decimal(34.96), "34,9");
        assert_eq!(decimal(35.0), "35,0");
        assert_eq!(decimal(7.0 / 3.0), "2,3");
        assert_eq!(percent(0.384), "38 %");
    }
}
