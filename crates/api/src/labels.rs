//! Labels of the wire codes (statuses, priorities, flags, kinds) in Polish
//! and English, shared by the UI, the headless demo and the documents, so a
//! status is called the same everywhere.

use crate::error::{AmountProblem, ClosedDay, CommandError, Field, Missing, Reason};
use crate::types::{
    ActivityKind, AddressKind, ApprovalCode, CaseSort, ConsentKind, DebtLimitation, DropCode, Flag,
    LedgerEntry, MatchKind, OfferKind, PaymentChannel, PlanStatusCode, PlanWarningCode, Priority,
    PromiseState, ReviewState, Status, UnbuiltReason, Verdict, WeekSkip,
};
use domain::format::{format_date, format_pln};
use domain::offer::VariantKind;
use domain::Money;
use rust_decimal::Decimal;

/// The user's language. Polish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Pl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
        }
    }
}

pub fn status(lang: Lang, s: Status) -> &'static str {
    use Status::*;
    match (lang, s) {
        (Lang::Pl, New) => "Nowa",
        (Lang::Pl, VisitPlanned) => "Wizyta zaplanowana",
        (Lang::Pl, Visited) => "Po wizycie",
        (Lang::Pl, PromiseToPay) => "Deklaracja wpłaty",
        (Lang::Pl, SettlementSigned) => "Ugoda podpisana",
        (Lang::Pl, Paying) => "Spłaca",
        (Lang::Pl, BrokenPromise) => "Niedotrzymana deklaracja",
        (Lang::Pl, Closed) => "Zamknięta",
        (Lang::En, New) => "New",
        (Lang::En, VisitPlanned) => "Visit planned",
        (Lang::En, Visited) => "Visited",
        (Lang::En, PromiseToPay) => "Promise to pay",
        (Lang::En, SettlementSigned) => "Settlement signed",
        (Lang::En, Paying) => "Paying",
        (Lang::En, BrokenPromise) => "Broken promise",
        (Lang::En, Closed) => "Closed",
    }
}

pub fn priority(lang: Lang, p: Priority) -> &'static str {
    match (lang, p) {
        (Lang::Pl, Priority::High) => "Wysoki",
        (Lang::Pl, Priority::Normal) => "Zwykły",
        (Lang::Pl, Priority::Low) => "Niski",
        (Lang::En, Priority::High) => "High",
        (Lang::En, Priority::Normal) => "Normal",
        (Lang::En, Priority::Low) => "Low",
    }
}

pub fn flag(lang: Lang, f: Flag) -> &'static str {
    use Flag::*;
    match (lang, f) {
        (Lang::Pl, BrokenPromise) => "Niedotrzymana deklaracja",
        (Lang::Pl, PromiseDueSoon) => "Termin deklaracji",
        (Lang::Pl, Appointment) => "Umówiona wizyta",
        (Lang::Pl, LimitationNear) => "Bliskie przedawnienie",
        (Lang::Pl, TimeBarred) => "Przedawnione",
        (Lang::Pl, HighBalance) => "Wysokie saldo",
        (Lang::Pl, LongWithoutContact) => "Długo bez kontaktu",
        (Lang::Pl, Vulnerable) => "Trudna sytuacja",
        (Lang::En, BrokenPromise) => "Broken promise",
        (Lang::En, PromiseDueSoon) => "Promise due",
        (Lang::En, Appointment) => "Appointment",
        (Lang::En, LimitationNear) => "Limitation near",
        (Lang::En, TimeBarred) => "Time-barred",
        (Lang::En, HighBalance) => "High balance",
        (Lang::En, LongWithoutContact) => "Long without contact",
        (Lang::En, Vulnerable) => "Vulnerable",
    }
}

pub fn activity(lang: Lang, k: ActivityKind) -> &'static str {
    use ActivityKind::*;
    match (lang, k) {
        (Lang::Pl, Call) => "Telefon",
        (Lang::Pl, Sms) => "SMS",
        (Lang::Pl, Letter) => "List",
        (Lang::Pl, Visit) => "Wizyta",
        (Lang::Pl, Note) => "Notatka",
        (Lang::Pl, Payment) => "Wpłata",
        (Lang::Pl, Promise) => "Deklaracja",
        (Lang::Pl, Offer) => "Propozycja",
        (Lang::Pl, Approval) => "Decyzja",
        (Lang::Pl, Settlement) => "Ugoda",
        (Lang::Pl, Message) => "Wiadomość",
        (Lang::En, Call) => "Call",
        (Lang::En, Sms) => "SMS",
        (Lang::En, Letter) => "Letter",
        (Lang::En, Visit) => "Visit",
        (Lang::En, Note) => "Note",
        (Lang::En, Payment) => "Payment",
        (Lang::En, Promise) => "Promise",
        (Lang::En, Offer) => "Offer",
        (Lang::En, Approval) => "Decision",
        (Lang::En, Settlement) => "Settlement",
        (Lang::En, Message) => "Message",
    }
}

/// The icon of a timeline entry's kind (a glyph every system font has).
pub fn activity_icon(k: ActivityKind) -> &'static str {
    use ActivityKind::*;
    match k {
        Call => "☎",
        Sms => "✆",
        Letter => "✉",
        Visit => "⌂",
        Note => "✎",
        Payment => "zł",
        Promise => "⚑",
        Offer => "%",
        Approval => "✔",
        Settlement => "✍",
        Message => "❝",
    }
}

pub fn promise_state(lang: Lang, s: PromiseState) -> &'static str {
    match (lang, s) {
        (Lang::Pl, PromiseState::Pending) => "oczekuje",
        (Lang::Pl, PromiseState::Kept) => "dotrzymana",
        (Lang::Pl, PromiseState::Broken) => "niedotrzymana",
        (Lang::En, PromiseState::Pending) => "pending",
        (Lang::En, PromiseState::Kept) => "kept",
        (Lang::En, PromiseState::Broken) => "broken",
    }
}

/// The headings of the promise ledger on the case page.
pub fn ledger_heading(lang: Lang, h: LedgerHeading) -> &'static str {
    match (lang, h) {
        (Lang::Pl, LedgerHeading::Paid) => "Wpłacono",
        (Lang::Pl, LedgerHeading::InTimeUntil) => "W terminie do",
        (Lang::Pl, LedgerHeading::Ledger) => "Rozliczenie wpłat z deklaracjami",
        (Lang::En, LedgerHeading::Paid) => "Paid",
        (Lang::En, LedgerHeading::InTimeUntil) => "In time until",
        (Lang::En, LedgerHeading::Ledger) => "Payments matched to promises",
    }
}

/// A heading of the promise ledger on the case page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerHeading {
    /// What payments in time paid towards a promise.
    Paid,
    /// A promise's last day in time (moved past days off, with grace).
    InTimeUntil,
    /// The list of the ledger's lines.
    Ledger,
}

/// One line of the promise ledger in words: a payment counted towards a
/// promise, or a promise and its state.
pub fn ledger_entry(lang: Lang, e: &LedgerEntry) -> String {
    match (lang, e) {
        (
            Lang::Pl,
            LedgerEntry::PaymentMatched {
                paid_on,
                amount,
                promise_due_on,
                left,
            },
        ) => {
            let rest = if left.is_zero() {
                "deklaracja spłacona w całości".to_string()
            } else {
                format!("pozostało {}", pln(*left))
            };
            format!(
                "Wpłata {} z {} zaliczona na deklarację z {}, {rest}",
                pln(*amount),
                format_date(*paid_on),
                format_date(*promise_due_on)
            )
        }
        (
            Lang::En,
            LedgerEntry::PaymentMatched {
                paid_on,
                amount,
                promise_due_on,
                left,
            },
        ) => {
            let rest = if left.is_zero() {
                "promise paid in full".to_string()
            } else {
                format!("{} left", pln(*left))
            };
            format!(
                "Payment of {} on {} counted towards the promise of {}, {rest}",
                pln(*amount),
                format_date(*paid_on),
                format_date(*promise_due_on)
            )
        }
        (
            lang,
            LedgerEntry::Promise {
                due_on,
                amount,
                paid,
                last_day,
                state,
            },
        ) => {
            let word = promise_state(lang, *state);
            let left = pln((*amount - *paid).max(Decimal::ZERO));
            let (amount, due, last) = (pln(*amount), format_date(*due_on), format_date(*last_day));
            match (lang, state) {
                (Lang::Pl, PromiseState::Kept) => {
                    format!("Deklaracja {amount} na {due}: {word}")
                }
                (Lang::Pl, PromiseState::Pending) => format!(
                    "Deklaracja {amount} na {due}: {word}, do zapłaty {left} do {last} (z karencją)"
                ),
                (Lang::Pl, PromiseState::Broken) => {
                    format!("Deklaracja {amount} na {due}: {word}, brak wpłaty {left} do {last}")
                }
                (Lang::En, PromiseState::Kept) => format!("Promise of {amount} for {due}: {word}"),
                (Lang::En, PromiseState::Pending) => format!(
                    "Promise of {amount} for {due}: {word}, {left} to pay by {last} (with grace)"
                ),
                (Lang::En, PromiseState::Broken) => {
                    format!("Promise of {amount} for {due}: {word}, {left} unpaid by {last}")
                }
            }
        }
    }
}

pub fn address_kind(lang: Lang, k: AddressKind) -> &'static str {
    match (lang, k) {
        (Lang::Pl, AddressKind::Residence) => "Zamieszkania",
        (Lang::Pl, AddressKind::Correspondence) => "Korespondencyjny",
        (Lang::Pl, AddressKind::Registered) => "Zameldowania",
        (Lang::En, AddressKind::Residence) => "Residence",
        (Lang::En, AddressKind::Correspondence) => "Correspondence",
        (Lang::En, AddressKind::Registered) => "Registered",
    }
}

