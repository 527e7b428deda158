//! Matching trained learners with ready devices: how well a device fits a
//! learner (with the reasons, shown to the coordinator), and the optimal
//! assignment over all of them at once (Kuhn–Munkres), not first come, first
//! greedily served.

use serde::{Deserialize, Serialize};

use crate::{Grade, MaterialCategory};

/// What a learner said they would rather have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum DevicePreference {
    Laptop,
    Desktop,
    Any,
}

crate::stored_text!(DevicePreference);

/// Why a pair scores what it scores, for the coordinator to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MatchReason {
    /// The kind the learner asked for.
    PreferredKind,
    /// The learner has no preference.
    AnyKind,
    /// Not the kind asked for (only when nothing better is free).
    OtherKind,
    /// A large screen (15" or more, or a desktop) for particular needs.
    LargeScreenForNeeds,
    /// 8 GB of memory or more, for children's school work.
    MemoryForSchool,
    GradeA,
    GradeB,
    GradeC,
    /// Trained a while ago: first trained, first served.
    LongWait,
}

/// What the score needs to know about a learner.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerNeeds {
    pub preference: DevicePreference,
    pub particular_needs: bool,
    pub children: i32,
    /// Days since the course was completed.
    pub days_waiting: i64,
}

/// What the score needs to know about a device.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceFit {
    pub kind: MaterialCategory,
    pub grade: Option<Grade>,
    pub ram_gb: Option<i32>,
    pub screen_inches: Option<f64>,
}

/// Waiting counts one point a day, up to half a year: enough to decide who
/// gets the scarce devices, never enough to give someone the wrong kind.
const MAX_WAIT_POINTS: i64 = 180;

/// How well `device` fits `learner`, and why.
pub fn score(learner: &LearnerNeeds, device: &DeviceFit) -> (i64, Vec<MatchReason>) {
    let mut points = 0;
    let mut reasons = Vec::new();
    let kind = match device.kind {
        MaterialCategory::Laptop => Some(DevicePreference::Laptop),
        MaterialCategory::Desktop => Some(DevicePreference::Desktop),
        _ => None,
    };
    match (learner.preference, kind) {
        (DevicePreference::Any, _) => {
            points += 200;
            reasons.push(MatchReason::AnyKind);
        }
        (wanted, Some(kind)) if wanted == kind => {
            points += 400;
            reasons.push(MatchReason::PreferredKind);
        }
        _ => reasons.push(MatchReason::OtherKind),
    }
    let large =
        device.kind == MaterialCategory::Desktop || device.screen_inches.is_some_and(|s| s >= 15.0);
    if learner.particular_needs && large {
        points += 150;
        reasons.push(MatchReason::LargeScreenForNeeds);
    }
    if learner.children > 0 && device.ram_gb.is_some_and(|r| r >= 8) {
        points += 80;
        reasons.push(MatchReason::MemoryForSchool);
    }
    match device.grade {
        Some(Grade::A) => {
            points += 60;
            reasons.push(MatchReason::GradeA);
        }
        Some(Grade::B) => {
            points += 40;
            reasons.push(MatchReason::GradeB);
        }
        Some(Grade::C) => {
            points += 20;
            reasons.push(MatchReason::GradeC);
        }
        None => {}
    }
    let wait = learner.days_waiting.clamp(0, MAX_WAIT_POINTS);
    if wait >= 30 {
        reasons.push(MatchReason::LongWait);
    }
    // Everyone gets a base, so that matching anyone beats matching no one.
    (1_000 + points + wait, reasons)
}

