//! The programme's calendar day of an instant. The reference programme and
//! every programme so far are in mainland France, so this is Europe/Paris:
//! UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of
//! October at 01:00 UTC (the EU rule, unchanged since 1996). A time-zone
//! setting per programme will replace the constant when a programme outside
//! it moves in.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

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

/// The day `at` falls on for the people of the programme.
pub fn programme_day(at: DateTime<Utc>) -> NaiveDate {
    (at + paris_offset(at)).date_naive()
}

/// The instant `weeks` after `at` at the same time on the programme's
/// clocks: a module at 14:00 stays at 14:00 after summer time starts or
/// ends. A time the clocks skip (02:30 on the last Sunday of March) moves on
/// by the hour skipped; a time they repeat takes its first occurrence.
pub fn weeks_later(at: DateTime<Utc>, weeks: i64) -> DateTime<Utc> {
    // The wall-clock time, written as if it were UTC.
    let wall = at + paris_offset(at) + Duration::weeks(weeks);
    let summer = wall - Duration::hours(2);
    if paris_offset(summer) == Duration::hours(2) {
        return summer;
    }
    wall - Duration::hours(1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            programme_day(utc("2026-01-15T23:30:00Z")),
            day("2026-01-16")
        );
        assert_eq!(
            programme_day(utc("2026-01-15T22:30:00Z")),
            day("2026-01-15")
        );
        // Summer: 22:30 UTC is 00:30 in Paris.
        assert_eq!(
            programme_day(utc("2026-07-15T22:30:00Z")),
            day("2026-07-16")
        );
        assert_eq!(
            programme_day(utc("2026-07-15T21:30:00Z")),
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
        assert_eq!(weeks_later(first, 0), first);
        assert_eq!(weeks_later(first, 1), utc("2026-03-31T12:00:00Z"));
        // And back: 14:00 on 20 October (summer), then 27 October (winter).
        let autumn = utc("2026-10-20T12:00:00Z");
        assert_eq!(weeks_later(autumn, 1), utc("2026-10-27T13:00:00Z"));
        assert_eq!(weeks_later(autumn, 10), utc("2026-12-29T13:00:00Z"));
        // 02:30 does not exist on 29 March 2026: 03:30 summer time.
        assert_eq!(
            weeks_later(utc("2026-03-22T01:30:00Z"), 1),
            utc("2026-03-29T01:30:00Z")
        );
        // 02:30 happens twice on 25 October 2026: the first one, summer time.
        assert_eq!(
            weeks_later(utc("2026-10-18T00:30:00Z"), 1),
            utc("2026-10-25T00:30:00Z")
        );
    }
}
