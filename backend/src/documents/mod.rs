//! Printable documents (PDF): donor receipts now, labels and certificates later.
//! A small writer of our own: the standard Helvetica fonts, text, lines and
//! boxes are all these documents need, and every PDF reader has those fonts.

pub mod pdf;
