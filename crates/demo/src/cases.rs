//! Cases: debts with their limitation dates, the money history that matches
//! the status (promises and payments), and the timeline.

use crate::data;
use crate::Generator;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use domain::format::{format_date, format_pln};
use domain::{
    Activity, ActivityId, ActivityKind, Advisor, CaseFile, CaseId, CaseStatus, ConsentKind,
    CreditorKind, Debt, DebtComponents, DebtId, Debtor, Money, Payment, PaymentChannel, PaymentId,
    PhoneKind, Promise, PromiseId, PromiseStatus,
};

/// How often each status occurs in the portfolio.
const STATUS_WEIGHTS: &[(CaseStatus, u32)] = &[
    (CaseStatus::New, 35),
    (CaseStatus::VisitPlanned, 10),
    (CaseStatus::Visited, 10),
    (CaseStatus::PromiseToPay, 12),
    (CaseStatus::SettlementSigned, 5),
    (CaseStatus::Paying, 15),
    (CaseStatus::BrokenPromise, 10),
    (CaseStatus::Closed, 3),
];

const CHANNEL_WEIGHTS: &[(PaymentChannel, u32)] = &[
    (PaymentChannel::BankTransfer, 85),
    (PaymentChannel::PostOffice, 12),
    (PaymentChannel::Enforcement, 3),
];

/// The most timeline entries a case gets.
const MAX_ACTIVITIES: usize = 25;

/// Where the case's oldest claim stands against its limitation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limitation {
    /// A claim is past its limitation date (about 7 % of cases).
    TimeBarred,
    /// A claim becomes time-barred within 90 days (about 5 % of cases, when
    /// today lies within 90 days of a year's end: limitation dates are always
    /// 31 December).
    Near,
    /// Every claim is enforceable for more than 90 days yet.
    Normal,
}

/// The last day of the calendar year three years after `due_since`: when a
/// business claim becomes time-barred under the rule in force since 2018.
pub(crate) fn limitation_date(due_since: NaiveDate) -> NaiveDate {
    ymd(due_since.year() + 3, 12, 31)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn days(n: i64) -> Days {
    Days::new(n.unsigned_abs())
}

/// "15.12": a day and month, as advisors write them in notes.
fn day_month(d: NaiveDate) -> String {
    format_date(d)[..5].to_string()
}

fn pln(grosze: i64) -> String {
    format_pln(Money::from_grosze(grosze))
}

/// What the case's timeline is being built from.
struct Context<'a> {
    case_id: CaseId,
    opened_on: NaiveDate,
    /// The last day anything happened: today, or the day a closed case closed.
    active_until: NaiveDate,
    advisor: &'a str,
    can_call: bool,
    can_sms: bool,
    can_visit: bool,
}

