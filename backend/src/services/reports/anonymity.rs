//! The pseudonymised learners export made k-anonymous: a pseudonym alone
//! does not protect anyone when the rest of the row (age band, gender,
//! neighbourhood, dates) points to one person, so every combination of
//! the exported columns must be shared by at least `K` people.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::{
    LearnerLine,
    documents::{gender_fr, prescriber_fr},
};

/// Each combination of exported values is held by at least this many rows.
pub const K: usize = 5;

/// Generalise first while it costs at most this share of the rows (in
/// percent); past the last step, rows are withheld whatever it costs.
const MAX_WITHHELD_PERCENT: usize = 10;

/// The columns that can single a person out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    AgeBand,
    Gender,
    PriorityNeighbourhood,
    Prescriber,
    Status,
    CompletedOn,
    InstalledOn,
}

/// How coarse the export is: each step keeps the previous ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    /// Dates as months, age bands as recorded.
    Months,
    /// Two age bands: up to 40, over 40.
    WideAges,
    /// Dates as years.
    Years,
    NoPrescriber,
    NoDates,
    NoAge,
    NoNeighbourhood,
}

const STEPS: [Step; 7] = [
    Step::Months,
    Step::WideAges,
    Step::Years,
    Step::NoPrescriber,
    Step::NoDates,
    Step::NoAge,
    Step::NoNeighbourhood,
];

/// What is exported: the columns kept, one row of values per person kept.
#[derive(Debug, Clone)]
pub struct Anonymised {
    pub columns: Vec<Column>,
    pub rows: Vec<(String, Vec<String>)>,
    /// What was done, in words, for the file's header (French / English).
    pub note: String,
}

fn columns(step: Step) -> Vec<Column> {
    use Column::*;
    [
        AgeBand,
        Gender,
        PriorityNeighbourhood,
        Prescriber,
        Status,
        CompletedOn,
        InstalledOn,
    ]
    .into_iter()
    .filter(|c| match c {
        Prescriber => step < Step::NoPrescriber,
        CompletedOn | InstalledOn => step < Step::NoDates,
        AgeBand => step < Step::NoAge,
        PriorityNeighbourhood => step < Step::NoNeighbourhood,
        Gender | Status => true,
    })
    .collect()
}

fn wide(band: &str) -> &'static str {
    match band {
        "16-25" | "26-40" => "16-40",
        _ => "41+",
    }
}

fn date(day: Option<NaiveDate>, step: Step) -> String {
    match day {
        None => String::new(),
        Some(d) if step < Step::Years => format!("{}-{:02}", d.year(), d.month()),
        Some(d) => d.year().to_string(),
    }
}

fn values(line: &LearnerLine, step: Step) -> Vec<String> {
    columns(step)
        .into_iter()
        .map(|c| match c {
            Column::AgeBand => match line.age_band {
                Some(b) if step >= Step::WideAges => wide(b).to_string(),
                Some(b) => b.to_string(),
                None => String::new(),
            },
            Column::Gender => gender_fr(line.gender).to_string(),
            Column::PriorityNeighbourhood => {
                if line.priority_neighbourhood {
                    "oui / yes".to_string()
                } else {
                    "non / no".to_string()
                }
            }
            Column::Prescriber => prescriber_fr(line.prescriber_kind).to_string(),
            Column::Status => super::documents::status_fr(line.status).to_string(),
            Column::CompletedOn => date(line.completed_on, step),
            Column::InstalledOn => date(line.installed_on, step),
        })
        .collect()
}

