//! Stage one: the TOML text as written, checked key by key against the schema,
//! with the line and column of every problem.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::axis::{self, Axis};
use super::schema::{self, Kind, Value};
use super::uncertainty::{self, Uncertain};
use crate::error::{Error, Origin, Result};

/// A scenario file after parsing: the keys it sets and the axes of its `[sweep]` table.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// (schema index, value) for every key the file sets, in file order.
    pub set: Vec<(usize, Value)>,
    /// The `[sweep]` table's axes, in file order.
    pub sweep: Vec<Axis>,
    /// The `[uncertainty]` table's keys, in file order.
    pub uncertainty: Vec<Uncertain>,
}

pub(super) struct Ctx<'a> {
    text: &'a str,
    source: &'a str,
}

impl Ctx<'_> {
    pub(super) fn err(
        &self,
        span: Range<usize>,
        key: Option<&str>,
        message: impl Into<String>,
    ) -> Error {
        let mut origin = Origin::source(self.source).at_offset(self.text, span.start);
        if let Some(k) = key {
            origin = origin.with_key(k);
        }
        Error::input(origin, message)
    }
}

/// Parses scenario TOML; `source` names the file in error messages.
pub fn parse(text: &str, source: &str) -> Result<Document> {
    let ctx = Ctx { text, source };
    let root = document(text, source)?;
    let mut doc = Document::default();
    walk(&ctx, root.get_ref(), "", &mut doc)?;
    Ok(doc)
}

/// Parses TOML text into a spanned table; a syntax error is one input error
/// at its line and column. Every TOML reader of the crate starts here.
pub fn document<'a>(text: &'a str, source: &str) -> Result<toml::Spanned<DeTable<'a>>> {
    DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        Error::input(
            Origin::source(source).at_offset(text, offset),
            format!("TOML syntax error: {}", e.message().trim()),
        )
    })
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn walk(ctx: &Ctx<'_>, table: &DeTable<'_>, prefix: &str, doc: &mut Document) -> Result<()> {
    for (k, v) in table.iter() {
        let path = join(prefix, k.get_ref());
        let span = k.span();
        match v.get_ref() {
            DeValue::Table(t) if prefix.is_empty() && path == "sweep" => {
                walk_sweep(ctx, t, "", doc)?;
            }
            DeValue::Table(t) if prefix.is_empty() && path == "uncertainty" => {
                doc.uncertainty = uncertainty::read(ctx, t, span)?;
            }
            // A policy without parameters (`[us.engagement]`) has no schema
            // table; its keys are reported as unknown parameters.
            DeValue::Table(t) if schema::is_table(&path) || is_policy_table(&path) => {
                walk(ctx, t, &path, doc)?;
            }
            DeValue::Table(_) if schema::index_of(&path).is_none() => {
                return Err(ctx.err(span, Some(&path), unknown_table_message(&path)));
            }
            value => {
                let Some(index) = schema::index_of(&path) else {
                    let message = if schema::is_table(&path) {
                        format!("`{path}` is a table, not a value; set its keys under [{path}]")
                    } else {
                        unknown_key_message(&path)
                    };
                    return Err(ctx.err(span, Some(&path), message));
                };
                let spec = &schema::SCHEMA[index];
                let converted =
                    convert(spec.kind, value).map_err(|m| ctx.err(v.span(), Some(&path), m))?;
                schema::check(spec, &converted).map_err(|m| ctx.err(v.span(), Some(&path), m))?;
                doc.set.push((index, converted));
            }
        }
    }
    Ok(())
}

fn walk_sweep(ctx: &Ctx<'_>, table: &DeTable<'_>, prefix: &str, doc: &mut Document) -> Result<()> {
    for (k, v) in table.iter() {
        let path = join(prefix, k.get_ref());
        let shown = format!("sweep.{path}");
        match v.get_ref() {
            DeValue::Table(t) => walk_sweep(ctx, t, &path, doc)?,
            value => {
                let Some(index) = schema::index_of(&path) else {
                    return Err(ctx.err(k.span(), Some(&shown), unknown_key_message(&path)));
                };
                let spec = &schema::SCHEMA[index];
                let values = match value {
                    DeValue::String(s) => axis::parse_values(spec, s),
                    DeValue::Array(items) => items
                        .iter()
                        .map(|item| {
                            let x = convert(spec.kind, item.get_ref())?;
                            schema::check(spec, &x)?;
                            Ok(x)
                        })
                        .collect::<std::result::Result<Vec<_>, String>>()
                        .and_then(|vals| {
                            if vals.is_empty() {
                                Err("a sweep axis needs at least one value".to_string())
                            } else {
                                Ok(vals.into())
                            }
                        }),
                    _ => Err(format!(
                        "a sweep axis is an array of values or a \"FROM:TO:STEPS\" string, each {}",
                        spec.kind.describe()
                    )),
                }
                .map_err(|m| ctx.err(v.span(), Some(&shown), m))?;
                let axis = Axis { index, values };
                if let Some(existing) = doc.sweep.iter_mut().find(|a| a.index == index) {
                    *existing = axis;
                } else {
                    doc.sweep.push(axis);
                }
            }
        }
    }
    Ok(())
}

