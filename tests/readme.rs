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
