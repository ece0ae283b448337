//! Command-line interface. Flag names follow the AWS CLI.
//!
//! Each sub-command lists only the flags it honours (see [`settings_args`]).
//! The setting flags may also come before the sub-command, as with the AWS
//! CLI; [`Cli::settings`] merges both places and refuses a flag the
//! sub-command would ignore.

use clap::{Parser, Subcommand};

mod demo_args;
mod diagnose_args;
mod diff_args;
mod docs_args;
mod filter_args;
pub(crate) mod help_text;
mod lookup_args;
mod member_args;
mod open_args;
mod scan_args;
mod settings_args;

pub use demo_args::{DemoArgs, ServeDemoArgs};
pub use diagnose_args::{DiagnoseArgs, DiagnoseFormat};
pub use diff_args::{DiffArgs, DiffFormat};
pub use docs_args::{CompletionsArgs, ManArgs};
pub use filter_args::{FilterCheckArgs, FilterCommand};
pub use lookup_args::{GetArgs, TargetArgs, TuiArgs};
pub use member_args::MemberArgs;
pub use open_args::OpenArgs;
pub use scan_args::{ScanArgs, ScanFormat};
pub use settings_args::{AwsArgs, CallArgs, ConfigArg, GlobalArgs, LogArg};

use settings_args::{Before, Honoured, merge};

#[derive(Debug, Parser)]
#[command(
    name = "chime-prefs",
    version,
    about = "Inspect and explain Amazon Chime SDK channel membership push-notification preferences",
    long_about = "Inspect and explain Amazon Chime SDK channel membership push-notification \
preferences (GetChannelMembershipPreferences). Read-only: chime-prefs never calls a mutating API.\n\n\
With no sub-command, opens the interactive TUI; with --channel-arn and --member-arn it fills \
the form and fetches at once, as `chime-prefs tui` does.",
    after_help = help_text::TOP_AFTER_HELP
)]
pub struct Cli {
    /// The TUI's flags: for `chime-prefs` alone, or the settings before a
    /// sub-command.
    #[command(flatten)]
    pub top: TuiArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up one member's push preferences on a channel (scriptable)
    #[command(after_help = help_text::ENVIRONMENT)]
    Get(GetArgs),
    /// Open the interactive inspector (the default)
    #[command(after_help = help_text::ENVIRONMENT)]
    Tui(TuiArgs),
    /// Start the embedded demo service and open the TUI against it (no AWS account needed)
    Demo(DemoArgs),
    /// Run the embedded demo service in the foreground
    ServeDemo(ServeDemoArgs),
    /// Work with FilterRules offline
    #[command(subcommand)]
    Filter(FilterCommand),
    /// Read every member's push preferences on a channel
    #[command(after_help = help_text::ENVIRONMENT)]
    Scan(ScanArgs),
    /// Would a message reach this member's phone? Checks every link of the push path
    #[command(after_help = diagnose_args::DIAGNOSE_AFTER_HELP)]
    Diagnose(DiagnoseArgs),
    /// Every channel of one member: its push preferences on each, and its devices
    #[command(after_help = member_args::MEMBER_AFTER_HELP)]
    Member(MemberArgs),
    /// Open a saved report in the TUI, offline, on the screen it came from (r runs it live)
    #[command(after_help = open_args::OPEN_AFTER_HELP)]
    Open(OpenArgs),
    /// What changed between two saved reports: a check now failing, a device gone INACTIVE, a preference changed
    #[command(after_help = diff_args::DIFF_AFTER_HELP)]
    Diff(DiffArgs),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    #[command(after_help = "\
Install, for example:
  bash:  chime-prefs completions bash > ~/.local/share/bash-completion/completions/chime-prefs
  zsh:   chime-prefs completions zsh > ~/.zfunc/_chime-prefs   (with fpath+=~/.zfunc)
  fish:  chime-prefs completions fish > ~/.config/fish/completions/chime-prefs.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command with --out-dir
    #[command(after_help = "Read it with: chime-prefs man | man -l -")]
    Man(ManArgs),
}

