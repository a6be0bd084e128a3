//! What a request gets back: a body with its type, or an error as JSON.

use crate::error::Error;
use crate::output::escape::one_line;
use crate::output::json;

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The HTTP status (200).
    pub status: u16,
    /// The media type of `body`.
    pub content_type: &'static str,
    /// The bytes.
    pub body: Vec<u8>,
    /// The `catch22` command line that prints the same numbers, if any
    /// (sent as the `X-Catch22-Command` header).
    pub command: Option<String>,
}

/// JSON, UTF-8.
pub const JSON: &str = "application/json; charset=utf-8";

impl Reply {
    /// A JSON body.
    pub fn json(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            content_type: JSON,
            body: body.into(),
            command: None,
        }
    }

    /// A body of this type.
    pub fn typed(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            content_type,
            ..Reply::json(body)
        }
    }

    /// The same, with the command that reproduces it.
    pub fn with_command(mut self, command: String) -> Reply {
        self.command = Some(command);
        self
    }

    /// The body as text (it is always UTF-8).
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or("")
    }
}

/// A refused request: status 4xx (or 500), and what to say.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The message: for bad input, the text the CLI prints after `error: `.
    pub message: String,
    /// The parameter or scenario key at fault, if one.
    pub key: Option<String>,
    /// The cap exceeded and its limit, if a cap refused the request.
    pub cap: Option<(&'static str, u64)>,
}

impl ApiError {
    /// A bad parameter (400). The message is made one line (a request's
    /// text quoted in it may hold any character).
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 400,
            message: one_line(&message.into()),
            key: None,
            cap: None,
        }
    }

    /// Work over a cap (422: the request is well formed, but too large).
    pub fn over(cap: &'static str, limit: u64, message: impl Into<String>) -> ApiError {
        ApiError {
            status: 422,
            message: one_line(&message.into()),
            key: None,
            cap: Some((cap, limit)),
        }
    }

    /// The same, with this HTTP status.
    pub fn status(mut self, status: u16) -> ApiError {
        self.status = status;
        self
    }

    /// The same, naming the key at fault.
    pub fn key(mut self, key: &str) -> ApiError {
        self.key = Some(key.to_string());
        self
    }

    /// The JSON body: `{"error": ..., "key": ..., "cap": ..., "limit": ...}`.
    pub fn body(&self) -> String {
        let mut text = format!("{{\"error\": {}", json::string(&self.message));
        if let Some(k) = &self.key {
            text.push_str(&format!(", \"key\": {}", json::string(k)));
        }
        if let Some((cap, limit)) = self.cap {
            text.push_str(&format!(
                ", \"cap\": {}, \"limit\": {limit}",
                json::string(cap)
            ));
        }
        text.push_str("}\n");
        text
    }
}

impl From<Error> for ApiError {
    /// Bad input is a 400 with the CLI's message; a failure while running a 500.
    fn from(e: Error) -> ApiError {
        let key = match &e {
            Error::Input { origin, .. } => origin.key.clone(),
            _ => None,
        };
        let status = if e.exit_code() == 2 { 400 } else { 500 };
        ApiError {
            status,
            message: one_line(&e.to_string()),
            key,
            cap: None,
        }
    }
}