pub fn consent_kind(lang: Lang, k: ConsentKind) -> &'static str {
    match (lang, k) {
        (Lang::Pl, ConsentKind::Phone) => "Kontakt telefoniczny",
        (Lang::Pl, ConsentKind::Sms) => "SMS",
        (Lang::Pl, ConsentKind::Email) => "E-mail",
        (Lang::Pl, ConsentKind::HomeVisit) => "Wizyta domowa",
        (Lang::En, ConsentKind::Phone) => "Phone calls",
        (Lang::En, ConsentKind::Sms) => "SMS",
        (Lang::En, ConsentKind::Email) => "E-mail",
        (Lang::En, ConsentKind::HomeVisit) => "Home visit",
    }
}

pub fn payment_channel(lang: Lang, c: PaymentChannel) -> &'static str {
    match (lang, c) {
        (Lang::Pl, PaymentChannel::BankTransfer) => "przelew",
        (Lang::Pl, PaymentChannel::PostOffice) => "przekaz pocztowy",
        (Lang::Pl, PaymentChannel::Enforcement) => "egzekucja",
        (Lang::Pl, PaymentChannel::Cash) => "gotówka przyjęta w terenie",
        (Lang::En, PaymentChannel::BankTransfer) => "bank transfer",
        (Lang::En, PaymentChannel::PostOffice) => "postal order",
        (Lang::En, PaymentChannel::Enforcement) => "enforcement",
        (Lang::En, PaymentChannel::Cash) => "cash taken in the field",
    }
}

pub fn offer_kind(lang: Lang, k: OfferKind) -> &'static str {
    match (lang, k) {
        // The names the timeline and the documents use.
        (Lang::Pl, OfferKind::LumpSum) => VariantKind::LumpSum.name_pl(),
        (Lang::Pl, OfferKind::FitsBudget) => VariantKind::FitsBudget.name_pl(),
        (Lang::Pl, OfferKind::LowestInstallment) => VariantKind::LowestInstallment.name_pl(),
        (Lang::Pl, OfferKind::Forbearance) => VariantKind::Forbearance.name_pl(),
        (Lang::Pl, OfferKind::Custom) => VariantKind::Custom.name_pl(),
        (Lang::En, OfferKind::LumpSum) => "Lump sum with discount",
        (Lang::En, OfferKind::FitsBudget) => "Installments within the budget",
        (Lang::En, OfferKind::LowestInstallment) => "Lowest installment",
        (Lang::En, OfferKind::Forbearance) => "Breathing space: pause and interest freeze",
        (Lang::En, OfferKind::Custom) => "Custom terms",
    }
}

pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match (lang, v) {
        (Lang::Pl, Verdict::Affordable) => "W zasięgu budżetu",
        (Lang::Pl, Verdict::NeedsReason) => {
            "Powyżej bezpiecznej części budżetu — wymaga uzasadnienia"
        }
        (Lang::Pl, Verdict::Unaffordable) => {
            "Przekracza dochód do dyspozycji — wymaga uzasadnienia"
        }
        (Lang::En, Verdict::Affordable) => "Within the budget",
        (Lang::En, Verdict::NeedsReason) => "Above the safe share of the budget: needs a reason",
        (Lang::En, Verdict::Unaffordable) => "Exceeds the disposable income: needs a reason",
    }
}

pub fn approval(lang: Lang, a: ApprovalCode) -> &'static str {
    use ApprovalCode::*;
    match (lang, a) {
        (Lang::Pl, DiscountShare) => "rabat od odsetek i kosztów powyżej uprawnień",
        (Lang::Pl, DiscountAmount) => "kwota rabatu powyżej uprawnień",
        (Lang::Pl, PrincipalDiscount) => "umorzenie kapitału",
        (Lang::Pl, Term) => "okres spłaty powyżej uprawnień",
        (Lang::Pl, InstallmentBelowMinimum) => "rata poniżej minimalnej",
        (Lang::Pl, DownPaymentBelowPolicy) => "wpłata początkowa poniżej wymaganej",
        (Lang::Pl, ForbearanceWithoutVulnerability) => {
            "wytchnienie dla klienta bez szczególnej sytuacji"
        }
        (Lang::En, DiscountShare) => "discount on interest and costs above authority",
        (Lang::En, DiscountAmount) => "discount amount above authority",
        (Lang::En, PrincipalDiscount) => "principal forgiven",
        (Lang::En, Term) => "term above authority",
        (Lang::En, InstallmentBelowMinimum) => "installment below the minimum",
        (Lang::En, DownPaymentBelowPolicy) => "down payment below the policy",
        (Lang::En, ForbearanceWithoutVulnerability) => {
            "breathing space for a client who is not vulnerable"
        }
    }
}

/// What made a case match the search, before the fact itself.
pub fn match_kind(lang: Lang, k: MatchKind) -> &'static str {
    match (lang, k) {
        (_, MatchKind::Pesel) => "PESEL",
        (Lang::Pl, MatchKind::Phone) => "telefon",
        (Lang::Pl, MatchKind::Address) => "adres",
        (Lang::En, MatchKind::Phone) => "phone",
        (Lang::En, MatchKind::Address) => "address",
    }
}

/// The orders of the case list.
pub fn case_sort(lang: Lang, s: CaseSort) -> &'static str {
    match (lang, s) {
        (Lang::Pl, CaseSort::Priority) => "Priorytet",
        (Lang::Pl, CaseSort::Amount) => "Kwota zadłużenia",
        (Lang::Pl, CaseSort::LastContact) => "Najdawniejszy kontakt",
        (Lang::Pl, CaseSort::Name) => "Nazwisko",
        (Lang::En, CaseSort::Priority) => "Priority",
        (Lang::En, CaseSort::Amount) => "Amount owed",
        (Lang::En, CaseSort::LastContact) => "Longest without contact",
        (Lang::En, CaseSort::Name) => "Name",
    }
}

/// Why a candidate is not in the day plan.
pub fn drop_reason(lang: Lang, d: DropCode) -> &'static str {
    match (lang, d) {
        (Lang::Pl, DropCode::NoTime) => "brak czasu w dniu pracy",
        (Lang::Pl, DropCode::WindowMissed) => "nie da się zdążyć na umówioną godzinę",
        (Lang::Pl, DropCode::AfterWorkingHours) => {
            "umówiona wizyta skończyłaby się po końcu dnia pracy"
        }
        (Lang::En, DropCode::AfterWorkingHours) => {
            "the agreed visit would end after the working day"
        }
        (Lang::Pl, DropCode::LowerPriority) => "ważniejsze wizyty wypełniają dzień",
        (Lang::Pl, DropCode::RemovedByAdvisor) => "usunięta przez doradcę",
        (Lang::Pl, DropCode::BreathingSpace) => "klient w okresie ochronnym: bez wizyt",
        (Lang::Pl, DropCode::Objection) => "klient sprzeciwił się wizytom domowym",
        (Lang::En, DropCode::Objection) => "the client objected to home visits",
        (Lang::Pl, DropCode::VisitLimit) => "limit wizyt w tym tygodniu lub miesiącu wyczerpany",
        (Lang::En, DropCode::VisitLimit) => "the visit limit of the week or month is reached",
        (Lang::En, DropCode::BreathingSpace) => "the client's breathing space: no visits",
        (Lang::Pl, DropCode::OutsideContactHours) => {
            "umówiona godzina jest poza godzinami kontaktu z klientem"
        }
        (Lang::En, DropCode::NoTime) => "no time left in the working day",
        (Lang::En, DropCode::WindowMissed) => "the agreed time cannot be met",
        (Lang::En, DropCode::LowerPriority) => "more important visits fill the day",
        (Lang::En, DropCode::RemovedByAdvisor) => "removed by the advisor",
        (Lang::En, DropCode::OutsideContactHours) => "the agreed time is outside the contact hours",
    }
}

/// Why a day of the week was not saved as a day draft.
pub fn week_skip(lang: Lang, why: &WeekSkip) -> String {
    match (lang, why) {
        (Lang::Pl, WeekSkip::HasPlan(PlanStatusCode::Draft)) => {
            "dzień ma już szkic planu: zostaje bez zmian".into()
        }
        (Lang::Pl, WeekSkip::HasPlan(PlanStatusCode::Submitted)) => {
            "plan dnia jest już wysłany do kierownika".into()
        }
        (Lang::Pl, WeekSkip::HasPlan(PlanStatusCode::Approved)) => {
            "plan dnia jest już zatwierdzony".into()
        }
        (Lang::Pl, WeekSkip::HasPlan(PlanStatusCode::Returned)) => {
            "plan dnia zwrócony przez kierownika: popraw go w planie dnia".into()
        }
        (Lang::En, WeekSkip::HasPlan(PlanStatusCode::Draft)) => {
            "the day has a draft already: kept as it is".into()
        }
        (Lang::En, WeekSkip::HasPlan(PlanStatusCode::Submitted)) => {
            "the day's plan is sent to the team lead already".into()
        }
        (Lang::En, WeekSkip::HasPlan(PlanStatusCode::Approved)) => {
            "the day's plan is approved already".into()
        }
        (Lang::En, WeekSkip::HasPlan(PlanStatusCode::Returned)) => {
            "the team lead returned the day's plan: change it on the day screen".into()
        }
        (Lang::Pl, WeekSkip::Refused(r)) => {
            reason(lang, r).unwrap_or_else(|| "nie można zaplanować tego dnia".into())
        }
        (Lang::En, WeekSkip::Refused(r)) => {
            reason(lang, r).unwrap_or_else(|| "the day cannot be planned".into())
        }
    }
}

