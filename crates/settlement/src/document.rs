//! The agreement itself: an A4 "Ugoda" in Polish from the accepted offer
//! and the case file, with the schedule table and the signatures.

use crate::handwriting::Strokes;
use crate::Error;
use chrono::NaiveDate;
use domain::format::{format_date, format_pln};
use domain::offer::{AcceptedOffer, CappedRate, Installment, PlanInterest, Variant};
use domain::validate::{format_iban, normalize_iban_pl, parse_pesel};
use domain::{CaseFile, Debt, DebtComponents, Money};
use printpdf::{
    Color, CustomPdfConformance, IndirectFontRef, Line, LineCapStyle, LineJoinStyle, Mm,
    OffsetDateTime, PdfConformance, PdfDocument, PdfDocumentReference, PdfLayerIndex,
    PdfLayerReference, PdfPageIndex, Point, Rgb,
};
use rust_decimal::Decimal;

/// DejaVu Sans, cut down to Latin, Latin-1 and Latin Extended-A (every
/// Polish letter) and the punctuation of Polish texts ("„”–§"), so that it
/// is embedded whole in a few dozen kilobytes. See fonts/README.md.
pub(crate) const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans-PL.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold-PL.ttf");
/// The fonts' license (Bitstream Vera, DejaVu changes public domain).
pub const FONT_LICENSE: &str = include_str!("../fonts/LICENSE-DejaVu.txt");

/// The creditor: the company the client settles with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creditor {
    /// e.g. "Partner Windykacja Sp. z o.o."
    pub name: String,
    /// One line: "ul. Piotrkowska 100, 90-004 Łódź".
    pub address: String,
    /// Registry data: "KRS 0000123456, NIP 7251234567".
    pub registry: String,
    /// The account the client pays into (Polish IBAN, any spacing).
    pub iban: String,
}

/// Everything the agreement states.
#[derive(Debug, Clone, Copy)]
pub struct Agreement<'a> {
    /// The document number, e.g. "UG/2026/11/000123".
    pub number: &'a str,
    /// The day it is made.
    pub date: NaiveDate,
    /// The town where it is made.
    pub place: &'a str,
    pub creditor: &'a Creditor,
    /// The advisor who represents the creditor.
    pub advisor: &'a str,
    pub case: &'a CaseFile,
    pub offer: &'a AcceptedOffer,
    /// The client's handwritten signature; blank for the copy shown before
    /// signing.
    pub client_signature: &'a Strokes,
    /// The advisor's handwritten signature, if taken.
    pub advisor_signature: Option<&'a Strokes>,
}

pub(crate) const PAGE_W: f32 = 210.0;
pub(crate) const PAGE_H: f32 = 297.0;
pub(crate) const LEFT: f32 = 20.0;
pub(crate) const RIGHT: f32 = PAGE_W - 20.0;
pub(crate) const TOP: f32 = PAGE_H - 20.0;
pub(crate) const BOTTOM: f32 = 22.0;
pub(crate) const PT: f32 = 25.4 / 72.0;

/// A font with its metrics, to measure text for wrapping and alignment.
pub(crate) struct Font {
    pub(crate) face: ttf_parser::Face<'static>,
    pub(crate) pdf: IndirectFontRef,
}