/// The rule of the learners export: the least generalisation that withholds
/// at most a tenth of the rows, then every row whose combination of values
/// is shared by fewer than `K` people withheld.
pub fn k_anonymous(lines: &[LearnerLine]) -> Anonymised {
    let at = |step: Step| {
        let rows: Vec<Vec<String>> = lines.iter().map(|l| values(l, step)).collect();
        let mut groups: HashMap<&Vec<String>, usize> = HashMap::new();
        for row in &rows {
            *groups.entry(row).or_default() += 1;
        }
        let keep: Vec<bool> = rows.iter().map(|r| groups[r] >= K).collect();
        (rows, keep)
    };
    let mut chosen = None;
    for step in STEPS {
        let (rows, keep) = at(step);
        let withheld = keep.iter().filter(|k| !**k).count();
        if withheld * 100 <= MAX_WITHHELD_PERCENT * lines.len() || step == Step::NoNeighbourhood {
            chosen = Some((step, rows, keep, withheld));
            break;
        }
    }
    let Some((step, rows, keep, withheld)) = chosen else {
        return Anonymised {
            columns: columns(Step::NoNeighbourhood),
            rows: Vec::new(),
            note: String::new(),
        };
    };
    let mut done: Vec<&str> = vec!["dates au mois / dates as months"];
    if step >= Step::WideAges {
        done.push("âges en deux tranches / two age bands");
    }
    if step >= Step::Years {
        done[0] = "dates à l'année / dates as years";
    }
    if step >= Step::NoPrescriber {
        done.push("sans prescripteur / referrer dropped");
    }
    if step >= Step::NoDates {
        done.retain(|d| !d.starts_with("dates"));
        done.push("sans dates / dates dropped");
    }
    if step >= Step::NoAge {
        done.retain(|d| !d.starts_with("âges"));
        done.push("sans âge / age dropped");
    }
    if step >= Step::NoNeighbourhood {
        done.push("sans quartier prioritaire / priority neighbourhood dropped");
    }
    // French takes the singular up to one, English only for one.
    let (fr, en) = match withheld {
        0 | 1 => ("ligne retirée", if withheld == 1 { "row" } else { "rows" }),
        _ => ("lignes retirées", "rows"),
    };
    let note = format!(
        "k-anonymat, k = {K} : {} ; {withheld} {fr} / k-anonymity, k = {K}: {withheld} {en} withheld",
        done.join(", ")
    );
    Anonymised {
        columns: columns(step),
        rows: lines
            .iter()
            .zip(rows)
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|((line, row), _)| (line.pseudonym.clone(), row))
            .collect(),
        note,
    }
}

#[cfg(test)]
mod tests {
    use shared_types::{Gender, PrescriberKind, ReferralStatus};

    use super::*;

    fn line(n: usize, age: &'static str, gender: Gender, priority: bool) -> LearnerLine {
        LearnerLine {
            pseudonym: format!("L-{n:04}"),
            age_band: Some(age),
            gender,
            priority_neighbourhood: priority,
            prescriber_kind: [
                PrescriberKind::JobCentre,
                PrescriberKind::SocialCentre,
                PrescriberKind::Other,
            ][n % 3],
            status: ReferralStatus::Completed,
            completed_on: NaiveDate::from_ymd_opt(2018, 1 + (n % 12) as u32, 1 + (n % 27) as u32),
            installed_on: None,
        }
    }

    fn assert_k(out: &Anonymised) {
        let mut groups: HashMap<&Vec<String>, usize> = HashMap::new();
        for (_, row) in &out.rows {
            *groups.entry(row).or_default() += 1;
        }
        for (row, n) in groups {
            assert!(n >= K, "{row:?} is held by {n} people only");
        }
    }

    #[test]
    fn every_exported_combination_holds_five_people() {
        // A programme's year: mostly women aged 41-60 from priority
        // neighbourhoods, and the one man over 61.
        let mut lines: Vec<LearnerLine> = (0..60)
            .map(|n| {
                let age = ["26-40", "41-60", "41-60", "16-25"][n % 4];
                let gender = [Gender::Woman, Gender::Woman, Gender::Man][n % 3];
                line(n, age, gender, n % 17 != 0)
            })
            .collect();
        lines.push(line(60, "61+", Gender::Man, true));
        let out = k_anonymous(&lines);
        assert_k(&out);
        assert!(
            out.rows.len() * 100 >= lines.len() * (100 - MAX_WITHHELD_PERCENT),
            "at most a tenth withheld: {} of {}",
            out.rows.len(),
            lines.len()
        );
        assert!(
            !out.rows.iter().any(|(p, _)| p == "L-0060") || out.columns.len() < 7,
            "the one 61+ man is not exported as he is"
        );
        assert!(out.note.contains("k = 5"), "{}", out.note);
    }

    #[test]
    fn a_crowd_keeps_its_columns_and_a_handful_is_withheld() {
        let crowd: Vec<LearnerLine> = (0..10)
            .map(|n| LearnerLine {
                completed_on: NaiveDate::from_ymd_opt(2018, 3, 2),
                ..line(n * 3, "41-60", Gender::Woman, true)
            })
            .collect();
        let out = k_anonymous(&crowd);
        assert_eq!(out.columns.len(), 7, "nothing to generalise");
        assert_eq!(out.rows.len(), 10);
        assert_eq!(out.rows[0].1[5], "2018-03", "dates are months");
        let few: Vec<LearnerLine> = (0..4)
            .map(|n| line(n, "41-60", Gender::Man, true))
            .collect();
        let out = k_anonymous(&few);
        assert!(
            out.rows.is_empty(),
            "four people cannot hide among themselves"
        );
        assert!(out.note.contains("4 lignes retirées"), "{}", out.note);
    }
}
