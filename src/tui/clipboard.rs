//! Copying through OSC 52: the terminal puts the text on the clipboard,
//! which works over SSH too (where the terminal allows it).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The escape sequence that asks the terminal to set the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", STANDARD.encode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_text_in_base64() {
        assert_eq!(osc52("aws chime"), "\u{1b}]52;c;YXdzIGNoaW1l\u{7}");
    }
}
