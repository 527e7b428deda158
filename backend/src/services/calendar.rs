//! The programme's calendar day of an instant, in the programme's time
//! zone (a setting). Mainland France is Europe/Paris: UTC+1, and UTC+2 from
//! the last Sunday of March to the last Sunday of October at 01:00 UTC (the
//! EU rule, unchanged since 1996); the overseas zones keep one offset all
//! year. Written here rather than with a time-zone database: these are the
//! zones French programmes run in, and their rules are fixed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use shared_types::{ErrorCode, ProgrammeTimeZone};
use uuid::Uuid;

use crate::db::entities::programme;

fn last_sunday_at_one_utc(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let next_month = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = next_month.pred_opt()?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0)?))
}

/// The offset of Europe/Paris at `at`.
fn paris_offset(at: DateTime<Utc>) -> Duration {
    let year = at.year();
    let summer = match (
        last_sunday_at_one_utc(year, 3),
        last_sunday_at_one_utc(year, 10),
    ) {
        (Some(starts), Some(ends)) => at >= starts && at < ends,
        _ => false,
    };
    Duration::hours(if summer { 2 } else { 1 })
}

/// The offset of `zone` from UTC at `at`.
fn offset(zone: ProgrammeTimeZone, at: DateTime<Utc>) -> Duration {
    match zone.fixed_offset_minutes() {
        Some(minutes) => Duration::minutes(minutes.into()),
        None => paris_offset(at),
    }
}

/// The day and time `at` shows on the programme's clocks.
pub fn programme_time(zone: ProgrammeTimeZone, at: DateTime<Utc>) -> chrono::NaiveDateTime {
    (at + offset(zone, at)).naive_utc()
}

/// The day `at` falls on for the people of the programme.
pub fn programme_day(zone: ProgrammeTimeZone, at: DateTime<Utc>) -> NaiveDate {
    (at + offset(zone, at)).date_naive()
}

/// The programme's time zone (Europe/Paris for a programme not found).
pub async fn zone_of<C: ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
) -> Result<ProgrammeTimeZone, DbErr> {
    Ok(programme::Entity::find_by_id(programme_id)
        .one(conn)
        .await?
        .map(|p| p.time_zone)
        .unwrap_or(ProgrammeTimeZone::EuropeParis))
}

/// The instant `weeks` after `at` at the same time on the programme's
/// clocks: a module at 14:00 stays at 14:00 after summer time starts or
/// ends. A time the clocks skip (02:30 on the last Sunday of March) moves on
/// by the hour skipped; a time they repeat takes its first occurrence.
pub fn weeks_later(zone: ProgrammeTimeZone, at: DateTime<Utc>, weeks: i64) -> DateTime<Utc> {
    if zone.fixed_offset_minutes().is_some() {
        return at + Duration::weeks(weeks);
    }
    from_wall(zone, at + paris_offset(at) + Duration::weeks(weeks))
}

/// The instant the programme's clocks show `wall` (a wall-clock time
/// written as if it were UTC).
fn from_wall(zone: ProgrammeTimeZone, wall: DateTime<Utc>) -> DateTime<Utc> {
    if let Some(minutes) = zone.fixed_offset_minutes() {
        return wall - Duration::minutes(minutes.into());
    }
    let summer = wall - Duration::hours(2);
    if paris_offset(summer) == Duration::hours(2) {
        return summer;
    }
    wall - Duration::hours(1)
}

/// The instant the programme's `day` begins: midnight on its clocks.
/// Reports of days count what happened between two such instants, so that
/// a pickup logged at 23:30 in Paris is counted on its own day.
pub fn start_of_day(zone: ProgrammeTimeZone, day: NaiveDate) -> DateTime<Utc> {
    from_wall(zone, day.and_time(NaiveTime::MIN).and_utc())
}

/// The offset in minutes the programme's clocks keep at New Year, when a
/// year starts: winter time in Paris. A stored instant plus this offset has
/// the programme's calendar year (for counting by year in the database).
pub fn new_year_offset_minutes(zone: ProgrammeTimeZone) -> i64 {
    zone.fixed_offset_minutes().map_or(60, i64::from)
}

/// The programme's clocks and the day it started: what an event's date is
/// checked against.
#[derive(Debug, Clone, Copy)]
pub struct ProgrammeCalendar {
    pub zone: ProgrammeTimeZone,
    /// No event happened before this day.
    pub started_on: NaiveDate,
}

/// The calendar of the programme `programme_id` (Europe/Paris, started
/// today, for a programme not found).
pub async fn of<C: ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
) -> Result<ProgrammeCalendar, DbErr> {
    let found = programme::Entity::find_by_id(programme_id)
        .one(conn)
        .await?;
    let zone = found
        .as_ref()
        .map_or(ProgrammeTimeZone::EuropeParis, |p| p.time_zone);
    let started_on = found.map_or_else(
        || programme_day(zone, Utc::now()),
        |p| p.started_on.unwrap_or(programme_day(zone, p.created_at)),
    );
    Ok(ProgrammeCalendar { zone, started_on })
}

