//! Pickups: what a collection agent takes from a donor, and the limits a
//! form and the server both hold it to.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// The kinds of material counted at a pickup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
pub enum MaterialCategory {
    Desktop,
    Laptop,
    Screen,
    Printer,
    Phone,
    Tablet,
    /// Keyboards, mice, cables, docking stations…
    Other,
}

crate::stored_text!(MaterialCategory);

impl MaterialCategory {
    /// The French name, as on the screen and on printed receipts.
    pub fn label_fr(self) -> &'static str {
        match self {
            MaterialCategory::Desktop => "Ordinateurs fixes",
            MaterialCategory::Laptop => "Ordinateurs portables",
            MaterialCategory::Screen => "Écrans",
            MaterialCategory::Printer => "Imprimantes",
            MaterialCategory::Phone => "Téléphones",
            MaterialCategory::Tablet => "Tablettes",
            MaterialCategory::Other => "Périphériques et autres",
        }
    }
}

/// Where a pickup stands. A pickup is planned ahead (scheduled) or logged
/// after the fact (collected at once).
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
pub enum PickupStatus {
    Scheduled,
    Collected,
    Cancelled,
}

crate::stored_text!(PickupStatus);

pub const MAX_COUNT_PER_CATEGORY: i64 = 1_000;
/// A full van; one pickup weighing more is a typo.
pub const MAX_WEIGHT_GRAMS: i64 = 3_000_000;
/// No piece of computer equipment weighs more than this on average (a big
/// laser printer is about 30 kg).
pub const MAX_AVERAGE_GRAMS_PER_ITEM: i64 = 60_000;
pub const MAX_SERIAL_CHARS: usize = 64;
pub const MAX_PHOTOS: usize = 8;
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
/// Photos are shrunk on the phone so their longer side is at most this.
pub const PHOTO_MAX_SIDE: u32 = 1600;
pub const MAX_NOTES_CHARS: usize = 2_000;
pub const MAX_ADDRESS_CHARS: usize = 240;

/// The signature pad's drawing area; strokes are points inside it.
pub const SIGNATURE_WIDTH: i32 = 600;
pub const SIGNATURE_HEIGHT: i32 = 240;
pub const MAX_SIGNATURE_POINTS: usize = 4_000;

/// How many items of one category were taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::SimpleObject, async_graphql::InputObject),
    graphql(input_name = "MaterialCountInput")
)]
pub struct MaterialCount {
    pub category: MaterialCategory,
    pub count: i64,
}

/// An item's serial number or asset tag, noted when it is readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::SimpleObject, async_graphql::InputObject),
    graphql(input_name = "ItemSerialInput")
)]
pub struct ItemSerial {
    pub category: MaterialCategory,
    pub serial: String,
}

/// Reads a weight typed in kilograms, with a comma or a point ("12,5"), as grams.
pub fn parse_weight_kg(text: &str) -> Result<i64, ErrorCode> {
    let text = text.trim().replace(',', ".").replace(' ', "");
    let text = text.strip_suffix("kg").unwrap_or(&text).trim();
    if text.is_empty() {
        return Err(ErrorCode::WeightRequired);
    }
    if text.starts_with('-') {
        return Err(ErrorCode::WeightNotPositive);
    }
    let kg: f64 = text.parse().map_err(|_| ErrorCode::WeightRequired)?;
    weight_grams(kg)
}

/// Kilograms as sent on the wire to whole grams, refusing what no pickup weighs.
pub fn weight_grams(kg: f64) -> Result<i64, ErrorCode> {
    if !kg.is_finite() {
        return Err(ErrorCode::WeightRequired);
    }
    if kg > (MAX_WEIGHT_GRAMS / 1000) as f64 {
        return Err(ErrorCode::WeightTooLarge);
    }
    let grams = (kg * 1000.0).round() as i64;
    if grams <= 0 {
        return Err(ErrorCode::WeightNotPositive);
    }
    Ok(grams)
}

/// Trims the serials, drops empty ones, and keeps their order.
pub fn clean_serials(serials: &[ItemSerial]) -> Vec<ItemSerial> {
    serials
        .iter()
        .map(|s| ItemSerial {
            category: s.category,
            serial: s.serial.trim().to_string(),
        })
        .filter(|s| !s.serial.is_empty())
        .collect()
}