impl Font {
    pub(crate) fn width_mm(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(0.0, f32::from)
            })
            .sum();
        units / f32::from(self.face.units_per_em()) * size * PT
    }

    pub(crate) fn check(&self, text: &str) -> Result<(), Error> {
        match text.chars().find(|&c| self.face.glyph_index(c).is_none()) {
            Some(c) => Err(Error::Glyph(c)),
            None => Ok(()),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// Writes top to bottom, starting a new page when the next block does not
/// fit.
pub(crate) struct Pen<'d> {
    pub(crate) doc: &'d PdfDocumentReference,
    pub(crate) layer: PdfLayerReference,
    pub(crate) regular: Font,
    pub(crate) bold: Font,
    pub(crate) y: f32,
    pub(crate) page: u32,
    pub(crate) footer: String,
}

impl Pen<'_> {
    pub(crate) fn font(&self, bold: bool) -> &Font {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    pub(crate) fn new_page(&mut self) {
        let (page, layer) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "Ugoda");
        self.layer = self.doc.get_page(page).get_layer(layer);
        self.page += 1;
        self.y = TOP;
        self.draw_footer();
    }

    pub(crate) fn draw_footer(&self) {
        let text = format!("{} — strona {}", self.footer, self.page);
        let w = self.regular.width_mm(&text, 8.0);
        self.layer.set_fill_color(grey());
        self.layer
            .use_text(text, 8.0, Mm(RIGHT - w), Mm(12.0), &self.regular.pdf);
        self.layer.set_fill_color(black());
    }

    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    /// Text at (x, baseline of the current line); `x` is the right edge for
    /// right alignment. Non-breaking spaces (kept together by the wrapping)
    /// are written as plain spaces, as `domain::format` writes amounts.
    pub(crate) fn put(
        &self,
        text: &str,
        size: f32,
        bold: bool,
        x: f32,
        align: Align,
    ) -> Result<(), Error> {
        let text = text.replace('\u{a0}', " ");
        let font = self.font(bold);
        font.check(&text)?;
        let x = match align {
            Align::Left => x,
            Align::Right => x - font.width_mm(&text, size),
        };
        self.layer
            .use_text(text, size, Mm(x), Mm(self.y - size * PT), &font.pdf);
        Ok(())
    }

    /// A wrapped paragraph between `indent` and the right margin.
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        indent: f32,
    ) -> Result<(), Error> {
        let width = RIGHT - LEFT - indent;
        let line_h = size * PT * 1.45;
        for line in wrap(self.font(bold), text, size, width) {
            self.ensure(line_h);
            self.put(&line, size, bold, LEFT + indent, Align::Left)?;
            self.y -= line_h;
        }
        Ok(())
    }

    /// A numbered paragraph: "1." hanging, the text indented.
    pub(crate) fn item(&mut self, label: &str, text: &str) -> Result<(), Error> {
        self.ensure(BODY * PT * 1.45);
        self.put(label, BODY, false, LEFT + 2.0, Align::Left)?;
        self.paragraph(text, BODY, false, 8.0)
    }

    pub(crate) fn heading(&mut self, text: &str) -> Result<(), Error> {
        self.y -= 2.5;
        // Keep a heading with the first lines under it.
        self.ensure(SECTION * PT * 1.6 + 3.0 * BODY * PT * 1.45);
        self.put(
            text,
            SECTION,
            true,
            PAGE_W / 2.0 + self.bold.width_mm(text, SECTION) / 2.0,
            Align::Right,
        )?;
        self.y -= SECTION * PT * 1.6;
        Ok(())
    }

    pub(crate) fn rule(&self, x1: f32, x2: f32, y: f32, width: f32) {
        self.layer.set_outline_thickness(width);
        self.layer.add_line(Line {
            points: vec![
                (Point::new(Mm(x1), Mm(y)), false),
                (Point::new(Mm(x2), Mm(y)), false),
            ],
            is_closed: false,
        });
    }

    /// A table: the header row in bold, one row per entry, columns given by
    /// their (x, alignment); the first column's text wraps at `first_width`.
    pub(crate) fn table(
        &mut self,
        columns: &[(f32, Align)],
        header: &[&str],
        rows: &[Vec<String>],
        first_width: f32,
    ) -> Result<(), Error> {
        let row_h = BODY * PT * 1.6;
        let line_h = BODY * PT * 1.3;
        let draw_header = |pen: &mut Pen<'_>| -> Result<(), Error> {
            pen.ensure(2.0 * row_h);
            for (text, (x, align)) in header.iter().zip(columns) {
                pen.put(text, BODY, true, *x, *align)?;
            }
            pen.y -= row_h;
            pen.rule(LEFT + 8.0, RIGHT, pen.y + row_h * 0.12, 0.6);
            Ok(())
        };
        draw_header(self)?;
        for row in rows {
            let first = row
                .first()
                .map(|t| wrap(&self.regular, t, BODY, first_width))
                .unwrap_or_default();
            let extra = line_h * first.len().saturating_sub(1) as f32;
            if self.y - row_h - extra < BOTTOM {
                self.new_page();
                draw_header(self)?;
            }
            for (text, (x, align)) in row.iter().zip(columns).skip(1) {
                self.put(text, BODY, false, *x, *align)?;
            }
            let top = self.y;
            for (n, line) in first.iter().enumerate() {
                self.y = top - line_h * n as f32;
                self.put(line, BODY, false, columns[0].0, columns[0].1)?;
            }
            self.y = top - row_h - extra;
        }
        self.rule(LEFT + 8.0, RIGHT, self.y + row_h * 0.12, 0.6);
        self.y -= 1.5;
        Ok(())
    }

    pub(crate) fn strokes(&self, strokes: &Strokes, x: f32, y: f32, w: f32, h: f32) {
        self.layer
            .set_outline_color(Color::Rgb(Rgb::new(0.05, 0.1, 0.45, None)));
        self.layer.set_outline_thickness(1.1);
        self.layer.set_line_cap_style(LineCapStyle::Round);
        self.layer.set_line_join_style(LineJoinStyle::Round);
        for stroke in strokes.fitted(w, h) {
            self.layer.add_line(Line {
                points: stroke
                    .into_iter()
                    .map(|(px, py)| (Point::new(Mm(x + px), Mm(y + py)), false))
                    .collect(),
                is_closed: false,
            });
        }
        self.layer.set_outline_color(black());
    }
}

