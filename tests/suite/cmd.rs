//! Data-driven command-line cases (trycmd): each `tests/cmd/*.toml` names
//! the arguments, the input and the expected exit code and output of one
//! run. `TRYCMD=overwrite cargo test cmd` writes the current output into
//! the cases; review the diff before committing.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "klarbrev",
            std::path::Path::new(env!("CARGO_BIN_EXE_klarbrev")),
        )
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
