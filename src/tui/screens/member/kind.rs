//! What the member screen lists (every channel of one member, listed by
//! the member or an admin) and how its rows read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::MemberScreen;
use super::{keys, view};
use crate::arn::{self, Field};
use crate::aws::{ClientInfo, RegionProblem};
use crate::error::CallError;
use crate::member::{self, ChannelRow, MemberEvent, MemberRequest, MemberResults};
use crate::model::Target;
use crate::operation::Operation;
use crate::report::{Body, Report, ReportKind, Subject};
use crate::sanitize;
use crate::scan::{CONCURRENCY_RANGE, Listing};
use crate::tui::captured::Captured;
use crate::tui::job::{Job, JobEvent};
use crate::tui::keymap::{Binding, Mode};
use crate::tui::msg::Effect;
use crate::tui::screens::lookup_table::{
    Action, Column, LookupTable, NoExtra, Parties, TableKind, TableSource, Words,
};
use crate::tui::screens::page::{Ctx, Reply, ViewCtx};
use crate::tui::theme::Theme;

/// Every channel of one member, listed by the member or an admin.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChannels {
    pub request: MemberRequest,
    /// The admin who lists the channels, when one was given; otherwise the
    /// member lists its own.
    pub admin_arn: Option<String>,
}

impl MemberScreen {
    /// A screen for `member_arn`'s channels, listed by `admin_arn` when
    /// given (else by the member), and the effect that starts the run.
    /// `Err` says why nothing can be sent.
    pub fn open(
        member_arn: &str,
        admin_arn: Option<&str>,
        ctx: &mut Ctx,
    ) -> Result<(MemberScreen, Vec<Effect>), String> {
        let member = arn::parse_member(member_arn.trim(), Field::Member).map_err(|p| {
            format!(
                "u lists the form's member's channels, and its ARN {}",
                p.message
            )
        })?;
        let admin = match admin_arn.map(str::trim) {
            None | Some("") => None,
            Some(a) => Some(
                arn::check_member_admin(
                    &member,
                    a,
                    "Check [aws] admin_arn or --admin-arn, or leave it out to list as the member",
                )
                .map_err(|p| format!("u: the admin ARN {}", p.message))?
                .raw,
            ),
        };
        if let Err(problem @ RegionProblem::Conflict { .. }) =
            ctx.options.client.region_for(&member.raw)
        {
            return Err(format!("{problem} Nothing was sent."));
        }
        let lister = admin.clone().unwrap_or_else(|| member.raw.clone());
        let mut request = MemberRequest::new(&member, lister);
        request.max_attempts = ctx.options.max_attempts;
        request.concurrency = ctx
            .options
            .scan_concurrency
            .clamp(*CONCURRENCY_RANGE.start(), *CONCURRENCY_RANGE.end());
        let source = MemberChannels {
            request,
            admin_arn: admin,
        };
        Ok(LookupTable::opened(source, ctx))
    }

    pub fn member_arn(&self) -> &str {
        &self.source.request.member_arn
    }

    /// Who lists the channels: the admin, or the member itself.
    pub fn lister_arn(&self) -> &str {
        &self.source.request.lister_arn
    }

    pub fn is_for(&self, member_arn: &str, admin_arn: Option<&str>) -> bool {
        let admin = admin_arn.map(str::trim).filter(|a| !a.is_empty());
        self.source.request.member_arn == member_arn.trim()
            && self.source.admin_arn.as_deref() == admin
    }
}

impl TableSource for MemberChannels {
    type Results = MemberResults;

    fn new_results(&self) -> MemberResults {
        MemberResults::new(&self.request)
    }

    fn job(&self, _ctx: &Ctx) -> Job {
        Job::MemberChannels {
            request: self.request.clone(),
        }
    }

    fn event(event: JobEvent) -> Option<MemberEvent> {
        match event {
            JobEvent::Member(event) => Some(*event),
            _ => None,
        }
    }
}

impl TableKind for MemberChannels {
    type Extra = NoExtra;