/// When an event happened, and whether it was entered after its day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Happened {
    pub at: DateTime<Utc>,
    /// Entered on a later day than it happened: its history says so.
    pub backdated: bool,
}

impl ProgrammeCalendar {
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        programme_day(self.zone, now)
    }

    /// A day a person gave for something that happened: not to come
    /// (`DATE_IN_FUTURE`), not before the programme (`DATE_BEFORE_PROGRAMME`).
    pub fn check_day(&self, day: NaiveDate, now: DateTime<Utc>) -> Result<(), ErrorCode> {
        if day > self.today(now) {
            return Err(ErrorCode::DateInFuture);
        }
        if day < self.started_on {
            return Err(ErrorCode::DateBeforeProgramme);
        }
        Ok(())
    }

    /// [`check_day`](Self::check_day) for a day with a refusal of its own
    /// when it is still to come (an erasure, a purchase).
    pub fn check_day_or(
        &self,
        day: NaiveDate,
        now: DateTime<Utc>,
        in_future: ErrorCode,
    ) -> Result<(), ErrorCode> {
        self.check_day(day, now).map_err(|code| match code {
            ErrorCode::DateInFuture => in_future,
            other => other,
        })
    }

    /// A step is dated on or after the day of the step it follows
    /// (`DATE_BEFORE_PREVIOUS_STEP`): a receipt after its hand-over. A step
    /// entered later for the same day as the one before it, which happened
    /// after noon, is placed just after it, so that histories keep their order.
    pub fn follows(
        &self,
        previous: Option<DateTime<Utc>>,
        step: Happened,
    ) -> Result<Happened, ErrorCode> {
        let Some(previous) = previous else {
            return Ok(step);
        };
        if programme_day(self.zone, previous) > programme_day(self.zone, step.at) {
            return Err(ErrorCode::DateBeforePreviousStep);
        }
        if step.backdated && step.at <= previous {
            return Ok(Happened {
                at: previous + Duration::milliseconds(1),
                backdated: true,
            });
        }
        Ok(step)
    }

    /// When an event happened, from the day a person says it did: none or
    /// today is now; an earlier day is noon on the programme's clocks, so it
    /// stays that day in every report whatever the zone.
    pub fn happened(
        &self,
        day: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Happened, ErrorCode> {
        let today = self.today(now);
        let day = day.unwrap_or(today);
        self.check_day(day, now)?;
        if day == today {
            return Ok(Happened {
                at: now,
                backdated: false,
            });
        }
        Ok(Happened {
            at: start_of_day(self.zone, day) + Duration::hours(12),
            backdated: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_happens_today_by_default_and_on_an_earlier_day_at_noon() {
        let calendar = ProgrammeCalendar {
            zone: ProgrammeTimeZone::EuropeParis,
            started_on: NaiveDate::from_ymd_opt(2016, 9, 1).expect("a day"),
        };
        let now = utc("2026-12-03T22:30:00Z");
        // 23:30 in Paris: still the 3rd.
        let today = calendar.happened(None, now).expect("today");
        assert_eq!(
            today,
            Happened {
                at: now,
                backdated: false
            }
        );
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        assert_eq!(
            calendar
                .happened(Some(day(2026, 12, 3)), now)
                .expect("today")
                .at,
            now
        );
        let earlier = calendar
            .happened(Some(day(2018, 6, 14)), now)
            .expect("earlier");
        assert_eq!(earlier.at, utc("2018-06-14T10:00:00Z"));
        assert!(earlier.backdated);
        assert_eq!(programme_day(calendar.zone, earlier.at), day(2018, 6, 14));
        assert_eq!(
            calendar.happened(Some(day(2026, 12, 4)), now),
            Err(ErrorCode::DateInFuture)
        );
        assert_eq!(
            calendar.happened(Some(day(2016, 8, 31)), now),
            Err(ErrorCode::DateBeforeProgramme)
        );
        assert!(calendar.happened(Some(day(2016, 9, 1)), now).is_ok());

        // Entered later for the day of the step before, which was at 15:00:
        // just after it; a day before it is refused.
        let before = utc("2018-06-14T13:00:00Z");
        assert_eq!(
            calendar
                .follows(Some(before), earlier)
                .expect("same day")
                .at,
            before + Duration::milliseconds(1)
        );
        assert_eq!(
            calendar.follows(Some(utc("2018-06-15T08:00:00Z")), earlier),
            Err(ErrorCode::DateBeforePreviousStep)
        );
        assert_eq!(
            calendar.follows(Some(utc("2018-06-13T08:00:00Z")), earlier),
            Ok(earlier)
        );
        assert_eq!(calendar.follows(None, earlier), Ok(earlier));
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a valid instant")
            .with_timezone(&Utc)
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a valid day")
    }

    #[test]
    fn late_evening_in_utc_is_already_tomorrow_in_paris() {
        // Winter: 23:30 UTC is 00:30 in Paris.
        assert_eq!(
            programme_day(ProgrammeTimeZone::EuropeParis, utc("2026-01-15T23:30:00Z")),
            day("2026-01-16")
        );
        assert_eq!(
            programme_day(ProgrammeTimeZone::EuropeParis, utc("2026-01-15T22:30:00Z")),
            day("2026-01-15")
        );
        // Summer: 22:30 UTC is 00:30 in Paris.
        assert_eq!(
            programme_day(ProgrammeTimeZone::EuropeParis, utc("2026-07-15T22:30:00Z")),
            day("2026-07-16")
        );
        assert_eq!(
            programme_day(ProgrammeTimeZone::EuropeParis, utc("2026-07-15T21:30:00Z")),
            day("2026-07-15")
        );
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            paris_offset(utc("2026-03-29T00:59:00Z")),
            Duration::hours(1)
        );
        assert_eq!(
            paris_offset(utc("2026-03-29T01:00:00Z")),
            Duration::hours(2)
        );
        assert_eq!(
            paris_offset(utc("2026-10-25T00:59:00Z")),
            Duration::hours(2)
        );
        assert_eq!(
            paris_offset(utc("2026-10-25T01:00:00Z")),
            Duration::hours(1)
        );
    }

    #[test]
    fn a_weekly_module_keeps_its_hour_across_the_change_of_clocks() {
        // 14:00 in Paris on 24 March 2026 (winter), then 31 March (summer).
        let first = utc("2026-03-24T13:00:00Z");
        assert_eq!(weeks_later(ProgrammeTimeZone::EuropeParis, first, 0), first);
        assert_eq!(
            weeks_later(ProgrammeTimeZone::EuropeParis, first, 1),
            utc("2026-03-31T12:00:00Z")
        );
        // And back: 14:00 on 20 October (summer), then 27 October (winter).
        let autumn = utc("2026-10-20T12:00:00Z");
        assert_eq!(
            weeks_later(ProgrammeTimeZone::EuropeParis, autumn, 1),
            utc("2026-10-27T13:00:00Z")
        );
        assert_eq!(
            weeks_later(ProgrammeTimeZone::EuropeParis, autumn, 10),
            utc("2026-12-29T13:00:00Z")
        );
        // 02:30 does not exist on 29 March 2026: 03:30 summer time.
        assert_eq!(
            weeks_later(
                ProgrammeTimeZone::EuropeParis,
                utc("2026-03-22T01:30:00Z"),
                1
            ),
            utc("2026-03-29T01:30:00Z")
        );
        // 02:30 happens twice on 25 October 2026: the first one, summer time.
        assert_eq!(
            weeks_later(
                ProgrammeTimeZone::EuropeParis,
                utc("2026-10-18T00:30:00Z"),
                1
            ),
            utc("2026-10-25T00:30:00Z")
        );
    }

    #[test]
    fn an_overseas_day_keeps_its_offset_all_year() {
        // Réunion is UTC+4: 20:30 UTC is already tomorrow there.
        assert_eq!(
            programme_day(
                ProgrammeTimeZone::IndianReunion,
                utc("2026-01-15T20:30:00Z")
            ),
            day("2026-01-16")
        );
        assert_eq!(
            programme_day(
                ProgrammeTimeZone::PacificTahiti,
                utc("2026-07-15T09:00:00Z")
            ),
            day("2026-07-14")
        );
        let first = utc("2026-03-20T10:00:00Z");
        assert_eq!(
            weeks_later(ProgrammeTimeZone::IndianReunion, first, 2),
            utc("2026-04-03T10:00:00Z")
        );
    }

    #[test]
    fn a_day_starts_at_midnight_on_the_programme_clocks() {
        let paris = ProgrammeTimeZone::EuropeParis;
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
        assert_eq!(
            start_of_day(paris, day("2026-01-15")),
            utc("2026-01-14T23:00:00Z")
        );
        assert_eq!(
            start_of_day(paris, day("2026-07-15")),
            utc("2026-07-14T22:00:00Z")
        );
        // The clocks go forward at 02:00 that Sunday: midnight is still winter time.
        assert_eq!(
            start_of_day(paris, day("2026-03-29")),
            utc("2026-03-28T23:00:00Z")
        );
        assert_eq!(
            start_of_day(paris, day("2026-03-30")),
            utc("2026-03-29T22:00:00Z")
        );
        let late = utc("2026-07-14T21:59:59Z");
        assert_eq!(programme_day(paris, late), day("2026-07-14"));
        assert_eq!(
            programme_day(paris, late + Duration::seconds(1)),
            day("2026-07-15")
        );
    }
}
