//! The `careerbot` binary: everything lives in the library (`careerbot::cli`).

fn main() -> std::process::ExitCode {
    careerbot::cli::main()
}