impl<'d> Pen<'d> {
    /// A pen on the first page of `doc`, its footer drawn.
    pub(crate) fn start(
        doc: &'d PdfDocumentReference,
        page: PdfPageIndex,
        layer: PdfLayerIndex,
        footer: &str,
    ) -> Result<Pen<'d>, Error> {
        let pen = Pen {
            layer: doc.get_page(page).get_layer(layer),
            regular: font(doc, REGULAR)?,
            bold: font(doc, BOLD)?,
            doc,
            y: TOP,
            page: 1,
            footer: footer.to_owned(),
        };
        pen.draw_footer();
        Ok(pen)
    }

    /// The parties, in the nominative (names are not declined), under
    /// `heading`.
    pub(crate) fn parties(
        &mut self,
        heading: &str,
        creditor: &Creditor,
        advisor: &str,
        debtor: &domain::Debtor,
        pesel: &str,
        address: &str,
    ) -> Result<(), Error> {
        self.paragraph(heading, BODY, false, 0.0)?;
        self.item(
            "1.",
            &format!(
                "{}, {}, {} — dalej „Wierzyciel”, w imieniu którego działa doradca terenowy {};",
                creditor.name, creditor.address, creditor.registry, advisor
            ),
        )?;
        self.item(
            "2.",
            &format!(
                "{}, PESEL {}, adres zamieszkania: {} — dalej „Dłużnik”.",
                debtor.full_name(),
                pesel,
                address,
            ),
        )
    }

    /// The schedule of `variant` as a table, with its total.
    pub(crate) fn schedule(&mut self, variant: &domain::offer::Variant) -> Result<(), Error> {
        let cols = [
            (LEFT + 10.0, Align::Left),
            (LEFT + 22.0, Align::Left),
            (LEFT + 75.0, Align::Left),
            (RIGHT, Align::Right),
        ];
        let rows: Vec<Vec<String>> = variant
            .schedule
            .iter()
            .enumerate()
            .map(|(n, i)| {
                vec![
                    format!("{}.", n + 1),
                    installment_label(i),
                    format_date(i.due_on),
                    format_pln(i.amount),
                ]
            })
            .collect();
        self.table(&cols, &["Lp.", "Płatność", "Termin", "Kwota"], &rows, 12.0)?;
        self.ensure(3.0 * BODY * PT * 1.45);
        self.put("Razem do zapłaty", BODY, true, LEFT + 22.0, Align::Left)?;
        self.put(&format_pln(variant.total), BODY, true, RIGHT, Align::Right)?;
        self.y -= BODY * PT * 2.0;
        Ok(())
    }

    /// Where to pay: the creditor's account and the case number, as item
    /// `label`.
    pub(crate) fn account(
        &mut self,
        label: &str,
        iban: &str,
        case_number: &str,
    ) -> Result<(), Error> {
        self.item(
            label,
            &format!(
                "Wpłat należy dokonywać na rachunek bankowy Wierzyciela nr {}, w tytule przelewu podając numer sprawy: {}.",
                format_iban(iban).replace(' ', "\u{a0}"),
                case_number
            ),
        )
    }

    /// The signature boxes: the advisor's (electronic, with strokes if
    /// taken) and the client's handwritten one.
    pub(crate) fn signatures(
        &mut self,
        client: &Strokes,
        advisor_strokes: Option<&Strokes>,
        advisor: &str,
        client_name: &str,
    ) -> Result<(), Error> {
        let box_h = 28.0;
        self.ensure(box_h + 16.0);
        self.y -= 6.0;
        let half = (RIGHT - LEFT - 10.0) / 2.0;
        let right_x = LEFT + half + 10.0;
        let box_bottom = self.y - box_h;
        if let Some(s) = advisor_strokes {
            self.strokes(s, LEFT, box_bottom, half, box_h);
        }
        self.strokes(client, right_x, box_bottom, half, box_h);
        self.rule(LEFT, LEFT + half, box_bottom, 0.4);
        self.rule(right_x, RIGHT, box_bottom, 0.4);
        self.y = box_bottom - 1.5;
        self.put(
            &format!("Wierzyciel — {advisor} (podpis elektroniczny)"),
            8.5,
            false,
            LEFT,
            Align::Left,
        )?;
        self.put(
            &format!("Dłużnik — {client_name}"),
            8.5,
            false,
            right_x,
            Align::Left,
        )
    }
}