    const MODE: Mode = Mode::Member;
    const REPORT: ReportKind = ReportKind::Member;
    const WORDS: &'static Words = keys::WORDS;
    const COLUMNS: &'static [Column] = &[
        Column {
            heading: "Channel",
            width: 24,
        },
        Column {
            heading: "Type",
            width: 8,
        },
    ];

    fn bindings() -> &'static [Binding<MemberScreen, Action<NoExtra>>] {
        keys::BINDINGS
    }

    /// The channel's lookup for the member, as the run made it: with the
    /// member as bearer.
    fn target(&self, channel_arn: &str) -> Target {
        Target {
            channel_arn: channel_arn.to_string(),
            bearer_arn: self.request.member_arn.clone(),
            member_arn: self.request.member_arn.clone(),
        }
    }

    fn extra(_table: &mut MemberScreen, action: NoExtra, _ctx: &mut Ctx) -> Reply {
        match action {}
    }

    /// As `member` reports it: the member, its name once read, and the
    /// admin who listed, if one did.
    fn report(table: &MemberScreen, mut subject: Subject) -> Report {
        subject.member_arn = Some(table.source.request.member_arn.clone());
        subject.member_name = table.results.name().map(str::to_string);
        subject.bearer_arn = table.source.admin_arn.clone();
        Report {
            subject,
            body: Body::Member(Box::new(table.results.clone())),
        }
    }

    /// The member, and the admin who listed its channels if one did
    /// (`member` reports the lister as its bearer).
    fn from_subject(subject: &Subject, _results: &MemberResults) -> Result<Self, String> {
        let member_arn = Captured::required(subject.member_arn.as_deref(), "MemberArn")?;
        let member = arn::parse_member(member_arn, Field::Member)
            .map_err(|p| format!("the report's member ARN {}", p.message))?;
        let admin_arn = subject.bearer_arn.clone().or(subject.admin_arn.clone());
        let lister = admin_arn.clone().unwrap_or_else(|| member.raw.clone());
        Ok(MemberChannels {
            request: MemberRequest::new(&member, lister),
            admin_arn,
        })
    }

    fn live(&self, ctx: &mut Ctx) -> Result<(MemberScreen, Vec<Effect>), String> {
        MemberScreen::open(&self.request.member_arn, self.admin_arn.as_deref(), ctx)
    }

    fn parties(&self) -> Parties<'_> {
        Parties {
            member: Some(&self.request.member_arn),
            bearer: Some(&self.request.lister_arn),
            channel: None,
        }
    }

    fn region(&self, client: &ClientInfo) -> Option<String> {
        client.region_for(&self.request.member_arn).ok()
    }

    /// The member's name once known, else its id.
    fn name(table: &MemberScreen) -> String {
        let arn = table.member_arn();
        let id = arn.rsplit('/').next().unwrap_or(arn);
        sanitize::line(table.results.name().unwrap_or(id)).into_owned()
    }

    fn tag(&self) -> &'static str {
        if self.admin_arn.is_some() {
            " (listed by the admin)"
        } else {
            ""
        }
    }

    fn speed(table: &MemberScreen) -> Option<String> {
        let r = &table.results;
        match (table.running, r.listing()) {
            (true, Listing::Complete) => Some(member::time_left(r.summary().pending, r.pace())),
            (true, _) => Some(format!("{:.0}/s per bearer", r.pace())),
            _ => None,
        }
    }

    fn listed_as(&self) -> String {
        self.request.lister_arn.clone()
    }

    fn advice(&self, err: &CallError) -> Vec<String> {
        if err.operation == Operation::ListChannelMembershipsForAppInstanceUser
            && self.admin_arn.is_none()
        {
            vec!["The member lists its own channels; to list as an AppInstanceAdmin, set [aws] admin_arn in the config or start with --admin-arn, then press u again.".to_string()]
        } else {
            Vec::new()
        }
    }

    fn cells(&self, row: &ChannelRow, theme: &Theme) -> Vec<(String, Style)> {
        let name = row
            .name()
            .or_else(|| row.arn().map(|a| a.rsplit('/').next().unwrap_or(a)))
            .unwrap_or("(no name)");
        let kind = row.channel.kind.as_ref().map(|k| k.as_wire()).unwrap_or("");
        vec![
            (sanitize::line(name).into_owned(), Style::new()),
            (sanitize::line(kind).into_owned(), theme.dim()),
        ]
    }

    fn split(area: Rect) -> (Rect, Rect) {
        view::split(area)
    }

    fn render_side(table: &MemberScreen, frame: &mut Frame, area: Rect, view: &ViewCtx) {
        view::devices_pane(frame, area, table, view);
    }

    fn header_lines(
        table: &MemberScreen,
        columns: usize,
        narrow: bool,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        view::header_lines(table, columns, narrow, theme)
    }

    fn below_rows(table: &MemberScreen, rows: usize, narrow: bool) -> usize {
        view::devices_below(table, rows, narrow)
    }

    fn below_lines(
        table: &MemberScreen,
        rows: usize,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        view::devices_section(table, rows, width, theme)
    }
}