/// The rules on what a collected pickup lists: counts, serials and weight together.
pub fn check_material(
    counts: &[MaterialCount],
    serials: &[ItemSerial],
    weight_grams: i64,
) -> Result<(), ErrorCode> {
    let mut total = 0;
    for (i, count) in counts.iter().enumerate() {
        // One row per category is stored: a second one would be summed by
        // nobody and refused by the database's unique key.
        if counts[..i].iter().any(|c| c.category == count.category) {
            return Err(ErrorCode::CategoryListedTwice);
        }
        if count.count < 0 {
            return Err(ErrorCode::CountNegative);
        }
        if count.count > MAX_COUNT_PER_CATEGORY {
            return Err(ErrorCode::CountTooLarge);
        }
        total += count.count;
    }
    if total == 0 {
        return Err(ErrorCode::NothingCollected);
    }
    if weight_grams <= 0 {
        return Err(ErrorCode::WeightNotPositive);
    }
    if weight_grams > MAX_WEIGHT_GRAMS {
        return Err(ErrorCode::WeightTooLarge);
    }
    if weight_grams > total * MAX_AVERAGE_GRAMS_PER_ITEM {
        return Err(ErrorCode::WeightImplausible);
    }
    for serial in serials {
        if serial.serial.chars().count() > MAX_SERIAL_CHARS {
            return Err(ErrorCode::SerialTooLong);
        }
    }
    for category in MaterialCategory::ALL {
        let counted: i64 = counts
            .iter()
            .filter(|c| c.category == *category)
            .map(|c| c.count)
            .sum();
        let noted = serials.iter().filter(|s| s.category == *category).count() as i64;
        if noted > counted {
            return Err(ErrorCode::TooManySerials);
        }
    }
    Ok(())
}

/// Material a refurbisher recycled from a batch in bulk, counted and
/// weighed without a device record per item (a pallet of old screens, a
/// crate of cables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::InputObject),
    graphql(name = "BulkRecyclingInput")
)]
#[serde(rename_all = "camelCase")]
pub struct BulkRecycling {
    pub category: MaterialCategory,
    /// How many items; 0 when only weighed (cables, parts).
    pub count: i64,
    pub weight_kg: f64,
}

/// At most this much is written in one bulk recycling entry; more is a typo.
pub const MAX_BULK_RECYCLING_GRAMS: i64 = 3_000_000;

impl BulkRecycling {
    /// The weight in grams, as stored.
    pub fn weight_grams(&self) -> i64 {
        (self.weight_kg * 1000.0).round() as i64
    }

    /// The rules on one entry: a count in range, a weight above zero and
    /// plausible for that many items.
    pub fn check(&self) -> Result<(), ErrorCode> {
        if self.count < 0 {
            return Err(ErrorCode::CountNegative);
        }
        if self.count > MAX_COUNT_PER_CATEGORY {
            return Err(ErrorCode::CountTooLarge);
        }
        let grams = self.weight_grams();
        if !self.weight_kg.is_finite() || grams <= 0 {
            return Err(ErrorCode::WeightNotPositive);
        }
        if grams > MAX_BULK_RECYCLING_GRAMS {
            return Err(ErrorCode::RecyclingWeightTooLarge);
        }
        if self.count > 0 && grams > self.count * MAX_AVERAGE_GRAMS_PER_ITEM {
            return Err(ErrorCode::WeightImplausible);
        }
        Ok(())
    }
}

/// A signature as drawn: strokes of points `[x0, y0, x1, y1, …]` inside the pad.
pub fn check_signature(strokes: &[Vec<i32>]) -> Result<(), ErrorCode> {
    let mut points = 0;
    for stroke in strokes {
        if stroke.len() % 2 != 0 || stroke.is_empty() {
            return Err(ErrorCode::SignatureInvalid);
        }
        for point in stroke.chunks(2) {
            if !(0..=SIGNATURE_WIDTH).contains(&point[0])
                || !(0..=SIGNATURE_HEIGHT).contains(&point[1])
            {
                return Err(ErrorCode::SignatureInvalid);
            }
        }
        points += stroke.len() / 2;
    }
    if points > MAX_SIGNATURE_POINTS {
        return Err(ErrorCode::SignatureInvalid);
    }
    Ok(())
}

/// Latitude and longitude in degrees, accuracy in metres.
pub fn check_location(
    latitude: f64,
    longitude: f64,
    accuracy: Option<f64>,
) -> Result<(), ErrorCode> {
    let valid = (-90.0..=90.0).contains(&latitude)
        && (-180.0..=180.0).contains(&longitude)
        && accuracy.is_none_or(|a| a.is_finite() && a >= 0.0);
    if valid {
        Ok(())
    } else {
        Err(ErrorCode::LocationInvalid)
    }
}

