//! The `flywheel` binary: parse the command line, call the library.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() -> std::process::ExitCode {
    flywheel::cli::main()
}
