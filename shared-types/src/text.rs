//! Text helpers both sides need to agree on.

/// Lower-cases and strips French (and common Latin) accents and punctuation
/// so that "Chambéry", "chambery" and "CHAMBERY " find the same donor.
pub fn search_key(text: &str) -> String {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
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
    use super::search_key;

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
}
