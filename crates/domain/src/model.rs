//! The entities of a case, as the advisor's replica holds them.

use crate::ids::*;
use crate::money::Money;
use crate::status::CaseStatus;
use chrono::{NaiveDate, NaiveDateTime};

/// A geographic point in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

/// The kind of the original creditor whose claim was bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CreditorKind {
    Telecom,
    Bank,
    Utility,
    Loan,
}

impl CreditorKind {
    pub const ALL: [CreditorKind; 4] = [Self::Telecom, Self::Bank, Self::Utility, Self::Loan];

    pub fn code(self) -> &'static str {
        match self {
            Self::Telecom => "telecom",
            Self::Bank => "bank",
            Self::Utility => "utility",
            Self::Loan => "loan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The components of a debt. Debt = principal + interest + costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DebtComponents {
    /// Kapitał.
    pub principal: Money,
    /// Odsetki (contractual and statutory).
    pub interest: Money,
    /// Koszty (court, enforcement and collection costs).
    pub costs: Money,
}

impl DebtComponents {
    pub fn total(&self) -> Money {
        self.principal + self.interest + self.costs
    }
}

impl std::ops::Add for DebtComponents {
    type Output = DebtComponents;
    fn add(self, rhs: Self) -> Self {
        DebtComponents {
            principal: self.principal + rhs.principal,
            interest: self.interest + rhs.interest,
            costs: self.costs + rhs.costs,
        }
    }
}

impl std::iter::Sum for DebtComponents {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(DebtComponents::default(), |a, b| a + b)
    }
}

/// One obligation within a case (a case may hold several, e.g. a phone
/// contract and its termination penalty).
#[derive(Debug, Clone, PartialEq)]
pub struct Debt {
    pub id: DebtId,
    pub case_id: CaseId,
    /// What the obligation comes from, e.g. "Umowa abonamentowa nr 12/2019".
    pub title: String,
    pub original_creditor: String,
    pub creditor_kind: CreditorKind,
    /// The outstanding components now.
    pub outstanding: DebtComponents,
    /// When the obligation became due (wymagalność).
    pub due_since: NaiveDate,
    /// The last day the claim can be enforced (przedawnienie): under art.
    /// 118 KC the limitation period ends on the last day of a calendar
    /// year, so this is usually 31 December. The claim is time-barred from
    /// the next day.
    pub limitation_date: NaiveDate,
}

impl Debt {
    /// True from the day after the last enforceable day: on 31.12 the
    /// claim can still be enforced, on 1.01 it is time-barred.
    pub fn is_time_barred(&self, today: NaiveDate) -> bool {
        today > self.limitation_date
    }

    /// True when something is still owed on the debt and it is time-barred
    /// on `today`: a claim that can only be paid voluntarily. A barred debt
    /// paid off is no claim at all.
    pub fn is_time_barred_claim(&self, today: NaiveDate) -> bool {
        self.is_time_barred(today) && self.outstanding.total() > Money::ZERO
    }

