//! The `catch22` command line that reproduces an answer, quoted for a
//! POSIX shell.

use std::fmt;

/// `catch22 VERB ARG... --flag value...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    words: Vec<String>,
}

impl Command {
    /// `catch22 verb`.
    pub fn new(verb: &str) -> Command {
        Command {
            words: vec!["catch22".to_string(), verb.to_string()],
        }
    }

    /// Adds a positional argument.
    pub fn arg(&mut self, word: &str) -> &mut Command {
        self.words.push(word.to_string());
        self
    }

    /// Adds `--flag value`.
    pub fn flag(&mut self, flag: &str, value: &str) -> &mut Command {
        self.words.push(flag.to_string());
        self.words.push(value.to_string());
        self
    }

    /// The words, unquoted (as a program receives them).
    pub fn words(&self) -> &[String] {
        &self.words
    }
}

/// A word as a POSIX shell reads it back: as is when it is safe, else in
/// single quotes (a `'` written `'\''`).
pub fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./=:,+@%".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted: Vec<String> = self.words.iter().map(|w| quote(w)).collect();
        f.write_str(&quoted.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_when_needed() {
        let mut c = Command::new("match");
        c.arg("TitForTat")
            .arg("Feld(1, 0.4)")
            .flag("--set", "a.b=it's");
        assert_eq!(
            c.to_string(),
            r"catch22 match TitForTat 'Feld(1, 0.4)' --set 'a.b=it'\''s'"
        );
        assert_eq!(quote(""), "''");
    }
}