/// The status badge of a day plan.
pub fn plan_status(lang: Lang, s: PlanStatusCode) -> &'static str {
    match (lang, s) {
        (Lang::Pl, PlanStatusCode::Draft) => "szkic",
        (Lang::Pl, PlanStatusCode::Submitted) => "wysłany",
        (Lang::Pl, PlanStatusCode::Approved) => "zatwierdzony",
        (Lang::Pl, PlanStatusCode::Returned) => "zwrócony",
        (Lang::En, PlanStatusCode::Draft) => "draft",
        (Lang::En, PlanStatusCode::Submitted) => "sent",
        (Lang::En, PlanStatusCode::Approved) => "approved",
        (Lang::En, PlanStatusCode::Returned) => "returned",
    }
}

/// A rule an edited plan breaks.
pub fn plan_warning(lang: Lang, w: PlanWarningCode) -> &'static str {
    match (lang, w) {
        (Lang::Pl, PlanWarningCode::WindowMissed) => "wizyta poza umówioną godziną",
        (Lang::Pl, PlanWarningCode::ReturnsLate) => "powrót po godzinach pracy",
        (Lang::Pl, PlanWarningCode::Other) => "plan narusza reguły planowania",
        (Lang::En, PlanWarningCode::WindowMissed) => "visit outside the agreed time",
        (Lang::En, PlanWarningCode::ReturnsLate) => "back after working hours",
        (Lang::En, PlanWarningCode::Other) => "the plan breaks a planning rule",
    }
}

/// Where an offer stands with the team lead ("oferta": feminine in Polish).
pub fn review_state(lang: Lang, s: ReviewState) -> &'static str {
    match (lang, s) {
        (Lang::Pl, ReviewState::Pending) => "czeka na zatwierdzenie",
        (Lang::Pl, ReviewState::Approved) => "zatwierdzona",
        (Lang::Pl, ReviewState::Rejected) => "odrzucona",
        (Lang::Pl, ReviewState::Returned) => "zwrócona do poprawy",
        (Lang::En, ReviewState::Pending) => "awaiting approval",
        (Lang::En, ReviewState::Approved) => "approved",
        (Lang::En, ReviewState::Rejected) => "rejected",
        (Lang::En, ReviewState::Returned) => "returned for changes",
    }
}

/// Where a photo of a visit stands.
pub fn photo_state(lang: Lang, s: crate::PhotoState) -> &'static str {
    use crate::PhotoState::*;
    match (lang, s) {
        (Lang::Pl, Waiting) => "czeka na wysłanie",
        (Lang::Pl, Sent) => "wysłane",
        (Lang::Pl, Refused) => "odrzucone",
        (Lang::En, Waiting) => "waiting to send",
        (Lang::En, Sent) => "sent",
        (Lang::En, Refused) => "refused",
    }
}

/// Where a day plan stands with the team lead (a plan is masculine in
/// Polish: "zatwierdzony").
pub fn plan_state(lang: Lang, s: ReviewState) -> &'static str {
    match (lang, s) {
        (Lang::Pl, ReviewState::Pending) => "czeka na decyzję",
        (Lang::Pl, ReviewState::Approved) => "zatwierdzony",
        (Lang::Pl, ReviewState::Rejected) => "odrzucony",
        (Lang::Pl, ReviewState::Returned) => "zwrócony do poprawy",
        (Lang::En, ReviewState::Pending) => "awaiting review",
        (Lang::En, ReviewState::Approved) => "approved",
        (Lang::En, ReviewState::Rejected) => "rejected",
        (Lang::En, ReviewState::Returned) => "returned for changes",
    }
}

/// The name of an input, as the screens call it (lowercase, for a message).
pub fn field(lang: Lang, f: Field) -> &'static str {
    use Field::*;
    match (lang, f) {
        (Lang::Pl, CaseId) => "identyfikator sprawy",
        (Lang::Pl, RequestId) => "identyfikator prośby",
        (Lang::Pl, Income) => "dochód netto",
        (Lang::Pl, Housing) => "mieszkanie",
        (Lang::Pl, Utilities) => "media",
        (Lang::Pl, Food) => "żywność",
        (Lang::Pl, Transport) => "transport",
        (Lang::Pl, Dependants) => "koszt utrzymania osób zależnych",
        (Lang::Pl, OtherDebts) => "inne zobowiązania",
        (Lang::Pl, CustomDownPayment) => "wpłata początkowa",
        (Lang::Pl, DueDay) => "dzień płatności",
        (Lang::Pl, Offer) => "oferta",
        (Lang::Pl, Variant) => "wariant oferty",
        (Lang::Pl, Reason) => "uzasadnienie",
        (Lang::Pl, Start) => "start",
        (Lang::Pl, Date) => "data",
        (Lang::Pl, Hours) => "godziny pracy",
        (Lang::Pl, From) => "początek pracy",
        (Lang::Pl, Until) => "koniec pracy",
        (Lang::Pl, VisitMinutes) => "minut na wizytę",
        (Lang::Pl, Plan) => "plan",
        (Lang::Pl, Comment) => "komentarz",
        (Lang::Pl, Note) => "notatka",
        (Lang::Pl, Signature) => "podpis",
        (Lang::Pl, Place) => "miejscowość",
        (Lang::Pl, Device) => "certyfikat urządzenia",
        (Lang::Pl, Text) => "tekst dokumentu",
        (Lang::Pl, Server) => "adres serwera",
        (Lang::Pl, Login) => "login",
        (Lang::Pl, VisitContact) => "kontakt",
        (Lang::Pl, VisitDetail) => "szczegóły kontaktu",
        (Lang::Pl, VisitWho) => "kto",
        (Lang::Pl, VisitOutcome) => "wynik wizyty",
        (Lang::Pl, VisitAmount) => "kwota",
        (Lang::Pl, VisitDueOn) => "termin wpłaty",
        (Lang::Pl, VisitChannel) => "sposób wpłaty",
        (Lang::Pl, VisitReceipt) => "numer potwierdzenia wpłaty",
        (Lang::Pl, VisitSettlement) => "ugoda",
        (Lang::Pl, VisitDetails) => "opis",
        (Lang::Pl, VisitRevisitOn) => "dzień ponownej wizyty",
        (Lang::Pl, VisitWindow) => "godziny ponownej wizyty",
        (Lang::Pl, VisitNotes) => "notatki",
        (Lang::Pl, VisitNextStep) => "następny krok",
        (Lang::Pl, VisitFollowUp) => "data ponownego kontaktu",
        (Lang::Pl, VisitTimes) => "czas wizyty",
        (Lang::Pl, VisitCorrects) => "korygowany raport",
        (Lang::Pl, Destination) => "adres docelowy",
        (Lang::Pl, ContactChanges) => "zmiany danych kontaktowych",
        (Lang::Pl, ContactTarget) => "poprawiany wpis",
        (Lang::Pl, ContactPhone) => "numer telefonu",
        (Lang::Pl, ContactEmail) => "adres e-mail",
        (Lang::Pl, ContactStreet) => "ulica i numer",
        (Lang::Pl, ContactPostalCode) => "kod pocztowy",
        (Lang::Pl, ContactCity) => "miejscowość",
        (Lang::Pl, ContactCapturedAt) => "data zgody",
        (Lang::Pl, ContactCapturedBy) => "kto przyjął zgodę",
        (Lang::Pl, ContactNote) => "uwagi",
        (Lang::Pl, ContactVisit) => "wizyta",
        (Lang::Pl, VisitPhotos) => "zdjęcia",
        (Lang::Pl, Message) => "wiadomość",
        (Lang::Pl, VisitIdentity) => "imię i nazwisko",
        (Lang::Pl, VisitIdentityFact) => "dane potwierdzające",
        // #12 inbox: add below this line (branch inbox).
        (Lang::Pl, InboxItem) => "pozycja skrzynki",
        (Lang::Pl, InboxComment) => "komentarz do odrzucenia",
        // (the line between keeps the two branches' additions apart)
        // #12 desk: add below this line (branch desk).
        (Lang::Pl, CloseReason) => "powód zamknięcia",
        (Lang::Pl, CloseNote) => "notatka do zamknięcia",
        (Lang::Pl, SearchQuery) => "wyszukiwana fraza",
        (Lang::Pl, UserId) => "identyfikator użytkownika",
        (Lang::Pl, DeviceId) => "identyfikator urządzenia",
        (Lang::En, CaseId) => "case id",
        (Lang::En, RequestId) => "request id",
        (Lang::En, Income) => "net income",
        (Lang::En, Housing) => "housing",
        (Lang::En, Utilities) => "utilities",
        (Lang::En, Food) => "food",
        (Lang::En, Transport) => "transport",
        (Lang::En, Dependants) => "cost of dependants",
        (Lang::En, OtherDebts) => "other debts",
        (Lang::En, CustomDownPayment) => "down payment",
        (Lang::En, DueDay) => "due day",
        (Lang::En, Offer) => "offer",
        (Lang::En, Variant) => "offer variant",
        (Lang::En, Reason) => "reason",
        (Lang::En, Start) => "start",
        (Lang::En, Date) => "date",
        (Lang::En, Hours) => "working hours",
        (Lang::En, From) => "work starts",
        (Lang::En, Until) => "work ends",
        (Lang::En, VisitMinutes) => "minutes per visit",
        (Lang::En, Plan) => "plan",
        (Lang::En, Comment) => "note",
        (Lang::En, Note) => "note",
        (Lang::En, Signature) => "signature",
        (Lang::En, Place) => "place",
        (Lang::En, Device) => "device certificate",
        (Lang::En, Text) => "document text",
        (Lang::En, Server) => "server address",
        (Lang::En, Login) => "login",
        (Lang::En, VisitContact) => "contact",
        (Lang::En, VisitDetail) => "contact details",
        (Lang::En, VisitWho) => "who",
        (Lang::En, VisitOutcome) => "visit result",
        (Lang::En, VisitAmount) => "amount",
        (Lang::En, VisitDueOn) => "payment date",
        (Lang::En, VisitChannel) => "payment channel",
        (Lang::En, VisitReceipt) => "receipt number",
        (Lang::En, VisitSettlement) => "settlement",
        (Lang::En, VisitDetails) => "description",
        (Lang::En, VisitRevisitOn) => "revisit day",
        (Lang::En, VisitWindow) => "revisit hours",
        (Lang::En, VisitNotes) => "notes",
        (Lang::En, VisitNextStep) => "next step",
        (Lang::En, VisitFollowUp) => "follow-up date",
        (Lang::En, VisitTimes) => "visit time",
        (Lang::En, VisitCorrects) => "corrected report",
        (Lang::En, Destination) => "destination",
        (Lang::En, ContactChanges) => "contact data changes",
        (Lang::En, ContactTarget) => "corrected entry",
        (Lang::En, ContactPhone) => "phone number",
        (Lang::En, ContactEmail) => "e-mail address",
        (Lang::En, ContactStreet) => "street and number",
        (Lang::En, ContactPostalCode) => "postal code",
        (Lang::En, ContactCity) => "town",
        (Lang::En, ContactCapturedAt) => "consent date",
        (Lang::En, ContactCapturedBy) => "consent taken by",
        (Lang::En, ContactNote) => "remarks",
        (Lang::En, ContactVisit) => "visit",
        (Lang::En, VisitPhotos) => "photos",
        (Lang::En, Message) => "message",
        (Lang::En, VisitIdentity) => "name",
        (Lang::En, VisitIdentityFact) => "confirming fact",
        // #12 inbox: add below this line (branch inbox).
        (Lang::En, InboxItem) => "inbox item",
        (Lang::En, InboxComment) => "comment on the rejection",
        // (the line between keeps the two branches' additions apart)
        // #12 desk: add below this line (branch desk).
        (Lang::En, CloseReason) => "reason for closing",
        (Lang::En, CloseNote) => "closing note",
        (Lang::En, SearchQuery) => "search",
        (Lang::En, UserId) => "user id",
        (Lang::En, DeviceId) => "device id",
        (Lang::Pl, Pin) => "PIN",
        (Lang::Pl, PinRepeat) => "powtórzony PIN",
        (Lang::En, Pin) => "PIN",
        (Lang::En, PinRepeat) => "repeated PIN",
    }
}