impl Generator {
    pub(crate) fn case_file(&mut self, advisor: &Advisor) -> CaseFile {
        let today = self.today;
        let year = today.year();
        let case_id = CaseId(self.rng.uuid());
        let status = self.rng.weighted(STATUS_WEIGHTS);

        // Cases with history need time for it.
        let min_age = match status {
            CaseStatus::New => 30,
            CaseStatus::Paying | CaseStatus::Closed => 150,
            _ => 75,
        };
        let opened_hi = today - days(min_age);
        let to_year_end = (ymd(year, 12, 31) - today).num_days();
        let roll = self.rng.int(0, 999);
        let limitation = if roll < 70 {
            Limitation::TimeBarred
        } else if roll < 120 && (1..=90).contains(&to_year_end) {
            Limitation::Near
        } else {
            Limitation::Normal
        };
        let (due_lo, due_hi) = match limitation {
            Limitation::TimeBarred => (ymd(year - 6, 1, 1), ymd(year - 4, 12, 31)),
            Limitation::Near => (ymd(year - 3, 1, 1), ymd(year - 3, 12, 31)),
            Limitation::Normal => {
                let first_year = if to_year_end <= 90 {
                    year - 2
                } else {
                    year - 3
                };
                (ymd(first_year, 1, 1), opened_hi - days(90))
            }
        };
        let first_due = self.rng.date(due_lo, due_hi);
        // Claims are sold a few months to a few years after they fall due.
        let opened_lo = (first_due + days(90)).max(today - days(1460));
        let opened_up = opened_hi.min((first_due + days(1000)).max(opened_lo));
        let opened_on = self.rng.date(opened_lo, opened_up);

        let number = loop {
            let n = format!("PT/{}/{:06}", opened_on.year(), self.rng.int(1, 999_999));
            if self.numbers.insert(n.clone()) {
                break n;
            }
        };

        let mut debtor = self.debtor(opened_on, status);
        let mut debts = self.debts(case_id, first_due, due_lo, opened_on);
        let total: i64 = debts.iter().map(|d| d.outstanding.total().grosze()).sum();

        let refused = |k: ConsentKind| {
            debtor
                .consents
                .iter()
                .any(|c| c.kind == k && !c.marketing && !c.granted)
        };
        let active_until = if status == CaseStatus::Closed {
            today - days(self.rng.int(1, 60))
        } else {
            today
        };
        let cx = Context {
            case_id,
            opened_on,
            active_until,
            advisor: &advisor.name,
            can_call: !debtor.phones.is_empty() && !refused(ConsentKind::Phone),
            can_sms: debtor.phones.iter().any(|p| p.kind == PhoneKind::Mobile)
                && !refused(ConsentKind::Sms),
            can_visit: !refused(ConsentKind::HomeVisit),
        };

        let mut history = History::default();
        let appointment = self.status_history(&cx, status, total, &debts, &mut history);
        debtor.vulnerability_since = self.timeline(&cx, status, &debtor, &mut history);
        allocate(
            &mut debts,
            history.payments.iter().map(|p| p.amount.grosze()).sum(),
        );

        let History {
            mut payments,
            mut promises,
            mut activities,
        } = history;
        payments.sort_by_key(|p| (p.paid_on, p.id));
        promises.sort_by_key(|p| (p.made_on, p.id));
        activities.sort_by_key(|a| (a.at, a.id));

        CaseFile {
            case: domain::Case {
                id: case_id,
                number,
                debtor_id: debtor.id,
                advisor_id: advisor.id,
                status,
                opened_on,
                appointment,
            },
            debtor,
            debts,
            payments,
            promises,
            activities,
            agreements: Vec::new(),
            contacts: Vec::new(),
            thread: Default::default(),
        }
    }

    /// One to three debts; the first falls due on `first_due`, the others
    /// between `due_lo` and three months before the case was opened.
    fn debts(
        &mut self,
        case_id: CaseId,
        first_due: NaiveDate,
        due_lo: NaiveDate,
        opened_on: NaiveDate,
    ) -> Vec<Debt> {
        let count = self.rng.weighted(&[(1, 65), (2, 27), (3, 8)]);
        let mut kind = self.rng.weighted(data::KIND_WEIGHTS);
        let mut creditor = self.creditor(kind);
        let mut debts = Vec::with_capacity(count);
        for i in 0..count {
            let due_since = if i == 0 {
                first_due
            } else {
                self.rng.date(due_lo, opened_on - days(90))
            };
            // A second debt is often from the same creditor (a contract and
            // its penalty), else from another one.
            if i > 0 && self.rng.chance(0.5) {
                kind = self.rng.weighted(data::KIND_WEIGHTS);
                creditor = self.creditor(kind);
            }
            let (lo, hi) = data::principal_range(kind);
            let principal = self.rng.int_low(lo, hi);
            let interest = principal * self.rng.int(500, 6000) / 10_000;
            let costs = principal * self.rng.int(0, 1500) / 10_000;
            debts.push(Debt {
                id: DebtId(self.rng.uuid()),
                case_id,
                title: self.title(kind, due_since),
                original_creditor: creditor.to_string(),
                creditor_kind: kind,
                outstanding: DebtComponents {
                    principal: Money::from_grosze(principal),
                    interest: Money::from_grosze(interest),
                    costs: Money::from_grosze(costs),
                },
                due_since,
                limitation_date: limitation_date(due_since),
            });
        }
        debts
    }