impl Command {
    /// As typed after `chime-prefs`, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Get(_) => "get",
            Command::Tui(_) => "tui",
            Command::Demo(_) => "demo",
            Command::ServeDemo(_) => "serve-demo",
            Command::Filter(FilterCommand::Check(_)) => "filter check",
            Command::Scan(_) => "scan",
            Command::Diagnose(_) => "diagnose",
            Command::Member(_) => "member",
            Command::Open(_) => "open",
            Command::Diff(_) => "diff",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }

    /// True for the commands that take over the terminal.
    pub fn is_tui(&self) -> bool {
        matches!(self, Command::Tui(_) | Command::Demo(_) | Command::Open(_))
    }

    /// The setting groups this command honours.
    fn honoured(&self) -> Honoured<'_> {
        match self {
            Command::Get(a) => Honoured {
                aws: Some(&a.aws),
                call: Some(&a.call),
                config: Some(&a.config),
                log: Some(&a.log),
            },
            Command::Scan(a) => Honoured {
                aws: Some(&a.aws),
                call: Some(&a.call),
                config: Some(&a.config),
                log: Some(&a.log),
            },
            Command::Diagnose(a) => Honoured {
                aws: Some(&a.aws),
                call: Some(&a.call),
                config: Some(&a.config),
                log: Some(&a.log),
            },
            Command::Member(a) => Honoured {
                aws: Some(&a.aws),
                call: Some(&a.call),
                config: Some(&a.config),
                log: Some(&a.log),
            },
            Command::Open(a) => Honoured {
                aws: Some(&a.aws),
                call: Some(&a.call),
                config: Some(&a.config),
                log: Some(&a.log),
            },
            Command::Tui(a) => honoured_by_tui(a),
            Command::Demo(a) => Honoured {
                aws: None,
                call: Some(&a.call),
                config: Some(&a.config),
                log: Some(&a.log),
            },
            Command::ServeDemo(a) => Honoured {
                log: Some(&a.log),
                ..Honoured::default()
            },
            Command::Filter(_) | Command::Diff(_) | Command::Completions(_) | Command::Man(_) => {
                Honoured::default()
            }
        }
    }

    /// Why a group of flags does not apply, said after "does not apply to ...".
    fn why_not(&self) -> &'static str {
        match self {
            Command::Demo(_) => {
                ": the demo always calls its own embedded service, with its own region and credentials"
            }
            Command::ServeDemo(_) => ": it serves calls and makes none",
            Command::Filter(_) => ": it works offline and makes no AWS call",
            Command::Diff(_) => ": it compares two saved reports and makes no AWS call",
            _ => "",
        }
    }
}

fn honoured_by_tui(a: &TuiArgs) -> Honoured<'_> {
    Honoured {
        aws: Some(&a.aws),
        call: Some(&a.call),
        config: Some(&a.config),
        log: Some(&a.log),
    }
}

impl Cli {
    /// The settings of the command to run: each flag from after the
    /// sub-command, else from before it. A flag given before a sub-command
    /// that does not honour it is an error message (exit 2), not ignored.
    pub fn settings(&self) -> Result<GlobalArgs, String> {
        let before = Before {
            aws: &self.top.aws,
            call: &self.top.call,
            config: &self.top.config,
            log: &self.top.log,
        };
        let Some(command) = &self.command else {
            return merge(before, honoured_by_tui(&TuiArgs::default()))
                .map_err(|flag| flag.to_string());
        };
        if !self.top.target.is_empty() && !matches!(command, Command::Tui(_)) {
            let placement = match command {
                Command::Get(_) | Command::Scan(_) | Command::Diagnose(_) => format!(
                    "; give the ARNs after the sub-command: chime-prefs {} --channel-arn ...",
                    command.name()
                ),
                Command::Member(_) => {
                    "; give the ARN after the sub-command: chime-prefs member --member-arn ..."
                        .to_string()
                }
                _ => String::new(),
            };
            return Err(format!(
                "--channel-arn, --member-arn and --bearer-arn before a sub-command are for the \
                 TUI and do not apply to `chime-prefs {}`{placement}",
                command.name()
            ));
        }
        if self.top.no_history && !matches!(command, Command::Tui(_)) {
            let why = match command {
                Command::Demo(_) => ": the demo never reads or writes the history",
                _ => ": only the TUI keeps a history",
            };
            return Err(format!(
                "--no-history does not apply to `chime-prefs {}`{why}",
                command.name()
            ));
        }
        merge(before, command.honoured()).map_err(|flag| {
            format!(
                "{flag} does not apply to `chime-prefs {}`{}",
                command.name(),
                command.why_not()
            )
        })
    }

    /// The TUI's prefilled lookup: `chime-prefs --channel-arn A ...` and
    /// `chime-prefs tui --channel-arn A ...` give the same.
    pub fn tui_target(&self) -> TargetArgs {
        match &self.command {
            Some(Command::Tui(args)) => args.target.or(&self.top.target),
            _ => self.top.target.clone(),
        }
    }

    /// `--no-history`, given to `tui` or to `chime-prefs` alone.
    pub fn no_history(&self) -> bool {
        self.top.no_history || matches!(&self.command, Some(Command::Tui(args)) if args.no_history)
    }

    /// True when the command to run takes over the terminal.
    pub fn runs_tui(&self) -> bool {
        self.command.as_ref().is_none_or(Command::is_tui)
    }

