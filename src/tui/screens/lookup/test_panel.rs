//! "Test a message": the engineer types message attributes and sees at once
//! whether the loaded FilterRule would push them, with a reason per clause.

use crate::filter::{self, Attributes, Condition, Rule, Verdict};
use crate::tui::widgets::text_field::TextField;

#[derive(Debug, Clone, PartialEq)]
pub struct TestPanel {
    pub input: TextField,
    /// The verdict for the current input, or why the input is not an
    /// attribute map yet. `None` while the input is empty.
    pub result: Option<Result<Verdict, String>>,
    /// First visible line of the verdict and its reasons.
    pub scroll: usize,
    /// An attribute (key, value) of the rule, for the placeholder.
    pub example: (String, String),
}

/// The first attribute the rule names, with a value it names: what the
/// placeholder shows.
fn example_of(rule: &Rule) -> (String, String) {
    let clause = rule
        .expr
        .clauses
        .iter()
        .chain(rule.or.iter().flat_map(|e| e.clauses.iter()))
        .next();
    let Some(clause) = clause else {
        return ("type".to_string(), "value".to_string());
    };
    let value = clause
        .conditions
        .iter()
        .find_map(|c| match c {
            Condition::Equals(v) => Some(v.clone()),
            Condition::AnythingBut(list) => list.first().cloned(),
        })
        .unwrap_or_else(|| "value".to_string());
    (clause.key.clone(), value)
}

impl TestPanel {
    pub fn new(rule: &Rule) -> Self {
        let mut panel = TestPanel {
            input: TextField::default(),
            result: None,
            scroll: 0,
            example: example_of(rule),
        };
        panel.evaluate(rule);
        panel
    }

    /// The input as an attribute map, when it is one: what the push-path
    /// verdict is judged with.
    pub fn attributes(&self) -> Option<Attributes> {
        let text = self.input.text().trim();
        if text.is_empty() {
            return None;
        }
        filter::parse_attributes(text).ok()
    }

    /// Re-evaluate after every keystroke: parsing ≤ 1 KB of attributes and
    /// evaluating a ≤ 2 KB rule takes microseconds.
    pub fn evaluate(&mut self, rule: &Rule) {
        let text = self.input.text().trim();
        self.result = if text.is_empty() {
            None
        } else {
            Some(
                filter::parse_attributes(text)
                    .map(|attrs| filter::evaluate(rule, &attrs))
                    .map_err(|e| e.to_string()),
            )
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_follows_the_input() {
        let rule = filter::parse(r#"{"mention":["carol"]}"#).expect("rule");
        let mut panel = TestPanel::new(&rule);
        assert_eq!(panel.result, None);
        panel.input.insert_str(r#"{"mention":["carol"]}"#);
        panel.evaluate(&rule);
        assert!(matches!(&panel.result, Some(Ok(v)) if v.notify));
        panel.input.set(r#"{"mention":"bob"}"#);
        panel.evaluate(&rule);
        assert!(matches!(&panel.result, Some(Ok(v)) if !v.notify));
        panel.input.set(r#"{"mention":"#);
        panel.evaluate(&rule);
        assert!(matches!(&panel.result, Some(Err(_))));
    }
}