/// A new A4 document titled `title` (its first layer named `layer`), its
/// metadata fixed by `number` and `date` so that the same facts give the
/// same file.
pub(crate) fn new_document(
    title: &str,
    layer: &str,
    number: &str,
    date: NaiveDate,
    creditor: &Creditor,
    case: &CaseFile,
) -> (PdfDocumentReference, PdfPageIndex, PdfLayerIndex) {
    let (doc, page, layer) = PdfDocument::new(title, Mm(PAGE_W), Mm(PAGE_H), layer);
    let when = pdf_time(date);
    let doc = doc
        .with_conformance(PdfConformance::Custom(CustomPdfConformance {
            identifier: String::new(),
            requires_icc_profile: false,
            requires_xmp_metadata: false,
            ..CustomPdfConformance::default()
        }))
        .with_document_id(number.to_string())
        .with_creation_date(when)
        .with_mod_date(when)
        .with_metadata_date(when)
        .with_author(creditor.name.clone())
        .with_subject(format!("Sprawa {}", case.case.number))
        .with_creator("Partner")
        .with_producer("Partner (printpdf)");
    (doc, page, layer)
}

pub(crate) const BODY: f32 = 9.5;
pub(crate) const SECTION: f32 = 10.5;

pub(crate) fn black() -> Color {
    Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None))
}

pub(crate) fn grey() -> Color {
    Color::Rgb(Rgb::new(0.4, 0.4, 0.4, None))
}

/// Greedy word wrap on plain spaces; a non-breaking space keeps its words
/// together. A word wider than the line stands alone on its line.
pub(crate) fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && font.width_mm(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An amount kept on one line: "1 234,56 zł" with non-breaking spaces.
pub(crate) fn pln(m: Money) -> String {
    format_pln(m).replace(' ', "\u{a0}")
}

pub(crate) fn font(doc: &PdfDocumentReference, bytes: &'static [u8]) -> Result<Font, Error> {
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| Error::Pdf(e.to_string()))?;
    let pdf = doc.add_external_font(bytes)?;
    Ok(Font { face, pdf })
}

pub(crate) fn pdf_time(date: NaiveDate) -> OffsetDateTime {
    let ts = date
        .and_hms_opt(12, 0, 0)
        .map_or(0, |dt| dt.and_utc().timestamp());
    OffsetDateTime::from_unix_timestamp(ts).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(crate) fn installment_label(i: &Installment) -> String {
    if i.number == 0 {
        "wpłata początkowa".to_string()
    } else {
        format!("rata {}", i.number)
    }
}

/// The case's debts on the day of the agreement: those the client still
/// owes and can be made to pay (`live`), and those past their last
/// enforceable day (`barred`, art. 117 § 2 KC: paid only voluntarily).
/// Debts with nothing outstanding are in neither.
struct DebtSplit<'a> {
    live: Vec<&'a Debt>,
    barred: Vec<&'a Debt>,
}

