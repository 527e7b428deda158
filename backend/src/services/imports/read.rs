//! A file as tables of cells: XLSX, ODS (and the old XLS) through calamine,
//! CSV as Excel writes it in France (semicolons, Windows-1252 or UTF-8 with
//! a byte-order mark). What cannot be read is a `Finding` about the file.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsx, XlsxError, open_workbook_from_rs};
use chrono::{NaiveDate, NaiveDateTime};
use shared_types::import::{Finding, MAX_ROWS_PER_SHEET, Problem};

/// A cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date (and time) cell of a workbook.
    Moment(NaiveDateTime),
    Bool(bool),
    /// A cell computed by a formula.
    Formula,
}

/// A tab of a workbook, or the whole of a CSV file.
#[derive(Debug)]
pub struct Table {
    pub name: String,
    /// The first row, as text.
    pub headers: Vec<String>,
    /// The rows under it, with the line the spreadsheet shows for each.
    pub rows: Vec<(u32, Vec<Cell>)>,
    /// A header cell merged with its neighbours.
    pub merged_header: bool,
}

fn file_problem(problem: Problem) -> Finding {
    Finding {
        sheet: None,
        line: None,
        column: None,
        problem,
        value: None,
        part: None,
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The tables of the file `bytes` named `file_name`.
pub fn tables(bytes: &[u8], file_name: &str) -> Result<Vec<Table>, Finding> {
    if bytes.starts_with(OLE_MAGIC) {
        // A password-protected XLSX is an OLE container holding the
        // encrypted package; otherwise it is an old XLS workbook.
        return match open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
            Err(XlsxError::Password) => Err(file_problem(Problem::Encrypted)),
            _ => match open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)) {
                Ok(mut workbook) => workbook_tables(&mut workbook, |_, _| Ok(Vec::new())),
                Err(calamine::XlsError::Password) => Err(file_problem(Problem::Encrypted)),
                Err(_) => Err(file_problem(Problem::Corrupt)),
            },
        };
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let is_ods = bytes
            .get(..200)
            .is_some_and(|head| contains(head, b"application/vnd.oasis.opendocument.spreadsheet"));
        if is_ods {
            let mut workbook = open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes))
                .map_err(|_| file_problem(Problem::Corrupt))?;
            return workbook_tables(&mut workbook, |_, _| Ok(Vec::new()));
        }
        let mut workbook = match open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
            Ok(workbook) => workbook,
            Err(XlsxError::Password) => return Err(file_problem(Problem::Encrypted)),
            Err(_) => return Err(file_problem(Problem::Corrupt)),
        };
        return workbook_tables(&mut workbook, |book: &mut Xlsx<_>, name| {
            book.merge_cells_by_sheet_name(name)
                .map(|regions| {
                    regions
                        .into_iter()
                        .map(|d| (d.start, d.end))
                        .collect::<Vec<_>>()
                })
                .map_err(|_| ())
        });
    }
    csv_table(bytes, file_name).map(|table| vec![table])
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

type Regions = Vec<((u32, u32), (u32, u32))>;

fn workbook_tables<'a, R, F>(workbook: &mut R, merged: F) -> Result<Vec<Table>, Finding>
where
    R: Reader<Cursor<&'a [u8]>>,
    F: Fn(&mut R, &str) -> Result<Regions, ()>,
{
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|_| file_problem(Problem::Corrupt))?;
        let Some((top, left)) = range.start() else {
            continue;
        };
        if range.height() > MAX_ROWS_PER_SHEET + 1 {
            return Err(Finding {
                value: Some(MAX_ROWS_PER_SHEET.to_string()),
                ..file_problem(Problem::TooManyRows)
            });
        }
        let mut computed = std::collections::HashSet::new();
        if let Ok(formulas) = workbook.worksheet_formula(&name)
            && let Some((f_top, f_left)) = formulas.start()
        {
            for (row, col, formula) in formulas.used_cells() {
                if !formula.is_empty() {
                    computed.insert((f_top + row as u32, f_left + col as u32));
                }
            }
        }
        let regions = merged(workbook, &name).unwrap_or_default();
        let merged_header = regions
            .iter()
            .any(|(start, end)| start.0 <= top && top <= end.0 && start != end);
        let mut lines = range.rows();
        let Some(header_row) = lines.next() else {
            continue;
        };
        let headers = header_row
            .iter()
            .map(|d| cell_text(&from_data(d)).trim().to_string())
            .collect();
        let mut rows = Vec::new();
        for (index, row) in lines.enumerate() {
            let at_row = top + 1 + index as u32;
            let cells: Vec<Cell> = row
                .iter()
                .enumerate()
                .map(|(col, data)| {
                    if computed.contains(&(at_row, left + col as u32)) {
                        Cell::Formula
                    } else {
                        from_data(data)
                    }
                })
                .collect();
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            rows.push((at_row + 1, cells));
        }
        tables.push(Table {
            name,
            headers,
            rows,
            merged_header,
        });
    }
    Ok(tables)
}

