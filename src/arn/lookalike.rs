//! Characters that look like the ASCII characters of an ARN but are not:
//! what a paste from a chat, a word processor or a web page brings in.
//!
//! Only characters an ARN can hold matter here (letters, digits and
//! `: / - _ .`), plus the quotes and spaces that come around them.

/// The ASCII character `c` is mistaken for, if it is a known lookalike.
pub fn ascii_lookalike(c: char) -> Option<char> {
    let code = c as u32;
    // Fullwidth forms FF01..FF5E are ASCII 21..7E shifted: ：／－＿．ａ１.
    if (0xFF01..=0xFF5E).contains(&code) {
        return char::from_u32(code - 0xFEE0);
    }
    let ascii = match c {
        // Cyrillic
        'а' => 'a',
        'в' => 'B',
        'е' => 'e',
        'к' => 'k',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'і' => 'i',
        'ј' => 'j',
        'ԁ' => 'd',
        'ӏ' => 'l',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        // Greek
        'α' => 'a',
        'ι' => 'i',
        'ν' => 'v',
        'ο' => 'o',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Dashes and minus signs
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        // Slashes
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => '/',
        // Colons
        '\u{02D0}' | '\u{0589}' | '\u{2236}' | '\u{A789}' | '\u{FE13}' | '\u{FE55}' => ':',
        // Dots
        '\u{2024}' | '\u{FE52}' => '.',
        // Quotes, as smart quotes and primes
        '\u{2018}'..='\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}'..='\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        // Spaces that are not ASCII spaces
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => ' ',
        _ => return None,
    };
    Some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_suspects() {
        let cases = [
            ('а', 'a'),
            ('：', ':'),
            ('／', '/'),
            ('–', '-'),
            ('—', '-'),
            ('“', '"'),
            ('’', '\''),
            ('\u{00A0}', ' '),
            ('ο', 'o'),
            ('１', '1'),
        ];
        for (c, ascii) in cases {
            assert_eq!(ascii_lookalike(c), Some(ascii), "{c:?}");
        }
        for c in ['a', ':', 'é', '東'] {
            assert_eq!(ascii_lookalike(c), None, "{c:?}");
        }
    }

    #[test]
    fn every_lookalike_is_non_ascii_and_maps_to_printable_ascii() {
        for code in 0..=0x10FFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if let Some(ascii) = ascii_lookalike(c) {
                assert!(!c.is_ascii(), "{c:?}");
                assert!(
                    ascii == ' ' || ascii.is_ascii_graphic(),
                    "{c:?} -> {ascii:?}"
                );
            }
        }
    }
}