impl<'a> DebtSplit<'a> {
    /// The split on `date`, which must be the one the offer was built on:
    /// the offer's time-barred debt and flag are checked against it, so a
    /// document never calls a debt barred that the offer charged interest
    /// on, nor the other way round.
    fn of(case: &'a CaseFile, date: NaiveDate, v: &Variant) -> Result<DebtSplit<'a>, Error> {
        let owed = |d: &&Debt| d.outstanding.total() > Money::ZERO;
        let (barred, live): (Vec<&Debt>, Vec<&Debt>) = case
            .debts
            .iter()
            .filter(owed)
            .partition(|d| d.is_time_barred_claim(date));
        let split = DebtSplit { live, barred };
        if split.barred_total().total() != v.time_barred_debt
            || v.voluntary_only == split.barred.is_empty()
        {
            return Err(Error::Facts(
                "the offer's time-barred debts are not the case's on the day of the agreement: make the offer again",
            ));
        }
        Ok(split)
    }

    fn live_total(&self) -> DebtComponents {
        self.live.iter().map(|d| d.outstanding).sum()
    }

    fn barred_total(&self) -> DebtComponents {
        self.barred.iter().map(|d| d.outstanding).sum()
    }

    fn mixed(&self) -> bool {
        !self.live.is_empty() && !self.barred.is_empty()
    }
}

fn debt_name(d: &Debt) -> String {
    format!("{} ({})", d.title, d.original_creditor)
}

/// A yearly rate as Polish percent: 0.145 is "14,5%".
fn percent(rate: Decimal) -> String {
    (rate * Decimal::ONE_HUNDRED)
        .round_dp(2)
        .normalize()
        .to_string()
        .replace('.', ",")
        + "%"
}

/// § 1.1: the client acknowledges the enforceable debts (none: no such
/// clause).
fn acknowledgement(a: &Agreement<'_>, split: &DebtSplit<'_>) -> Option<String> {
    if split.live.is_empty() {
        return None;
    }
    let which = if split.barred.is_empty() {
        ""
    } else {
        " z tytułu roszczeń nieprzedawnionych"
    };
    Some(format!(
        "Dłużnik uznaje, że w sprawie nr {} na dzień {} jego zadłużenie wobec Wierzyciela{which} wynosi łącznie {}, na co składają się:",
        a.case.case.number,
        format_date(a.date),
        pln(split.live_total().total())
    ))
}

/// § 1: what the creditor tells the client about one time-barred debt.
fn barred_notice(d: &Debt) -> String {
    let o = &d.outstanding;
    format!(
        "Wierzyciel informuje, że roszczenie z tytułu {} w kwocie {} (należność główna {}, odsetki {}, koszty {}) uległo przedawnieniu z upływem dnia {}.",
        debt_name(d),
        pln(o.total()),
        pln(o.principal),
        pln(o.interest),
        pln(o.costs),
        format_date(d.limitation_date)
    )
}

/// § 1: what a time-barred debt means for this settlement.
fn voluntary_clause(split: &DebtSplit<'_>) -> String {
    let (it, its, them) = if split.barred.len() == 1 {
        ("roszczenia przedawnionego", "jego", "go")
    } else {
        ("roszczeń przedawnionych", "ich", "ich")
    };
    let mut text = format!(
        "Spłata {it} jest dobrowolna: Dłużnik nie ma obowiązku {its} zapłaty i spełnia świadczenie dobrowolnie, a zawarcie ugody nie oznacza uznania {it} ani zrzeczenia się zarzutu przedawnienia. Wierzyciel nie będzie {them} dochodził przed sądem ani w postępowaniu egzekucyjnym. Od {it} nie nalicza się odsetek za rozłożenie na raty ani odsetek za opóźnienie."
    );
    if split.live.is_empty() {
        text.push_str(&format!(
            " Ugoda jest ugodą o dobrowolnej spłacie, bez odsetek; Wierzyciel przyjmuje wpłaty na poczet {it}."
        ));
    }
    text
}

/// § 3: the plan interest, with the statutory maximum as a rule, so the
/// clause stays true when the reference rate changes later (art. 359 § 2¹
/// and § 2² KC).
fn interest_clause(pi: &PlanInterest, split: &DebtSplit<'_>) -> String {
    let on = if split.barred.is_empty() {
        "od niespłaconej części zadłużenia"
    } else {
        "wyłącznie od niespłaconej części roszczeń nieprzedawnionych"
    };
    format!(
        "Kwota obejmuje odsetki za rozłożenie na raty w wysokości {}, naliczone według stopy {} w skali roku {on}. Odsetki te nie przekraczają odsetek maksymalnych (art. 359 § 2¹ Kodeksu cywilnego), tj. dwukrotności sumy stopy referencyjnej Narodowego Banku Polskiego i 3,5 punktu procentowego, wynoszących na dzień zawarcia ugody {} w skali roku; gdyby w okresie spłaty odsetki wynikające z ugody przekroczyły odsetki maksymalne, należą się odsetki maksymalne (art. 359 § 2² Kodeksu cywilnego).",
        pln(pi.amount),
        percent(pi.rate.applied),
        percent(pi.rate.maximum)
    )
}

/// § 3: how payments are split between live and barred debts (the share
/// the plan interest runs on).
fn allocation_clause(split: &DebtSplit<'_>) -> Option<String> {
    split.mixed().then(|| {
        format!(
            "Każdą wpłatę zalicza się na roszczenia nieprzedawnione i przedawnione w stosunku ich kwot z § 1 ({} do {}).",
            pln(split.live_total().total()),
            pln(split.barred_total().total())
        )
    })
}

/// § 4.1: what happens when the client does not pay: termination and
/// court only over enforceable debts.
fn default_clause(split: &DebtSplit<'_>) -> String {
    if split.live.is_empty() {
        return "Spłata jest dobrowolna. Jeśli Dłużnik nie zapłaci w terminie, Wierzyciel może jedynie zwrócić się do niego z propozycją nowych warunków; umorzenie z § 2 nie następuje w części, która nie została zapłacona.".into();
    }
    if split.barred.is_empty() {
        return "Jeśli Dłużnik opóźni się z zapłatą którejkolwiek kwoty z harmonogramu o więcej niż 30 dni, Wierzyciel może wypowiedzieć ugodę po uprzednim wezwaniu Dłużnika do zapłaty w dodatkowym terminie 14 dni. Po wypowiedzeniu umorzenie z § 2 traci moc, a Wierzyciel może dochodzić niezapłaconej części zadłużenia, także na drodze sądowej.".into();
    }
    "Jeśli Dłużnik opóźni się z zapłatą którejkolwiek kwoty z harmonogramu o więcej niż 30 dni, Wierzyciel może wypowiedzieć ugodę w części dotyczącej roszczeń nieprzedawnionych po uprzednim wezwaniu Dłużnika do zapłaty w dodatkowym terminie 14 dni. Po wypowiedzeniu umorzenie z § 2 traci moc w tej części, a Wierzyciel może dochodzić niezapłaconej części roszczeń nieprzedawnionych, także na drodze sądowej. Spłata roszczeń przedawnionych pozostaje dobrowolna: jeśli nie zostaną zapłacone, umorzenie z § 2 nie następuje w części, która nie została zapłacona.".into()
}

/// § 4.2: the late-payment interest, only on enforceable debts, held to
/// the statutory maximum for late payment as a rule (art. 481 § 2¹ KC).
fn late_clause(late: &CappedRate, split: &DebtSplit<'_>) -> String {
    let on = if split.barred.is_empty() {
        "Od kwot zapłaconych po terminie"
    } else {
        "Od kwot przypadających na roszczenia nieprzedawnione, zapłaconych po terminie,"
    };
    format!(
        "{on} Wierzyciel może naliczać odsetki za opóźnienie w wysokości {} w skali roku, nie wyższe jednak niż odsetki maksymalne za opóźnienie (art. 481 § 2¹ Kodeksu cywilnego), tj. dwukrotność sumy stopy referencyjnej Narodowego Banku Polskiego i 5,5 punktu procentowego, wynoszące na dzień zawarcia ugody {} w skali roku.",
        percent(late.applied),
        percent(late.maximum)
    )
}

/// Writes the agreement as a PDF (not yet signed digitally).
pub fn render(a: &Agreement<'_>) -> Result<Vec<u8>, Error> {
    deterministic(&render_plain(a)?, a.number)
}

/// The agreement as [`render`] writes it but uncompressed: what the server
/// compares a signed agreement with ([`crate::same_agreement`] compares
/// streams by their decoded content), without the cost of compressing it.
pub fn render_plain(a: &Agreement<'_>) -> Result<Vec<u8>, Error> {
    let variant = a.offer.variant();
    if variant.schedule.is_empty() {
        return Err(Error::Facts("the offer has no schedule"));
    }
    let iban = normalize_iban_pl(&a.creditor.iban)
        .map_err(|_| Error::Facts("the creditor's account number is not a valid Polish IBAN"))?;
    let debtor = &a.case.debtor;
    let pesel =
        parse_pesel(&debtor.pesel).map_err(|_| Error::Facts("the client's PESEL is not valid"))?;
    let address = debtor
        .visit_address()
        .ok_or(Error::Facts("the client has no address"))?;

    let title = format!("Ugoda nr {}", a.number);
    let (doc, page, layer) = new_document(&title, "Ugoda", a.number, a.date, a.creditor, a.case);
    let mut pen = Pen::start(&doc, page, layer, &title)?;

    // Title, date and place.
    let t = format!("UGODA nr {}", a.number);
    pen.put(
        &t,
        15.0,
        true,
        PAGE_W / 2.0 + pen.bold.width_mm(&t, 15.0) / 2.0,
        Align::Right,
    )?;
    pen.y -= 15.0 * PT * 1.5;
    let sub = format!(
        "zawarta w dniu {} w miejscowości {}",
        format_date(a.date),
        a.place
    );
    pen.put(
        &sub,
        BODY,
        false,
        PAGE_W / 2.0 + pen.regular.width_mm(&sub, BODY) / 2.0,
        Align::Right,
    )?;
    pen.y -= BODY * PT * 2.2;

    // The parties, in the nominative (names are not declined).
    pen.parties(
        "Strony ugody:",
        a.creditor,
        a.advisor,
        debtor,
        &pesel.digits,
        &address.one_line(),
    )?;

    // § 1 The debt, per debt: the enforceable ones the client
    // acknowledges, the time-barred ones the creditor only informs about.
    let split = DebtSplit::of(a.case, a.date, variant)?;
    pen.heading("§ 1. Zadłużenie")?;
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("{n}.")
    };
    if let Some(intro) = acknowledgement(a, &split) {
        pen.item(&next(), &intro)?;
        let cols = [
            (LEFT + 10.0, Align::Left),
            (LEFT + 115.0, Align::Right),
            (RIGHT - 30.0, Align::Right),
            (RIGHT, Align::Right),
        ];
        let sum = split.live_total();
        let debt_rows: Vec<Vec<String>> = split
            .live
            .iter()
            .map(|d| {
                vec![
                    debt_name(d),
                    format_pln(d.outstanding.principal),
                    format_pln(d.outstanding.interest),
                    format_pln(d.outstanding.costs),
                ]
            })
            .chain(std::iter::once(vec![
                "Razem".to_string(),
                format_pln(sum.principal),
                format_pln(sum.interest),
                format_pln(sum.costs),
            ]))
            .collect();
        pen.table(
            &cols,
            &[
                "Tytuł (pierwotny wierzyciel)",
                "Należność główna",
                "Odsetki",
                "Koszty",
            ],
            &debt_rows,
            68.0,
        )?;
    }
    for d in &split.barred {
        pen.item(&next(), &barred_notice(d))?;
    }
    if !split.barred.is_empty() {
        pen.item(&next(), &voluntary_clause(&split))?;
    }

