//! The receipt of money taken at the door (potwierdzenie wpłaty, issue 11):
//! a short A4 document in Polish with the same font, parties, signature
//! boxes and deterministic rendering as the agreement ([`crate::render`]),
//! signed by the device like it ([`crate::sign`]). It states the amount in
//! figures and in words; the server renders it again from its own facts
//! and compares ([`same_receipt`]).

use crate::document::{deterministic, new_document, pln, Align, Creditor, Pen, BODY, PAGE_W, PT};
use crate::handwriting::Strokes;
use crate::Error;
use chrono::NaiveDate;
use domain::format::{amount_in_words, format_date, format_pln};
use domain::validate::parse_pesel;
use domain::{CaseFile, Money};

/// Everything a receipt states.
#[derive(Debug, Clone, Copy)]
pub struct Receipt<'a> {
    /// Its number, as [`receipt_number`] gives it.
    pub number: &'a str,
    /// The day the money was taken.
    pub date: NaiveDate,
    /// The town where it was taken ([`receipt_place`]).
    pub place: &'a str,
    pub creditor: &'a Creditor,
    /// The advisor who took the money.
    pub advisor: &'a str,
    pub case: &'a CaseFile,
    pub amount: Money,
    /// The client's handwritten signature; blank when the client did not
    /// sign on the pad.
    pub client_signature: &'a Strokes,
}

/// The number of the receipt of the visit report `id` (its mutation id, 16
/// bytes) made on `date`, e.g. "KP/2026/11/8DEE575855" (KP: kasa przyjęła,
/// as Polish cash receipts are marked): derived alike on device and server,
/// never typed.
pub fn receipt_number(date: NaiveDate, id: &[u8; 16]) -> String {
    format!(
        "KP/{}/{}",
        date.format("%Y/%m"),
        hex::encode_upper(&id[..5])
    )
}

/// Where money at the door is taken: the town of the client's visit
/// address (the door), which the server knows as well as the device.
pub fn receipt_place(case: &CaseFile) -> Option<&str> {
    case.debtor.visit_address().map(|a| a.city.as_str())
}

/// Writes the receipt as a PDF (not yet signed digitally); a pure function
/// of `r`, as [`crate::render`] is.
pub fn render_receipt(r: &Receipt<'_>) -> Result<Vec<u8>, Error> {
    deterministic(&render_receipt_plain(r)?, r.number)
}

/// The receipt uncompressed, as [`crate::render_plain`] the agreement.
pub fn render_receipt_plain(r: &Receipt<'_>) -> Result<Vec<u8>, Error> {
    if r.amount.grosze() <= 0 {
        return Err(Error::Facts("a receipt is for an amount above zero"));
    }
    let words =
        amount_in_words(r.amount).ok_or(Error::Facts("the amount cannot be written in words"))?;
    let debtor = &r.case.debtor;
    let pesel =
        parse_pesel(&debtor.pesel).map_err(|_| Error::Facts("the client's PESEL is not valid"))?;
    let address = debtor
        .visit_address()
        .ok_or(Error::Facts("the client has no address"))?;
    let title = format!("Potwierdzenie wpłaty nr {}", r.number);
    let (doc, page, layer) = new_document(
        &title,
        "Potwierdzenie",
        r.number,
        r.date,
        r.creditor,
        r.case,
    );
    let mut pen = Pen::start(&doc, page, layer, &title)?;

    let centred = |pen: &Pen<'_>, text: &str, size: f32, bold: bool| {
        let w = pen.font(bold).width_mm(text, size);
        pen.put(text, size, bold, PAGE_W / 2.0 + w / 2.0, Align::Right)
    };
    centred(
        &pen,
        &format!("POTWIERDZENIE WPŁATY nr {}", r.number),
        15.0,
        true,
    )?;
    pen.y -= 15.0 * PT * 1.5;
    centred(
        &pen,
        &format!(
            "wpłata gotówkowa przyjęta w dniu {} w miejscowości {}",
            format_date(r.date),
            r.place
        ),
        BODY,
        false,
    )?;
    pen.y -= BODY * PT * 2.2;

    pen.parties(
        "Strony:",
        r.creditor,
        r.advisor,
        debtor,
        &pesel.digits,
        &address.one_line(),
    )?;

    pen.heading("Wpłata")?;
    pen.item(
        "1.",
        &format!(
            "Doradca terenowy {} w imieniu Wierzyciela przyjął od Dłużnika gotówką kwotę {} (słownie: {}) tytułem spłaty zadłużenia w sprawie nr {}.",
            r.advisor,
            pln(r.amount),
            words,
            r.case.case.number
        ),
    )?;
    pen.ensure(3.0 * 12.0 * PT * 1.45);
    pen.y -= 2.0;
    pen.put(
        "Kwota:",
        12.0,
        true,
        crate::document::LEFT + 10.0,
        Align::Left,
    )?;
    pen.put(
        &format_pln(r.amount),
        12.0,
        true,
        crate::document::LEFT + 45.0,
        Align::Left,
    )?;
    pen.y -= 12.0 * PT * 1.6;
    pen.put(
        "Słownie:",
        BODY,
        false,
        crate::document::LEFT + 10.0,
        Align::Left,
    )?;
    pen.paragraph(&words, BODY, false, 45.0)?;
    pen.y -= 2.0;
    pen.item(
        "2.",
        &format!(
            "Wpłata jest przyjęta w terenie: Wierzyciel zalicza ją na poczet zadłużenia w sprawie nr {} z dniem jej przyjęcia, po zaksięgowaniu. Do czasu zaksięgowania wpłata figuruje w sprawie jako „przyjęta w terenie”.",
            r.case.case.number
        ),
    )?;
    pen.item(
        "3.",
        "Potwierdzenie sporządzono w postaci elektronicznej i opatrzono podpisem elektronicznym urządzenia doradcy, który chroni jego treść przed zmianą. Dłużnik otrzymuje jego egzemplarz.",
    )?;

    pen.signatures(r.client_signature, None, r.advisor, &debtor.full_name())?;
    drop(pen);
    Ok(doc.save_to_bytes()?)
}

/// Checks that `signed` is `expected` (an unsigned receipt as
/// [`render_receipt`] writes it) with one signature field added by
/// [`crate::sign`] and nothing else: the same structural comparison as
/// [`crate::same_agreement`].
pub fn same_receipt(signed: &[u8], expected: &[u8]) -> Result<(), Error> {
    crate::same_agreement(signed, expected)
}

/// The receipt's own line (the visit's line names it too).
pub fn receipt_line(number: &str, amount: Money) -> String {
    format!(
        "Potwierdzenie wpłaty nr {number}: {} — przyjęta w terenie",
        format_pln(amount)
    )
}
