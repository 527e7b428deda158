//! A row's cells read by column key, each problem noted where it is: the
//! sheet, the line, the column and the cell's text.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use shared_types::{
    ErrorCode,
    import::{Finding, MAX_PROBLEMS_LISTED, Problem, Sheet, Word, yes_no},
    text,
};

use super::read::{Cell, cell_text, parse_day, parse_number};
use crate::services::calendar::{ProgrammeCalendar, start_of_day};

/// The problems found so far, the first `MAX_PROBLEMS_LISTED` kept.
#[derive(Debug, Default)]
pub struct Findings {
    pub listed: Vec<Finding>,
    pub more: u32,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        if self.listed.len() < MAX_PROBLEMS_LISTED {
            self.listed.push(finding);
        } else {
            self.more += 1;
        }
    }

    pub fn count(&self) -> usize {
        self.listed.len() + self.more as usize
    }
}

/// The clocks a row's dates are read against.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub calendar: ProgrammeCalendar,
    pub now: DateTime<Utc>,
}

impl Clock {
    /// Noon of `day` on the programme's clocks, plus `order` milliseconds so
    /// that steps of one day keep the order of the file.
    pub fn noon(&self, day: NaiveDate, order: i64) -> DateTime<Utc> {
        start_of_day(self.calendar.zone, day) + Duration::hours(12) + Duration::milliseconds(order)
    }
}

pub struct Row<'a> {
    pub sheet: Sheet,
    /// Which tab of the sheet (1 unless it goes on over several).
    pub part: u32,
    pub line: u32,
    cells: &'a [Cell],
    columns: &'a HashMap<&'static str, usize>,
    clock: Clock,
    /// The row's problems so far.
    found: Vec<Finding>,
}

pub const SHORT: usize = 120;
pub const LONG: usize = 2_000;

