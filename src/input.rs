//! Bounded reading of what comes from outside: files (regular files only,
//! their size checked from the metadata and again while reading) and lines
//! of a stream (capped while reading, the rest of a long line skipped).
//! `config`, `knowledge`, the curation import and the command line read
//! through here, so no input can hang a command or fill the memory.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

/// Reads a regular file of at most `limit` bytes as UTF-8 text. FIFOs,
/// devices and sockets are refused without being read (or opened, for a
/// FIFO), so a named pipe or a link to `/dev/zero` cannot hang or exhaust
/// memory; a file that grows past `limit` while it is read is refused too.
pub fn read_file(path: &Path, limit: u64) -> io::Result<String> {
    let meta = std::fs::metadata(path)?;
    check_regular(&meta)?;
    check_size(meta.len(), limit)?;
    let file = File::open(path)?;
    // The path may have been swapped between the two looks; check what was opened.
    let meta = file.metadata()?;
    check_regular(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    check_size(bytes.len() as u64, limit)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

fn check_regular(meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        "a FIFO, device or socket"
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file, so it is not read"),
    ))
}

fn check_size(len: u64, limit: u64) -> io::Result<()> {
    if len <= limit {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidData,
        format!("it is over the limit of {limit} bytes"),
    ))
}

/// Reads one line into `line` (cleared first), keeping at most `cap` bytes
/// of it and skipping the rest up to and including the newline. Returns the
/// bytes consumed from `input`: 0 at the end of the input.
pub fn read_line_capped(
    input: &mut impl BufRead,
    cap: usize,
    line: &mut Vec<u8>,
) -> io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(consumed);
        }
        let (n, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let keep = n.min(cap.saturating_sub(line.len()));
        line.extend_from_slice(&available[..keep]);
        input.consume(n);
        consumed += n;
        if done {
            return Ok(consumed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_and_the_next_line_is_whole() {
        let text = format!("{}\nshort\nlast", "x".repeat(10_000));
        let mut input = io::BufReader::with_capacity(64, text.as_bytes());
        let mut line = Vec::new();
        assert_eq!(
            read_line_capped(&mut input, 100, &mut line).unwrap(),
            10_001
        );
        assert_eq!(line, vec![b'x'; 100]);
        read_line_capped(&mut input, 100, &mut line).unwrap();
        assert_eq!(line, b"short\n");
        read_line_capped(&mut input, 100, &mut line).unwrap();
        assert_eq!(line, b"last");
        assert_eq!(read_line_capped(&mut input, 100, &mut line).unwrap(), 0);
    }

    #[test]
    fn oversized_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "x".repeat(2000)).unwrap();
        let e = read_file(&big, 1000).unwrap_err();
        assert!(
            e.to_string().contains("over the limit of 1000 bytes"),
            "{e}"
        );
        assert_eq!(read_file(&big, 2000).unwrap().len(), 2000);
        let e = read_file(Path::new("/dev/zero"), 1000).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let e = read_file(dir.path(), 1000).unwrap_err();
        assert!(e.to_string().contains("a directory"), "{e}");
    }
}
