//! IAM's wildcards: `*` matches any run of characters (none included), `?`
//! exactly one. Action names compare without case, resources with it.

/// Whether `text` matches `pattern`. Linear in practice and never
/// recursive, so a hostile pattern cannot blow the stack.
pub fn wildcard_match(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let fold = |c: char| {
        if ignore_case {
            c.to_ascii_lowercase()
        } else {
            c
        }
    };
    let p: Vec<char> = pattern.chars().map(fold).collect();
    let t: Vec<char> = text.chars().map(fold).collect();
    let (mut pi, mut ti) = (0, 0);
    // The last `*` seen and the text position it was tried at.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wildcards_as_iam_reads_them() {
        let rows: &[(&str, &str, bool, bool)] = &[
            ("*", "", false, true),
            ("*", "anything", false, true),
            (
                "mobiletargeting:SendMessages",
                "mobiletargeting:SendMessages",
                false,
                true,
            ),
            (
                "mobiletargeting:*",
                "mobiletargeting:SendMessages",
                true,
                true,
            ),
            (
                "mobiletargeting:Send*",
                "mobiletargeting:SendMessages",
                true,
                true,
            ),
            (
                "mobiletargeting:Get*",
                "mobiletargeting:SendMessages",
                true,
                false,
            ),
            (
                "MOBILETARGETING:sendmessages",
                "mobiletargeting:SendMessages",
                true,
                true,
            ),
            (
                "MOBILETARGETING:sendmessages",
                "mobiletargeting:SendMessages",
                false,
                false,
            ),
            ("sts:AssumeRol?", "sts:AssumeRole", true, true),
            ("sts:AssumeRol?", "sts:AssumeRol", true, false),
            ("sts:?ssume*", "sts:AssumeRoleWithSAML", true, true),
            (
                "arn:aws:mobiletargeting:*:*:apps/*",
                "arn:aws:mobiletargeting:us-east-1:1:apps/a/messages",
                false,
                true,
            ),
            (
                "arn:aws:mobiletargeting:*:*:apps/*/messages",
                "arn:aws:mobiletargeting:us-east-1:1:apps/a/messages",
                false,
                true,
            ),
            (
                "arn:aws:mobiletargeting:*:*:apps/ABC/*",
                "arn:aws:mobiletargeting:us-east-1:1:apps/abc/messages",
                false,
                false,
            ),
            ("a*b*c", "aXXbYYc", false, true),
            ("a*b*c", "aXXbYY", false, false),
            ("**", "x", false, true),
            ("", "", false, true),
            ("", "x", false, false),
        ];
        for &(pattern, text, ignore_case, expected) in rows {
            assert_eq!(
                wildcard_match(pattern, text, ignore_case),
                expected,
                "{pattern} ~ {text} (ignore case: {ignore_case})"
            );
        }
    }

    proptest! {
        #[test]
        fn a_text_matches_itself_and_star(text in "[a-zA-Z0-9:/*?-]{0,40}") {
            prop_assert!(wildcard_match("*", &text, false));
            // A pattern with no wildcard matches exactly itself.
            if !text.contains('*') && !text.contains('?') {
                prop_assert!(wildcard_match(&text, &text, false));
            }
        }

        #[test]
        fn long_hostile_patterns_answer(n in 1usize..200) {
            let pattern = "*a".repeat(n) + "b";
            let text = "a".repeat(n * 2);
            prop_assert!(!wildcard_match(&pattern, &text, false));
        }
    }
}