impl<'a> Row<'a> {
    pub fn new(
        sheet: Sheet,
        part: u32,
        line: u32,
        cells: &'a [Cell],
        columns: &'a HashMap<&'static str, usize>,
        clock: Clock,
    ) -> Row<'a> {
        Row {
            sheet,
            part,
            line,
            cells,
            columns,
            clock,
            found: Vec::new(),
        }
    }

    /// Whether nothing was wrong with the row.
    pub fn sound(&self) -> bool {
        self.found.is_empty()
    }

    /// Hands the row's problems over.
    pub fn finish(self, findings: &mut Findings) {
        for finding in self.found {
            findings.push(finding);
        }
    }

    fn cell(&self, key: &str) -> &Cell {
        self.columns
            .get(key)
            .and_then(|i| self.cells.get(*i))
            .unwrap_or(&Cell::Empty)
    }

    pub fn has(&self, key: &str) -> bool {
        !matches!(self.cell(key), Cell::Empty)
    }

    pub fn flag(&mut self, key: &str, problem: Problem) {
        let value = cell_text(self.cell(key));
        self.flag_with(key, problem, (!value.is_empty()).then_some(value));
    }

    pub fn flag_with(&mut self, key: &str, problem: Problem, value: Option<String>) {
        self.found.push(Finding {
            sheet: Some(self.sheet),
            line: Some(self.line),
            column: Some(key.to_string()),
            problem,
            value,
            part: (self.part > 1).then_some(self.part),
        });
    }

    /// A rule's refusal, its code as the value.
    pub fn refuse(&mut self, key: &str, code: ErrorCode) {
        let problem = match code {
            ErrorCode::DateInFuture => Problem::DateInFuture,
            ErrorCode::DateBeforeProgramme => Problem::DateBeforeProgramme,
            ErrorCode::DateBeforePreviousStep => Problem::DateBeforePreviousStep,
            _ => {
                let text = cell_text(self.cell(key));
                let value = if text.is_empty() {
                    code.as_str().to_string()
                } else {
                    format!("{text} ({})", code.as_str())
                };
                self.flag_with(key, Problem::Invalid, Some(value));
                return;
            }
        };
        self.flag(key, problem);
    }

    pub fn checked<T>(&mut self, key: &str, result: Result<T, ErrorCode>) -> Option<T> {
        result.map_err(|code| self.refuse(key, code)).ok()
    }

    /// A cell's own value: a formula is refused, since its result may
    /// change once the file is opened elsewhere.
    fn value(&mut self, key: &str) -> Option<Cell> {
        match self.cell(key).clone() {
            Cell::Empty => None,
            Cell::Formula => {
                self.flag_with(key, Problem::Formula, None);
                None
            }
            cell => Some(cell),
        }
    }

    pub fn text(&mut self, key: &str, max_chars: usize) -> Option<String> {
        let raw = cell_text(&self.value(key)?);
        let Ok(clean) = text::normalise(raw.trim()) else {
            self.refuse(key, ErrorCode::TextCharacterNotAllowed);
            return None;
        };
        if clean.chars().count() > max_chars {
            self.flag_with(key, Problem::OutOfRange, Some(max_chars.to_string()));
            return None;
        }
        Some(clean.into_owned()).filter(|t| !t.is_empty())
    }

    pub fn required_text(&mut self, key: &str, max_chars: usize) -> Option<String> {
        if !self.has(key) {
            self.flag_with(key, Problem::Required, None);
            return None;
        }
        self.text(key, max_chars)
    }

    fn any_day(&mut self, key: &str) -> Option<NaiveDate> {
        match self.value(key)? {
            Cell::Moment(at) => Some(at.date()),
            Cell::Text(text) => parse_day(&text).or_else(|| {
                self.flag(key, Problem::NotADate);
                None
            }),
            _ => {
                self.flag(key, Problem::NotADate);
                None
            }
        }
    }

    /// The day something happened: not to come, not before the programme.
    pub fn day(&mut self, key: &str) -> Option<NaiveDate> {
        let day = self.any_day(key)?;
        let checked = self.clock.calendar.check_day(day, self.clock.now);
        self.checked(key, checked).map(|_| day)
    }

    pub fn required_day(&mut self, key: &str) -> Option<NaiveDate> {
        if !self.has(key) {
            self.flag_with(key, Problem::Required, None);
            return None;
        }
        self.day(key)
    }

    /// A day planned (a cohort's end): it may be to come, not before the
    /// programme.
    pub fn planned_day(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        if required && !self.has(key) {
            self.flag_with(key, Problem::Required, None);
            return None;
        }
        let day = self.any_day(key)?;
        if day < self.clock.calendar.started_on {
            self.flag(key, Problem::DateBeforeProgramme);
            return None;
        }
        Some(day)
    }

    /// `later` on or after `earlier`, else the later cell is refused.
    pub fn in_order(&mut self, key: &str, earlier: Option<NaiveDate>, later: Option<NaiveDate>) {
        if let (Some(earlier), Some(later)) = (earlier, later)
            && later < earlier
        {
            self.flag(key, Problem::DateBeforePreviousStep);
        }
    }

    pub fn time(&mut self, key: &str) -> Option<NaiveTime> {
        let parsed = match self.value(key)? {
            Cell::Moment(at) => Some(at.time()),
            Cell::Number(fraction) if (0.0..1.0).contains(&fraction) => {
                NaiveTime::from_num_seconds_from_midnight_opt(
                    (fraction * 86_400.0).round() as u32,
                    0,
                )
            }
            Cell::Text(text) => {
                let text = text.trim().to_lowercase().replace('h', ":");
                let text = text.trim_end_matches(':');
                NaiveTime::parse_from_str(text, "%H:%M")
                    .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
                    .or_else(|_| NaiveTime::parse_from_str(&format!("{text}:00"), "%H:%M"))
                    .ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            self.flag(key, Problem::NotATime);
        }
        parsed
    }

    pub fn number(&mut self, key: &str) -> Option<f64> {
        let parsed = match self.value(key)? {
            Cell::Number(n) => Some(n),
            Cell::Text(text) => parse_number(&text),
            _ => None,
        };
        if parsed.is_none() {
            self.flag(key, Problem::NotANumber);
        }
        parsed
    }

    /// A number of `min..=max`, decimals allowed.
    pub fn amount(&mut self, key: &str, min: f64, max: f64) -> Option<f64> {
        let n = self.number(key)?;
        if !(min..=max).contains(&n) {
            self.flag(key, Problem::OutOfRange);
            return None;
        }
        Some(n)
    }

    /// A whole number of `min..=max`.
    pub fn whole(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        let n = self.number(key)?;
        if n.fract() != 0.0 || n < min as f64 || n > max as f64 {
            self.flag(key, Problem::OutOfRange);
            return None;
        }
        Some(n as i64)
    }

    pub fn required_whole(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        if !self.has(key) {
            self.flag_with(key, Problem::Required, None);
            return None;
        }
        self.whole(key, min, max)
    }

    pub fn word<T: Word>(&mut self, key: &str) -> Option<T> {
        let raw = cell_text(&self.value(key)?);
        let found = T::from_word(&raw);
        if found.is_none() {
            self.flag(key, Problem::UnknownWord);
        }
        found
    }

    pub fn required_word<T: Word>(&mut self, key: &str) -> Option<T> {
        if !self.has(key) {
            self.flag_with(key, Problem::Required, None);
            return None;
        }
        self.word(key)
    }

    pub fn yes_no(&mut self, key: &str) -> Option<bool> {
        let found = match self.value(key)? {
            Cell::Bool(b) => Some(b),
            Cell::Number(n) => yes_no(&cell_text(&Cell::Number(n))),
            Cell::Text(text) => yes_no(&text),
            _ => None,
        };
        if found.is_none() {
            self.flag(key, Problem::NotYesNo);
        }
        found
    }
}
