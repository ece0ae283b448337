//! The typed filter rule and its canonical JSON form.

use serde_json::{Map, Value};

/// One condition in a key's list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Condition {
    /// Matches when an attribute value equals this string exactly.
    Equals(String),
    /// `{"anything-but": [...]}`: matches when an attribute value is not in
    /// the list.
    AnythingBut(Vec<String>),
}

impl Condition {
    /// How many values this condition adds to the complexity.
    pub fn value_count(&self) -> usize {
        match self {
            Condition::Equals(_) => 1,
            Condition::AnythingBut(excluded) => excluded.len(),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Condition::Equals(s) => Value::String(s.clone()),
            Condition::AnythingBut(excluded) => {
                let list = excluded.iter().cloned().map(Value::String).collect();
                let mut object = Map::new();
                object.insert("anything-but".to_string(), Value::Array(list));
                Value::Object(object)
            }
        }
    }
}

/// One key of a rule object and its conditions, which are ORed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Clause {
    pub key: String,
    pub conditions: Vec<Condition>,
}

impl Clause {
    pub fn new(key: impl Into<String>, conditions: Vec<Condition>) -> Self {
        Clause {
            key: key.into(),
            conditions,
        }
    }

    /// The key plus its values.
    pub fn complexity(&self) -> usize {
        1 + self
            .conditions
            .iter()
            .map(Condition::value_count)
            .sum::<usize>()
    }
}

/// An AND of clauses: one JSON object without `$or`. Empty means "always".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Expr {
    pub clauses: Vec<Clause>,
}

impl Expr {
    pub fn new(clauses: Vec<Clause>) -> Self {
        Expr { clauses }
    }

    pub fn complexity(&self) -> usize {
        self.clauses.iter().map(Clause::complexity).sum()
    }

    /// The clause for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.key == key)
    }

    fn to_map(&self) -> Map<String, Value> {
        let mut object = Map::new();
        for clause in &self.clauses {
            let list = clause.conditions.iter().map(Condition::to_json).collect();
            object.insert(clause.key.clone(), Value::Array(list));
        }
        object
    }
}

/// A parsed filter rule: `expr` (the top-level keys, ANDed) and, when `or` is
/// not empty, an `$or` whose branches are ORed and then ANDed with `expr`.
/// Keys are unique within an `Expr`; a branch never holds another `$or`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Rule {
    pub expr: Expr,
    /// The `$or` branches; empty when the rule has no `$or`.
    pub or: Vec<Expr>,
}

impl Rule {
    /// Number of keys plus number of values. ASSUMPTION (undocumented): the
    /// `$or` key itself is not counted and each branch adds its own
    /// complexity.
    pub fn complexity(&self) -> usize {
        self.expr.complexity() + self.or.iter().map(Expr::complexity).sum::<usize>()
    }

    /// True for `{}`: no condition at all.
    pub fn is_empty(&self) -> bool {
        self.expr.clauses.is_empty() && self.or.is_empty()
    }

    /// Every clause, top-level first, then each branch's.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.expr
            .clauses
            .iter()
            .chain(self.or.iter().flat_map(|b| b.clauses.iter()))
    }

    /// Canonical JSON: top-level keys in order, then `$or` (if any). A clause
    /// key repeated within one `Expr` collapses to its last occurrence.
    pub fn to_json(&self) -> Value {
        let mut object = self.expr.to_map();
        if !self.or.is_empty() {
            let branches = self.or.iter().map(|b| Value::Object(b.to_map())).collect();
            object.insert("$or".to_string(), Value::Array(branches));
        }
        Value::Object(object)
    }
}

/// Canonical pretty-printed JSON of `rule`; `parse(&pretty(&r)) == Ok(r)`.
pub fn pretty(rule: &Rule) -> String {
    // `{:#}` is serde_json's infallible pretty printer.
    format!("{:#}", rule.to_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_and_example_has_complexity_four() {
        let rule = Rule {
            expr: Expr::new(vec![
                Clause::new("type", vec![Condition::AnythingBut(vec!["Room".into()])]),
                Clause::new("mention", vec![Condition::Equals("Bob".into())]),
            ]),
            or: vec![],
        };
        assert_eq!(rule.complexity(), 4);
        assert_eq!(
            rule.to_json().to_string(),
            r#"{"type":[{"anything-but":["Room"]}],"mention":["Bob"]}"#
        );
    }

    #[test]
    fn or_goes_last_in_canonical_form() {
        let rule = Rule {
            expr: Expr::new(vec![Clause::new("a", vec![Condition::Equals("1".into())])]),
            or: vec![Expr::new(vec![Clause::new(
                "b",
                vec![Condition::Equals("2".into())],
            )])],
        };
        assert_eq!(
            rule.to_json().to_string(),
            r#"{"a":["1"],"$or":[{"b":["2"]}]}"#
        );
        assert_eq!(rule.complexity(), 4);
    }
}
