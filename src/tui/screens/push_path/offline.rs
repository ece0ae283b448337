//! The push-path screen from a saved report (`chime-prefs open`): the
//! diagnosis as it was captured, drawn by the same view as a live one, and
//! `r`, which runs the same member and channel (and admin) live with this
//! run's settings.

use super::state::{PushPathRequest, PushPathScreen};
use crate::arn;
use crate::diagnose::{Diagnosis, Facts, MessageInput, Scope};
use crate::tui::captured::Captured;
use crate::tui::job::JobId;
use crate::tui::screens::page::{Ctx, Reply};

impl PushPathScreen {
    /// The screen showing `diagnosis`, captured as `captured` says; it
    /// asks nothing. `Err` says what the report lacks to be shown.
    pub fn from_report(diagnosis: Diagnosis, captured: Captured) -> Result<PushPathScreen, String> {
        let subject = &captured.subject;
        let channel_arn = Captured::required(subject.channel_arn.as_deref(), "ChannelArn")?;
        let member_arn = Captured::required(subject.member_arn.as_deref(), "MemberArn")?;
        let channel = arn::parse_channel(channel_arn)
            .map_err(|p| format!("the report's channel ARN {}", p.message))?;
        let scope = Scope {
            region: subject
                .region
                .clone()
                .unwrap_or_else(|| channel.scope.region.clone()),
            account: channel.scope.account.clone(),
            channel_arn: channel.raw.clone(),
            member_arn: member_arn.to_string(),
            admin_arn: subject.admin_arn.clone(),
        };
        Ok(PushPathScreen {
            id: JobId(0),
            facts: Facts::pending(scope, MessageInput::None),
            diagnosis,
            running: false,
            selected: 0,
            detail_open: false,
            scroll: 0,
            setup_read: None,
            now: captured.seen,
            captured: crate::report::subject::parse_time(&captured.subject.captured_at)
                .unwrap_or(std::time::UNIX_EPOCH),
            offline: Some(captured),
        })
    }

    /// `r` on a saved report: the same channel, member and admin, run live
    /// with this run's settings; the screen becomes a live one.
    pub(super) fn run_live(&mut self, captured: &Captured, ctx: &mut Ctx) -> Reply {
        let request = PushPathRequest {
            channel_arn: self.facts.scope.channel_arn.clone(),
            member_arn: self.facts.scope.member_arn.clone(),
            admin_arn: self.facts.scope.admin_arn.clone(),
            attributes: None,
        };
        match PushPathScreen::open(request, ctx) {
            Ok((live, effects)) => {
                *self = live;
                Reply::effects(effects).with_toast(captured.live_note(&ctx.options.client))
            }
            Err(why) => Reply::toast(why),
        }
    }
}
