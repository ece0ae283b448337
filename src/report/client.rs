//! A subject and the client settings of its run, both ways: the command
//! fills the subject from the settings it called with, and a report shown
//! later (reopened, saved, copied) prints its AWS CLI commands with the
//! same `--profile` and `--endpoint-url` from the subject.

use crate::aws::ClientInfo;
use crate::explain::Context;
use crate::operation::Service;

use super::ReportKind;

use super::Subject;

impl Subject {
    /// The run's region, profile and endpoint, from the settings the
    /// calls were made with. The endpoint is kept only when it is not
    /// AWS's own: the general `--endpoint-url`, else the one messaging
    /// calls went to.
    pub fn with_run(mut self, info: &ClientInfo, region: &str) -> Subject {
        self.region = Some(region.to_string());
        self.profile = info.profile.clone();
        self.endpoint_url = info.endpoint_url.clone().or_else(|| {
            info.endpoint_urls
                .get(Service::Messaging)
                .map(str::to_string)
        });
        self
    }

    /// Client settings that print the report's commands as its run would
    /// have: its profile, and its endpoint URL for every service.
    ///
    /// The region is not a `--region` flag here: the calls went to the
    /// ARN's region, which every printed `aws` command names (the reader's
    /// own AWS configuration is not known, so `--region` is always said).
    pub fn client_info(&self) -> ClientInfo {
        let mut info = ClientInfo {
            profile: self.profile.clone(),
            endpoint_url: self.endpoint_url.clone(),
            ..ClientInfo::default()
        };
        for service in Service::ALL {
            info.endpoint_urls.set(service, self.endpoint_url.clone());
        }
        info.endpoint = match &self.endpoint_url {
            Some(url) => url.clone(),
            None => format!("{}, in the ARN's region", info.aws_variant()),
        };
        info
    }
}

impl Subject {
    /// The values explanations and printed commands are filled from, as
    /// the command that made the report filled them: `info` is the run's
    /// settings (the live clients', or [`Subject::client_info`] for a
    /// report read back). Each call's bearer is the member, but for the
    /// listings `scan` and `member` made as their bearer.
    pub fn context<'a>(&'a self, info: &'a ClientInfo) -> Context<'a> {
        let member = self.member_arn.as_deref();
        let bearer = match self.kind {
            ReportKind::Diagnose => member,
            ReportKind::Member => self.bearer_arn.as_deref().or(member),
            ReportKind::Scan => self.bearer_arn.as_deref(),
        };
        Context {
            profile: self.profile.as_deref(),
            region: self.region.as_deref(),
            member,
            bearer,
            channel: self.channel_arn.as_deref(),
            run: Some(info),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportKind;

    #[test]
    fn the_run_goes_into_the_subject_and_back_into_printed_commands() {
        let mut info = ClientInfo {
            profile: Some("support".into()),
            aws_cli_region: Some("us-east-1".into()),
            ..ClientInfo::default()
        };
        info.endpoint_urls.messaging = Some("http://127.0.0.1:4566".into());
        let subject = Subject::new(ReportKind::Scan, std::time::SystemTime::UNIX_EPOCH)
            .with_run(&info, "us-east-1");
        assert_eq!(subject.region.as_deref(), Some("us-east-1"));
        assert_eq!(subject.profile.as_deref(), Some("support"));
        assert_eq!(
            subject.endpoint_url.as_deref(),
            Some("http://127.0.0.1:4566")
        );
        let back = subject.client_info();
        assert_eq!(back.profile.as_deref(), Some("support"));
        assert_eq!(
            back.endpoint_urls.get(Service::Identity),
            Some("http://127.0.0.1:4566")
        );
        let command = crate::aws_cli_command::get_command(
            &back,
            "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support",
            "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/bob",
        );
        assert!(
            command.contains("--profile support") && command.contains("--endpoint-url"),
            "{command}"
        );

        let real = Subject::new(ReportKind::Scan, std::time::SystemTime::UNIX_EPOCH)
            .with_run(&ClientInfo::default(), "eu-central-1");
        assert_eq!(real.endpoint_url, None, "AWS's own endpoint is not named");
        assert!(real.client_info().endpoint_urls.messaging.is_none());
    }

    #[test]
    fn the_context_has_the_bearer_each_command_called_with() {
        let info = ClientInfo::default();
        let at = std::time::SystemTime::UNIX_EPOCH;
        let mut s = Subject::new(ReportKind::Diagnose, at);
        s.member_arn = Some("m".into());
        s.channel_arn = Some("c".into());
        s.admin_arn = Some("a".into());
        s.region = Some("us-east-1".into());
        let ctx = s.context(&info);
        assert_eq!(
            (ctx.member, ctx.bearer, ctx.channel),
            (Some("m"), Some("m"), Some("c"))
        );
        assert_eq!(ctx.region, Some("us-east-1"));
        let mut s = Subject::new(ReportKind::Member, at);
        s.member_arn = Some("m".into());
        assert_eq!(
            s.context(&info).bearer,
            Some("m"),
            "the member lists its own"
        );
        s.bearer_arn = Some("admin".into());
        assert_eq!(s.context(&info).bearer, Some("admin"));
        let mut s = Subject::new(ReportKind::Scan, at);
        s.channel_arn = Some("c".into());
        s.bearer_arn = Some("b".into());
        let ctx = s.context(&info);
        assert_eq!((ctx.member, ctx.bearer), (None, Some("b")));
    }
}
