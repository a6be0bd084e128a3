//! The `[uncertainty]` table: keys whose values are uncertain, each with a
//! distribution, checked with the position of every problem.
//!
//! ```toml
//! [uncertainty]
//! "deal.concession_cost" = { low = 0.2, high = 0.4 }              # uniform
//! "iran.resilience" = { dist = "triangular", low = 0.35, mode = 0.45, high = 0.55 }
//! "us.pressure" = { dist = "normal", mean = 0.4, sd = 0.04 }        # truncated to the key's range
//! "us.policy" = ["maximum_pressure", "pressure_and_engage"]         # equally likely choices
//! "lifeline.active" = { values = [true, false], weights = [3, 1] }
//! ```
//!
//! Keys may also be written in sub-tables (`[uncertainty.iran]` then
//! `resilience = { low = 0.35, high = 0.55 }`).

use toml::de::{DeTable, DeValue};

use super::parse::{self, Ctx};
use super::schema::{self, KeySpec, Kind, Value};
use crate::error::Result;
use crate::uncertainty::Distribution;

/// One uncertain key.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertain {
    /// The key's index in the schema.
    pub index: usize,
    /// Its distribution.
    pub dist: Distribution,
}

impl Uncertain {
    /// The dotted key.
    pub fn key(&self) -> &'static str {
        schema::SCHEMA[self.index].key
    }

    /// The key's value at quantile u.
    pub fn value(&self, u: f64) -> Value {
        self.dist.value(&schema::SCHEMA[self.index].kind, u)
    }
}

/// The fields a distribution table may have.
const FIELDS: [&str; 8] = [
    "dist", "low", "high", "mode", "mean", "sd", "values", "weights",
];

const FORMS: &str = "a distribution: { low = L, high = H } (uniform), \
{ dist = \"triangular\", low = L, mode = M, high = H }, \
{ dist = \"normal\", mean = M, sd = S } (truncated to the key's range, or to low and high), \
or a list of choices [A, B, ...] (or { values = [...], weights = [...] })";

/// Reads the `[uncertainty]` table (`span` is its header's).
pub(super) fn read(
    ctx: &Ctx<'_>,
    table: &DeTable<'_>,
    span: std::ops::Range<usize>,
) -> Result<Vec<Uncertain>> {
    let mut out = Vec::new();
    walk(ctx, table, "", &mut out)?;
    if out.is_empty() {
        return Err(ctx.err(
            span,
            Some("uncertainty"),
            format!("the [uncertainty] table is empty: give each uncertain key {FORMS}"),
        ));
    }
    Ok(out)
}

fn walk(ctx: &Ctx<'_>, table: &DeTable<'_>, prefix: &str, out: &mut Vec<Uncertain>) -> Result<()> {
    for (k, v) in table.iter() {
        let path = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        let shown = format!("uncertainty.{path}");
        let Some(index) = schema::index_of(&path) else {
            if let DeValue::Table(t) = v.get_ref() {
                if schema::is_table(&path) {
                    walk(ctx, t, &path, out)?;
                    continue;
                }
            }
            return Err(ctx.err(k.span(), Some(&shown), parse::unknown_key_message(&path)));
        };
        let spec = &schema::SCHEMA[index];
        if matches!(spec.key, "scenario.runs" | "scenario.seed") || spec.kind == Kind::Text {
            return Err(ctx.err(
                k.span(),
                Some(&shown),
                format!("`{path}` is a run setting, not an assumption: it cannot be uncertain"),
            ));
        }
        if out.iter().any(|u: &Uncertain| u.index == index) {
            return Err(ctx.err(k.span(), Some(&shown), "the key is given twice"));
        }
        let dist = distribution(ctx, spec, v, &shown)?;
        dist.check(spec)
            .map_err(|m| ctx.err(v.span(), Some(&shown), m))?;
        out.push(Uncertain { index, dist });
    }
    Ok(())
}

/// A number field of a distribution table.
fn number(ctx: &Ctx<'_>, v: &toml::Spanned<DeValue<'_>>, shown: &str, field: &str) -> Result<f64> {
    let x = match v.get_ref() {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|i| i as f64),
        _ => None,
    };
    x.filter(|x| x.is_finite()).ok_or_else(|| {
        ctx.err(
            v.span(),
            Some(shown),
            format!(
                "`{field}` must be a number, got {}",
                parse::type_name(v.get_ref())
            ),
        )
    })
}

