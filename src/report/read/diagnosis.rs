//! A diagnosis read back from `diagnose --output json`: the verdict, each
//! check (status, finding, the call and request id it rests on, evidence,
//! advice, the IAM actions that would let it run, its error) and the
//! manual checks. The same check reader reads `member`'s `SetupChecks`.

use crate::diagnose::{Check, CheckId, Diagnosis, ManualCheck, Push, Status, Verdict};
use crate::operation::Operation;

use super::call_error::{operation, opt_call_error};
use super::error::ReadError;
use super::fields::Fields;

fn check_id(id: &str, path: &str) -> Result<CheckId, ReadError> {
    CheckId::from_id(id)
        .ok_or_else(|| ReadError::unknown(path, id, CheckId::ALL.iter().map(|c| c.id())))
}

/// One check as `crate::output::diagnosis::check_value` writes it.
pub(crate) fn check(f: &Fields<'_>) -> Result<Check, ReadError> {
    let id = check_id(f.str("Id")?, &f.path("Id"))?;
    let status_text = f.str("Status")?;
    let status = Status::parse(status_text).ok_or_else(|| {
        ReadError::unknown(
            &f.path("Status"),
            status_text,
            Status::ALL.iter().map(|s| s.as_str()),
        )
    })?;
    let op = match f.opt_str("Operation")? {
        Some(name) => Some(operation(name, &f.path("Operation"))?),
        None => None,
    };
    let needs = f
        .strings("IamActionsToRun")?
        .iter()
        .enumerate()
        .map(|(i, action)| {
            Operation::from_iam_action(action).ok_or_else(|| {
                ReadError::unknown(
                    &format!("{}[{i}]", f.path("IamActionsToRun")),
                    action,
                    Operation::ALL.iter().map(|op| op.iam_action()),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Check {
        id,
        status,
        finding: f.str("Finding")?.to_string(),
        operation: op,
        request_id: f.opt_string("RequestId")?,
        evidence: f.string_pairs("Evidence")?,
        error: opt_call_error(f, "Error")?,
        advice: f.strings("Advice")?,
        needs,
    })
}

/// Every check of an array (`Checks`, `SetupChecks`).
pub(crate) fn checks(f: &Fields<'_>, key: &str) -> Result<Vec<Check>, ReadError> {
    f.array(key)?
        .into_iter()
        .map(|(path, v)| check(&Fields::of(v, path)?))
        .collect()
}

fn verdict(f: &Fields<'_>) -> Result<Verdict, ReadError> {
    let push_text = f.str("Push")?;
    let push = Push::parse(push_text).ok_or_else(|| {
        ReadError::unknown(
            &f.path("Push"),
            push_text,
            Push::ALL.iter().map(|p| p.as_str()),
        )
    })?;
    let blocking = match f.opt_str("BlockingCheck")? {
        Some(id) => Some(check_id(id, &f.path("BlockingCheck"))?),
        None => None,
    };
    Ok(Verdict {
        push,
        reason: f.str("Reason")?.to_string(),
        blocking,
    })
}

/// The manual checks. A `Command` is the run's rendering of a command,
/// not the command: this version writes none (no manual check has one),
/// and one in a file is not read back.
fn manual(f: &Fields<'_>) -> Result<Vec<ManualCheck>, ReadError> {
    f.array("ManualChecks")?
        .into_iter()
        .map(|(path, v)| {
            let m = Fields::of(v, path)?;
            m.opt_str("Command")?;
            Ok(ManualCheck {
                what: m.str("What")?.to_string(),
                command: None,
            })
        })
        .collect()
}

/// The body of a `diagnose` document.
pub(crate) fn diagnosis(root: &Fields<'_>) -> Result<Diagnosis, ReadError> {
    Ok(Diagnosis {
        verdict: verdict(&root.object("Verdict")?)?,
        checks: {
            if !root.has("Checks") {
                return Err(ReadError::Missing {
                    path: root.path("Checks"),
                });
            }
            checks(root, "Checks")?
        },
        manual: manual(root)?,
        interrupted: root.opt_bool("Interrupted")?.unwrap_or(false),
    })
}
