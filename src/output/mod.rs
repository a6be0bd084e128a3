//! Output formats, one module each, and the file destinations they write to.

pub mod digits;
pub mod discover;
pub mod escape;
pub mod evolution;
pub mod explain;
pub mod explore;
pub mod file;
pub mod identity;
pub mod json;
pub mod partial;
pub mod per_run;
pub mod policy;
pub mod read;
pub mod report;
pub mod report_uncertainty;
pub mod sensitivity;
pub mod sensitivity_part;
pub mod summary;
pub mod table;
pub mod tournament;
pub mod tournament_part;
pub mod trace;

pub use file::{AtomicFile, Destination};

/// A CSV error as a write error on `name` (I/O) or a runtime error.
pub fn csv_error(name: &str, e: csv::Error) -> crate::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => crate::Error::write(name, &io),
        other => crate::Error::Runtime(format!("CSV: {other:?}")),
    }
}

/// Writes a header and rows as CSV.
pub fn write_rows<W: std::io::Write>(
    out: W,
    name: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> crate::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header).map_err(|e| csv_error(name, e))?;
    for r in rows {
        w.write_record(r).map_err(|e| csv_error(name, e))?;
    }
    w.flush().map_err(|e| crate::Error::write(name, &e))
}

/// A number with six decimals, never `-0.000000`.
pub fn num(x: f64) -> String {
    let s = format!("{x:.6}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// [`num`], or an empty field for `None`.
pub fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_six_decimals_and_no_negative_zero() {
        assert_eq!(num(0.1), "0.100000");
        assert_eq!(num(-0.0000001), "0.000000");
        assert_eq!(num(-1.5), "-1.500000");
        assert_eq!(opt(None), "");
    }
}
