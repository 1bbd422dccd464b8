//! The `careerbot` binary: everything lives in the library (`careerbot::cli`).

/// mimalloc in place of the system allocator: a long message's analysis
/// makes and drops hundreds of small strings and vectors, which it serves
/// about a tenth faster (README, "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    careerbot::cli::main()
}
