//! The UI's texts in Polish (default) and English. Codes from the backend
//! (statuses, flags, error kinds) are translated here, never shown raw.

use ::api::{
    ActivityKind, AddressKind, CommandError, ConsentKind, Flag, Priority, PromiseState, Status,
};

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

/// The fixed texts of the screens.
#[derive(Debug)]
pub struct Texts {
    pub app_title: &'static str,
    pub my_cases: &'static str,
    pub search_placeholder: &'static str,
    pub all_statuses: &'static str,
    pub all_priorities: &'static str,
    pub status: &'static str,
    pub priority: &'static str,
    pub no_cases: &'static str,
    pub cases_shown: &'static str,
    pub back: &'static str,
    pub loading: &'static str,
    pub client: &'static str,
    pub pesel: &'static str,
    pub born: &'static str,
    pub phones: &'static str,
    pub emails: &'static str,
    pub addresses: &'static str,
    pub consents: &'static str,
    pub vulnerable: &'static str,
    pub debts: &'static str,
    pub principal: &'static str,
    pub interest: &'static str,
    pub costs: &'static str,
    pub total: &'static str,
    pub total_debt: &'static str,
    pub due_since: &'static str,
    pub limitation: &'static str,
    pub time_barred_note: &'static str,
    pub payments: &'static str,
    pub no_payments: &'static str,
    pub promises: &'static str,
    pub no_promises: &'static str,
    pub amount: &'static str,
    pub due_on: &'static str,
    pub made_on: &'static str,
    pub date: &'static str,
    pub timeline: &'static str,
    pub opened_on: &'static str,
    pub appointment: &'static str,
    pub granted: &'static str,
    pub refused: &'static str,
    pub primary: &'static str,
    pub language: &'static str,
    pub case_number: &'static str,
    pub creditor: &'static str,
}

pub const PL: Texts = Texts {
    app_title: "Partner",
    my_cases: "Moje sprawy",
    search_placeholder: "Szukaj: nazwisko, nr sprawy, adres, telefon",
    all_statuses: "Wszystkie statusy",
    all_priorities: "Każdy priorytet",
    status: "Status",
    priority: "Priorytet",
    no_cases: "Brak spraw spełniających kryteria.",
    cases_shown: "Spraw",
    back: "‹ Moje sprawy",
    loading: "Wczytywanie…",
    client: "Klient",
    pesel: "PESEL",
    born: "Data urodzenia",
    phones: "Telefony",
    emails: "E-maile",
    addresses: "Adresy",
    consents: "Zgody",
    vulnerable: "Klient w trudnej sytuacji",
    debts: "Zadłużenie",
    principal: "Kapitał",
    interest: "Odsetki",
    costs: "Koszty",
    total: "Razem",
    total_debt: "Zadłużenie łącznie",
    due_since: "Wymagalne od",
    limitation: "Przedawnienie",
    time_barred_note: "Roszczenie przedawnione: możliwa wyłącznie dobrowolna spłata.",
    payments: "Wpłaty",
    no_payments: "Brak wpłat.",
    promises: "Deklaracje wpłat",
    no_promises: "Brak deklaracji.",
    amount: "Kwota",
    due_on: "Termin",
    made_on: "Złożona",
    date: "Data",
    timeline: "Historia sprawy",
    opened_on: "Przyjęta",
    appointment: "Umówiona wizyta",
    granted: "tak",
    refused: "nie",
    primary: "główny",
    language: "Język",
    case_number: "Nr sprawy",
    creditor: "Wierzyciel pierwotny",
};

pub const EN: Texts = Texts {
    app_title: "Partner",
    my_cases: "My cases",
    search_placeholder: "Search: surname, case no., address, phone",
    all_statuses: "All statuses",
    all_priorities: "Any priority",
    status: "Status",
    priority: "Priority",
    no_cases: "No cases match.",
    cases_shown: "Cases",
    back: "‹ My cases",
    loading: "Loading…",
    client: "Client",
    pesel: "PESEL",
    born: "Date of birth",
    phones: "Phones",
    emails: "E-mails",
    addresses: "Addresses",
    consents: "Consents",
    vulnerable: "Vulnerable client",
    debts: "Debt",
    principal: "Principal",
    interest: "Interest",
    costs: "Costs",
    total: "Total",
    total_debt: "Total debt",
    due_since: "Due since",
    limitation: "Limitation",
    time_barred_note: "Time-barred claim: voluntary repayment only.",
    payments: "Payments",
    no_payments: "No payments.",
    promises: "Promises to pay",
    no_promises: "No promises.",
    amount: "Amount",
    due_on: "Due",
    made_on: "Made",
    date: "Date",
    timeline: "Case history",
    opened_on: "Opened",
    appointment: "Appointment",
    granted: "yes",
    refused: "no",
    primary: "primary",
    language: "Language",
    case_number: "Case no.",
    creditor: "Original creditor",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Pl => &PL,
        Lang::En => &EN,
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

/// A message for the user about a failed command.
pub fn error(lang: Lang, e: &CommandError) -> String {
    match (lang, e) {
        (Lang::Pl, CommandError::NotFound { .. }) => "Nie znaleziono sprawy w pamięci urządzenia.".into(),
        (Lang::En, CommandError::NotFound { .. }) => "The case is not on this device.".into(),
        (Lang::Pl, CommandError::Invalid { field, .. }) => format!("Nieprawidłowa wartość pola: {field}."),
        (Lang::En, CommandError::Invalid { field, .. }) => format!("Invalid value: {field}."),
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
    }
}
