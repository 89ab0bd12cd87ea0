//! The `flywheel` binary: parse the command line, call the library.

fn main() -> std::process::ExitCode {
    flywheel::cli::main()
}