    fn creditor(&mut self, kind: CreditorKind) -> &'static str {
        let names = data::CREDITORS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, n)| n);
        self.rng.pick(names)
    }

    /// What the obligation comes from, e.g. "Umowa abonamentowa nr 1234/2019".
    fn title(&mut self, kind: CreditorKind, due: NaiveDate) -> String {
        let signed = due.year() - self.rng.int(0, 3) as i32;
        let n = self.rng.int(100, 99_999);
        match (kind, self.rng.int(0, 2)) {
            (CreditorKind::Telecom, 0) => format!("Umowa abonamentowa nr {n}/{signed}"),
            (CreditorKind::Telecom, 1) => {
                format!("Faktura VAT nr F/{n}/{:02}/{}", due.month(), due.year())
            }
            (CreditorKind::Telecom, _) => {
                format!("Nota obciążeniowa nr NO/{n}/{} (kara umowna)", due.year())
            }
            (CreditorKind::Bank, 0) => {
                format!("Umowa kredytu gotówkowego nr {}", self.rng.digits(10))
            }
            (CreditorKind::Bank, 1) => {
                format!("Umowa karty kredytowej nr {}/{signed}", self.rng.digits(8))
            }
            (CreditorKind::Bank, _) => format!(
                "Umowa kredytu ratalnego nr KR/{signed}/{}",
                self.rng.digits(7)
            ),
            (CreditorKind::Utility, 0) => format!("Umowa kompleksowa nr {n}/{signed}"),
            (CreditorKind::Utility, _) => {
                format!("Faktura VAT nr FE/{n}/{:02}/{}", due.month(), due.year())
            }
            (CreditorKind::Loan, 0) => format!("Umowa pożyczki nr {}", self.rng.digits(8)),
            (CreditorKind::Loan, _) => format!("Umowa pożyczki gotówkowej nr {n}/{signed}"),
        }
    }

    /// A round amount of `lo_pct`–`hi_pct` % of `total` (never above half of
    /// it): what a client promises or pays at once.
    fn portion(&mut self, total: i64, lo_pct: i64, hi_pct: i64) -> i64 {
        let raw = total * self.rng.int(lo_pct, hi_pct) / 100;
        let step = match raw {
            50_000.. => 50_00,
            10_000.. => 10_00,
            _ => 1_00,
        };
        (raw / step * step).max(20_00).min(total / 2)
    }

    fn channel(&mut self) -> PaymentChannel {
        self.rng.weighted(CHANNEL_WEIGHTS)
    }

    /// The promises, payments and key timeline entries that make the status
    /// true. Returns the agreed appointment, if any.
    fn status_history(
        &mut self,
        cx: &Context,
        status: CaseStatus,
        total: i64,
        debts: &[Debt],
        h: &mut History,
    ) -> Option<NaiveDateTime> {
        let today = self.today;
        let opened = cx.opened_on;
        let mut appointment = None;
        // Older kept promises must end before this day.
        let mut kept_until = cx.active_until - days(14);
        match status {
            CaseStatus::New => {}
            CaseStatus::VisitPlanned => {
                let noted = self.rng.date(today - days(10), today).max(opened);
                if self.rng.chance(0.3) {
                    let mut day = today + days(self.rng.int(0, 4));
                    if day.weekday() == Weekday::Sun {
                        day = day + days(1);
                    }
                    let time = if self.rng.chance(0.05) {
                        NaiveTime::from_hms_opt(17, 0, 0)
                    } else {
                        NaiveTime::from_hms_opt(
                            self.rng.int(8, 16) as u32,
                            self.rng.pick(&[0, 30]),
                            0,
                        )
                    };
                    let at = day.and_time(time.expect("a valid time"));
                    appointment = Some(at);
                    let how = if cx.can_call {
                        ActivityKind::Call
                    } else {
                        ActivityKind::Note
                    };
                    let summary = format!(
                        "Umówiono wizytę na {}, godz. {}",
                        day_month(day),
                        at.format("%H:%M")
                    );
                    self.activity(cx, h, noted, how, cx.advisor, summary);
                } else {
                    self.activity(
                        cx,
                        h,
                        noted,
                        ActivityKind::Note,
                        cx.advisor,
                        "Zaplanowano wizytę w terenie".into(),
                    );
                }
                kept_until = noted - days(7);
            }
            CaseStatus::Visited => {
                let visited = self.rng.date(today - days(30), today).max(opened);
                let summary = self.rng.pick(&[
                    "Wizyta: rozmowa z klientem, omówiono możliwości spłaty",
                    "Wizyta: przekazano propozycję ugody",
                    "Wizyta: klient prosi o czas do namysłu, ponowny kontakt za tydzień",
                    "Wizyta: klient nieobecny, pozostawiono awizo",
                    "Wizyta: rozmowa z domownikiem, klient oddzwoni",
                ]);
                self.activity(
                    cx,
                    h,
                    visited,
                    ActivityKind::Visit,
                    cx.advisor,
                    summary.into(),
                );
                kept_until = visited - days(7);
            }
            CaseStatus::PromiseToPay => {
                let made = self.rng.date(today - days(10), today).max(opened);
                let due = today + days(self.rng.int(0, 21));
                let amount = self.portion(total, 5, 30);
                self.promise(cx, h, made, due, amount, PromiseStatus::Pending);
                kept_until = made - days(7);
            }
            CaseStatus::BrokenPromise => {
                let due = today - days(self.rng.int(1, 45));
                let made = (due - days(self.rng.int(3, 21))).max(opened);
                let amount = self.portion(total, 5, 30);
                self.promise(cx, h, made, due, amount, PromiseStatus::Broken);
                let noticed = (due + days(self.rng.int(1, 3))).min(today);
                let summary = format!(
                    "Brak wpłaty do {}: deklaracja niedotrzymana",
                    day_month(due)
                );
                self.activity(cx, h, noticed, ActivityKind::Note, "System", summary);
                kept_until = made - days(7);
            }
            CaseStatus::SettlementSigned => {
                let signed = self.rng.date(today - days(14), today).max(opened);
                let installment = self.settlement(cx, h, signed, total, 0);
                if self.rng.chance(0.8) {
                    let due = today + days(self.rng.int(1, 21));
                    let amount = installment.min(total / 2);
                    h.promises.push(Promise {
                        id: PromiseId(self.rng.uuid()),
                        case_id: cx.case_id,
                        made_on: signed,
                        due_on: due,
                        amount: Money::from_grosze(amount),
                        status: PromiseStatus::Pending,
                    });
                    let summary = format!(
                        "Deklaracja wpłaty pierwszej raty {} do {}",
                        pln(amount),
                        day_month(due)
                    );
                    self.activity(cx, h, signed, ActivityKind::Promise, cx.advisor, summary);
                }
                kept_until = signed - days(7);
            }
            CaseStatus::Paying => {
                // Monthly installments, the last one in the past month.
                let n = self.rng.int(2, 6);
                let mut dates = Vec::new();
                let mut d = today - days(self.rng.int(0, 30));
                while dates.len() < n as usize && d >= opened + days(14) {
                    dates.push(d);
                    d = d - days(self.rng.int(28, 33));
                }
                dates.reverse();
                let signed = (dates[0] - days(self.rng.int(3, 20))).max(opened);
                let installment = self.settlement(cx, h, signed, total, dates.len());
                let mut reminders = 0;
                for &paid_on in &dates {
                    let amount = if self.rng.chance(0.85) {
                        installment
                    } else {
                        self.portion(total, 2, 8)
                    };
                    if reminders < 3 && cx.can_sms && self.rng.chance(0.5) {
                        reminders += 1;
                        let sent = (paid_on - days(self.rng.int(1, 5))).max(signed);
                        self.activity(
                            cx,
                            h,
                            sent,
                            ActivityKind::Sms,
                            "System",
                            "Wysłano SMS z przypomnieniem o racie".into(),
                        );
                    }
                    self.payment(cx, h, paid_on, amount);
                }
                kept_until = signed - days(7);
            }
            CaseStatus::Closed => {
                let closed = cx.active_until;
                let barred = debts.iter().any(|d| d.is_time_barred(today));
                if self.rng.chance(0.65) {
                    let last = (closed - days(self.rng.int(0, 10))).max(opened);
                    let earlier = self.rng.int(0, 2);
                    for _ in 0..earlier {
                        if opened + days(14) < last - days(14) {
                            let on = self.rng.date(opened + days(14), last - days(14));
                            let amount = self.portion(total, 10, 20);
                            self.payment(cx, h, on, amount);
                        }
                    }
                    self.kept_promise(cx, h, status, total, last - days(14));
                    // The last payment clears the rest.
                    let paid: i64 = h.payments.iter().map(|p| p.amount.grosze()).sum();
                    self.payment(cx, h, last, total - paid);
                    let summary = "Sprawa zamknięta: zadłużenie spłacone w całości".to_string();
                    self.activity(
                        cx,
                        h,
                        closed,
                        ActivityKind::Note,
                        "Dział Obsługi Klienta",
                        summary,
                    );
                    return None;
                }
                let summary = if barred {
                    "Sprawa zamknięta: klient podniósł zarzut przedawnienia"
                } else {
                    self.rng.pick(&[
                        "Sprawa zamknięta: wierzytelność zwrócona wierzycielowi pierwotnemu",
                        "Sprawa zamknięta decyzją działu windykacji: brak perspektyw spłaty",
                    ])
                };
                self.activity(
                    cx,
                    h,
                    closed,
                    ActivityKind::Note,
                    "Dział Obsługi Klienta",
                    summary.into(),
                );
            }
        }
        self.kept_promise(cx, h, status, total, kept_until);
        appointment
    }

    /// Records a signed settlement of a number of installments (at least
    /// twice `paid_already`, so that it is not paid off yet). Returns the
    /// installment.
    fn settlement(
        &mut self,
        cx: &Context,
        h: &mut History,
        signed: NaiveDate,
        total: i64,
        paid_already: usize,
    ) -> i64 {
        let planned = self
            .rng
            .pick(&[10, 12, 18, 24, 36])
            .max(paid_already as i64 * 2);
        // An installment rounded up to 10 zł, at least 50 zł, and never so
        // much that the payments so far would clear more than 70 % of the debt.
        let mut installment = ((total / planned + 9_99) / 10_00 * 10_00).max(50_00);
        let cap = total * 7 / 10 / (paid_already.max(1) as i64);
        if installment > cap {
            installment = (cap / 1_00 * 1_00).max(1_00);
        }
        // The last installment is smaller when the debt does not divide evenly.
        let count = (total + installment - 1) / installment;
        let summary = format!("podpisano ugodę na {count} rat po {}", pln(installment));
        if cx.can_visit {
            self.activity(
                cx,
                h,
                signed,
                ActivityKind::Visit,
                cx.advisor,
                format!("Wizyta: {summary}"),
            );
        } else {
            let summary = format!("Korespondencyjnie {summary}");
            self.activity(
                cx,
                h,
                signed,
                ActivityKind::Letter,
                "Dział Obsługi Klienta",
                summary,
            );
        }
        installment
    }

    /// Sometimes, an older promise the client kept, with its payment, due
    /// before `until`.
    fn kept_promise(
        &mut self,
        cx: &Context,
        h: &mut History,
        status: CaseStatus,
        total: i64,
        until: NaiveDate,
    ) {
        let p = match status {
            CaseStatus::New => 0.0,
            CaseStatus::VisitPlanned | CaseStatus::SettlementSigned => 0.2,
            CaseStatus::PromiseToPay => 0.25,
            _ => 0.3,
        };
        let from = cx.opened_on + days(14);
        if from > until || !self.rng.chance(p) {
            return;
        }
        let due = self.rng.date(from, until);
        let made = (due - days(self.rng.int(3, 14))).max(cx.opened_on);
        let amount = self.portion(total, 5, 20);
        self.promise(cx, h, made, due, amount, PromiseStatus::Kept);
        let paid_on = self.rng.date(made, due);
        self.payment(cx, h, paid_on, amount);
    }

    fn promise(
        &mut self,
        cx: &Context,
        h: &mut History,
        made: NaiveDate,
        due: NaiveDate,
        amount: i64,
        status: PromiseStatus,
    ) {
        h.promises.push(Promise {
            id: PromiseId(self.rng.uuid()),
            case_id: cx.case_id,
            made_on: made,
            due_on: due,
            amount: Money::from_grosze(amount),
            status,
        });
        let what = format!("deklaruje wpłatę {} do {}", pln(amount), day_month(due));
        let (author, summary) = match (cx.can_call, cx.can_visit && self.rng.chance(0.4)) {
            (_, true) => (cx.advisor.to_string(), format!("Wizyta: klient {what}")),
            (true, false) => {
                let who = if self.rng.chance(0.6) {
                    self.rng.pick(data::CONSULTANTS)
                } else {
                    cx.advisor
                };
                (who.to_string(), format!("Rozmowa z klientem: {what}"))
            }
            (false, false) => (
                "Dział Obsługi Klienta".to_string(),
                format!("Pismo od klienta: {what}"),
            ),
        };
        self.activity(cx, h, made, ActivityKind::Promise, &author, summary);
    }

    fn payment(&mut self, cx: &Context, h: &mut History, paid_on: NaiveDate, amount: i64) {
        let channel = self.channel();
        h.payments.push(Payment {
            id: PaymentId(self.rng.uuid()),
            case_id: cx.case_id,
            paid_on,
            amount: Money::from_grosze(amount),
            channel,
        });
        let how = match channel {
            PaymentChannel::BankTransfer => "przelewem",
            PaymentChannel::PostOffice => "przekazem pocztowym",
            PaymentChannel::Enforcement => "z egzekucji komorniczej",
            PaymentChannel::Cash => "gotówką u doradcy",
        };
        self.activity(
            cx,
            h,
            paid_on,
            ActivityKind::Payment,
            "System",
            format!("Wpłata {} {how}", pln(amount)),
        );
    }

    /// The notice of assignment, then everyday contact attempts spread over
    /// the case's life, most open cases touched in the last weeks.
    /// The case's timeline; answers the day a vulnerability was noted.
    fn timeline(
        &mut self,
        cx: &Context,
        status: CaseStatus,
        debtor: &Debtor,
        h: &mut History,
    ) -> Option<NaiveDate> {
        let today = self.today;
        let sent = (cx.opened_on + days(self.rng.int(0, 3))).min(cx.active_until);
        let notice =
            "Zawiadomienie o przelewie wierzytelności wysłane listem poleconym".to_string();
        self.activity(cx, h, sent, ActivityKind::Letter, "System", notice);

        let mut vulnerable_since = None;
        if let Some(reason) = &debtor.vulnerability {
            let noted = self.rng.date(cx.opened_on, cx.active_until);
            let summary = format!("Sytuacja szczególna klienta: {reason}; ograniczyć presję");
            self.activity(cx, h, noted, ActivityKind::Note, cx.advisor, summary);
            vulnerable_since = Some(noted);
        }

        let age = (cx.active_until - cx.opened_on).num_days();
        let most = if status == CaseStatus::New {
            6
        } else {
            MAX_ACTIVITIES as i64
        };
        let target = self.rng.int(2, (3 + age / 45).clamp(2, most)) as usize;
        while h.activities.len() < target.min(MAX_ACTIVITIES) {
            let day = self.rng.date(sent, cx.active_until);
            self.filler(cx, status, day, h);
        }
        let last = h
            .activities
            .iter()
            .map(|a| a.at.date())
            .max()
            .unwrap_or(cx.opened_on);
        if status != CaseStatus::Closed
            && last < today - days(45)
            && h.activities.len() < MAX_ACTIVITIES
            && self.rng.chance(0.5)
        {
            let day = self.rng.date((today - days(45)).max(sent), today);
            self.filler(cx, status, day, h);
        }
        vulnerable_since
    }

    /// One ordinary timeline entry on `day`, of a kind the client's contact
    /// data and consents allow.
    fn filler(&mut self, cx: &Context, status: CaseStatus, day: NaiveDate, h: &mut History) {
        let fresh = status == CaseStatus::New;
        let kinds = [
            (ActivityKind::Call, if cx.can_call { 4 } else { 0 }),
            (ActivityKind::Sms, if cx.can_sms { 3 } else { 0 }),
            (ActivityKind::Letter, 2),
            (
                ActivityKind::Visit,
                if cx.can_visit && !fresh { 3 } else { 0 },
            ),
            (ActivityKind::Note, if fresh { 0 } else { 2 }),
        ];
        let kind = self.rng.weighted(&kinds);
        let (author, summary) = match kind {
            ActivityKind::Call => {
                let who = self.rng.pick(data::CONSULTANTS);
                // Before anyone reached the client, calls are attempts.
                let summary = if fresh {
                    self.rng.pick(&data::CALLS[..3])
                } else {
                    self.rng.pick(data::CALLS)
                };
                (who, summary)
            }
            ActivityKind::Sms => ("System", self.rng.pick(data::SMSES)),
            ActivityKind::Letter => ("System", self.rng.pick(data::LETTERS)),
            ActivityKind::Visit => (cx.advisor, self.rng.pick(data::VISITS)),
            _ => {
                let who = if self.rng.chance(0.7) {
                    cx.advisor
                } else {
                    self.rng.pick(data::CONSULTANTS)
                };
                (who, self.rng.pick(data::NOTES))
            }
        };
        self.activity(cx, h, day, kind, author, summary.to_string());
    }

    /// Adds a timeline entry on `day` at a time of day fitting its kind;
    /// letters and visits move off Sundays.
    fn activity(
        &mut self,
        cx: &Context,
        h: &mut History,
        mut day: NaiveDate,
        kind: ActivityKind,
        author: &str,
        summary: String,
    ) {
        if matches!(kind, ActivityKind::Letter | ActivityKind::Visit)
            && day.weekday() == Weekday::Sun
        {
            let earlier = day - days(1);
            day = if earlier >= cx.opened_on {
                earlier
            } else {
                (day + days(1)).min(cx.active_until)
            };
        }
        let (from, to) = match kind {
            ActivityKind::Call
            | ActivityKind::Note
            | ActivityKind::Promise
            | ActivityKind::Offer
            | ActivityKind::Approval
            | ActivityKind::Settlement
            | ActivityKind::Message => (8, 19),
            ActivityKind::Sms => (9, 17),
            ActivityKind::Letter => (8, 14),
            ActivityKind::Visit => (9, 18),
            ActivityKind::Payment => (6, 20),
        };
        let hour = self.rng.int(from, to) as u32;
        let minute = self.rng.int(0, 59) as u32;
        let time = NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time");
        h.activities.push(Activity {
            id: ActivityId(self.rng.uuid()),
            case_id: cx.case_id,
            at: day.and_time(time),
            kind,
            author: author.to_string(),
            summary,
            received_at: None,
        });
    }
}

