//! Labels of the wire codes (statuses, priorities, flags, kinds) in Polish
//! and English, shared by the UI, the headless demo and the documents, so a
//! status is called the same everywhere.

use crate::types::{
    ActivityKind, AddressKind, ApprovalCode, ConsentKind, DropCode, Flag, OfferKind,
    PlanStatusCode, PlanWarningCode, Priority, PromiseState, ReviewState, Status, Verdict,
};

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
        (Lang::En, Call) => "Call",
        (Lang::En, Sms) => "SMS",
        (Lang::En, Letter) => "Letter",
        (Lang::En, Visit) => "Visit",
        (Lang::En, Note) => "Note",
        (Lang::En, Payment) => "Payment",
        (Lang::En, Promise) => "Promise",
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

pub fn payment_channel(lang: Lang, code: &str) -> String {
    let s = match (lang, code) {
        (Lang::Pl, "bank_transfer") => "przelew",
        (Lang::Pl, "post_office") => "przekaz pocztowy",
        (Lang::Pl, "enforcement") => "egzekucja",
        (Lang::En, "bank_transfer") => "bank transfer",
        (Lang::En, "post_office") => "postal order",
        (Lang::En, "enforcement") => "enforcement",
        (_, other) => other,
    };
    s.to_owned()
}

pub fn offer_kind(lang: Lang, k: OfferKind) -> &'static str {
    match (lang, k) {
        (Lang::Pl, OfferKind::LumpSum) => "Jednorazowa spłata z rabatem",
        (Lang::Pl, OfferKind::FitsBudget) => "Raty w budżecie klienta",
        (Lang::Pl, OfferKind::LowestInstallment) => "Najniższa rata",
        (Lang::Pl, OfferKind::Forbearance) => "Wytchnienie: przerwa i zamrożenie odsetek",
        (Lang::Pl, OfferKind::Custom) => "Własne warunki",
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

/// Why a candidate is not in the day plan.
pub fn drop_reason(lang: Lang, d: DropCode) -> &'static str {
    match (lang, d) {
        (Lang::Pl, DropCode::NoTime) => "brak czasu w dniu pracy",
        (Lang::Pl, DropCode::WindowMissed) => "nie da się zdążyć na umówioną godzinę",
        (Lang::Pl, DropCode::LowerPriority) => "ważniejsze wizyty wypełniają dzień",
        (Lang::Pl, DropCode::RemovedByAdvisor) => "usunięta przez doradcę",
        (Lang::En, DropCode::NoTime) => "no time left in the working day",
        (Lang::En, DropCode::WindowMissed) => "the agreed time cannot be met",
        (Lang::En, DropCode::LowerPriority) => "more important visits fill the day",
        (Lang::En, DropCode::RemovedByAdvisor) => "removed by the advisor",
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
