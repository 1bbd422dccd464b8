#!/usr/bin/env bash
# Instructions one ask of a message costs, counted by valgrind (callgrind):
# a run of N asks less a run of none, divided by N. Unlike wall-clock time
# this does not move with a shared machine, so it shows a change of a few
# per cent. Needs valgrind (apt-get install -y valgrind).
#
# usage: tools/perf/instructions.sh [MESSAGE_FILE] [N]
#   default: the 300-word message of `cargo bench --bench engine`, N = 100
set -euo pipefail
cd "$(dirname "$0")/../.."
message=${1:-benches/data/long_message.txt}
n=${2:-100}
cargo build --release --quiet --example ask_repeat
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    target/release/examples/ask_repeat "$1" < "$message" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
none=$(count 0)
some=$(count "$n")
echo "$(( (some - none) / n )) instructions per ask of $message"