#[derive(Default)]
struct History {
    payments: Vec<Payment>,
    promises: Vec<Promise>,
    activities: Vec<Activity>,
}

/// Applies `paid` grosze to the debts, oldest first, and within a debt to
/// costs, then interest, then principal (art. 451 of the Civil Code).
fn allocate(debts: &mut [Debt], mut paid: i64) {
    let mut order: Vec<usize> = (0..debts.len()).collect();
    order.sort_by_key(|&i| debts[i].due_since);
    for i in order {
        let o = &mut debts[i].outstanding;
        for part in [&mut o.costs, &mut o.interest, &mut o.principal] {
            let take = paid.min(part.grosze());
            *part -= Money::from_grosze(take);
            paid -= take;
        }
    }
    debug_assert_eq!(paid, 0, "payments never exceed the debt");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limitation_is_the_end_of_the_third_year() {
        for (due, lim) in [
            (ymd(2019, 1, 1), ymd(2022, 12, 31)),
            (ymd(2019, 12, 31), ymd(2022, 12, 31)),
            (ymd(2024, 2, 29), ymd(2027, 12, 31)),
        ] {
            assert_eq!(limitation_date(due), lim, "{due}");
        }
    }

    #[test]
    fn payments_go_to_costs_then_interest_then_principal_oldest_first() {
        let debt = |due: NaiveDate, p: i64, i: i64, c: i64| Debt {
            id: DebtId(uuid::Uuid::nil()),
            case_id: CaseId(uuid::Uuid::nil()),
            title: String::new(),
            original_creditor: String::new(),
            creditor_kind: CreditorKind::Loan,
            outstanding: DebtComponents {
                principal: Money::from_grosze(p),
                interest: Money::from_grosze(i),
                costs: Money::from_grosze(c),
            },
            due_since: due,
            limitation_date: limitation_date(due),
        };
        let mut debts = vec![
            debt(ymd(2024, 5, 1), 100_00, 20_00, 5_00),
            debt(ymd(2023, 1, 1), 50_00, 10_00, 0),
        ];
        allocate(&mut debts, 70_00);
        assert_eq!(debts[1].outstanding.total(), Money::ZERO);
        assert_eq!(debts[0].outstanding.costs, Money::ZERO);
        assert_eq!(debts[0].outstanding.interest, Money::from_grosze(15_00));
        assert_eq!(debts[0].outstanding.principal, Money::from_grosze(100_00));
    }
}