    /// The first day the debt is time-barred: the day after its last
    /// enforceable day (`None` only at the end of the calendar).
    pub fn time_barred_from(&self) -> Option<NaiveDate> {
        self.limitation_date.succ_opt()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentChannel {
    BankTransfer,
    PostOffice,
    Enforcement,
    /// Cash taken at the door with a receipt, booked by the back office.
    Cash,
}

impl PaymentChannel {
    pub const ALL: [PaymentChannel; 4] = [
        Self::BankTransfer,
        Self::PostOffice,
        Self::Enforcement,
        Self::Cash,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::BankTransfer => "bank_transfer",
            Self::PostOffice => "post_office",
            Self::Enforcement => "enforcement",
            Self::Cash => "cash",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    pub id: PaymentId,
    pub case_id: CaseId,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub channel: PaymentChannel,
}

/// Deklaracja wpłaty: the client promised to pay an amount by a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromiseStatus {
    Pending,
    Kept,
    Broken,
}

impl PromiseStatus {
    pub const ALL: [PromiseStatus; 3] = [Self::Pending, Self::Kept, Self::Broken];

    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Kept => "kept",
            Self::Broken => "broken",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    pub id: PromiseId,
    pub case_id: CaseId,
    pub made_on: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: Money,
    pub status: PromiseStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    Call,
    Sms,
    Letter,
    Visit,
    Note,
    Payment,
    Promise,
    /// A repayment offer saved for the client.
    Offer,
    /// A team lead's decision on an offer or a plan.
    Approval,
    /// A settlement signed (or an amendment of one).
    Settlement,
    /// A message of the consultation with the office.
    Message,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 11] = [
        Self::Call,
        Self::Sms,
        Self::Letter,
        Self::Visit,
        Self::Note,
        Self::Payment,
        Self::Promise,
        Self::Offer,
        Self::Approval,
        Self::Settlement,
        Self::Message,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Sms => "sms",
            Self::Letter => "letter",
            Self::Visit => "visit",
            Self::Note => "note",
            Self::Payment => "payment",
            Self::Promise => "promise",
            Self::Offer => "offer",
            Self::Approval => "approval",
            Self::Settlement => "settlement",
            Self::Message => "message",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One entry of the case timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub id: ActivityId,
    pub case_id: CaseId,
    pub at: NaiveDateTime,
    pub kind: ActivityKind,
    /// Who did it: an advisor's, consultant's or system's display name.
    pub author: String,
    pub summary: String,
    /// When the server received it, for an entry captured on a device
    /// (`at` is the device's clock, which the server does not trust).
    pub received_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    Mobile,
    Landline,
}

impl PhoneKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Mobile => "mobile",
            Self::Landline => "landline",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Mobile, Self::Landline]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phone {
    pub id: ContactId,
    /// Normalized E.164 form, e.g. "+48600123456".
    pub number: String,
    pub kind: PhoneKind,
    pub primary: bool,
    /// Marked wrong or out of service (issue 11: kept, so nobody calls it
    /// again as if it were good).
    pub mark: Option<PhoneMark>,
}

/// What an advisor found out about a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneMark {
    /// Błędny numer: someone else answers.
    WrongNumber,
    /// Numer nieaktywny.
    NotInService,
}

impl PhoneMark {
    pub const ALL: [PhoneMark; 2] = [Self::WrongNumber, Self::NotInService];

    pub fn code(self) -> &'static str {
        match self {
            Self::WrongNumber => "wrong_number",
            Self::NotInService => "not_in_service",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    pub id: ContactId,
    pub address: String,
    pub primary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    /// Adres zamieszkania.
    Residence,
    /// Adres korespondencyjny.
    Correspondence,
    /// Adres zameldowania.
    Registered,
}

impl AddressKind {
    pub const ALL: [AddressKind; 3] = [Self::Residence, Self::Correspondence, Self::Registered];

    pub fn code(self) -> &'static str {
        match self {
            Self::Residence => "residence",
            Self::Correspondence => "correspondence",
            Self::Registered => "registered",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub id: ContactId,
    pub kind: AddressKind,
    /// Street and number, e.g. "ul. Piotrkowska 104/12".
    pub street: String,
    /// Postal code "00-950".
    pub postal_code: String,
    pub city: String,
    pub location: Option<GeoPoint>,
}

impl Address {
    /// One line, as on an envelope: "ul. Piotrkowska 104/12, 90-006 Łódź".
    pub fn one_line(&self) -> String {
        format!("{}, {} {}", self.street, self.postal_code, self.city)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentKind {
    /// Zgoda na kontakt telefoniczny.
    Phone,
    Sms,
    Email,
    /// Zgoda na wizytę domową.
    HomeVisit,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 4] = [Self::Phone, Self::Sms, Self::Email, Self::HomeVisit];

    pub fn code(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Sms => "sms",
            Self::Email => "email",
            Self::HomeVisit => "home_visit",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    pub kind: ConsentKind,
    pub granted: bool,
    pub recorded_on: NaiveDate,
    /// A consent to direct marketing on the channel (art. 398 of the
    /// electronic communications law), kept apart from the consent to be
    /// contacted about the debt: one never stands in for the other.
    pub marketing: bool,
    /// How it was captured, when known.
    pub method: Option<crate::contact::ConsentMethod>,
    /// Who captured it, when known.
    pub captured_by: Option<String>,
}

/// The debtor and their contact data (dane teleadresowe).
#[derive(Debug, Clone, PartialEq)]
pub struct Debtor {
    pub id: DebtorId,
    pub first_name: String,
    pub last_name: String,
    /// A validated PESEL (see `validate::parse_pesel`).
    pub pesel: String,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    pub addresses: Vec<Address>,
    pub consents: Vec<Consent>,
    /// Set when the client is in a vulnerable situation (illness, bereavement,
    /// disability, ...). Such a client gets a breathing space and less pressure.
    pub vulnerability: Option<String>,
    /// The day the vulnerability was noted: it opens a breathing space
    /// (`breathing`). Unknown for vulnerabilities noted before it was kept.
    pub vulnerability_since: Option<NaiveDate>,
}

impl Debtor {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The address the advisor visits: the residence, else the first one.
    pub fn visit_address(&self) -> Option<&Address> {
        self.addresses
            .iter()
            .find(|a| a.kind == AddressKind::Residence)
            .or_else(|| self.addresses.first())
    }
}

/// A case (sprawa): one debtor's debts bought from one or more creditors,
/// assigned to one advisor.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: CaseId,
    /// The human case number, e.g. "PT/2024/004512".
    pub number: String,
    pub debtor_id: DebtorId,
    pub advisor_id: AdvisorId,
    pub status: CaseStatus,
    pub opened_on: NaiveDate,
    /// An agreed home-visit appointment, if any.
    pub appointment: Option<NaiveDateTime>,
}

/// An agreement (ugoda) or its amendment (aneks) signed on a case, as the
/// server took it: the schedule the client pays by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedAgreement {
    /// The settlement (its mutation id) that signed it.
    pub id: uuid::Uuid,
    pub number: String,
    pub signed_on: NaiveDate,
    /// What the client agreed to pay under it in all.
    pub total: Money,
    /// It settles time-barred debts voluntarily.
    pub voluntary_only: bool,
    /// Every payment (due date, amount), in date order.
    pub schedule: Vec<(NaiveDate, Money)>,
    /// For an amendment: the agreement (its settlement id) it amends.
    pub amends: Option<uuid::Uuid>,
}

/// Everything about one case, as the case detail screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFile {
    pub case: Case,
    pub debtor: Debtor,
    pub debts: Vec<Debt>,
    pub payments: Vec<Payment>,
    pub promises: Vec<Promise>,
    pub activities: Vec<Activity>,
    /// The agreements and amendments signed on the case, oldest first.
    pub agreements: Vec<SignedAgreement>,
    /// The proposals of contact data made on the case, each with the back
    /// office's answer per change (issue 11), oldest first.
    pub contacts: Vec<crate::contact::ContactRecord>,
    /// The consultation thread with the office (issue 12); empty when no
    /// question was asked.
    pub thread: crate::message::Thread,
}

impl CaseFile {
    /// The agreement in force: the newest one no amendment amends.
    pub fn agreement_in_force(&self) -> Option<&SignedAgreement> {
        self.agreements
            .iter()
            .rfind(|a| !self.agreements.iter().any(|b| b.amends == Some(a.id)))
    }