    /// Whether the command writes logs (and so honours `CHIME_PREFS_LOG`).
    pub fn logs(&self) -> bool {
        self.command
            .as_ref()
            .is_none_or(|c| c.honoured().log.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CH: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
    const ALICE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/alice";

    fn parse(args: &[&str]) -> Cli {
        let mut all = vec!["chime-prefs"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    #[test]
    fn the_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn no_sub_command_with_arns_is_the_tui_prefilled() {
        let bare = parse(&["--channel-arn", CH, "--member-arn", ALICE, "--profile", "p"]);
        let tui = parse(&[
            "tui",
            "--channel-arn",
            CH,
            "--member-arn",
            ALICE,
            "--profile",
            "p",
        ]);
        let mixed = parse(&[
            "--profile",
            "p",
            "tui",
            "--channel-arn",
            CH,
            "--member-arn",
            ALICE,
        ]);
        assert!(bare.command.is_none() && bare.runs_tui());
        for cli in [&tui, &mixed] {
            assert_eq!(cli.tui_target(), bare.tui_target());
            assert_eq!(cli.settings(), bare.settings());
        }
        assert_eq!(bare.tui_target().channel_arn.as_deref(), Some(CH));
        assert_eq!(bare.settings().map(|g| g.profile), Ok(Some("p".into())));
    }

    #[test]
    fn settings_come_from_either_side_of_the_sub_command_and_after_wins() {
        let cli = parse(&[
            "--region",
            "eu-central-1",
            "--timeout",
            "3",
            "get",
            "--region",
            "us-east-1",
            "--channel-arn",
            CH,
            "--member-arn",
            ALICE,
        ]);
        let settings = cli.settings().expect("settings");
        assert_eq!(settings.region.as_deref(), Some("us-east-1"));
        assert_eq!(settings.timeout, Some(3.0));
    }

    #[test]
    fn a_flag_a_command_would_ignore_is_refused() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["--profile", "p", "demo"],
                "--profile does not apply to `chime-prefs demo`: the demo always calls its own",
            ),
            (
                &[
                    "--endpoint-url",
                    "http://x",
                    "filter",
                    "check",
                    "--rule",
                    "{}",
                ],
                "--endpoint-url does not apply to `chime-prefs filter check`: it works offline",
            ),
            (
                &["--timeout", "1", "serve-demo"],
                "--timeout does not apply to `chime-prefs serve-demo`",
            ),
            (
                &["--log-file", "x", "completions", "bash"],
                "--log-file does not apply to `chime-prefs completions`",
            ),
            (
                &[
                    "--channel-arn",
                    CH,
                    "scan",
                    "--channel-arn",
                    CH,
                    "--bearer-arn",
                    ALICE,
                ],
                "give the ARNs after the sub-command: chime-prefs scan --channel-arn",
            ),
            (
                &["--no-history", "demo"],
                "--no-history does not apply to `chime-prefs demo`: the demo never reads or writes",
            ),
            (
                &["--no-history", "serve-demo"],
                "--no-history does not apply to `chime-prefs serve-demo`: only the TUI",
            ),
        ];
        for (args, words) in cases {
            let err = parse(args).settings().expect_err("refused");
            assert!(err.contains(words), "{args:?}: {err}");
        }
        // Honoured ones pass.
        for args in [
            &["--timeout", "2", "demo"][..],
            &["--log-file", "x", "serve-demo"],
            &["--config", "c.toml", "--log-file", "x", "tui"],
        ] {
            assert!(parse(args).settings().is_ok(), "{args:?}");
        }
    }

    #[test]
    fn no_history_is_for_the_tui_wherever_it_is_given() {
        assert!(!parse(&[]).no_history());
        for args in [
            &["--no-history"][..],
            &["tui", "--no-history"],
            &["--no-history", "tui"],
        ] {
            let cli = parse(args);
            assert!(cli.no_history() && cli.settings().is_ok(), "{args:?}");
        }
        assert!(Cli::try_parse_from(["chime-prefs", "demo", "--no-history"]).is_err());
        assert!(Cli::try_parse_from(["chime-prefs", "get", "--no-history"]).is_err());
    }

    #[test]
    fn each_command_lists_only_the_flags_it_honours() {
        use clap::CommandFactory;
        let cli = Cli::command();
        let longs = |name: &str| -> Vec<String> {
            let mut cmd = cli.clone();
            let mut found = cmd.find_subcommand_mut(name).expect(name).clone();
            if name == "filter" {
                found = found.find_subcommand("check").expect("check").clone();
            }
            found
                .get_arguments()
                .filter_map(|a| a.get_long().map(str::to_string))
                .collect()
        };
        let demo = longs("demo");
        for absent in ["profile", "region", "endpoint-url"] {
            assert!(!demo.iter().any(|l| l == absent), "demo --{absent}");
        }
        assert!(demo.iter().any(|l| l == "timeout"));
        let filter = longs("filter");
        for absent in [
            "profile",
            "region",
            "endpoint-url",
            "timeout",
            "config",
            "log-file",
        ] {
            assert!(
                !filter.iter().any(|l| l == absent),
                "filter check --{absent}"
            );
        }
        let serve = longs("serve-demo");
        assert!(serve.iter().any(|l| l == "log-file"));
        assert!(!serve.iter().any(|l| l == "profile"));
        for name in ["get", "scan", "tui"] {
            let flags = longs(name);
            for present in [
                "profile",
                "region",
                "endpoint-url",
                "timeout",
                "max-attempts",
                "config",
                "log-file",
            ] {
                assert!(flags.iter().any(|l| l == present), "{name} --{present}");
            }
        }
    }
}