/// What is wrong with an input, when there is more to say than "invalid".
pub fn reason(lang: Lang, r: &Reason) -> Option<String> {
    use Reason::*;
    let s = match (lang, r) {
        (_, MalformedId | Malformed | Rule(_)) => return None,
        (Lang::Pl, OutOfRange) => "poza zakresem",
        (Lang::Pl, Required) => "wymagane",
        (Lang::Pl, Empty | Blank) => "puste",
        (Lang::Pl, TooLong) => "za długi",
        (Lang::Pl, Amount(AmountProblem::Empty)) => "brak kwoty",
        (Lang::Pl, Amount(AmountProblem::Format)) => "to nie jest kwota",
        (Lang::Pl, Amount(AmountProblem::Negative)) => "kwota ujemna",
        (Lang::Pl, NotAvailable) => "niedostępny",
        (Lang::Pl, ReasonMissing | ReasonBlank) => "wymagane",
        (Lang::Pl, NoCases) => "brak spraw z lokalizacją",
        (Lang::Pl, EndsBeforeStart) => "koniec przed początkiem",
        (Lang::Pl, NotInPlan) => "sprawy nie ma w planie",
        (Lang::Pl, NotACandidate) => "sprawa nie jest kandydatem tego dnia",
        (Lang::Pl, AlreadyPlanned) => "sprawa jest już w planie",
        (Lang::Pl, AlreadySubmitted) => "już wysłany",
        (Lang::Pl, NeedsApproval) => "czeka na zatwierdzenie kierownika",
        (Lang::Pl, Rejected) => "odrzucona przez kierownika",
        (Lang::Pl, AlreadySigned) => "już podpisana",
        (Lang::Pl, Changed) => "sprawa lub zasady zmieniły się od zapisania",
        (Lang::Pl, NotCertified) => "brak certyfikatu",
        (Lang::Pl, Url) => "to nie jest adres",
        (Lang::Pl, InsecureUrl) => {
            "połączenie musi być szyfrowane: adres zaczyna się od https:// (http:// tylko do tego komputera)"
        }
        (Lang::Pl, NotAllowedForContact) => "niedozwolony przy tym kontakcie",
        (Lang::Pl, StatusRefused) => "niedozwolona zmiana statusu sprawy",
        (Lang::Pl, Value(p)) => p.validation().message_pl(),
        (Lang::Pl, TooMany) => "za dużo wpisów",
        (Lang::Pl, UnknownEntry) => "nie ma takiego wpisu w sprawie",
        (Lang::Pl, Glyph(c)) => return Some(format!("znak {} jest nieobsługiwany", glyph(*c))),
        (Lang::Pl, AboveDoorLimit { max_grosze }) => {
            return Some(format!(
                "przy drzwiach można przyjąć najwyżej {}",
                format_pln(Money::from_grosze(*max_grosze))
            ))
        }
        (Lang::En, AboveDoorLimit { max_grosze }) => {
            return Some(format!(
                "at most {} can be taken at the door",
                format_pln(Money::from_grosze(*max_grosze))
            ))
        }
        (Lang::Pl, NotAnImage) => "plik nie jest zdjęciem JPEG ani PNG",
        (Lang::Pl, PhotoTooLarge) => "zdjęcie przekracza dopuszczalny rozmiar",
        (Lang::Pl, GuessablePin) => "zbyt łatwy do odgadnięcia (powtórzona cyfra lub kolejne cyfry)",
        (Lang::Pl, Mismatch) => "nie zgadza się z pierwszym wpisem",
        (Lang::Pl, TooManyPhotos) => "do wizyty można dołączyć najwyżej 10 zdjęć",
        (Lang::Pl, ContactDayClosed(ClosedDay::Sunday)) => {
            "w niedzielę kontakt z klientem jest niedozwolony"
        }
        (Lang::Pl, ContactDayClosed(ClosedDay::PublicHoliday)) => {
            "w święto ustawowo wolne od pracy kontakt z klientem jest niedozwolony"
        }
        (Lang::Pl, ContactDayClosed(ClosedDay::NotInPolicy)) => {
            "zasady firmy nie przewidują kontaktu z klientem w tym dniu tygodnia"
        }
        (Lang::Pl, OutsideContactHours { from, until }) => {
            return Some(format!(
                "poza godzinami kontaktu z klientem ({}–{})",
                from.format("%-H:%M"),
                until.format("%-H:%M")
            ))
        }
        (Lang::Pl, SaturdayNeedsReason) => "praca w sobotę wymaga pisemnego uzasadnienia",
        (Lang::Pl, DayInPast { today }) => {
            return Some(format!(
                "ten dzień już minął (dziś jest {})",
                format_date(*today)
            ))
        }
        (Lang::En, DayInPast { today }) => {
            return Some(format!(
                "the day is in the past (today is {})",
                format_date(*today)
            ))
        }
        (Lang::Pl, BreathingSpace { until }) => {
            return Some(format!(
                "klient jest w okresie ochronnym do {}: bez wizyt",
                format_date(*until)
            ))
        }
        (Lang::Pl, Objection) => "klient sprzeciwił się wizytom domowym",
        (Lang::Pl, NotTheDebtor) => "to nie jest dłużnik",
        (Lang::En, NotTheDebtor) => "not the debtor",
        (Lang::Pl, FactUnknown) => "brak tej informacji w sprawie",
        (Lang::En, FactUnknown) => "the case holds no such fact",
        (Lang::En, Objection) => "the client objected to home visits",
        (
            Lang::Pl,
            VisitLimit {
                per_week,
                per_month,
            },
        ) => {
            return Some(match (per_week, per_month) {
                (Some(n), _) => format!("limit {n} wizyt w tygodniu wyczerpany"),
                (_, Some(n)) => format!("limit {n} wizyt w miesiącu wyczerpany"),
                _ => "limit wizyt wyczerpany".into(),
            })
        }
        (
            Lang::En,
            VisitLimit {
                per_week,
                per_month,
            },
        ) => {
            return Some(match (per_week, per_month) {
                (Some(n), _) => format!("the limit of {n} visits a week is reached"),
                (_, Some(n)) => format!("the limit of {n} visits a month is reached"),
                _ => "the visit limit is reached".into(),
            })
        }
        (Lang::En, BreathingSpace { until }) => {
            return Some(format!(
                "the client's breathing space lasts until {}: no visits",
                format_date(*until)
            ))
        }
        (Lang::En, OutOfRange) => "out of range",
        (Lang::En, Required) => "required",
        (Lang::En, Empty | Blank) => "empty",
        (Lang::En, TooLong) => "too long",
        (Lang::En, Amount(AmountProblem::Empty)) => "no amount",
        (Lang::En, Amount(AmountProblem::Format)) => "not an amount",
        (Lang::En, Amount(AmountProblem::Negative)) => "negative amount",
        (Lang::En, NotAvailable) => "not available",
        (Lang::En, ReasonMissing | ReasonBlank) => "required",
        (Lang::En, NoCases) => "no case has a location",
        (Lang::En, EndsBeforeStart) => "end before start",
        (Lang::En, NotInPlan) => "the case is not in the plan",
        (Lang::En, NotACandidate) => "the case is not a candidate of the day",
        (Lang::En, AlreadyPlanned) => "the case is in the plan already",
        (Lang::En, AlreadySubmitted) => "already sent",
        (Lang::En, NeedsApproval) => "awaiting the team lead's approval",
        (Lang::En, Rejected) => "rejected by the team lead",
        (Lang::En, AlreadySigned) => "signed already",
        (Lang::En, Changed) => "the case or the policy changed since it was saved",
        (Lang::En, NotCertified) => "no certificate",
        (Lang::En, Url) => "not an address",
        (Lang::En, InsecureUrl) => {
            "the connection must be encrypted: the address starts with https:// (http:// only to this computer)"
        }
        (Lang::En, NotAllowedForContact) => "not allowed with this contact",
        (Lang::En, StatusRefused) => "the case's status cannot change so",
        (Lang::En, Value(p)) => p.validation().message_en(),
        (Lang::En, TooMany) => "too many entries",
        (Lang::En, UnknownEntry) => "no such entry on the case",
        (Lang::En, NotAnImage) => "the file is not a JPEG or PNG photo",
        (Lang::En, PhotoTooLarge) => "the photo is larger than allowed",
        (Lang::En, GuessablePin) => "too easy to guess (one digit repeated or a run)",
        (Lang::En, Mismatch) => "does not match the first entry",
        (Lang::En, TooManyPhotos) => "a visit takes at most 10 photos",
        (Lang::En, ContactDayClosed(ClosedDay::Sunday)) => "no contact with clients on a Sunday",
        (Lang::En, ContactDayClosed(ClosedDay::PublicHoliday)) => {
            "no contact with clients on a public holiday"
        }
        (Lang::En, ContactDayClosed(ClosedDay::NotInPolicy)) => {
            "the company's policy allows no contact on this weekday"
        }
        (Lang::En, OutsideContactHours { from, until }) => {
            return Some(format!(
                "outside the contact hours ({}–{})",
                from.format("%-H:%M"),
                until.format("%-H:%M")
            ))
        }
        (Lang::En, SaturdayNeedsReason) => "work on a Saturday needs a written reason",
        (Lang::En, Glyph(c)) => {
            return Some(format!("the character {} is not supported", glyph(*c)))
        }
    };
    Some(s.to_owned())
}

