//! Copying through OSC 52: the terminal puts the text on the clipboard,
//! which works over SSH too (where the terminal allows it).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The escape sequence that asks the terminal to set the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", STANDARD.encode(text))
}

/// The longest base64 payload sent. Terminals and multiplexers cap an
/// escape sequence, and drop (or cut) a longer one without a word: tmux
/// keeps 1 MiB (`input-buffer-size`), kitty's parser 8 KiB per escape code
/// before its chunked protocol, Termux about 6 KiB, Tabby about 1 KiB.
/// 100,000 bytes for the whole sequence is the limit of hterm and
/// Chromium's `osc52.sh`, and vim-oscyank's default: less the 7 bytes of
/// `ESC ] 52 ; c ;` and the BEL, 99,992 bytes of base64 (74,994 of text).
pub const MAX_PAYLOAD: usize = 99_992;

/// The length of `text` in base64, as OSC 52 sends it.
pub fn payload_len(text: &str) -> usize {
    text.len().div_ceil(3) * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_text_in_base64() {
        assert_eq!(osc52("aws chime"), "\u{1b}]52;c;YXdzIGNoaW1l\u{7}");
    }

    #[test]
    fn the_payload_length_is_the_base64_length() {
        for text in ["", "a", "ab", "abc", "abcd", "chime-prefs ✓"] {
            assert_eq!(payload_len(text), STANDARD.encode(text).len(), "{text}");
        }
        let largest = "x".repeat(74_994);
        assert_eq!(payload_len(&largest), MAX_PAYLOAD);
        assert_eq!(osc52(&largest).len(), 100_000);
    }
}
