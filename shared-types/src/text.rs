//! Text helpers both sides need to agree on.

use std::borrow::Cow;

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::ErrorCode;

/// The one normalisation every text the server is sent goes through: the
/// same bytes are then stored on SQLite and PostgreSQL (which refuses NUL
/// outright), and nothing typed displays as something else.
///
/// Control characters are refused but for tab and line breaks (multi-line
/// notes); bidirectional overrides and isolates are refused because they
/// make "fdp.exe" read "exe.pdf". What is kept is put in NFC, so an "é"
/// typed on a Mac and on Windows is the same text.
pub fn normalise(text: &str) -> Result<Cow<'_, str>, ErrorCode> {
    if text.chars().any(is_refused) {
        return Err(ErrorCode::TextCharacterNotAllowed);
    }
    if is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        Ok(Cow::Borrowed(text))
    } else {
        Ok(Cow::Owned(text.nfc().collect()))
    }
}

fn is_refused(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Invisible characters that change no reading of a word, so a comparison
/// must not see them ("Alpes" with a zero-width space inside is "Alpes").
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// The letter under the accents of `c` when that letter is Latin-1 ("Ș"
/// gives "S", "ő" gives "o"), for outputs that cannot show `c` itself.
pub fn base_letter(c: char) -> Option<char> {
    match c {
        'Ł' => return Some('L'),
        'ł' => return Some('l'),
        'Đ' => return Some('D'),
        'đ' => return Some('d'),
        _ => {}
    }
    let base = c.to_string().nfd().next()?;
    (base != c && (base as u32) <= 0xff).then_some(base)
}

/// Lower-cases and strips French (and common Latin) accents and punctuation
/// so that "Chambéry", "chambery" and "CHAMBERY " find the same donor.
/// Composed and decomposed accents fold alike, and invisible characters are
/// dropped rather than read as a word break.
pub fn search_key(text: &str) -> String {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text
        .nfc()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
    {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_alphanumeric() => {
                word.push(c);
                continue;
            }
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                continue;
            }
        };
        word.push_str(folded);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::{normalise, search_key};
    use crate::ErrorCode;

    #[test]
    fn accents_case_and_punctuation_do_not_matter() {
        assert_eq!(
            search_key("Cour d'Appel de Chambéry"),
            "cour d appel de chambery"
        );
        assert_eq!(search_key("  CHAMBERY  "), "chambery");
        assert_eq!(search_key("Œuvre  Sœur"), "oeuvre soeur");
        assert_eq!(search_key("Régie-Plus"), "regie plus");
        assert_eq!(search_key(""), "");
    }

    #[test]
    fn invisible_characters_and_decomposed_accents_compare_alike() {
        assert_eq!(
            search_key("Al\u{200B}pes Re\u{FEFF}cyclage"),
            "alpes recyclage"
        );
        assert_eq!(search_key("Chambe\u{301}ry"), "chambery");
        assert_eq!(search_key("Chambe\u{301}ry"), search_key("Chambéry"));
    }

    #[test]
    fn controls_and_direction_overrides_are_refused_and_the_rest_is_nfc() {
        for bad in [
            "a\0b",
            "\u{1B}[31m",
            "\u{7F}",
            "\u{85}",
            "fdp\u{202E}exe.pdf",
            "\u{202A}x",
            "\u{2066}x\u{2069}",
        ] {
            assert_eq!(
                normalise(bad),
                Err(ErrorCode::TextCharacterNotAllowed),
                "{bad:?}"
            );
        }
        assert_eq!(
            normalise("ligne 1\nligne 2\r\n\tfin").as_deref(),
            Ok("ligne 1\nligne 2\r\n\tfin")
        );
        assert_eq!(normalise("Chambe\u{301}ry").as_deref(), Ok("Chambéry"));
        assert!(matches!(
            normalise("Chambéry"),
            Ok(std::borrow::Cow::Borrowed(_))
        ));
        assert_eq!(normalise("👩\u{200D}💻").as_deref(), Ok("👩\u{200D}💻"));
    }
}