/// Free text (address, notes) within its limit, or `TEXT_TOO_LONG`.
pub fn check_length(text: &str, max_chars: usize) -> Result<(), ErrorCode> {
    if text.chars().count() > max_chars {
        Err(ErrorCode::TextTooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(MaterialCategory, i64)]) -> Vec<MaterialCount> {
        pairs
            .iter()
            .map(|(category, count)| MaterialCount {
                category: *category,
                count: *count,
            })
            .collect()
    }

    #[test]
    fn weights_typed_the_french_way() {
        assert_eq!(parse_weight_kg("12,5"), Ok(12_500));
        assert_eq!(parse_weight_kg(" 40 kg"), Ok(40_000));
        assert_eq!(parse_weight_kg("0.2"), Ok(200));
        assert_eq!(parse_weight_kg(""), Err(ErrorCode::WeightRequired));
        assert_eq!(parse_weight_kg("abc"), Err(ErrorCode::WeightRequired));
        assert_eq!(parse_weight_kg("-3"), Err(ErrorCode::WeightNotPositive));
        assert_eq!(parse_weight_kg("0"), Err(ErrorCode::WeightNotPositive));
        assert_eq!(parse_weight_kg("10000"), Err(ErrorCode::WeightTooLarge));
        assert_eq!(weight_grams(f64::NAN), Err(ErrorCode::WeightRequired));
    }

    #[test]
    fn material_rules() {
        use MaterialCategory::*;
        assert_eq!(check_material(&counts(&[(Laptop, 3)]), &[], 7_000), Ok(()));
        assert_eq!(
            check_material(&counts(&[(Laptop, 0)]), &[], 7_000),
            Err(ErrorCode::NothingCollected)
        );
        assert_eq!(
            check_material(&counts(&[(Laptop, -1), (Desktop, 4)]), &[], 7_000),
            Err(ErrorCode::CountNegative)
        );
        assert_eq!(
            check_material(&counts(&[(Screen, 1_001)]), &[], 7_000),
            Err(ErrorCode::CountTooLarge)
        );
        assert_eq!(
            check_material(&counts(&[(Phone, 2)]), &[], 121_000),
            Err(ErrorCode::WeightImplausible)
        );
        assert_eq!(
            check_material(&counts(&[(Desktop, 500)]), &[], 10_000_000),
            Err(ErrorCode::WeightTooLarge)
        );
        let serials = vec![
            ItemSerial {
                category: Laptop,
                serial: "A1".into(),
            },
            ItemSerial {
                category: Laptop,
                serial: "A2".into(),
            },
        ];
        assert_eq!(
            check_material(&counts(&[(Laptop, 1), (Desktop, 5)]), &serials, 20_000),
            Err(ErrorCode::TooManySerials)
        );
        assert_eq!(
            check_material(&counts(&[(Laptop, 2)]), &serials, 5_000),
            Ok(())
        );
        assert_eq!(
            check_material(
                &counts(&[(Laptop, 2), (Screen, 1), (Laptop, 1)]),
                &[],
                9_000
            ),
            Err(ErrorCode::CategoryListedTwice)
        );
        assert_eq!(
            check_material(&counts(&[(Laptop, 0), (Laptop, 3)]), &[], 9_000),
            Err(ErrorCode::CategoryListedTwice)
        );
    }

    #[test]
    fn signatures_stay_on_the_pad() {
        assert_eq!(check_signature(&[vec![0, 0, 600, 240]]), Ok(()));
        assert_eq!(check_signature(&[]), Ok(()));
        assert_eq!(
            check_signature(&[vec![1, 2, 3]]),
            Err(ErrorCode::SignatureInvalid)
        );
        assert_eq!(
            check_signature(&[vec![601, 0]]),
            Err(ErrorCode::SignatureInvalid)
        );
        assert_eq!(
            check_signature(&[vec![1; 2 * (MAX_SIGNATURE_POINTS + 1)]]),
            Err(ErrorCode::SignatureInvalid)
        );
    }

    #[test]
    fn locations() {
        assert_eq!(check_location(45.57, 5.92, Some(12.0)), Ok(()));
        assert_eq!(
            check_location(91.0, 5.92, None),
            Err(ErrorCode::LocationInvalid)
        );
        assert_eq!(
            check_location(45.0, 5.0, Some(-1.0)),
            Err(ErrorCode::LocationInvalid)
        );
    }
}
