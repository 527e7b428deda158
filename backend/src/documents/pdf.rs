//! A minimal PDF 1.4 writer: A4 pages, Helvetica (regular and bold) in
//! WinAnsi encoding, lines, polylines and rectangles. Content streams are
//! left uncompressed: documents are small, and tests can read their text.

use std::fmt::Write as _;

pub const A4_WIDTH: f32 = 595.0;
pub const A4_HEIGHT: f32 = 842.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "/F1",
            Font::Bold => "/F2",
        }
    }
}

/// One page's drawing operations, in points from the bottom-left corner.
#[derive(Default)]
pub struct Page {
    ops: Vec<u8>,
}

impl Page {
    fn op(&mut self, text: &str) {
        self.ops.extend_from_slice(text.as_bytes());
        self.ops.push(b'\n');
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, font: Font, text: &str) {
        self.op(&format!(
            "BT {} {size:.1} Tf {x:.2} {y:.2} Td",
            font.resource()
        ));
        self.ops.push(b'(');
        self.ops.extend(escape(&win_ansi(text)));
        self.ops.extend_from_slice(b") Tj ET\n");
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.polyline(&[from, to], width);
    }

    pub fn polyline(&mut self, points: &[(f32, f32)], width: f32) {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        let mut path = format!("{width:.2} w 1 J 1 j {:.2} {:.2} m", first.0, first.1);
        if rest.is_empty() {
            // A dot: a zero-length segment with round caps draws it.
            let _ = write!(path, " {:.2} {:.2} l", first.0, first.1);
        }
        for (x, y) in rest {
            let _ = write!(path, " {x:.2} {y:.2} l");
        }
        path.push_str(" S");
        self.op(&path);
    }

    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, line_width: f32) {
        self.op(&format!(
            "{line_width:.2} w {x:.2} {y:.2} {width:.2} {height:.2} re S"
        ));
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.op(&format!("{x:.2} {y:.2} {width:.2} {height:.2} re f"));
    }
}

/// A document being written, page by page.
pub struct Document {
    title: String,
    pages: Vec<Page>,
}

impl Document {
    pub fn new(title: &str) -> Document {
        Document {
            title: title.to_string(),
            pages: Vec::new(),
        }
    }

    pub fn add_page(&mut self) -> &mut Page {
        self.pages.push(Page::default());
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The page being drawn (a first one is added if there is none).
    pub fn last_page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn finish(self) -> Vec<u8> {
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        let mut object = |out: &mut Vec<u8>, body: &[u8]| {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        };
        // Objects 1–5 are fixed; each page then takes a page and a content object.
        let page_ids: Vec<usize> = (0..self.pages.len()).map(|i| 6 + 2 * i).collect();
        object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
        let kids = page_ids
            .iter()
            .map(|id| format!("{id} 0 R"))
            .collect::<Vec<_>>()
            .join(" ");
        object(
            &mut out,
            format!(
                "<< /Type /Pages /Kids [{kids}] /Count {} >>",
                self.pages.len()
            )
            .as_bytes(),
        );
        object(
            &mut out,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        );
        object(
            &mut out,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        );
        let mut info = b"<< /Producer (Passerelle) /Title (".to_vec();
        info.extend(escape(&win_ansi(&self.title)));
        info.extend_from_slice(b") >>");
        object(&mut out, &info);
        for (page, id) in self.pages.iter().zip(&page_ids) {
            object(
                &mut out,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4_WIDTH} {A4_HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    id + 1
                )
                .as_bytes(),
            );
            let mut stream = format!("<< /Length {} >>\nstream\n", page.ops.len()).into_bytes();
            stream.extend_from_slice(&page.ops);
            stream.extend_from_slice(b"endstream");
            object(&mut out, &stream);
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
        for offset in &offsets {
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        );
        out.extend_from_slice(table.as_bytes());
        out
    }
}

/// Text in the standard fonts' WinAnsi (Windows-1252) encoding. What it
/// cannot show is written the nearest way it can: an arrow as "->", a
/// letter of another Latin alphabet without its accent ("Ș" as "S"); only a
/// character with no such reading becomes '?'.
pub fn win_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let byte = match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u8,
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            'Œ' => 0x8c,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'œ' => 0x9c,
            'Ÿ' => 0x9f,
            '\u{202f}' | '\u{2009}' | '\u{2007}' | '\u{200a}' => 0xa0,
            '‐' | '‑' | '−' => b'-',
            '→' => {
                out.extend_from_slice(b"->");
                continue;
            }
            '←' => {
                out.extend_from_slice(b"<-");
                continue;
            }
            '≤' => {
                out.extend_from_slice(b"<=");
                continue;
            }
            '≥' => {
                out.extend_from_slice(b">=");
                continue;
            }
            _ => shared_types::text::base_letter(c).map_or(b'?', |b| b as u8),
        };
        out.push(byte);
    }
    out
}

