//! The query string of a request: `key=value` pairs, percent-decoded, in
//! order, a key possibly repeated (`set=a=1&set=b=2`, as `--set` is).

use super::reply::ApiError;
use crate::scenario::schema::suggest_option;

/// The decoded pairs of a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

/// Decodes `%XX` escapes and `+` (a space, as HTML forms and
/// `URLSearchParams` write it); refuses a bad escape or text that is not UTF-8.
pub fn decode(raw: &str) -> Result<String, String> {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(byte) = hex else {
                    return Err(format!(
                        "bad percent escape at byte {i} of `{raw}` (expected %XX)"
                    ));
                };
                out.push(byte);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| format!("`{raw}` does not decode to UTF-8 text"))
}

impl Query {
    /// Parses the text after `?`.
    pub fn parse(raw: &str) -> Result<Query, ApiError> {
        let mut pairs = Vec::new();
        for part in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let key = decode(k).map_err(ApiError::bad)?;
            let value = decode(v).map_err(|m| ApiError::bad(m).key(&key))?;
            pairs.push((key, value));
        }
        Ok(Query { pairs })
    }

    /// A query of these pairs.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Query {
        Query {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// Refuses a parameter outside `allowed`, with a suggestion.
    pub fn allow(&self, allowed: &[&str]) -> Result<(), ApiError> {
        for (k, _) in &self.pairs {
            if !allowed.contains(&k.as_str()) {
                let hint = suggest_option(k, allowed)
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                return Err(ApiError::bad(format!(
                    "unknown parameter `{k}` ({hint}this endpoint takes {})",
                    allowed.join(", ")
                ))
                .key(k));
            }
        }
        Ok(())
    }

    /// Every value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The one value of `key`, if given; refuses it given twice.
    pub fn one(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut found = self.pairs.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(ApiError::bad(format!("parameter `{key}` is given twice")).key(key));
        }
        Ok(first)
    }

    /// `key` as a whole number in [min, max], or `default`.
    pub fn number(&self, key: &str, min: u64, max: u64, default: u64) -> Result<u64, ApiError> {
        match self.one(key)? {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| {
                    ApiError::bad(format!(
                        "{key} must be a whole number in [{min}, {max}], got `{raw}`"
                    ))
                    .key(key)
                }),
        }
    }

    /// `key` as a real number, or `default`; `check` names the range.
    pub fn real(
        &self,
        key: &str,
        default: f64,
        range: &str,
        ok: impl Fn(f64) -> bool,
    ) -> Result<f64, ApiError> {
        match self.one(key)? {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && ok(*x))
                .ok_or_else(|| {
                    ApiError::bad(format!("{key} must be {range}, got `{raw}`")).key(key)
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_decoded_in_order() {
        let q =
            Query::parse("set=iran.resilience%3D0.5&set=us.policy=engagement&runs=1000&x").unwrap();
        assert_eq!(
            q.all("set"),
            ["iran.resilience=0.5", "us.policy=engagement"]
        );
        assert_eq!(q.one("runs").unwrap(), Some("1000"));
        assert_eq!(q.one("x").unwrap(), Some(""));
        assert_eq!(decode("a+b%2Bc").unwrap(), "a b+c");
    }

    #[test]
    fn bad_escapes_unknown_and_repeated_keys_are_refused() {
        assert!(Query::parse("runs=%zz").is_err());
        assert!(Query::parse("runs=%ff").is_err());
        let q = Query::parse("rnus=5&seed=1&seed=2").unwrap();
        let e = q.allow(&["runs", "seed"]).unwrap_err();
        assert!(e.message.contains("did you mean `runs`"), "{}", e.message);
        assert!(q.one("seed").is_err());
        let e = Query::parse("turns=0")
            .unwrap()
            .number("turns", 1, 10, 5)
            .unwrap_err();
        assert_eq!(
            e.message,
            "turns must be a whole number in [1, 10], got `0`"
        );
    }
}