/// "unknown key `x`", with a suggestion or, inside a policy's table, its parameters.
pub fn unknown_key_message(path: &str) -> String {
    if let Some(replaced) = schema::removed(path) {
        return format!("`{path}` was removed in model version 2: {replaced}");
    }
    if let Some((table, param)) = path.rsplit_once('.') {
        if is_policy_table(table) {
            let params: Vec<&str> = schema::SCHEMA
                .iter()
                .filter_map(|s| s.key.strip_prefix(table)?.strip_prefix('.'))
                .collect();
            let listed = if params.is_empty() {
                "it has no parameters".to_string()
            } else {
                format!("its parameters: {}", params.join(", "))
            };
            return format!("unknown parameter `{param}` of policy `{table}` ({listed})");
        }
    }
    match schema::suggest(path) {
        Some(s) => format!("unknown key `{path}` (did you mean `{s}`?)"),
        None => format!("unknown key `{path}` (`catch22 check` lists every key)"),
    }
}

/// Whether `table` is `iran.NAME` or `us.NAME` for a policy NAME of that side.
fn is_policy_table(table: &str) -> bool {
    table.split_once('.').is_some_and(|(side, name)| {
        (side == "iran" && crate::policy::IRAN_POLICIES.contains(&name))
            || (side == "us" && crate::policy::US_POLICIES.contains(&name))
    })
}

/// "unknown table `x`", with the closest table of the schema, or the tables
/// beside it.
pub fn unknown_table_message(path: &str) -> String {
    let mut tables: Vec<&'static str> = Vec::new();
    for spec in schema::SCHEMA.iter() {
        let key: &'static str = spec.key;
        for (i, _) in key.match_indices('.') {
            if !tables.contains(&&key[..i]) {
                tables.push(&key[..i]);
            }
        }
    }
    if let Some(t) = schema::suggest_option(path, &tables) {
        return format!("unknown table `{path}` (did you mean `{t}`?)");
    }
    match path.rsplit_once('.') {
        None => {
            let top: Vec<&str> = tables
                .iter()
                .copied()
                .filter(|t| !t.contains('.'))
                .collect();
            format!(
                "unknown table `{path}` (the tables are {}, sweep and uncertainty)",
                top.join(", ")
            )
        }
        Some((parent, _)) => {
            let siblings: Vec<&str> = tables
                .iter()
                .filter_map(|t| t.strip_prefix(parent)?.strip_prefix('.'))
                .filter(|t| !t.contains('.'))
                .collect();
            if siblings.is_empty() {
                format!("unknown table `{path}` (`{parent}` has no tables inside it)")
            } else {
                format!(
                    "unknown table `{path}` (the tables inside `{parent}` are {})",
                    siblings.join(", ")
                )
            }
        }
    }
}

pub(super) fn convert(kind: Kind, value: &DeValue<'_>) -> std::result::Result<Value, String> {
    let got = type_name(value);
    match (kind, value) {
        (Kind::Float { .. }, DeValue::Float(f)) => f
            .as_str()
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| format!("`{}` is not a number", f.as_str())),
        (Kind::Float { .. }, DeValue::Integer(i)) => i64::from_str_radix(i.as_str(), i.radix())
            .map(|i| Value::Float(i as f64))
            .map_err(|_| format!("must be {}, got `{i}`", kind.describe())),
        (Kind::Int { .. }, DeValue::Integer(i)) => i64::from_str_radix(i.as_str(), i.radix())
            .map(Value::Int)
            .map_err(|_| format!("must be {}, got `{i}`", kind.describe())),
        (Kind::Bool, DeValue::Boolean(b)) => Ok(Value::Bool(*b)),
        (Kind::Choice(_) | Kind::Text, DeValue::String(s)) => Ok(Value::Text(s.to_string())),
        (kind, _) => Err(format!(
            "wrong type: must be {}, got {got}",
            kind.describe()
        )),
    }
}

/// "a string", "an integer", ...: a TOML value's type in words, for error messages.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "t.toml").unwrap_err().to_string()
    }

    #[test]
    fn reads_keys_in_tables_and_dotted() {
        let doc = parse(
            "\"lifeline\".probability = 0\n[iran]\nresilience = 0.3\n[us]\npolicy = \"engagement\"\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(doc.set.len(), 3);
        assert_eq!(doc.set[0].1, Value::Float(0.0));
    }

    #[test]
    fn errors_name_line_and_key() {
        assert_eq!(
            err("[iran]\nresilience = 1.5\n"),
            "t.toml:2:14: key `iran.resilience`: must be a number in [0, 1], got 1.5"
        );
        assert!(err("[iran]\nresilence = 0.5\n").contains("did you mean `iran.resilience`"));
        assert!(err("[iran]\nresilience = \"high\"\n").contains("wrong type"));
        assert!(err("[scenario]\nrounds = 0\n").contains("an integer in [1, 1200]"));
        assert!(
            err("[iran.fence_sitter]\nconfront = 0.1\n").contains("unknown parameter `confront`")
        );
        assert!(err("[iran\n").starts_with("t.toml:1:"));
    }

    #[test]
    fn sweep_tables_accept_arrays_and_ranges() {
        let doc = parse(
            "[sweep]\n\"lifeline.probability\" = \"0:0.5:6\"\n\"us.policy\" = [\"engagement\", \"maximum_pressure\"]\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(doc.sweep.len(), 2);
        assert_eq!(doc.sweep[0].values.len(), 6);
        assert!(err("[sweep]\n\"iran.resilience\" = [0.5, 2]\n").contains("got 2"));
    }
}