fn escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// Roughly how wide Helvetica sets `text` at `size`: good enough to wrap and
/// right-align short lines without the font's metrics.
pub fn approximate_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.52
}

/// Splits `text` into lines that fit `width` points at `size`.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let max_chars = ((width / (size * 0.52)) as usize).max(8);
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max_chars {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// Writes top to bottom with margins, starting a new page when one is full.
pub struct Flow {
    pub doc: Document,
    pub y: f32,
    pub margin: f32,
}

impl Flow {
    pub fn new(title: &str) -> Flow {
        let mut doc = Document::new(title);
        doc.add_page();
        Flow {
            doc,
            y: A4_HEIGHT - 56.0,
            margin: 56.0,
        }
    }

    pub fn page(&mut self) -> &mut Page {
        self.doc.last_page()
    }

    /// Makes room for `height` points, on a new page if needed.
    pub fn reserve(&mut self, height: f32) {
        if self.y - height < self.margin {
            self.doc.add_page();
            self.y = A4_HEIGHT - self.margin;
        }
    }

    /// A paragraph, wrapped to the page width.
    pub fn paragraph(&mut self, text: &str, size: f32, font: Font) {
        let width = A4_WIDTH - 2.0 * self.margin;
        for line in wrap(text, size, width) {
            self.reserve(size * 1.4);
            self.y -= size * 1.4;
            let (x, y) = (self.margin, self.y);
            self.page().text(x, y, size, font, &line);
        }
    }

    /// A label on the left and its value beside it.
    /// A label and its value side by side; a long label wraps in its own
    /// column instead of running over the value.
    pub fn field(&mut self, label: &str, value: &str) {
        let size = 10.5;
        let width = A4_WIDTH - 2.0 * self.margin - 150.0;
        let lines = wrap(value, size, width);
        // Bold letters are wider: the label's column keeps a margin.
        let labels = wrap(label, size * 1.1, 140.0);
        let rows = lines.len().max(labels.len()).max(1);
        self.reserve(size * 1.5 + size * 1.4 * (rows - 1) as f32);
        self.y -= size * 1.5;
        let (x, top) = (self.margin, self.y);
        for (i, line) in labels.iter().enumerate() {
            let y = top - size * 1.4 * i as f32;
            self.page().text(x, y, size, Font::Bold, line);
        }
        for (i, line) in lines.iter().enumerate() {
            let y = top - size * 1.4 * i as f32;
            self.page().text(x + 150.0, y, size, Font::Regular, line);
        }
        self.y = top - size * 1.4 * (rows - 1) as f32;
    }

    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    pub fn finish(self) -> Vec<u8> {
        self.doc.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_has_a_consistent_cross_reference_table() {
        let mut flow = Flow::new("Reçu (test)");
        flow.paragraph(
            "Matériel collecté : 3 ordinateurs portables (œuvre)",
            12.0,
            Font::Bold,
        );
        flow.page().polyline(&[(10.0, 10.0), (20.0, 30.0)], 1.0);
        let bytes = flow.finish();
        assert!(bytes.starts_with(b"%PDF-1.4"));
        assert!(bytes.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&bytes);
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|rest| rest.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(bytes[startxref..].starts_with(b"xref"));
        // Every object the table points at starts where it says.
        let table = String::from_utf8_lossy(&bytes[startxref..]);
        for (i, line) in table.lines().skip(3).take(7).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            let expected = format!("{} 0 obj", i + 1);
            assert!(
                bytes[offset..].starts_with(expected.as_bytes()),
                "object {}",
                i + 1
            );
        }
        // Accents in WinAnsi, parentheses escaped.
        assert!(bytes.windows(4).any(|w| w == b"Re\xe7u"));
        assert!(bytes.windows(7).any(|w| w == b"\\(test\\"));
        assert!(bytes.windows(1).any(|w| w == [0x9c]));
    }

    #[test]
    fn characters_outside_win_ansi_are_written_the_nearest_way() {
        assert_eq!(
            win_ansi("formation → installation"),
            b"formation -> installation"
        );
        assert_eq!(win_ansi("Ștefan Łukasz Ő"), b"Stefan Lukasz O");
        assert_eq!(win_ansi("Chambéry"), b"Chamb\xe9ry");
        assert_eq!(win_ansi("合"), b"?");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        let lines = wrap("un deux trois quatre cinq six sept huit", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "un deux trois quatre cinq six sept huit");
    }
}