fn glyph(code_point: u32) -> String {
    char::from_u32(code_point).map_or_else(|| format!("U+{code_point:04X}"), |c| format!("„{c}”"))
}

/// A message for an input the backend refused.
pub fn invalid(lang: Lang, f: Field, r: &Reason) -> String {
    // #12 desk: its fields' sentences (crates/api/src/desk.rs).
    if let Some(m) = crate::desk::invalid(lang, f, r) {
        return m;
    }
    match (lang, f, r) {
        // A team lead who rejects or returns without a comment.
        (Lang::Pl, Field::Comment, Reason::Required) => {
            "Wpisz komentarz: jest wymagany, aby odrzucić ofertę lub zwrócić plan.".into()
        }
        (Lang::En, Field::Comment, Reason::Required) => {
            "Enter a comment: it is required to reject an offer or return a plan.".into()
        }
        // Signing a saved offer that cannot be signed.
        (Lang::Pl, Field::Offer, Reason::NeedsApproval) => {
            "Oferta czeka na zatwierdzenie kierownika: ugodę można podpisać po zatwierdzeniu."
                .into()
        }
        (Lang::En, Field::Offer, Reason::NeedsApproval) => {
            "The offer awaits the team lead's approval: it can be signed once approved.".into()
        }
        (Lang::Pl, Field::Offer, Reason::Rejected) => {
            "Kierownik odrzucił tę ofertę: nie można jej podpisać.".into()
        }
        (Lang::En, Field::Offer, Reason::Rejected) => {
            "The team lead rejected this offer: it cannot be signed.".into()
        }
        (Lang::Pl, Field::Offer, Reason::AlreadySigned) => {
            "Ugoda do tej oferty jest już podpisana.".into()
        }
        (Lang::En, Field::Offer, Reason::AlreadySigned) => {
            "The settlement of this offer is signed already.".into()
        }
        (Lang::Pl, Field::Offer, Reason::Changed) => {
            "Sprawa lub zasady ofert zmieniły się od zapisania oferty: przygotuj nową ofertę."
                .into()
        }
        (Lang::En, Field::Offer, Reason::Changed) => {
            "The case or the offer policy changed since the offer was saved: make a new offer."
                .into()
        }
        // The contact hours (`domain::hours`): the rule's own sentence.
        (Lang::Pl, Field::Date, Reason::ContactDayClosed(_))
        | (Lang::En, Field::Date, Reason::ContactDayClosed(_))
        | (Lang::Pl, _, Reason::OutsideContactHours { .. })
        | (Lang::En, _, Reason::OutsideContactHours { .. })
        | (Lang::Pl, _, Reason::SaturdayNeedsReason)
        | (Lang::En, _, Reason::SaturdayNeedsReason)
        | (Lang::Pl, _, Reason::DayInPast { .. })
        | (Lang::En, _, Reason::DayInPast { .. })
        | (Lang::Pl, _, Reason::BreathingSpace { .. })
        | (Lang::En, _, Reason::BreathingSpace { .. })
        | (Lang::Pl, _, Reason::Objection)
        | (Lang::En, _, Reason::Objection)
        | (Lang::Pl, _, Reason::VisitLimit { .. })
        | (Lang::En, _, Reason::VisitLimit { .. }) => {
            let why = reason(lang, r).unwrap_or_default();
            match lang {
                Lang::Pl => format!("Nie można zaplanować: {why}."),
                Lang::En => format!("Cannot be planned: {why}."),
            }
        }
        // The doorstep identity check (`domain::identity`).
        (Lang::Pl, Field::VisitIdentity | Field::VisitIdentityFact, Reason::NotTheDebtor) => {
            "Dane nie zgadzają się z danymi dłużnika: nie ujawniaj informacji o sprawie.".into()
        }
        (Lang::En, Field::VisitIdentity | Field::VisitIdentityFact, Reason::NotTheDebtor) => {
            "This does not match the debtor: do not disclose anything about the case.".into()
        }
        (Lang::Pl, Field::VisitIdentity, Reason::Required) => {
            "Potwierdź tożsamość dłużnika: imię i nazwisko oraz datę urodzenia lub końcówkę PESEL."
                .into()
        }
        (Lang::En, Field::VisitIdentity, Reason::Required) => {
            "Confirm the debtor's identity: the name and the birth date or the PESEL's end.".into()
        }
        (Lang::Pl, Field::VisitIdentityFact, Reason::Malformed) => {
            "Wpisz datę urodzenia (dd.mm.rrrr) albo cztery ostatnie cyfry PESEL.".into()
        }
        (Lang::En, Field::VisitIdentityFact, Reason::Malformed) => {
            "Enter the birth date (dd.mm.yyyy) or the PESEL's last four digits.".into()
        }
        // The back office rejects a proposed change (issue #12).
        (Lang::Pl, Field::InboxComment, Reason::Required) => {
            "Wpisz komentarz: odrzucenie zmiany wymaga uzasadnienia dla doradcy.".into()
        }
        (Lang::En, Field::InboxComment, Reason::Required) => {
            "Enter a comment: rejecting a change needs a reason for the advisor.".into()
        }
        // A message to the office: the domain's sentence.
        (Lang::Pl, Field::Message, Reason::Empty) => "Wpisz treść wiadomości.".into(),
        (Lang::En, Field::Message, Reason::Empty) => "Enter the message.".into(),
        (Lang::Pl, Field::Message, Reason::TooLong) => {
            "Wiadomość może mieć najwyżej 4000 znaków.".into()
        }
        (Lang::En, Field::Message, Reason::TooLong) => {
            "A message has at most 4000 characters.".into()
        }
        // A phone, postcode or e-mail: the validator's own sentence, which
        // says what to fix ("Polski numer telefonu ma 9 cyfr").
        (Lang::Pl, _, Reason::Value(p)) => format!("{}.", p.validation().message_pl()),
        (Lang::En, _, Reason::Value(p)) => {
            let m = p.validation().message_en();
            let mut c = m.chars();
            let first = c.next().map(|f| f.to_uppercase().collect::<String>());
            format!("{}{}.", first.unwrap_or_default(), c.as_str())
        }
        _ => {
            let name = match reason(lang, r) {
                Some(why) => format!("{} ({why})", field(lang, f)),
                None => field(lang, f).to_owned(),
            };
            match lang {
                Lang::Pl => format!("Nieprawidłowa wartość pola: {name}."),
                Lang::En => format!("Invalid value: {name}."),
            }
        }
    }
}

/// A message for something that is not there.
pub fn missing(lang: Lang, m: Missing) -> &'static str {
    match (lang, m) {
        (Lang::Pl, Missing::Case) => "Nie znaleziono sprawy w pamięci urządzenia.",
        (Lang::Pl, Missing::Plan) => "Nie ma jeszcze planu tego dnia: najpierw zaplanuj dzień.",
        (Lang::Pl, Missing::Request) => "Nie ma takiej prośby w Twoim zespole.",
        (Lang::Pl, Missing::Offer) => "Nie ma takiej oferty na tym urządzeniu.",
        (Lang::En, Missing::Case) => "The case is not on this device.",
        (Lang::En, Missing::Plan) => "There is no plan for this day yet: plan the day first.",
        (Lang::En, Missing::Request) => "There is no such request in your team.",
        (Lang::En, Missing::Offer) => "There is no such offer on this device.",
        (Lang::Pl, Missing::PortfolioCase) => "Nie ma takiej sprawy w portfelu.",
        (Lang::En, Missing::PortfolioCase) => "There is no such case in the portfolio.",
        (Lang::Pl, Missing::Document) => "Tego dokumentu nie ma już na urządzeniu.",
        (Lang::En, Missing::Document) => "This document is no longer on this device.",
    }
}

