//! Fitting text into columns: cutting at the end, shortening an ARN in the
//! middle so its resource id stays readable, and cutting a styled line.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

pub use crate::text_fit::{pad, truncate, width};

/// The characters of `text` that fit in the last `max` columns.
fn tail(text: &str, max: usize) -> String {
    let mut used = 0;
    let mut out: Vec<char> = Vec::new();
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// The characters of `text` that fit in the first `max` columns.
fn head(text: &str, max: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// The shortest start of an ARN worth keeping before the "…".
const MIN_HEAD: usize = 4;

/// `text` (an ARN, or the `user/alice` a table shows) in at most `max`
/// columns. When it does not fit, the middle goes and the end stays:
/// `arn:aws:chime:us-east-1…/channel/support`, or `…/user/dave` when
/// little room is left, or the end of the id alone when even that is too
/// wide. The resource id is what tells two ARNs apart.
pub fn shorten_arn(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    // The candidate tails, longest first: "/kind/id", then "/id".
    let slashes: Vec<usize> = text.match_indices('/').map(|(i, _)| i).collect();
    let tails = slashes
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(|&i| &text[i..])
        .filter(|t| t.len() > 1);
    for end in tails {
        let needed = width(end) + 1;
        if needed <= max {
            // A start of two or three characters says nothing: leave it out.
            let room = max - needed;
            let start = if room >= MIN_HEAD {
                head(&text[..text.len() - end.len()], room)
            } else {
                String::new()
            };
            return format!("{start}…{end}");
        }
    }
    format!("…{}", tail(text, max - 1))
}

/// Cut a line's spans to `width` columns, with "…" where cut.
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            spans.push(span);
        } else {
            let cut = truncate(&span.content, width.saturating_sub(used));
            spans.push(Span::styled(cut, span.style));
            break;
        }
    }
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHANNEL: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/channel/support";
    const DAVE: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/demo/user/dave";

    #[test]
    fn an_arn_that_fits_is_untouched() {
        assert_eq!(shorten_arn(CHANNEL, 200), CHANNEL);
        assert_eq!(shorten_arn(CHANNEL, CHANNEL.len()), CHANNEL);
    }

    #[test]
    fn the_middle_goes_and_the_resource_id_stays() {
        assert_eq!(
            shorten_arn(CHANNEL, 40),
            "arn:aws:chime:us-east-1…/channel/support"
        );
        assert_eq!(shorten_arn(DAVE, 30), "arn:aws:chime:us-ea…/user/dave");
        assert_eq!(shorten_arn(DAVE, 11), "…/user/dave");
        assert_eq!(shorten_arn(DAVE, 7), "…/dave");
        assert_eq!(shorten_arn(DAVE, 4), "…ave");
        assert_eq!(
            shorten_arn("user/filtered-no-rule", 20),
            "…/filtered-no-rule"
        );
        assert_eq!(shorten_arn(DAVE, 0), "");
    }

    proptest! {
        #[test]
        fn shortened_text_fits_and_keeps_its_end(text in "[a-z:/.-]{0,80}", max in 1usize..90) {
            let short = shorten_arn(&text, max);
            prop_assert!(width(&short) <= max, "{short:?}");
            if width(&text) <= max {
                prop_assert_eq!(&short, &text);
            } else {
                let kept = short.rsplit('…').next().unwrap_or("");
                prop_assert!(text.ends_with(kept), "{short:?} of {text:?}");
            }
        }
    }
}