fn choices(
    ctx: &Ctx<'_>,
    spec: &KeySpec,
    items: &[toml::Spanned<DeValue<'_>>],
    shown: &str,
) -> Result<Vec<Value>> {
    items
        .iter()
        .map(|item| {
            let v = parse::convert(spec.kind, item.get_ref())
                .map_err(|m| ctx.err(item.span(), Some(shown), m))?;
            schema::check(spec, &v).map_err(|m| ctx.err(item.span(), Some(shown), m))?;
            Ok(v)
        })
        .collect()
}

fn distribution(
    ctx: &Ctx<'_>,
    spec: &KeySpec,
    v: &toml::Spanned<DeValue<'_>>,
    shown: &str,
) -> Result<Distribution> {
    let fields = match v.get_ref() {
        DeValue::Array(items) => {
            let values = choices(ctx, spec, items, shown)?;
            let weights = vec![1.0; values.len()];
            return Ok(Distribution::Choice { values, weights });
        }
        DeValue::Table(t) => t,
        other => {
            return Err(ctx.err(
                v.span(),
                Some(shown),
                format!(
                    "an uncertain key takes {FORMS}; got {}",
                    parse::type_name(other)
                ),
            ));
        }
    };
    let mut get: Vec<(&str, &toml::Spanned<DeValue<'_>>)> = Vec::new();
    for (name, value) in fields.iter() {
        let name: &str = name.get_ref();
        if !FIELDS.contains(&name) {
            let hint = schema::suggest_option(name, &FIELDS)
                .map(|f| format!(" (did you mean `{f}`?)"))
                .unwrap_or_default();
            return Err(ctx.err(
                value.span(),
                Some(shown),
                format!(
                    "unknown field `{name}`{hint}; a distribution has {}",
                    FIELDS.join(", ")
                ),
            ));
        }
        get.push((name, value));
    }
    let field = |name: &str| get.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let dist = match field("dist") {
        None if field("values").is_some() => "choice".to_string(),
        None => "uniform".to_string(),
        Some(d) => match d.get_ref() {
            DeValue::String(s) => s.to_string(),
            other => {
                return Err(ctx.err(
                    d.span(),
                    Some(shown),
                    format!(
                        "`dist` must be \"uniform\", \"triangular\", \"normal\" or \"choice\", got {}",
                        parse::type_name(other)
                    ),
                ));
            }
        },
    };
    let allowed: &[&str] = match dist.as_str() {
        "uniform" => &["dist", "low", "high"],
        "triangular" => &["dist", "low", "mode", "high"],
        "normal" => &["dist", "mean", "sd", "low", "high"],
        "choice" => &["dist", "values", "weights"],
        other => {
            let span = field("dist").map_or(v.span(), |d| d.span());
            let hint =
                schema::suggest_option(other, &["uniform", "triangular", "normal", "choice"])
                    .map(|f| format!(" (did you mean `{f}`?)"))
                    .unwrap_or_default();
            return Err(ctx.err(
                span,
                Some(shown),
                format!(
                    "unknown distribution `{other}`{hint}: use uniform, triangular, normal or choice"
                ),
            ));
        }
    };
    for (name, value) in &get {
        if !allowed.contains(name) {
            return Err(ctx.err(
                value.span(),
                Some(shown),
                format!(
                    "a {dist} distribution takes {}, not `{name}`",
                    allowed[1..].join(", ")
                ),
            ));
        }
    }
    let need = |name: &str| -> Result<f64> {
        match field(name) {
            Some(x) => number(ctx, x, shown, name),
            None => Err(ctx.err(
                v.span(),
                Some(shown),
                format!(
                    "a {dist} distribution needs `{name}` (it takes {})",
                    allowed[1..].join(", ")
                ),
            )),
        }
    };
    let (key_min, key_max) = match spec.kind {
        Kind::Float { min, max } => (min, max),
        Kind::Int { min, max } => (min as f64, max as f64),
        _ => (f64::NAN, f64::NAN),
    };
    Ok(match dist.as_str() {
        "uniform" => Distribution::Uniform {
            low: need("low")?,
            high: need("high")?,
        },
        "triangular" => Distribution::Triangular {
            low: need("low")?,
            mode: need("mode")?,
            high: need("high")?,
        },
        "normal" => Distribution::Normal {
            mean: need("mean")?,
            sd: need("sd")?,
            low: field("low").map_or(Ok(key_min), |_| need("low"))?,
            high: field("high").map_or(Ok(key_max), |_| need("high"))?,
        },
        _ => {
            let Some(items) = field("values") else {
                return Err(ctx.err(
                    v.span(),
                    Some(shown),
                    "a choice needs `values = [...]`".to_string(),
                ));
            };
            let DeValue::Array(list) = items.get_ref() else {
                return Err(ctx.err(items.span(), Some(shown), "`values` must be an array"));
            };
            let values = choices(ctx, spec, list, shown)?;
            let weights = match field("weights") {
                None => vec![1.0; values.len()],
                Some(w) => {
                    let DeValue::Array(ws) = w.get_ref() else {
                        return Err(ctx.err(
                            w.span(),
                            Some(shown),
                            "`weights` must be an array of numbers",
                        ));
                    };
                    ws.iter()
                        .map(|x| number(ctx, x, shown, "weights"))
                        .collect::<Result<Vec<f64>>>()?
                }
            };
            Distribution::Choice { values, weights }
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::uncertainty::Distribution;

    fn err(text: &str) -> String {
        Scenario::from_text(text, "u.toml").unwrap_err().to_string()
    }

    #[test]
    fn reads_every_form() {
        let s = Scenario::from_text(
            "[uncertainty]\n\"deal.concession_cost\" = { low = 0.2, high = 0.4 }\n\
             \"us.policy\" = [\"maximum_pressure\", \"engagement\"]\n\
             [uncertainty.iran]\nresilience = { dist = \"triangular\", low = 0.35, mode = 0.45, high = 0.55 }\n\
             leverage = { dist = \"normal\", mean = 0.25, sd = 0.05 }\n",
            "u.toml",
        )
        .unwrap();
        let keys: Vec<&str> = s.uncertainty.iter().map(|u| u.key()).collect();
        assert_eq!(
            keys,
            [
                "deal.concession_cost",
                "us.policy",
                "iran.resilience",
                "iran.leverage"
            ]
        );
        assert_eq!(
            s.uncertainty[3].dist,
            Distribution::Normal {
                mean: 0.25,
                sd: 0.05,
                low: 0.0,
                high: 1.0
            }
        );
    }

    #[test]
    fn bad_tables_name_line_key_and_range() {
        assert_eq!(
            err("[uncertainty]\n\"deal.concession_cost\" = { low = 0.5, high = 0.4 }\n"),
            "u.toml:2:26: key `uncertainty.deal.concession_cost`: low 0.5 > high 0.4"
        );
        assert!(
            err("[uncertainty]\n\"deal.concesion_cost\" = { low = 0.2, high = 0.4 }\n")
                .starts_with("u.toml:2:1: key `uncertainty.deal.concesion_cost`: unknown key")
        );
        assert!(
            err("[uncertainty]\n\"iran.resilience\" = { low = 0.2, high = 1.4 }\n")
                .contains("high = 1.4 is outside the key's range: it must be a number in [0, 1]")
        );
        assert!(err("[uncertainty]\n").contains("the [uncertainty] table is empty"));
        assert!(err("[uncertainty]\n\"iran.resilience\" = 0.3\n").contains("takes a distribution"));
        assert!(
            err("[uncertainty]\n\"iran.resilience\" = { lo = 0.3, high = 0.4 }\n")
                .contains("did you mean `low`")
        );
        assert!(err("[uncertainty]\n\"iran.resilience\" = { dist = \"triangulr\", low = 0.3, high = 0.4 }\n").contains("did you mean `triangular`"));
        assert!(err("[uncertainty]\n\"iran.resilience\" = { dist = \"triangular\", low = 0.3, high = 0.4 }\n").contains("needs `mode`"));
        assert!(
            err("[uncertainty]\n\"us.policy\" = [\"engagment\"]\n")
                .contains("did you mean `engagement`")
        );
        assert!(
            err("[uncertainty]\n\"scenario.seed\" = { low = 1, high = 4 }\n")
                .contains("run setting")
        );
        assert!(
            err("[uncertainty]\n\"iran.resilience\" = { low = 0.3, high = 0.4 }\n[uncertainty.iran]\nresilience = { low = 0.3, high = 0.4 }\n")
                .contains("given twice")
        );
    }
}