/// A message for the user about a failed command.
pub fn error(lang: Lang, e: &CommandError) -> String {
    match (lang, e) {
        (_, CommandError::NotFound { what, .. }) => missing(lang, *what).into(),
        (_, CommandError::Invalid { field, code }) => invalid(lang, *field, code),
        (Lang::Pl, CommandError::Offline) => {
            "Brak połączenia z serwerem. Ta czynność wymaga sieci: spróbuj ponownie, gdy połączenie wróci.".into()
        }
        (Lang::En, CommandError::Offline) => {
            "No connection to the server. This needs a network: try again when you are back online.".into()
        }
        (Lang::Pl, CommandError::LoginRequired) => "Zaloguj się ponownie.".into(),
        (Lang::En, CommandError::LoginRequired) => "Log in again.".into(),
        (Lang::Pl, CommandError::Forbidden) => "Nie masz uprawnień do tej czynności.".into(),
        (Lang::En, CommandError::Forbidden) => "You are not allowed to do this.".into(),
        (Lang::Pl, CommandError::AlreadyDecided { .. }) => {
            "Tę sprawę już rozstrzygnięto: decyzja jest ostateczna. Lista została odświeżona.".into()
        }
        (Lang::En, CommandError::AlreadyDecided { message }) => {
            format!("This was decided already ({message}); the decision is final. The list was refreshed.")
        }
        (Lang::Pl, CommandError::Server { message }) => format!("Serwer odmówił: {message}"),
        (Lang::En, CommandError::Server { message }) => format!("The server refused: {message}"),
        (Lang::Pl, CommandError::ReplicaTooNew) => {
            "Dane na urządzeniu pochodzą z nowszej wersji aplikacji. Zaktualizuj aplikację; dane pozostały nienaruszone.".into()
        }
        (Lang::En, CommandError::ReplicaTooNew) => {
            "The data on this device comes from a newer app. Update the app; the data is untouched.".into()
        }
        (Lang::Pl, CommandError::NoReplica) => "Brak danych na urządzeniu. Połącz się i zsynchronizuj.".into(),
        (Lang::En, CommandError::NoReplica) => "No data on this device yet. Connect and sync.".into(),
        (Lang::Pl, CommandError::Storage { message }) => format!("Błąd pamięci urządzenia: {message}"),
        (Lang::En, CommandError::Storage { message }) => format!("Device storage error: {message}"),
        (Lang::Pl, CommandError::Locked { days }) => format!(
            "Dane spraw są zablokowane: to urządzenie nie synchronizowało się od {days} dni (dopuszczalne {}). Połącz się z siecią i zsynchronizuj — dane odblokują się same, nic nie zginęło.",
            domain::stale::LOCK_AFTER_DAYS
        ),
        (Lang::En, CommandError::Locked { days }) => format!(
            "Case data is locked: this device has not synced for {days} days (at most {} allowed). Connect and sync — it unlocks by itself, nothing is lost.",
            domain::stale::LOCK_AFTER_DAYS
        ),
        (Lang::Pl, CommandError::HandledBefore { by, at }) => format!(
            "Już załatwione: {by}{}. Decyzja jest ostateczna; pozycja została odświeżona.",
            at.map(|t| format!(", {}", domain::format::format_datetime(t))).unwrap_or_default()
        ),
        (Lang::En, CommandError::HandledBefore { by, at }) => format!(
            "Handled already: {by}{}. The decision is final; the item was refreshed.",
            at.map(|t| format!(", {}", domain::format::format_datetime(t))).unwrap_or_default()
        ),
        (Lang::Pl, CommandError::AppLocked) => "Aplikacja jest zablokowana: wpisz PIN.".into(),
        (Lang::En, CommandError::AppLocked) => "The app is locked: enter your PIN.".into(),
        (Lang::Pl, CommandError::WrongPin { pins_left, before_wipe }) => {
            let next = if *pins_left > 0 {
                format!("Pozostałe próby PIN: {pins_left}; potem tylko hasło (z siecią).")
            } else {
                "Teraz tylko hasło otworzy aplikację (wymaga sieci).".to_owned()
            };
            let wipe = if (1..=domain::lock::WARN_FROM).contains(before_wipe) {
                format!(" UWAGA: po {before_wipe} kolejnych błędach dane na urządzeniu zostaną usunięte, a niezsynchronizowana praca przepadnie.")
            } else {
                String::new()
            };
            format!("Błędny PIN lub hasło. {next}{wipe}")
        }
        (Lang::En, CommandError::WrongPin { pins_left, before_wipe }) => {
            let next = if *pins_left > 0 {
                format!("PIN tries left: {pins_left}; then only the password (online).")
            } else {
                "Only the password opens the app now (needs a network).".to_owned()
            };
            let wipe = if (1..=domain::lock::WARN_FROM).contains(before_wipe) {
                format!(" WARNING: after {before_wipe} more wrong tries the data on this device is erased and unsynced work is lost.")
            } else {
                String::new()
            };
            format!("Wrong PIN or password. {next}{wipe}")
        }
        (Lang::Pl, CommandError::Erased { lost }) => format!(
            "Zbyt wiele błędnych prób: dane na tym urządzeniu zostały usunięte (utracone niewysłane zmiany: {lost}). Zaloguj się ponownie."
        ),
        (Lang::En, CommandError::Erased { lost }) => format!(
            "Too many wrong tries: the data on this device was erased ({lost} unsent changes lost). Log in again."
        ),
    }
}

fn pln(d: Decimal) -> String {
    format_pln(Money::new(d))
}

fn share(d: Decimal) -> String {
    let percent = (d * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    format!("{} %", percent.to_string().replace('.', ","))
}

/// Why an offer variant could not be built.
/// One debt's limitation as the case screen says it, with its day.
pub fn debt_limitation(lang: Lang, l: DebtLimitation) -> String {
    use DebtLimitation::*;
    match (lang, l) {
        (Lang::Pl, Enforceable { until }) => {
            format!(
                "Wymagalne — przedawnia się z upływem dnia {}",
                format_date(until)
            )
        }
        (Lang::Pl, TimeBarred { since }) => format!(
            "Przedawnione od {} — tylko dobrowolna spłata, bez odsetek",
            format_date(since)
        ),
        (Lang::Pl, BarredPaid { since }) => {
            format!("Przedawnione od {} — spłacone", format_date(since))
        }
        (Lang::En, Enforceable { until }) => {
            format!("Enforceable — time-barred after {}", format_date(until))
        }
        (Lang::En, TimeBarred { since }) => format!(
            "Time-barred since {} — voluntary repayment only, no interest",
            format_date(since)
        ),
        (Lang::En, BarredPaid { since }) => {
            format!("Time-barred since {} — paid", format_date(since))
        }
    }
}

pub fn unbuilt(lang: Lang, r: &UnbuiltReason) -> String {
    use UnbuiltReason::*;
    match (lang, r) {
        (Lang::Pl, BudgetTooSmall { limit, minimum }) => format!(
            "rata w zasięgu budżetu ({}) jest niższa niż minimalna rata ({})",
            pln(*limit),
            pln(*minimum)
        ),
        (Lang::Pl, TermTooLong { needed, maximum }) => format!(
            "przy racie w zasięgu budżetu spłata trwałaby co najmniej {needed} mies., dłużej niż dopuszczalne {maximum}"
        ),
        (Lang::Pl, TermZero) => "okres spłaty musi wynosić co najmniej jeden miesiąc".into(),
        (Lang::Pl, TermAbovePolicy { months, maximum }) => format!(
            "okres {months} mies. przekracza dopuszczalne {maximum} mies."
        ),
        (Lang::Pl, InvalidDueDay { day }) => {
            format!("dzień płatności {day} nie jest dniem miesiąca (1–31)")
        }
        (Lang::Pl, NegativeDiscount) => "rabat nie może być ujemny".into(),
        (Lang::Pl, NegativeDownPayment) => "wpłata początkowa nie może być ujemna".into(),
        (Lang::Pl, DiscountAboveDebt { discount, debt }) => format!(
            "rabat {} przekracza całe zadłużenie {}",
            pln(*discount),
            pln(*debt)
        ),
        (Lang::Pl, DiscountAbovePolicy { share: s, maximum }) => format!(
            "rabat {} od odsetek i kosztów przekracza dopuszczalne {}",
            share(*s),
            share(*maximum)
        ),
        (Lang::Pl, DownPaymentCoversTotal {
            down_payment,
            total,
        }) => format!(
            "wpłata początkowa {} pokrywa całe {}: zaproponuj spłatę jednorazową",
            pln(*down_payment),
            pln(*total)
        ),
        (Lang::Pl, PauseAbovePolicy { months, maximum }) => format!(
            "przerwa {months} mies. przekracza dopuszczalne {maximum} mies."
        ),
        (Lang::Pl, NothingLeftToPay) => "po rabacie nie zostaje nic do spłaty".into(),
        (Lang::Pl, Schedule) => "nie da się ułożyć harmonogramu spłat".into(),
        (Lang::Pl, AmountTooLarge) => "kwota propozycji jest zbyt duża".into(),
        (Lang::En, BudgetTooSmall { limit, minimum }) => format!(
            "the affordable installment of {} is below the minimum installment of {}",
            pln(*limit),
            pln(*minimum)
        ),
        (Lang::En, TermTooLong { needed, maximum }) => format!(
            "the affordable installment would need at least {needed} months, more than the maximum of {maximum}"
        ),
        (Lang::En, TermZero) => "the term must be at least one month".into(),
        (Lang::En, TermAbovePolicy { months, maximum }) => format!(
            "the term of {months} months is above the policy's maximum of {maximum}"
        ),
        (Lang::En, InvalidDueDay { day }) => {
            format!("due day {day} is not a day of the month (1 to 31)")
        }
        (Lang::En, NegativeDiscount) => "the discount must not be negative".into(),
        (Lang::En, NegativeDownPayment) => "the down payment must not be negative".into(),
        (Lang::En, DiscountAboveDebt { discount, debt }) => format!(
            "the discount of {} is more than the debt of {}",
            pln(*discount),
            pln(*debt)
        ),
        (Lang::En, DiscountAbovePolicy { share: s, maximum }) => format!(
            "the discount of {} of interest and costs is above the policy's maximum of {}",
            share(*s),
            share(*maximum)
        ),
        (Lang::En, DownPaymentCoversTotal {
            down_payment,
            total,
        }) => format!(
            "the down payment of {} covers the whole {}: offer a lump sum instead",
            pln(*down_payment),
            pln(*total)
        ),
        (Lang::En, PauseAbovePolicy { months, maximum }) => format!(
            "the pause of {months} months is above the policy's maximum of {maximum}"
        ),
        (Lang::En, NothingLeftToPay) => "nothing is left to pay after the discount".into(),
        (Lang::En, Schedule) => "the schedule cannot be built".into(),
        (Lang::En, AmountTooLarge) => "an amount of the offer is too large".into(),
    }
}

/// Whom the advisor reached, as the visit screen offers it.
pub fn visit_contact(lang: Lang, c: crate::VisitContact) -> &'static str {
    use crate::VisitContact::*;
    match (lang, c) {
        (Lang::Pl, RightParty) => "Klient",
        (Lang::Pl, ThirdParty) => "Osoba trzecia",
        (Lang::Pl, Nobody) => "Nikogo",
        (Lang::Pl, AddressInvalid) => "Zły adres",
        (Lang::Pl, Deceased) => "Klient zmarł",
        (Lang::En, RightParty) => "The client",
        (Lang::En, ThirdParty) => "Third party",
        (Lang::En, Nobody) => "Nobody",
        (Lang::En, AddressInvalid) => "Invalid address",
        (Lang::En, Deceased) => "Client deceased",
    }
}