/// The assignment of rows to columns with the largest total weight, each
/// row and column used at most once (Kuhn–Munkres with potentials, O(n³)).
/// Answers, for each row, the column it gets (if any).
pub fn best_assignment(weights: &[Vec<i64>]) -> Vec<Option<usize>> {
    let rows = weights.len();
    let columns = weights.first().map_or(0, Vec::len);
    let n = rows.max(columns);
    if n == 0 {
        return vec![None; rows];
    }
    let max = weights.iter().flatten().copied().max().unwrap_or(0);
    // Costs to minimise on a square matrix; padding costs as much as the worst pair.
    let cost = |i: usize, j: usize| -> i64 {
        if i < rows && j < columns {
            max - weights[i][j]
        } else {
            max
        }
    };
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![i64::MAX; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = i64::MAX;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if reduced < minv[j] {
                        minv[j] = reduced;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut result = vec![None; rows];
    for (j, &i) in p.iter().enumerate().skip(1) {
        if i >= 1 && i <= rows && j <= columns {
            result[i - 1] = Some(j - 1);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(weights: &[Vec<i64>], assignment: &[Option<usize>]) -> i64 {
        assignment
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| weights[i][j]))
            .sum()
    }

    /// Every way of giving columns to rows, to check the optimum by brute force.
    fn brute_force(weights: &[Vec<i64>]) -> i64 {
        fn go(weights: &[Vec<i64>], row: usize, used: &mut Vec<bool>) -> i64 {
            if row == weights.len() {
                return 0;
            }
            let mut best = go(weights, row + 1, used);
            for j in 0..used.len() {
                if !used[j] {
                    used[j] = true;
                    best = best.max(weights[row][j] + go(weights, row + 1, used));
                    used[j] = false;
                }
            }
            best
        }
        let columns = weights.first().map_or(0, Vec::len);
        go(weights, 0, &mut vec![false; columns])
    }

    #[test]
    fn the_assignment_is_optimal_where_greedy_is_not() {
        // Row 0 would greedily take column 0 (its best), leaving row 1 badly off.
        let weights = vec![vec![35, 25], vec![55, 5]];
        let assignment = best_assignment(&weights);
        assert_eq!(assignment, vec![Some(1), Some(0)]);
        assert_eq!(total(&weights, &assignment), 80);
    }

    #[test]
    fn rectangular_and_random_cases_match_brute_force() {
        let mut seed: u64 = 42;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 500) as i64
        };
        for (rows, columns) in [(3, 3), (4, 2), (2, 5), (5, 5), (6, 4), (1, 1), (0, 3)] {
            for _ in 0..20 {
                let weights: Vec<Vec<i64>> = (0..rows)
                    .map(|_| (0..columns).map(|_| next()).collect())
                    .collect();
                let assignment = best_assignment(&weights);
                let mut seen = std::collections::HashSet::new();
                for j in assignment.iter().flatten() {
                    assert!(seen.insert(*j), "a column used twice");
                }
                assert_eq!(assignment.iter().flatten().count(), rows.min(columns));
                assert_eq!(total(&weights, &assignment), brute_force(&weights));
            }
        }
    }

    #[test]
    fn scores_explain_themselves() {
        let learner = LearnerNeeds {
            preference: DevicePreference::Laptop,
            particular_needs: true,
            children: 2,
            days_waiting: 45,
        };
        let laptop = DeviceFit {
            kind: MaterialCategory::Laptop,
            grade: Some(Grade::A),
            ram_gb: Some(8),
            screen_inches: Some(15.6),
        };
        let (points, reasons) = score(&learner, &laptop);
        assert_eq!(points, 1_000 + 400 + 150 + 80 + 60 + 45);
        assert_eq!(
            reasons,
            [
                MatchReason::PreferredKind,
                MatchReason::LargeScreenForNeeds,
                MatchReason::MemoryForSchool,
                MatchReason::GradeA,
                MatchReason::LongWait
            ]
        );
        let desktop = DeviceFit {
            kind: MaterialCategory::Desktop,
            grade: Some(Grade::C),
            ram_gb: Some(4),
            screen_inches: None,
        };
        let (other, reasons) = score(&learner, &desktop);
        assert!(other < points);
        assert_eq!(reasons[0], MatchReason::OtherKind);
    }
}
