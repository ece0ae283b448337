//! The README documents every key and every flag the program has: the keys
//! table is checked against the keymap, the flags against clap.

use chime_prefs::tui::keymap::KeyDoc;

const README: &str = include_str!("../README.md");

/// The keys table row for a binding: `| keys | where | what |`.
fn row(binding: &KeyDoc) -> String {
    let modes: Vec<&str> = binding.modes.iter().map(|m| m.name()).collect();
    format!(
        "| `{}` | {} | {} |",
        binding.key_names(),
        modes.join(", "),
        binding.help
    )
}

#[test]
fn every_key_is_in_the_readme() {
    let missing: Vec<String> = chime_prefs::tui::key_docs()
        .into_iter()
        .map(row)
        .filter(|r| !README.contains(r.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md lacks these rows of the keys table:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_flag_is_in_the_readme() {
    use clap::CommandFactory;
    let cli = chime_prefs::cli::Cli::command();
    let mut missing = Vec::new();
    let mut check = |cmd: &clap::Command| {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long()
                && !["help", "version"].contains(&long)
                && !README.contains(&format!("`--{long}"))
            {
                missing.push(format!("{} --{long}", cmd.get_name()));
            }
        }
    };
    check(&cli);
    for sub in cli.get_subcommands() {
        check(sub);
        for subsub in sub.get_subcommands() {
            check(subsub);
        }
    }
    assert!(
        missing.is_empty(),
        "README.md does not document: {missing:?}"
    );
}

#[test]
fn the_first_two_commands_are_the_demo_and_the_tests() {
    let commands: Vec<&str> = README
        .lines()
        .filter(|l| l.starts_with("cargo ") || l.starts_with("$ cargo "))
        .take(2)
        .collect();
    assert_eq!(commands, ["cargo run --release -- demo", "cargo test"]);
    let ci = include_str!("../.ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        "CI runs the README's test command"
    );
}

/// Issue 14 §7: the walkthrough says what the demo shows. The TUI's demo
/// passes its AppInstanceAdmin, so mallory's push path stops at `ban`, as
/// the demo's story table says.
#[test]
fn the_walkthroughs_mallory_step_is_what_the_demo_shows() {
    use chime_prefs::demo_service::{ExpectedPush, STORIES};
    let mallory = STORIES
        .iter()
        .find(|s| s.name() == "mallory")
        .expect("mallory's story");
    assert_eq!(mallory.push, ExpectedPush::No("ban"));
    let walkthrough = README
        .split("## Debugging a missing notification")
        .nth(1)
        .expect("the walkthrough");
    assert!(
        walkthrough.contains("mallory gives NO at `ban`"),
        "the walkthrough's mallory step"
    );
    assert!(
        !walkthrough.contains("mallory gives NO at `membership`"),
        "the demo passes its admin: the ban check runs"
    );
}

/// Issue 14 §7: each row of the flags table names every command that takes
/// the flag (`diagnose` takes the AWS options too), and nothing else.
#[test]
fn the_flags_table_names_the_commands_that_take_each_flag() {
    use clap::CommandFactory;
    let cli = chime_prefs::cli::Cli::command();
    let table = README
        .split("## Flags")
        .nth(1)
        .and_then(|s| s.split("Command flags:").next())
        .expect("the flags table");
    let mut rows = 0;
    for row in table.lines().filter(|l| l.starts_with("| `--")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let long = cells[0]
            .trim_start_matches("| `--")
            .split([' ', '`'])
            .next()
            .unwrap_or_default();
        let listed: Vec<&str> = cells
            .last()
            .map(|c| c.trim_end_matches(" |").split(", ").collect())
            .unwrap_or_default();
        let takes: Vec<&str> = cli
            .get_subcommands()
            .filter(|sub| sub.get_arguments().any(|a| a.get_long() == Some(long)))
            .map(|sub| sub.get_name())
            .filter(|name| *name != "help")
            .collect();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort_unstable();
        let mut takes_sorted = takes.clone();
        takes_sorted.sort_unstable();
        assert_eq!(listed_sorted, takes_sorted, "--{long}: {row}");
        rows += 1;
    }
    assert!(rows >= 7, "{table}");
}

/// Issue 14 §7: the configuration section lists every key that
/// config.example.toml documents (`admin_arn` among them).
#[test]
fn the_configuration_section_lists_every_key() {
    let example = include_str!("../config.example.toml");
    let section = README
        .split("## Configuration")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the configuration section");
    let keys = example.lines().filter_map(|line| {
        let line = line.trim_start_matches('#').trim();
        let (key, _) = line.split_once(" = ")?;
        key.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_')
            .then_some(key)
    });
    let mut count = 0;
    for key in keys {
        assert!(
            section.contains(&format!("`{key}`")),
            "{key} missing:\n{section}"
        );
        count += 1;
    }
    assert!(count >= 10);
}