    // § 2 What is waived.
    let discount = variant.discount;
    pen.heading("§ 2. Umorzenie")?;
    if discount.total().is_zero() {
        pen.item("1.", "Wierzyciel nie umarza żadnej części zadłużenia.")?;
    } else {
        pen.item(
            "1.",
            &format!(
                "Pod warunkiem terminowej zapłaty zgodnie z § 3 Wierzyciel umarza część zadłużenia w łącznej kwocie {}: koszty {}, odsetki {}, należność główna {}.",
                pln(discount.total()),
                pln(discount.costs),
                pln(discount.interest),
                pln(discount.principal)
            ),
        )?;
        pen.item(
            "2.",
            "Umorzenie staje się ostateczne z chwilą zapłaty ostatniej kwoty z harmonogramu.",
        )?;
    }

    // § 3 The schedule and how to pay.
    pen.heading("§ 3. Spłata")?;
    let installments = variant.schedule.len();
    let how = if installments == 1 {
        format!(
            "Dłużnik zapłaci Wierzycielowi kwotę {} jednorazowo, w terminie podanym w harmonogramie:",
            pln(variant.total)
        )
    } else {
        format!(
            "Dłużnik zapłaci Wierzycielowi łącznie {} w {} płatnościach, zgodnie z harmonogramem:",
            pln(variant.total),
            installments
        )
    };
    pen.item("1.", &how)?;
    if let Some(text) = variant
        .plan_interest
        .filter(|p| !p.frozen && !p.amount.is_zero())
        .map(|pi| interest_clause(&pi, &split))
    {
        pen.paragraph(&text, BODY, false, 8.0)?;
    }
    if let Some(text) = allocation_clause(&split) {
        pen.paragraph(&text, BODY, false, 8.0)?;
    }
    pen.schedule(variant)?;
    pen.account("2.", &iban, &a.case.case.number)?;
    pen.item(
        "3.",
        "Za dzień zapłaty uważa się dzień uznania rachunku Wierzyciela. Dłużnik może w każdej chwili spłacić pozostałą kwotę wcześniej, bez dodatkowych kosztów.",
    )?;

