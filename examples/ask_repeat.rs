//! Asks one message, read from standard input, a given number of times
//! against the shipped knowledge base, and prints nothing else: for
//! counting what an ask costs in instructions (`tools/perf/instructions.sh`),
//! which, unlike wall-clock time, does not move with a shared machine.
//!
//! usage: ask_repeat TIMES < message.txt

use careerbot::engine::Engine;
use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// mimalloc, as the `careerbot` binary allocates: a long message's
/// analysis makes and drops hundreds of small strings, which it serves
/// about a tenth faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let times = std::env::args().nth(1).and_then(|a| a.parse::<u32>().ok());
    let Some(times) = times else {
        eprintln!("usage: ask_repeat TIMES < message.txt");
        return ExitCode::from(2);
    };
    let mut message = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut message) {
        eprintln!("ask_repeat: cannot read the message: {e}");
        return ExitCode::FAILURE;
    }
    let knowledge = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let engine = match Engine::load(&knowledge) {
        Ok(engine) => engine,
        Err(e) => {
            eprintln!("ask_repeat: {e}");
            return ExitCode::FAILURE;
        }
    };
    let message = message.trim_end();
    // One ask before counting, so that what is made on first use (the
    // lexicon, the phrase matchers) is in every run alike.
    black_box(engine.ask(message));
    for _ in 0..times {
        black_box(engine.ask(black_box(message)));
    }
    ExitCode::SUCCESS
}