pub fn visit_detail(lang: Lang, d: crate::VisitDetail) -> &'static str {
    use crate::VisitDetail::*;
    match (lang, d) {
        (Lang::Pl, HouseholdMember) => "domownik",
        (Lang::Pl, Neighbour) => "sąsiad",
        (Lang::Pl, Other) => "inna osoba",
        (Lang::Pl, NotAtHome) => "nikogo nie zastano",
        (Lang::Pl, NoAnswer) => "nikt nie otworzył",
        (Lang::Pl, Moved) => "wyprowadził się",
        (Lang::Pl, WrongAddress) => "błędny adres",
        (Lang::Pl, Empty) => "lokal pusty",
        (Lang::Pl, Demolished) => "budynek wyburzony",
        (Lang::En, HouseholdMember) => "household member",
        (Lang::En, Neighbour) => "neighbour",
        (Lang::En, Other) => "someone else",
        (Lang::En, NotAtHome) => "not at home",
        (Lang::En, NoAnswer) => "no answer",
        (Lang::En, Moved) => "moved away",
        (Lang::En, WrongAddress) => "wrong address",
        (Lang::En, Empty) => "empty",
        (Lang::En, Demolished) => "demolished",
    }
}

pub fn visit_outcome(lang: Lang, o: crate::VisitOutcome) -> &'static str {
    use crate::VisitOutcome::*;
    match (lang, o) {
        (Lang::Pl, PromiseToPay) => "Deklaracja wpłaty",
        (Lang::Pl, PaidAtDoor) => "Wpłata w terenie",
        (Lang::Pl, SettlementSigned) => "Podpisana ugoda",
        (Lang::Pl, Refused) => "Odmowa",
        (Lang::Pl, Dispute) => "Kwestionuje roszczenie",
        (Lang::Pl, Hardship) => "Trudna sytuacja",
        (Lang::Pl, Revisit) => "Ponowna wizyta",
        (Lang::Pl, Nothing) => "Bez ustaleń",
        (Lang::En, PromiseToPay) => "Promise to pay",
        (Lang::En, PaidAtDoor) => "Paid at the door",
        (Lang::En, SettlementSigned) => "Settlement signed",
        (Lang::En, Refused) => "Refused",
        (Lang::En, Dispute) => "Disputes the claim",
        (Lang::En, Hardship) => "Hardship noticed",
        (Lang::En, Revisit) => "Revisit",
        (Lang::En, Nothing) => "Nothing agreed",
    }
}

/// Where money taken at the door stands.
pub fn receipt_state(lang: Lang, s: crate::ReceiptState) -> &'static str {
    use crate::ReceiptState::*;
    match (lang, s) {
        (Lang::Pl, Field) => "przyjęta w terenie",
        (Lang::Pl, Booked) => "zaksięgowana",
        (Lang::En, Field) => "taken in the field",
        (Lang::En, Booked) => "booked",
    }
}

/// A receipt's line on the case: "Potwierdzenie wpłaty nr KP/… — 150,00 zł
/// (słownie: sto pięćdziesiąt złotych 00/100) — przyjęta w terenie". The
/// words are Polish in both languages: they are the document's.
pub fn receipt(lang: Lang, r: &crate::ReceiptView) -> String {
    let amount = format_pln(Money::new(r.amount));
    let state = receipt_state(lang, r.state);
    match lang {
        Lang::Pl => format!(
            "Potwierdzenie wpłaty nr {} z {} — {amount} (słownie: {}) — {state}",
            r.number,
            format_date(r.taken_on),
            r.words
        ),
        Lang::En => format!(
            "Payment receipt no. {} of {} — {amount} (in words: {}) — {state}",
            r.number,
            format_date(r.taken_on),
            r.words
        ),
    }
}

pub fn promise_channel(lang: Lang, c: crate::PromiseChannel) -> &'static str {
    use crate::PromiseChannel::*;
    match (lang, c) {
        (Lang::Pl, BankTransfer) => "przelew",
        (Lang::Pl, PostOffice) => "poczta",
        (Lang::Pl, Online) => "płatność online",
        (Lang::Pl, Cash) => "gotówka u doradcy",
        (Lang::En, BankTransfer) => "bank transfer",
        (Lang::En, PostOffice) => "post office",
        (Lang::En, Online) => "online payment",
        (Lang::En, Cash) => "cash to the advisor",
    }
}

/// A change's kind, as the contact section's buttons name it.
pub fn contact_change(lang: Lang, k: crate::ContactChangeKind) -> &'static str {
    use crate::ContactChangeKind::*;
    match (lang, k) {
        (Lang::Pl, Phone) => "Telefon",
        (Lang::Pl, Email) => "E-mail",
        (Lang::Pl, Address) => "Adres",
        (Lang::Pl, Consent) => "Zgoda",
        (Lang::En, Phone) => "Phone",
        (Lang::En, Email) => "E-mail",
        (Lang::En, Address) => "Address",
        (Lang::En, Consent) => "Consent",
    }
}

pub fn phone_mark(lang: Lang, m: crate::PhoneMarkCode) -> &'static str {
    use crate::PhoneMarkCode::*;
    match (lang, m) {
        (Lang::Pl, WrongNumber) => "błędny numer",
        (Lang::Pl, NotInService) => "numer nieaktywny",
        (Lang::En, WrongNumber) => "wrong number",
        (Lang::En, NotInService) => "not in service",
    }
}

pub fn consent_method(lang: Lang, m: crate::ConsentMethodCode) -> &'static str {
    use crate::ConsentMethodCode::*;
    match (lang, m) {
        (Lang::Pl, InPerson) => "osobiście",
        (Lang::Pl, Written) => "na piśmie",
        (Lang::Pl, Phone) => "telefonicznie",
        (Lang::Pl, Electronic) => "elektronicznie",
        (Lang::En, InPerson) => "in person",
        (Lang::En, Written) => "in writing",
        (Lang::En, Phone) => "by phone",
        (Lang::En, Electronic) => "electronically",
    }
}

pub fn proposal_state(lang: Lang, s: crate::ProposalState) -> &'static str {
    use crate::ProposalState::*;
    match (lang, s) {
        (Lang::Pl, Proposed) => "zaproponowane",
        (Lang::Pl, Accepted) => "przyjęte",
        (Lang::Pl, Rejected) => "odrzucone",
        (Lang::En, Proposed) => "proposed",
        (Lang::En, Accepted) => "accepted",
        (Lang::En, Rejected) => "rejected",
    }
}

/// The state of a message of the consultation thread.
pub fn message_state(lang: Lang, s: crate::MessageState) -> &'static str {
    use crate::MessageState::*;
    match (lang, s) {
        (Lang::Pl, Queued) => "czeka na wysłanie",
        (Lang::Pl, Delivered) => "dostarczona",
        (Lang::Pl, ReadByOffice) => "przeczytana",
        (Lang::Pl, Rejected) => "odrzucona",
        (Lang::Pl, Unread) => "nieprzeczytana",
        (Lang::Pl, Read) => "przeczytana",
        (Lang::En, Queued) => "waiting to be sent",
        (Lang::En, Delivered) => "delivered",
        (Lang::En, ReadByOffice) => "read",
        (Lang::En, Rejected) => "refused",
        (Lang::En, Unread) => "unread",
        (Lang::En, Read) => "read",
    }
}

