//! What the channel view lists (every member of one channel, listed as one
//! bearer) and how its rows read.

use ratatui::style::Style;

use super::ChannelScreen;
use super::keys::{self, Extra};
use crate::aws::ClientInfo;
use crate::error::CallError;
use crate::model::Target;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::sanitize;
use crate::scan::{CONCURRENCY_RANGE, Row, ScanEvent, ScanRequest, ScanResults};
use crate::tui::captured::Captured;
use crate::tui::job::{Job, JobEvent};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::msg::Effect;
use crate::tui::region;
use crate::tui::screens::lookup_table::{
    Action, Column, LookupTable, Parties, TableKind, TableSource, Words,
};
use crate::tui::screens::page::{Ctx, Reply};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit::shorten_arn;

/// Every member of a channel, listed as `bearer_arn`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelMembers {
    pub channel_arn: String,
    /// Who lists the members.
    pub bearer_arn: String,
    /// HIDDEN members are listed too (a second listing pass).
    pub include_hidden: bool,
}

const MEMBER_COLUMN: usize = 20;

impl ChannelScreen {
    /// A screen scanning `channel_arn` as `bearer_arn`, and the effect that
    /// starts the scan. `Err` says why it cannot start: no one to list as.
    pub fn open(
        channel_arn: String,
        bearer_arn: Option<String>,
        ctx: &mut Ctx,
    ) -> Result<(ChannelScreen, Vec<Effect>), String> {
        let Some(bearer_arn) = bearer_arn else {
            return Err(
                "c needs a member or bearer ARN: who lists the channel's members".to_string(),
            );
        };
        let source = ChannelMembers {
            channel_arn,
            bearer_arn,
            include_hidden: false,
        };
        Ok(LookupTable::opened(source, ctx))
    }

    /// Members per second since the scan started.
    pub fn rate(&self) -> Option<f64> {
        let secs = self.elapsed_secs();
        let done = self.results.summary().finished();
        (secs > 0.2 && done > 0).then(|| done as f64 / secs)
    }

    /// The channel's id, the last part of its ARN.
    fn channel_name(&self) -> &str {
        let arn = &self.source.channel_arn;
        arn.rsplit('/').next().unwrap_or(arn)
    }
}

impl TableSource for ChannelMembers {
    type Results = ScanResults;

    fn new_results(&self) -> ScanResults {
        ScanResults::new(self.channel_arn.clone())
    }

    fn job(&self, ctx: &Ctx) -> Job {
        let mut request = ScanRequest::new(self.channel_arn.clone(), self.bearer_arn.clone());
        request.max_attempts = ctx.options.max_attempts;
        request.include_hidden = self.include_hidden;
        request.concurrency = ctx
            .options
            .scan_concurrency
            .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
        Job::ChannelScan { request }
    }

    fn event(event: JobEvent) -> Option<ScanEvent> {
        match event {
            JobEvent::Scan(event) => Some(*event),
            _ => None,
        }
    }
}

impl TableKind for ChannelMembers {
    type Extra = Extra;

    const MODE: Mode = Mode::Channel;
    const REPORT: ReportKind = ReportKind::Scan;
    const WORDS: &'static Words = keys::WORDS;
    const COLUMNS: &'static [Column] = &[
        Column {
            heading: "Member",
            width: MEMBER_COLUMN,
        },
        Column {
            heading: "Name",
            width: 22,
        },
    ];

    fn bindings() -> &'static [Binding<ChannelScreen, Action<Extra>>] {
        keys::BINDINGS
    }

    /// The member's lookup, as the scan made it: with its own bearer.
    fn target(&self, member_arn: &str) -> Target {
        Target {
            channel_arn: self.channel_arn.clone(),
            bearer_arn: member_arn.to_string(),
            member_arn: member_arn.to_string(),
        }
    }

    fn extra(table: &mut ChannelScreen, action: Extra, ctx: &mut Ctx) -> Reply {
        match action {
            Extra::ToggleHidden => {
                table.source.include_hidden = !table.source.include_hidden;
                Reply::effects(table.start(ctx))
            }
        }
    }

    /// As `scan` reports it: the channel, and who listed it.
    fn report(table: &ChannelScreen, mut subject: Subject) -> Report {
        subject.channel_arn = Some(table.source.channel_arn.clone());
        subject.bearer_arn = Some(table.source.bearer_arn.clone());
        Report {
            subject,
            body: Body::Scan(Box::new(table.results.clone())),
        }
    }

    /// The channel and who listed it, as `scan` reports them, with or
    /// without HIDDEN members as the scan was.
    fn from_subject(subject: &Subject, results: &ScanResults) -> Result<Self, String> {
        let channel_arn = Captured::required(subject.channel_arn.as_deref(), "ChannelArn")?;
        let bearer_arn = Captured::required(subject.bearer_arn.as_deref(), "BearerArn")?;
        Ok(ChannelMembers {
            channel_arn: channel_arn.to_string(),
            bearer_arn: bearer_arn.to_string(),
            include_hidden: results.include_hidden(),
        })
    }

    fn live(&self, ctx: &mut Ctx) -> Result<(ChannelScreen, Vec<Effect>), String> {
        Ok(LookupTable::opened(self.clone(), ctx))
    }

    fn parties(&self) -> Parties<'_> {
        Parties {
            member: Some(&self.bearer_arn),
            bearer: Some(&self.bearer_arn),
            channel: Some(&self.channel_arn),
        }
    }

    fn region(&self, client: &ClientInfo) -> Option<String> {
        region::region_used(client, Some(&self.channel_arn))
    }

    fn name(table: &ChannelScreen) -> String {
        sanitize::line(table.channel_name()).into_owned()
    }

    fn tag(&self) -> &'static str {
        if self.include_hidden {
            " (with HIDDEN)"
        } else {
            ""
        }
    }

    fn speed(table: &ChannelScreen) -> Option<String> {
        table.rate().map(|r| format!("{r:.0}/s"))
    }

    fn listed_as(&self) -> String {
        crate::arn::member_in_channel(&self.channel_arn, &self.bearer_arn).to_string()
    }

    fn advice(&self, err: &CallError) -> Vec<String> {
        vec![format!(
            "List as someone who may: put their ARN in the form's Bearer field (Esc, then e) and press c, or press R to scan again as {}. Your IAM principal needs {}.",
            self.listed_as(),
            err.operation.iam_action()
        )]
    }

    fn cells(&self, row: &Row, _theme: &Theme) -> Vec<(String, Style)> {
        let member = row
            .member
            .arn
            .as_deref()
            .map(|arn| crate::arn::member_in_channel(&self.channel_arn, arn))
            .unwrap_or("(no ARN)");
        let name = row.member.name.as_deref().unwrap_or("");
        vec![
            (
                shorten_arn(&sanitize::line(member), MEMBER_COLUMN),
                Style::new(),
            ),
            (sanitize::line(name).into_owned(), Style::new()),
        ]
    }
}
