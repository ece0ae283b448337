//! Reading a JSON object field by field, each read knowing its JSON path
//! (`Checks[3].Error.Code`), so that a wrong type or a missing field is
//! named where it is. `null` reads as absent, as the printers write absent
//! optional values.

use serde_json::{Map, Value};

use super::error::ReadError;

/// One JSON object and where it is in the document.
#[derive(Debug, Clone)]
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

/// `parent.key`, or `key` at the top.
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl<'a> Fields<'a> {
    /// `value` as an object found at `path`.
    pub fn of(value: &'a Value, path: impl Into<String>) -> Result<Fields<'a>, ReadError> {
        let path = path.into();
        match value {
            Value::Object(map) => Ok(Fields { map, path }),
            other => Err(ReadError::wrong_type(
                if path.is_empty() { "document" } else { &path },
                "an object",
                other,
            )),
        }
    }

    pub fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The raw value, `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, ReadError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(ReadError::wrong_type(&self.path(key), "a string", other)),
        }
    }

    pub fn str(&self, key: &str) -> Result<&'a str, ReadError> {
        self.opt_str(key)?.ok_or_else(|| ReadError::Missing {
            path: self.path(key),
        })
    }

    pub fn opt_string(&self, key: &str) -> Result<Option<String>, ReadError> {
        Ok(self.opt_str(key)?.map(str::to_string))
    }

    pub fn opt_u64(&self, key: &str) -> Result<Option<u64>, ReadError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| ReadError::WrongType {
                path: self.path(key),
                expected: "a whole number",
                found: "a negative or fractional number",
            }),
            Some(other) => Err(ReadError::wrong_type(
                &self.path(key),
                "a whole number",
                other,
            )),
        }
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, ReadError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(ReadError::wrong_type(&self.path(key), "a boolean", other)),
        }
    }

    /// A nested object, `None` when absent.
    pub fn opt_object(&self, key: &str) -> Result<Option<Fields<'a>>, ReadError> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => Fields::of(value, self.path(key)).map(Some),
        }
    }

    /// A nested object that must be there.
    pub fn object(&self, key: &str) -> Result<Fields<'a>, ReadError> {
        self.opt_object(key)?.ok_or_else(|| ReadError::Missing {
            path: self.path(key),
        })
    }

    /// An array's items with their paths (`key[i]`); empty when absent.
    pub fn array(&self, key: &str) -> Result<Vec<(String, &'a Value)>, ReadError> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => {
                let path = self.path(key);
                Ok(items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("{path}[{i}]"), v))
                    .collect())
            }
            Some(other) => Err(ReadError::wrong_type(&self.path(key), "an array", other)),
        }
    }

    /// An array of strings; empty when absent.
    pub fn strings(&self, key: &str) -> Result<Vec<String>, ReadError> {
        self.array(key)?
            .into_iter()
            .map(|(path, v)| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(ReadError::wrong_type(&path, "a string", other)),
            })
            .collect()
    }

    /// Every key and string value of an object, in document order; empty
    /// when absent.
    pub fn string_pairs(&self, key: &str) -> Result<Vec<(String, String)>, ReadError> {
        let path = self.path(key);
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        let fields = Fields::of(value, path.clone())?;
        fields
            .map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.clone(), s.clone())),
                other => Err(ReadError::wrong_type(&join(&path, k), "a string", other)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wrong_types_and_missing_fields_are_named_by_path() {
        let doc = json!({"Verdict": {"Push": 3}, "Checks": [{"Id": "arns"}, "x"]});
        let root = Fields::of(&doc, "").expect("object");
        let verdict = root.object("Verdict").expect("object");
        let err = verdict.str("Push").expect_err("number");
        assert_eq!(
            err.to_string(),
            "its Verdict.Push is a number, not a string"
        );
        let err = verdict.str("Reason").expect_err("missing");
        assert_eq!(err.to_string(), "its Verdict.Reason is missing");
        let items = root.array("Checks").expect("array");
        assert_eq!(items[1].0, "Checks[1]");
        let err = Fields::of(items[1].1, items[1].0.clone()).expect_err("string");
        assert_eq!(err.to_string(), "its Checks[1] is a string, not an object");
        assert!(root.array("Absent").expect("ok").is_empty());
    }
}
