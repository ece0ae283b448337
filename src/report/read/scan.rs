//! A channel scan read back from `scan --output json`: the channel, each
//! member with its push state or its error, and how the run ended.
//! Members listed but not read are only a number (`Summary.NotRead`); a
//! member's request id is read when the document has one (`RequestId`).

use std::time::SystemTime;

use crate::model::{Member, Preferences};
use crate::scan::results::ending_from_reason;
use crate::scan::{Row, RowState, ScanResults};

use super::call_error::{call_error, opt_call_error};
use super::error::ReadError;
use super::fields::Fields;
use super::preferences::{lookup, push_notifications};

fn row(f: &Fields<'_>, channel_arn: &str, at: SystemTime) -> Result<Row, ReadError> {
    let member = Member {
        arn: f.opt_string("Arn")?,
        name: f.opt_string("Name")?,
    };
    let state = match f.opt_object("Error")? {
        Some(e) => RowState::Failed(call_error(&e)?),
        None => {
            let push = push_notifications(f)?;
            // Neither field: the response said nothing of pushes, which
            // `scan` prints the same way as no preferences at all.
            let prefs = (push.allow.is_some() || push.filter_rule.is_some()).then(|| Preferences {
                push_notifications: Some(push),
            });
            RowState::Read(Box::new(lookup(
                Some(channel_arn.to_string()),
                member.clone(),
                prefs,
                f.opt_string("RequestId")?,
                at,
            )))
        }
    };
    Ok(Row { member, state })
}

/// The body of a `scan` document.
pub(crate) fn scan(root: &Fields<'_>, at: SystemTime) -> Result<ScanResults, ReadError> {
    let channel_arn = root.str("ChannelArn")?;
    let rows = root
        .array("Members")?
        .into_iter()
        .map(|(path, v)| row(&Fields::of(v, path)?, channel_arn, at))
        .collect::<Result<Vec<_>, _>>()?;
    let not_read = match root.opt_object("Summary")? {
        Some(s) => s.opt_u64("NotRead")?.unwrap_or(0),
        None => 0,
    };
    let listing_error = opt_call_error(root, "ListingError")?;
    let (done, listing) = ending_from_reason(root.opt_str("PartialReason")?, listing_error);
    Ok(ScanResults::from_parts(
        channel_arn,
        rows,
        usize::try_from(not_read).unwrap_or(usize::MAX),
        listing,
        done,
    )
    .with_include_hidden(root.opt_bool("IncludeHidden")?.unwrap_or(false)))
}
