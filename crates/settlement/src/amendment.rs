//! The amendment of a signed agreement (aneks): what is unpaid under it,
//! rescheduled. A short A4 document in Polish with the same parties, font,
//! signatures and signing as the agreement ([`crate::render`]); the
//! agreement's other clauses stay as they were.

use crate::document::{deterministic, new_document, pln, Align, Creditor, Pen, BODY, PAGE_W, PT};
use crate::handwriting::Strokes;
use crate::Error;
use chrono::NaiveDate;
use domain::format::{format_date, format_pln};
use domain::offer::AcceptedOffer;
use domain::validate::{normalize_iban_pl, parse_pesel};
use domain::{CaseFile, Money};

/// Everything an amendment states.
#[derive(Debug, Clone, Copy)]
pub struct Amendment<'a> {
    /// The amendment's own number (as [`crate::number`] gives it).
    pub number: &'a str,
    /// The day it is made.
    pub date: NaiveDate,
    /// The town where it is made.
    pub place: &'a str,
    pub creditor: &'a Creditor,
    /// The advisor who represents the creditor.
    pub advisor: &'a str,
    pub case: &'a CaseFile,
    /// The agreement it amends: its number and the day it was made.
    pub amends: (&'a str, NaiveDate),
    /// What was unpaid under that agreement on `date`.
    pub unpaid: Money,
    /// The new schedule of `unpaid`.
    pub offer: &'a AcceptedOffer,
    /// The client's handwritten signature.
    pub client_signature: &'a Strokes,
}

/// Writes the amendment as a PDF (not yet signed digitally); a pure
/// function of `a`, as [`crate::render`] is.
pub fn render_amendment(a: &Amendment<'_>) -> Result<Vec<u8>, Error> {
    deterministic(&render_amendment_plain(a)?, a.number)
}

/// The amendment uncompressed, as [`crate::render_plain`] the agreement.
pub fn render_amendment_plain(a: &Amendment<'_>) -> Result<Vec<u8>, Error> {
    let variant = a.offer.variant();
    if variant.schedule.is_empty() {
        return Err(Error::Facts("the amendment has no schedule"));
    }
    if variant.total != a.unpaid {
        return Err(Error::Facts(
            "the new schedule does not add up to what is unpaid",
        ));
    }
    let iban = normalize_iban_pl(&a.creditor.iban)
        .map_err(|_| Error::Facts("the creditor's account number is not a valid Polish IBAN"))?;
    let debtor = &a.case.debtor;
    let pesel =
        parse_pesel(&debtor.pesel).map_err(|_| Error::Facts("the client's PESEL is not valid"))?;
    let address = debtor
        .visit_address()
        .ok_or(Error::Facts("the client has no address"))?;
    let (amended, amended_on) = a.amends;

    let title = format!("Aneks nr {} do ugody nr {amended}", a.number);
    let (doc, page, layer) = new_document(&title, "Aneks", a.number, a.date, a.creditor, a.case);
    let mut pen = Pen::start(&doc, page, layer, &title)?;

    let centred = |pen: &Pen<'_>, text: &str, size: f32, bold: bool| {
        let w = pen.font(bold).width_mm(text, size);
        pen.put(text, size, bold, PAGE_W / 2.0 + w / 2.0, Align::Right)
    };
    centred(&pen, &format!("ANEKS nr {}", a.number), 15.0, true)?;
    pen.y -= 15.0 * PT * 1.5;
    centred(
        &pen,
        &format!("do ugody nr {amended} z dnia {}", format_date(amended_on)),
        BODY,
        false,
    )?;
    pen.y -= BODY * PT * 1.6;
    centred(
        &pen,
        &format!(
            "zawarty w dniu {} w miejscowości {}",
            format_date(a.date),
            a.place
        ),
        BODY,
        false,
    )?;
    pen.y -= BODY * PT * 2.2;

    pen.parties(
        "Strony aneksu:",
        a.creditor,
        a.advisor,
        debtor,
        &pesel.digits,
        &address.one_line(),
    )?;

    pen.heading("§ 1. Stan rozliczeń")?;
    pen.item(
        "1.",
        &format!(
            "Strony stwierdzają, że na dzień {} z tytułu ugody nr {amended} z dnia {} w sprawie nr {} do zapłaty pozostaje kwota {}.",
            format_date(a.date),
            format_date(amended_on),
            a.case.case.number,
            pln(a.unpaid)
        ),
    )?;
    pen.item(
        "2.",
        "Aneks zawiera się na wniosek Dłużnika, którego sytuacja materialna uległa pogorszeniu.",
    )?;
    if variant.voluntary_only {
        pen.item(
            "3.",
            "Spłata pozostaje dobrowolna. Zawarcie aneksu nie oznacza zrzeczenia się zarzutu przedawnienia.",
        )?;
    }

    pen.heading("§ 2. Nowy harmonogram")?;
    pen.item(
        "1.",
        &format!(
            "Strony zmieniają harmonogram spłaty: kwotę {} Dłużnik zapłaci w {} płatnościach, zgodnie z poniższym harmonogramem. Kwota nie obejmuje dodatkowych odsetek ani kosztów.",
            pln(a.unpaid),
            variant.schedule.len()
        ),
    )?;
    pen.schedule(variant)?;
    pen.account("2.", &iban, &a.case.case.number)?;

    pen.heading("§ 3. Postanowienia końcowe")?;
    pen.item(
        "1.",
        &format!(
            "Z dniem zawarcia aneksu dotychczasowy harmonogram ugody nr {amended} traci moc. Pozostałe postanowienia ugody pozostają bez zmian."
        ),
    )?;
    pen.item(
        "2.",
        "Aneks sporządzono w postaci elektronicznej. Dłużnik podpisuje go własnoręcznie na ekranie urządzenia doradcy, a urządzenie opatruje go podpisem elektronicznym, który chroni treść przed zmianą. Dłużnik otrzymuje jego egzemplarz w formie papierowej lub elektronicznej.",
    )?;

    pen.signatures(a.client_signature, None, a.advisor, &debtor.full_name())?;
    drop(pen);
    Ok(doc.save_to_bytes()?)
}

/// The timeline line of a signed amendment.
pub fn amendment_line(number: &str, amended: &str, total: Money) -> String {
    format!(
        "Aneks nr {number} do ugody nr {amended} podpisany: nowy harmonogram, razem {}",
        format_pln(total)
    )
}