fn csv_table(bytes: &[u8], file_name: &str) -> Result<Table, Finding> {
    let text = decode(bytes).ok_or_else(|| file_problem(Problem::NotSpreadsheet))?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(_)) => return Err(file_problem(Problem::NotSpreadsheet)),
        None => return Err(file_problem(Problem::Empty)),
    };
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let record = record.map_err(|_| file_problem(Problem::NotSpreadsheet))?;
        if rows.len() >= MAX_ROWS_PER_SHEET {
            return Err(Finding {
                value: Some(MAX_ROWS_PER_SHEET.to_string()),
                ..file_problem(Problem::TooManyRows)
            });
        }
        let cells: Vec<Cell> = record
            .iter()
            .map(|text| {
                let text = text.trim();
                if text.is_empty() {
                    Cell::Empty
                } else if text.starts_with('=') && text.len() > 1 {
                    Cell::Formula
                } else {
                    Cell::Text(text.to_string())
                }
            })
            .collect();
        if cells.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        rows.push((index as u32 + 2, cells));
    }
    let name = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .trim_end_matches(".csv")
        .trim_end_matches(".CSV")
        .to_string();
    Ok(Table {
        name,
        headers,
        rows,
        merged_header: false,
    })
}

/// The text of a CSV file: UTF-8 (with or without its byte-order mark), or
/// Windows-1252 as Excel saves "CSV (séparateur : point-virgule)". `None`
/// for bytes that are no text at all (an image, a PDF).
fn decode(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(bytes);
            if had_errors {
                return None;
            }
            text.into_owned()
        }
    };
    // Control characters other than line breaks and tabs: a binary file.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    (controls == 0 && !text.trim().is_empty()).then_some(text)
}

/// A date as people type it in France: `31/12/2019`, `31-12-2019`,
/// `31.12.2019`, `31/12/19`, or ISO `2019-12-31`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    // A date and time written out: keep the day.
    let text = text.split([' ', 'T']).next().unwrap_or(text);
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
    let y: i32 = match y.len() {
        4 => y.parse().ok()?,
        2 => 2000 + y.parse::<i32>().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A number as French cells hold it: `1 234,5`, `12.5`, `7`.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let value: f64 = cleaned.parse().ok()?;
    value.is_finite().then_some(value)
}

/// The text of a header or any cell, for messages.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty | Cell::Formula => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Moment(at) => at.format("%d/%m/%Y").to_string(),
        Cell::Bool(true) => "VRAI".into(),
        Cell::Bool(false) => "FAUX".into(),
    }
}

pub fn from_data(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) if text.trim().is_empty() => Cell::Empty,
        Data::String(text) => Cell::Text(text.trim().to_string()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(at) => at
            .as_datetime()
            .map_or_else(|| Cell::Number(at.as_f64()), Cell::Moment),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(_) => Cell::Formula,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates_and_numbers_are_read() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_day("31/12/2019"), day(2019, 12, 31));
        assert_eq!(parse_day("1/2/19"), day(2019, 2, 1));
        assert_eq!(parse_day("2019-12-31"), day(2019, 12, 31));
        assert_eq!(parse_day("31.12.2019"), day(2019, 12, 31));
        assert_eq!(parse_day("31/02/2019"), None);
        assert_eq!(parse_day("demain"), None);
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("douze"), None);
    }

    #[test]
    fn csv_saved_by_excel_in_france_is_read() {
        let bytes = b"R\xe9f. donateur;Nom\r\nD1;Soci\xe9t\xe9 g\xe9n\xe9rale\r\n;\r\n";
        let table = csv_table(bytes, "donateurs.csv").expect("read");
        assert_eq!(table.headers, ["Réf. donateur", "Nom"]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].0, 2);
        assert_eq!(table.rows[0].1[1], Cell::Text("Société générale".into()));
        assert_eq!(table.name, "donateurs");
        assert!(csv_table(b"\x89PNG\r\n\x1a\n\0\0", "x.csv").is_err());
    }
}