    /// The outstanding debt, summed over the case's debts per component.
    pub fn outstanding(&self) -> DebtComponents {
        self.debts.iter().map(|d| d.outstanding).sum()
    }

    /// The earliest limitation date over the case's debts.
    pub fn limitation_date(&self) -> Option<NaiveDate> {
        self.debts.iter().map(|d| d.limitation_date).min()
    }

    /// True when any of the case's claims is past its last enforceable day.
    pub fn has_time_barred_claim(&self, today: NaiveDate) -> bool {
        self.debts.iter().any(|d| d.is_time_barred(today))
    }

    pub fn is_vulnerable(&self) -> bool {
        self.debtor.vulnerability.is_some()
    }

    /// The timeline, newest first.
    pub fn timeline_newest_first(&self) -> Vec<&Activity> {
        let mut v: Vec<&Activity> = self.activities.iter().collect();
        v.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
        v
    }
}

/// An advisor (doradca terenowy) as the replica knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Advisor {
    pub id: AdvisorId,
    pub name: String,
    /// Where the advisor's day starts and ends (home or office).
    pub base: GeoPoint,
    pub base_label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn debt(limitation_date: NaiveDate) -> Debt {
        Debt {
            id: DebtId(uuid::Uuid::from_u128(1)),
            case_id: CaseId(uuid::Uuid::from_u128(1)),
            title: "Umowa abonamentowa nr 12/2019".into(),
            original_creditor: "Telefonia".into(),
            creditor_kind: CreditorKind::Telecom,
            outstanding: DebtComponents::default(),
            due_since: d(2019, 3, 1),
            limitation_date,
        }
    }

    #[test]
    fn a_claim_is_time_barred_from_the_day_after_its_last_enforceable_day() {
        // Due 1.03.2019, three years to the end of 2022: enforceable on
        // 31.12.2022 (issue #10: it was flagged that day), barred on
        // 1.01.2023.
        let claim = debt(d(2022, 12, 31));
        assert!(!claim.is_time_barred(d(2022, 12, 30)));
        assert!(!claim.is_time_barred(d(2022, 12, 31)));
        assert!(claim.is_time_barred(d(2023, 1, 1)));
        assert!(claim.is_time_barred(d(2030, 6, 1)));
    }
}
