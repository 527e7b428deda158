//! `--name value` options and `--flag` switches, read once.

use std::collections::HashMap;
use std::path::PathBuf;

pub struct Args {
    values: HashMap<String, String>,
    flags: Vec<String>,
}

/// Switches that take no value.
const FLAGS: &[&str] = &["--quick"];

impl Args {
    pub fn parse(argv: impl IntoIterator<Item = String>) -> Result<Args, String> {
        let mut values = HashMap::new();
        let mut flags = Vec::new();
        let mut argv = argv.into_iter();
        while let Some(name) = argv.next() {
            if !name.starts_with("--") {
                return Err(format!("unexpected `{name}`"));
            }
            if FLAGS.contains(&name.as_str()) {
                flags.push(name);
                continue;
            }
            let value = argv.next().ok_or(format!("`{name}` needs a value"))?;
            values.insert(name, value);
        }
        Ok(Args { values, flags })
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    pub fn value(&self, name: &str) -> Result<&str, String> {
        self.values
            .get(name)
            .map(String::as_str)
            .ok_or(format!("`{name}` is required"))
    }

    pub fn path(&self, name: &str) -> Result<PathBuf, String> {
        self.value(name).map(PathBuf::from)
    }

    pub fn number(&self, name: &str) -> Result<u64, String> {
        let value = self.value(name)?;
        value
            .parse()
            .map_err(|_| format!("`{name}` expects a number, got `{value}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Result<Args, String> {
        Args::parse(words.iter().map(|w| w.to_string()))
    }

    #[test]
    fn reads_values_and_flags() {
        let args = parse(&["--seconds", "10", "--quick", "--out", "a.json"]).expect("parses");
        assert_eq!(args.number("--seconds"), Ok(10));
        assert!(args.flag("--quick"));
        assert_eq!(args.value("--out"), Ok("a.json"));
        assert!(args.value("--url").is_err());
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(parse(&["--out"]).is_err());
        assert!(parse(&["stray"]).is_err());
        let args = parse(&["--seconds", "ten"]).expect("parses");
        assert!(args.number("--seconds").is_err());
    }
}
