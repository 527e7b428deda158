//! Deterministic randomness and the words a French programme's records are
//! made of. The same seed gives the same dataset on every run and database,
//! so two runs measure the same thing.

use uuid::Uuid;

/// SplitMix64: tiny, fast, and good enough to spread test data.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1).max(1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A version-4 UUID, like the server's, but reproducible.
    pub fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

pub const CITIES: &[(&str, &str)] = &[
    ("Lyon", "69003"),
    ("Lille", "59000"),
    ("Marseille", "13003"),
    ("Nantes", "44000"),
    ("Rennes", "35000"),
    ("Toulouse", "31000"),
    ("Bordeaux", "33000"),
    ("Strasbourg", "67000"),
    ("Grenoble", "38000"),
    ("Dijon", "21000"),
    ("Rouen", "76000"),
    ("Metz", "57000"),
    ("Brest", "29200"),
    ("Limoges", "87000"),
    ("Amiens", "80000"),
    ("Besançon", "25000"),
    ("Poitiers", "86000"),
    ("Pau", "64000"),
    ("Chambéry", "73000"),
    ("Saint-Denis", "93200"),
];

pub const FIRST_NAMES: &[&str] = &[
    "Fatima", "Jean", "Nadia", "Mohamed", "Sylvie", "Karim", "Monique", "Youssef", "Chantal",
    "Ibrahima", "Brigitte", "Mehdi", "Josiane", "Thierry", "Aïcha", "Patrick", "Samia", "Gérard",
    "Léa", "Mamadou", "Hélène", "Rachid", "Odette", "Dylan",
];

pub const LAST_NAMES: &[&str] = &[
    "Martin", "Benali", "Dupont", "Diallo", "Moreau", "Haddad", "Lefèvre", "Traoré", "Girard",
    "Nguyen", "Roux", "Mansouri", "Fournier", "Kone", "Lambert", "Bonnet", "Cissé", "Mercier",
    "Da Silva", "Perrin",
];

pub const STREETS: &[&str] = &[
    "rue des Lilas",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "allée des Tilleuls",
    "boulevard de la République",
    "rue Pasteur",
    "place du Marché",
    "rue de la Paix",
    "chemin des Vignes",
    "rue Émile Zola",
];

/// Neighbourhoods, the first half priority ones ("quartiers prioritaires").
pub const NEIGHBOURHOODS: &[&str] = &[
    "Les Hauts",
    "Bellevue",
    "Le Biollay",
    "La Source",
    "Les Minguettes",
    "Centre-ville",
    "Le Faubourg",
    "Les Coteaux",
];

/// Brand, model, processor, memory (GB), storage (GB), screen (inches).
pub type Specs = (
    &'static str,
    &'static str,
    &'static str,
    i32,
    i32,
    Option<f64>,
);

pub const LAPTOPS: &[Specs] = &[
    (
        "Dell",
        "Latitude 5490",
        "Intel Core i5-8350U",
        8,
        256,
        Some(14.0),
    ),
    (
        "HP",
        "EliteBook 840 G5",
        "Intel Core i5-8250U",
        8,
        256,
        Some(14.0),
    ),
    (
        "Lenovo",
        "ThinkPad T480",
        "Intel Core i5-8350U",
        16,
        512,
        Some(14.0),
    ),
    (
        "Lenovo",
        "ThinkPad L390",
        "Intel Core i3-8145U",
        8,
        256,
        Some(13.3),
    ),
];

pub const DESKTOPS: &[Specs] = &[
    ("Dell", "OptiPlex 7050", "Intel Core i5-7500", 8, 256, None),
    ("HP", "ProDesk 600 G3", "Intel Core i5-6500", 8, 500, None),
    (
        "Lenovo",
        "ThinkCentre M720q",
        "Intel Core i5-8400T",
        8,
        256,
        None,
    ),
];

pub const TABLETS: &[Specs] = &[
    (
        "Apple",
        "iPad (6e génération)",
        "A10 Fusion",
        2,
        32,
        Some(9.7),
    ),
    (
        "Samsung",
        "Galaxy Tab A 10.1",
        "Exynos 7904",
        3,
        32,
        Some(10.1),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Dice::new(7), Dice::new(7));
        for _ in 0..100 {
            assert_eq!(a.next(), b.next());
        }
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.uuid().get_version_num(), 4);
    }

    #[test]
    fn numbers_stay_in_their_range() {
        let mut dice = Dice::new(1);
        for _ in 0..1_000 {
            assert!((3..=5).contains(&dice.between(3, 5)));
            assert!(dice.below(10) < 10);
        }
        assert_eq!(dice.below(0), 0);
    }
}