    // § 4 If the client does not pay.
    pen.heading("§ 4. Niedotrzymanie warunków")?;
    pen.item("1.", &default_clause(&split))?;
    if let Some(late) = variant.late_interest.filter(|_| !split.live.is_empty()) {
        pen.item("2.", &late_clause(&late, &split))?;
    }

    // § 5 Final clauses.
    pen.heading("§ 5. Postanowienia końcowe")?;
    pen.item(
        "1.",
        "Ugodę sporządzono w postaci elektronicznej. Dłużnik podpisuje ją własnoręcznie na ekranie urządzenia doradcy, a urządzenie opatruje ją podpisem elektronicznym, który chroni treść przed zmianą. Dłużnik otrzymuje jej egzemplarz w formie papierowej lub elektronicznej.",
    )?;
    pen.item(
        "2.",
        "W sprawach nieuregulowanych ugodą stosuje się przepisy Kodeksu cywilnego, w szczególności art. 917 i nast.",
    )?;

    pen.signatures(
        a.client_signature,
        a.advisor_signature,
        a.advisor,
        &debtor.full_name(),
    )?;

    drop(pen);
    Ok(doc.save_to_bytes()?)
}

/// The same bytes for the same agreement in every build: printpdf compresses
/// only in release builds (and names each file with a random instance id),
/// so the document is compressed here and its id derived from its number.
/// The server renders an agreement again to compare it with the signed one.
pub(crate) fn deterministic(pdf: &[u8], number: &str) -> Result<Vec<u8>, Error> {
    use sha2::Digest;
    let mut doc = lopdf::Document::load_mem(pdf)?;
    doc.compress();
    let id = hex::encode(sha2::Sha256::digest(number.as_bytes()));
    doc.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(number.as_bytes().to_vec(), lopdf::StringFormat::Literal),
            lopdf::Object::String(id.as_bytes()[..32].to_vec(), lopdf::StringFormat::Literal),
        ]),
    );
    let mut out = Vec::with_capacity(pdf.len());
    doc.save_to(&mut out)?;
    Ok(out)
}

/// The number of the agreement made on `date` under the mutation `id`
/// (16 bytes), e.g. "UG/2026/11/8DEE575855": the device and the server
/// derive it alike.
pub fn number(date: NaiveDate, id: &[u8; 16]) -> String {
    format!(
        "UG/{}/{}",
        date.format("%Y/%m"),
        hex::encode_upper(&id[..5])
    )
}

/// The timeline line of a signed agreement.
pub fn timeline_line(number: &str, total: Money) -> String {
    format!("Ugoda nr {number} podpisana: razem {}", format_pln(total))
}

impl Creditor {
    /// The company the clients settle with. Meant to come from the server
    /// with the advisor's data, like the policy; one place until then.
    pub fn company() -> Creditor {
        Creditor {
            name: "Partner Windykacja Sp. z o.o.".into(),
            address: "ul. Piotrkowska 100, 90-004 Łódź".into(),
            registry: "KRS 0000123456, NIP 7251234567".into(),
            iban: "PL61 1090 1014 0000 0712 1981 2874".into(),
        }
    }
}
