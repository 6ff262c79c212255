//! Numbers the Danish way, for everything a person reads.

/// One decimal with a decimal comma, cut (not rounded) so that a value shown
/// as 34,9 is never in a higher LIX band than its text says.
pub fn decimal(x: f64) -> String {
    let tenths = (x * 10.0 + 1e-9).floor() / 10.0;
    format!("{tenths:.1}").replace('.', ",")
}

/// An error message from serde (YAML or JSON) with the words a reader
/// needs in Danish; field names and positions stay as they are.
pub fn danish_serde_error(message: &str) -> String {
    message
        .replace(
            "Failed to deserialize the JSON body into the target type: ",
            "",
        )
        .replace("unknown field", "ukendt felt")
        .replace("missing field", "mangler feltet")
        .replace("unknown variant", "ukendt værdi")
        .replace("expected one of", "forventede en af")
        .replace("expected", "forventede")
        .replace("invalid type", "forkert type")
        .replace(" at line ", " i linje ")
        .replace(" column ", " kolonne ")
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