/// Who wrote a message of the consultation thread.
pub fn message_author(lang: Lang, a: crate::MessageAuthor) -> &'static str {
    use crate::MessageAuthor::*;
    match (lang, a) {
        (Lang::Pl, Advisor) => "doradca",
        (Lang::Pl, BackOffice) => "biuro",
        (Lang::Pl, TeamLead) => "kierownik zespołu",
        (Lang::En, Advisor) => "advisor",
        (Lang::En, BackOffice) => "back office",
        (Lang::En, TeamLead) => "team lead",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: the timeline says how each payment was counted and where
    /// each promise stands, in both languages.
    #[test]
    fn ledger_entries_are_worded_with_amounts_and_days() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let zl = |g: i64| Decimal::new(g, 2);
        let matched = LedgerEntry::PaymentMatched {
            paid_on: d(2027, 1, 2),
            amount: zl(200_00),
            promise_due_on: d(2027, 1, 2),
            left: zl(300_00),
        };
        assert_eq!(
            ledger_entry(Lang::Pl, &matched),
            "Wpłata 200,00 zł z 02.01.2027 zaliczona na deklarację z 02.01.2027, pozostało 300,00 zł"
        );
        assert_eq!(
            ledger_entry(Lang::En, &matched),
            "Payment of 200,00 zł on 02.01.2027 counted towards the promise of 02.01.2027, 300,00 zł left"
        );
        let promise = |state| LedgerEntry::Promise {
            due_on: d(2027, 1, 2),
            amount: zl(500_00),
            paid: zl(200_00),
            last_day: d(2027, 1, 7),
            state,
        };
        assert_eq!(
            ledger_entry(Lang::Pl, &promise(PromiseState::Broken)),
            "Deklaracja 500,00 zł na 02.01.2027: niedotrzymana, brak wpłaty 300,00 zł do 07.01.2027"
        );
        assert_eq!(
            ledger_entry(Lang::Pl, &promise(PromiseState::Pending)),
            "Deklaracja 500,00 zł na 02.01.2027: oczekuje, do zapłaty 300,00 zł do 07.01.2027 (z karencją)"
        );
        assert_eq!(
            ledger_entry(Lang::En, &promise(PromiseState::Kept)),
            "Promise of 500,00 zł for 02.01.2027: kept"
        );
    }

    #[test]
    fn a_debts_limitation_is_said_with_its_day() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(
            debt_limitation(Lang::Pl, DebtLimitation::Enforceable { until: d(12, 31) }),
            "Wymagalne — przedawnia się z upływem dnia 31.12.2026"
        );
        assert_eq!(
            debt_limitation(Lang::Pl, DebtLimitation::TimeBarred { since: d(1, 1) }),
            "Przedawnione od 01.01.2026 — tylko dobrowolna spłata, bez odsetek"
        );
        assert_eq!(
            debt_limitation(Lang::En, DebtLimitation::BarredPaid { since: d(1, 1) }),
            "Time-barred since 01.01.2026 — paid"
        );
    }

    /// Issue #9: the message named the field's code ("income"), not the
    /// field.
    #[test]
    fn an_invalid_amount_names_the_field_as_the_form_does() {
        let e = CommandError::invalid(Field::Income, Reason::Amount(AmountProblem::Format));
        assert_eq!(
            error(Lang::Pl, &e),
            "Nieprawidłowa wartość pola: dochód netto (to nie jest kwota)."
        );
        assert_eq!(
            error(Lang::En, &e),
            "Invalid value: net income (not an amount)."
        );
    }

    /// Issue 11: a promise from a neighbour is refused on the field with
    /// words, and every visit code has a label of its own in each language.
    #[test]
    fn visit_codes_and_refusals_are_worded() {
        let e = CommandError::invalid(Field::VisitOutcome, Reason::NotAllowedForContact);
        assert_eq!(
            error(Lang::Pl, &e),
            "Nieprawidłowa wartość pola: wynik wizyty (niedozwolony przy tym kontakcie)."
        );
        for lang in [Lang::Pl, Lang::En] {
            let mut seen = std::collections::HashSet::new();
            for c in crate::VisitContact::ALL {
                assert!(seen.insert(visit_contact(lang, c)));
                for d in c.details() {
                    assert!(!visit_detail(lang, *d).is_empty());
                }
            }
            for o in crate::VisitOutcome::ALL {
                assert!(seen.insert(visit_outcome(lang, o)));
            }
            for c in crate::PromiseChannel::ALL {
                assert!(seen.insert(promise_channel(lang, c)));
            }
        }
        assert_eq!(
            crate::VisitContact::Nobody.outcomes(),
            vec![crate::VisitOutcome::Revisit, crate::VisitOutcome::Nothing]
        );
    }

    #[test]
    fn no_field_label_is_its_code() {
        for f in Field::ALL {
            let code = serde_json::to_value(f).unwrap();
            for lang in [Lang::Pl, Lang::En] {
                let label = field(lang, f);
                assert!(!label.contains('_'), "{f:?}: {label}");
                if lang == Lang::Pl
                    && !matches!(
                        f,
                        Field::Plan | Field::Login | Field::Start | Field::Transport
                    )
                {
                    assert_ne!(Some(label), code.as_str(), "{f:?} has no Polish label");
                }
            }
        }
    }

    /// Issue #9: a too-long plan comment showed "comment required".
    #[test]
    fn a_too_long_comment_is_not_a_missing_one() {
        let long = CommandError::invalid(Field::Comment, Reason::TooLong);
        let missing = CommandError::invalid(Field::Comment, Reason::Required);
        for lang in [Lang::Pl, Lang::En] {
            assert_ne!(error(lang, &long), error(lang, &missing));
        }
        assert_eq!(
            error(Lang::Pl, &long),
            "Nieprawidłowa wartość pola: komentarz (za długi)."
        );
        assert_eq!(
            error(Lang::Pl, &missing),
            "Wpisz komentarz: jest wymagany, aby odrzucić ofertę lub zwrócić plan."
        );
    }

    /// Issue #9: a missing plan said "the case is not on this device".
    #[test]
    fn a_missing_plan_is_not_a_missing_case() {
        let plan = CommandError::NotFound {
            what: Missing::Plan,
            key: Some("2026-11-23".into()),
        };
        let case = CommandError::NotFound {
            what: Missing::Case,
            key: None,
        };
        assert_eq!(
            error(Lang::Pl, &plan),
            "Nie ma jeszcze planu tego dnia: najpierw zaplanuj dzień."
        );
        assert_eq!(error(Lang::En, &case), "The case is not on this device.");
        assert!(!error(Lang::En, &plan).contains("case"));
    }

    /// Issue #9: Polish screens showed the domain's English reasons for the
    /// variants that could not be built.
    #[test]
    fn unbuilt_reasons_are_worded_in_polish() {
        let r = UnbuiltReason::BudgetTooSmall {
            limit: Decimal::new(30_00, 2),
            minimum: Decimal::new(50_00, 2),
        };
        assert_eq!(
            unbuilt(Lang::Pl, &r),
            "rata w zasięgu budżetu (30,00 zł) jest niższa niż minimalna rata (50,00 zł)"
        );
        let share = UnbuiltReason::DiscountAbovePolicy {
            share: Decimal::new(6, 1),
            maximum: Decimal::new(5, 1),
        };
        assert_eq!(
            unbuilt(Lang::Pl, &share),
            "rabat 60 % od odsetek i kosztów przekracza dopuszczalne 50 %"
        );
    }

    /// The English wording is the domain's own (the reason's `Display`).
    #[test]
    fn unbuilt_reasons_in_english_match_the_domain() {
        use domain::offer::UnbuiltReason as D;
        let m = |g| Money::from_grosze(g);
        let all = [
            D::BudgetTooSmall {
                limit: m(30_00),
                minimum: m(50_00),
            },
            D::TermTooLong {
                needed: 40,
                maximum: 36,
            },
            D::TermZero,
            D::TermAbovePolicy {
                months: 40,
                maximum: 36,
            },
            D::InvalidDueDay(32),
            D::NegativeDiscount,
            D::NegativeDownPayment,
            D::DiscountAboveDebt {
                discount: m(200_00),
                debt: m(100_00),
            },
            D::DiscountAbovePolicy {
                share: Decimal::new(6, 1),
                maximum: Decimal::new(5, 1),
            },
            D::DownPaymentCoversTotal {
                down_payment: m(100_00),
                total: m(100_00),
            },
            D::PauseAbovePolicy {
                months: 4,
                maximum: 3,
            },
            D::NothingLeftToPay,
            D::AmountTooLarge,
        ];
        for d in all {
            let wire = UnbuiltReason::from(&d);
            assert_eq!(unbuilt(Lang::En, &wire), d.to_string());
            assert_ne!(unbuilt(Lang::Pl, &wire), d.to_string());
        }
    }

    /// Issue 11: a refused phone says what to fix, in Polish, on its field.
    #[test]
    fn a_refused_phone_says_what_to_fix() {
        let e = CommandError::invalid(
            Field::ContactPhone,
            Reason::Value(crate::ValueProblem::PhoneLength),
        );
        assert_eq!(error(Lang::Pl, &e), "Polski numer telefonu ma 9 cyfr.");
        assert_eq!(error(Lang::En, &e), "A Polish phone number has 9 digits.");
        assert_eq!(
            proposal_state(Lang::Pl, crate::ProposalState::Proposed),
            "zaproponowane"
        );
    }

    /// Issue 17 (8): a day gone by is refused with the day it is today, a
    /// visit the working day cannot hold says so, and the days of a week
    /// left as they were say why.
    #[test]
    fn planning_refusals_are_worded() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let e = CommandError::invalid(Field::Date, Reason::DayInPast { today });
        assert_eq!(
            error(Lang::Pl, &e),
            "Nie można zaplanować: ten dzień już minął (dziś jest 23.11.2026)."
        );
        assert_eq!(
            error(Lang::En, &e),
            "Cannot be planned: the day is in the past (today is 23.11.2026)."
        );
        assert_eq!(
            drop_reason(Lang::Pl, DropCode::AfterWorkingHours),
            "umówiona wizyta skończyłaby się po końcu dnia pracy"
        );
        assert_ne!(
            drop_reason(Lang::Pl, DropCode::AfterWorkingHours),
            drop_reason(Lang::Pl, DropCode::WindowMissed)
        );
        assert_eq!(
            DropCode::from_code("after_working_hours"),
            Some(DropCode::AfterWorkingHours)
        );
        for code in DropCode::ALL {
            let text = serde_json::to_string(&code).unwrap();
            assert_eq!(text, format!("\"{}\"", code.code()));
        }
        assert_eq!(
            week_skip(Lang::Pl, &WeekSkip::HasPlan(PlanStatusCode::Approved)),
            "plan dnia jest już zatwierdzony"
        );
        assert_eq!(
            week_skip(
                Lang::Pl,
                &WeekSkip::Refused(Reason::ContactDayClosed(ClosedDay::PublicHoliday))
            ),
            "w święto ustawowo wolne od pracy kontakt z klientem jest niedozwolony"
        );
    }
}
