use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Status of a case on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    VisitPlanned,
    Visited,
    PromiseToPay,
    SettlementSigned,
    Paying,
    BrokenPromise,
    Closed,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Self::New,
        Self::VisitPlanned,
        Self::Visited,
        Self::PromiseToPay,
        Self::SettlementSigned,
        Self::Paying,
        Self::BrokenPromise,
        Self::Closed,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Normal,
    Low,
}

/// Why a case is key (see the domain's priority rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    BrokenPromise,
    PromiseDueSoon,
    Appointment,
    LimitationNear,
    TimeBarred,
    HighBalance,
    LongWithoutContact,
    Vulnerable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub advisor_name: Option<String>,
    pub case_count: usize,
    /// Today's date on the device, ISO 8601.
    pub today: chrono::NaiveDate,
    /// The day the planning screen opens at: today, or the next day the
    /// policy's contact hours allow visits without a reason.
    pub plan_date: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SearchRequest {
    pub text: String,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    /// The order of the list (priority first unless asked otherwise).
    #[serde(default)]
    pub sort: CaseSort,
}

/// How the case list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// Key cases first, then by the debtor's name.
    #[default]
    Priority,
    /// The largest outstanding amount first.
    Amount,
    /// The case not contacted for the longest first (never contacted on top).
    LastContact,
    /// By the debtor's name.
    Name,
}

impl CaseSort {
    pub const ALL: [CaseSort; 4] = [
        CaseSort::Priority,
        CaseSort::Amount,
        CaseSort::LastContact,
        CaseSort::Name,
    ];
}

/// What made a row match the text searched, when its name, number and town
/// do not show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Pesel,
    Phone,
    Address,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchView {
    pub kind: MatchKind,
    /// The fact as the screen shows it (a PESEL masked but for its last
    /// four digits).
    pub text: String,
}

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: String,
    pub number: String,
    pub debtor_name: String,
    pub city: String,
    pub status: Status,
    /// Total outstanding debt in PLN (two places).
    pub outstanding: Decimal,
    pub priority: Priority,
    pub flags: Vec<Flag>,
    /// The day of the latest entry on the case's timeline.
    pub last_contact: Option<chrono::NaiveDate>,
    /// Why the row matched the text searched (empty without a text, or
    /// when the name, number or town say it).
    pub matched: Vec<MatchView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseRequest {
    pub case_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub id: String,
    pub number: String,
    pub status: Status,
    pub priority: Priority,
    pub flags: Vec<Flag>,
    pub opened_on: chrono::NaiveDate,
    pub appointment: Option<chrono::NaiveDateTime>,
    pub debtor: DebtorView,
    pub debts: Vec<DebtView>,
    /// Sums over the debts.
    pub total: Components,
    pub limitation_date: Option<chrono::NaiveDate>,
    pub time_barred: bool,
    pub payments: Vec<PaymentView>,
    pub promises: Vec<PromiseView>,
    /// Newest first.
    pub timeline: Vec<ActivityView>,
    /// The agreement in force on the case, signed on this device.
    #[serde(default)]
    pub in_force: Option<AgreementView>,
    /// The promise ledger on the day asked: each payment match and each
    /// promise's state, newest first.
    #[serde(default)]
    pub ledger: Vec<LedgerEntry>,
    /// The contact proposals made on the case, each change with its
    /// state, oldest first.
    #[serde(default)]
    pub contacts: Vec<crate::ProposalView>,
    /// Receipts of payments at the door signed on this device, oldest
    /// first, each "przyjęta w terenie" until booked.
    #[serde(default)]
    pub receipts: Vec<crate::ReceiptView>,
    /// The photos of the visits recorded on this device, oldest first.
    #[serde(default)]
    pub photos: Vec<crate::PhotoView>,
    /// The visit reports saved on this device for the case, newest first:
    /// the ones a correction may name.
    #[serde(default)]
    pub reports: Vec<crate::ReportView>,
}

/// A signed agreement (or amendment) and its schedule: what the client pays
/// now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementView {
    /// The id of the settlement that signed it: what an amendment names.
    pub settlement_id: String,
    pub number: String,
    pub signed_on: chrono::NaiveDate,
    /// What the client agreed to pay under it in all.
    pub total: Decimal,
    /// What is unpaid under it today.
    pub unpaid: Decimal,
    /// It is an amendment (aneks) of an earlier agreement.
    pub amendment: bool,
    pub schedule: Vec<InstallmentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebtorView {
    pub name: String,
    pub pesel: String,
    pub birth_date: Option<chrono::NaiveDate>,
    pub vulnerability: Option<String>,
    /// The last day of the client's breathing space, while it lasts
    /// (`domain::breathing`): no visits until then.
    #[serde(default)]
    pub breathing_until: Option<chrono::NaiveDate>,
    pub phones: Vec<PhoneView>,
    pub emails: Vec<String>,
    pub addresses: Vec<AddressView>,
    pub consents: Vec<ConsentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneView {
    /// E.164, for dialing.
    pub number: String,
    /// "+48 600 123 456", for reading.
    pub display: String,
    pub mobile: bool,
    pub primary: bool,
    /// The phone's id, for a correction.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub mark: Option<crate::PhoneMarkCode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    Residence,
    Correspondence,
    Registered,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressView {
    /// The address's id, for a correction.
    #[serde(default)]
    pub id: String,
    pub kind: AddressKind,
    pub line: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    Phone,
    Sms,
    Email,
    HomeVisit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentView {
    pub kind: ConsentKind,
    pub granted: bool,
    pub recorded_on: chrono::NaiveDate,
    /// A consent to direct marketing, shown apart.
    #[serde(default)]
    pub marketing: bool,
    #[serde(default)]
    pub method: Option<crate::ConsentMethodCode>,
    #[serde(default)]
    pub captured_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Components {
    pub principal: Decimal,
    pub interest: Decimal,
    pub costs: Decimal,
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebtView {
    pub title: String,
    pub original_creditor: String,
    pub amounts: Components,
    pub due_since: chrono::NaiveDate,
    pub limitation_date: chrono::NaiveDate,
    pub time_barred: bool,
    /// Limitation of this debt on the day the case is shown: one barred
    /// debt does not make the others so (labels: `labels::debt_limitation`).
    pub limitation: DebtLimitation,
}

/// Where one debt stands with limitation today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DebtLimitation {
    /// Enforceable; `until` is its last enforceable day.
    Enforceable { until: chrono::NaiveDate },
    /// Time-barred from `since`, the day after its last enforceable day:
    /// only a voluntary settlement, without interest.
    TimeBarred { since: chrono::NaiveDate },
    /// Time-barred, but nothing is owed on it any more.
    BarredPaid { since: chrono::NaiveDate },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannel {
    BankTransfer,
    PostOffice,
    Enforcement,
    /// Cash taken at the door, booked by the back office.
    Cash,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentView {
    pub paid_on: chrono::NaiveDate,
    pub amount: Decimal,
    pub channel: PaymentChannel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseState {
    Pending,
    Kept,
    Broken,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromiseView {
    pub made_on: chrono::NaiveDate,
    pub due_on: chrono::NaiveDate,
    pub amount: Decimal,
    /// The promise ledger's state on the day asked (`domain::ledger`), not
    /// a stored text.
    pub state: PromiseState,
    /// What payments in time paid towards it.
    #[serde(default)]
    pub paid: Decimal,
    /// The last day a payment is still in time: the date moved past
    /// Saturdays, Sundays and public holidays (art. 115 KC) plus the grace
    /// days.
    #[serde(default)]
    pub last_day: Option<chrono::NaiveDate>,
}

/// One line of the promise ledger, computed on the device from the case's
/// promises and payments: shown in the promises section and on the
/// timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "entry")]
pub enum LedgerEntry {
    /// A payment, or the part of it, counted towards a promise.
    PaymentMatched {
        paid_on: chrono::NaiveDate,
        amount: Decimal,
        /// The date of the promise it was counted towards.
        promise_due_on: chrono::NaiveDate,
        /// What is left to pay on that promise after it.
        left: Decimal,
    },
    /// A promise and its state on the day asked.
    Promise {
        due_on: chrono::NaiveDate,
        amount: Decimal,
        paid: Decimal,
        last_day: chrono::NaiveDate,
        state: PromiseState,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Sms,
    Letter,
    Visit,
    Note,
    Payment,
    Promise,
    Offer,
    Approval,
    Settlement,
    Message,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityView {
    pub at: chrono::NaiveDateTime,
    pub kind: ActivityKind,
    pub author: String,
    pub summary: String,
    /// For an offer that needed a team lead: where its approval stands.
    #[serde(default)]
    pub approval: Option<ApprovalView>,
    /// When the server received it, for an entry captured on a device.
    #[serde(default)]
    pub received_at: Option<chrono::NaiveDateTime>,
    /// For an offer saved on this device: whether the client can sign it.
    #[serde(default)]
    pub signing: Option<Signing>,
    /// A line of the promise ledger, computed (its `summary` is the Polish
    /// wording; a UI in another language words this instead).
    #[serde(default)]
    pub ledger: Option<LedgerEntry>,
    /// For a contact proposal: where it stands (proposed while any change
    /// waits; accepted when any was accepted; else rejected).
    #[serde(default)]
    pub contact: Option<crate::ProposalState>,
}

/// Where a saved offer stands for signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Signing {
    /// Within authority or approved by the team lead: the pad opens under it.
    Ready { offer_id: String },
    /// Waits for the team lead's approval, or was rejected: no pad.
    NotYet,
    /// Signed (once per offer).
    Signed,
}

impl ActivityView {
    /// The server's time, when it is worth showing beside the device's: an
    /// hour or more apart (the entry waited offline, or the device's clock
    /// is off).
    pub fn received_apart(&self) -> Option<chrono::NaiveDateTime> {
        self.received_at
            .filter(|r| (*r - self.at).num_minutes().abs() >= 60)
    }
}

/// Where a request stands with the team lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Waiting for the team lead ("czeka na zatwierdzenie").
    Pending,
    Approved,
    /// An offer refused.
    Rejected,
    /// A plan sent back to be changed.
    Returned,
}

/// A team lead's answer (or its absence) to an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalView {
    pub state: ReviewState,
    pub comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<chrono::NaiveDateTime>,
}

/// An offer of the team awaiting the team lead's approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamOfferView {
    pub request_id: String,
    pub advisor_name: String,
    pub submitted_at: chrono::NaiveDateTime,
    pub case_number: String,
    pub debtor_name: String,
    pub city: String,
    /// What the debtor owes now.
    pub outstanding: Decimal,
    /// The variant, when this app knows its code.
    pub kind: Option<OfferKind>,
    pub total: Decimal,
    pub down_payment: Decimal,
    pub installment: Decimal,
    pub term_months: u32,
    /// The limits of the advisor's authority the offer crosses.
    pub approval: Vec<ApprovalCode>,
    /// The advisor's written reason, if any.
    pub reason: Option<String>,
    pub voluntary_only: bool,
    pub summary: String,
    /// Every payment, the down payment (number 0) first.
    #[serde(default)]
    pub schedule: Vec<InstallmentView>,
    /// The client's budget and the server's verdict on the offer's heaviest
    /// month (issue 17: the lead decides with the facts).
    #[serde(default)]
    pub budget: Option<BudgetView>,
    /// The case's latest timeline entries, newest first.
    #[serde(default)]
    pub history: Vec<ActivityView>,
}

/// A client's monthly budget and whether an offer fits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetView {
    pub income: Decimal,
    pub expenses: Decimal,
    pub disposable: Decimal,
    /// The most an affordable month may ask.
    pub limit: Decimal,
    /// The heaviest month of the schedule.
    pub payment: Decimal,
    pub share: Option<Decimal>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TeamPlansQuery {
    /// The day; none for today.
    pub date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlansView {
    pub date: chrono::NaiveDate,
    pub plans: Vec<TeamPlanView>,
}

/// A day plan of an advisor of the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlanView {
    pub request_id: String,
    pub advisor_name: String,
    pub submitted_at: chrono::NaiveDateTime,
    pub state: ReviewState,
    /// The team lead's comment, once decided.
    pub comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<chrono::NaiveDateTime>,
    /// The advisor's note to the team lead.
    pub advisor_comment: Option<String>,
    pub stops: Vec<TeamStopView>,
    /// Candidates the plan leaves out.
    pub dropped: usize,
    pub drive_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamStopView {
    pub case_number: String,
    pub debtor_name: String,
    pub address: String,
    pub arrival: chrono::NaiveTime,
    pub departure: chrono::NaiveTime,
    /// Where the visit is, for the sketch of the route.
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Approve,
    /// Offers only; needs a comment.
    Reject,
    /// Plans only; needs a comment.
    Return,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecideForm {
    pub request_id: String,
    pub decision: DecisionKind,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub state: ReviewState,
    pub comment: Option<String>,
    pub reviewed_by: String,
    pub reviewed_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteRequest {
    pub case_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    /// The server's address, e.g. "http://127.0.0.1:8787".
    pub server: String,
    pub login: String,
    pub password: String,
}

/// Why the last sync did not finish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncProblem {
    /// No connection: work goes on offline, sync retries later.
    Offline,
    /// The app is too old for the server; nothing local was discarded.
    UpgradeRequired,
    /// The device was revoked; its case data was removed.
    DeviceRevoked,
    /// Not logged in, or the session expired.
    LoginRequired,
    /// The server refused, with its message.
    Refused { message: String },
}

/// What a logout left on the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedOut {
    /// Changes captured and not yet accepted by the server (waiting or
    /// refused): kept, sent after the next login.
    pub unsynced: usize,
    /// Whether the server ended the session (false offline: the token is
    /// forgotten here and expires there).
    pub server_told: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyncStatus {
    pub logged_in_as: Option<String>,
    pub server: Option<String>,
    pub last_sync: Option<chrono::NaiveDateTime>,
    /// Captured changes waiting for upload.
    pub pending: usize,
    /// Captured changes the server refused.
    pub needs_attention: usize,
    pub running: bool,
    /// Cases received so far in the running sync (the first sync's progress).
    pub received: usize,
    pub problem: Option<SyncProblem>,
    /// The logged-in user is a team lead: the app shows the team's page.
    #[serde(default)]
    pub team_lead: bool,
    /// The logged-in user is the back office: the app shows "Biuro".
    #[serde(default)]
    pub back_office: bool,
    /// The app is locked (issue #15): the lock screen covers every page.
    #[serde(default)]
    pub locked: bool,
    /// A PIN is set: the app can be locked ("Zablokuj").
    #[serde(default)]
    pub pin_set: bool,
    /// The team lead's decisions that arrived with a sync and that the
    /// advisor has not opened yet, oldest first (issue 17).
    #[serde(default)]
    pub decisions: Vec<DecisionNotice>,
}

/// A team lead's decision not opened yet: on an offer of a case, or on the
/// plan of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionNotice {
    pub case_id: Option<String>,
    pub plan_date: Option<chrono::NaiveDate>,
    pub approved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttentionItem {
    pub created_at: chrono::NaiveDateTime,
    pub kind: String,
    pub case_number: Option<String>,
    pub reason: String,
    /// A refused question to the office (issue 12): its id, for "Wyślij
    /// ponownie" with its text as it was.
    #[serde(default)]
    pub message_id: Option<String>,
}

/// The budget and terms the advisor types on the offer screen. Amounts are
/// typed in Polish ("1 234,56"); an empty field counts as zero.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OfferForm {
    pub case_id: String,
    pub income: String,
    pub housing: String,
    pub utilities: String,
    pub food: String,
    pub transport: String,
    pub dependants: String,
    pub other_debts: String,
    /// The custom variant's term in months; none for no custom variant.
    pub custom_term: Option<u32>,
    pub custom_down_payment: String,
    /// Day of the month the installments fall due (1–31).
    pub due_day: u8,
    /// For an amendment (aneks): the agreement in force it amends
    /// ([`AgreementView::settlement_id`]); what is unpaid is rescheduled.
    #[serde(default)]
    pub amends: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferKind {
    LumpSum,
    FitsBudget,
    LowestInstallment,
    Forbearance,
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Affordable,
    NeedsReason,
    Unaffordable,
}

/// Why a variant needs the team lead's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalCode {
    DiscountShare,
    DiscountAmount,
    PrincipalDiscount,
    Term,
    InstallmentBelowMinimum,
    DownPaymentBelowPolicy,
    ForbearanceWithoutVulnerability,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstallmentView {
    /// 0 for the down payment, then 1, 2, …
    pub number: u32,
    pub due_on: chrono::NaiveDate,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantView {
    pub kind: OfferKind,
    pub total: Decimal,
    pub discount: Decimal,
    pub down_payment: Decimal,
    pub installment: Decimal,
    pub term_months: u32,
    pub pause_months: u32,
    pub schedule: Vec<InstallmentView>,
    pub verdict: Verdict,
    /// The largest monthly payment as a share of disposable income.
    pub share: Option<Decimal>,
    pub approval: Vec<ApprovalCode>,
    pub voluntary_only: bool,
    pub requires_reason: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnbuiltView {
    pub kind: OfferKind,
    pub reason: UnbuiltReason,
}

/// Why an offer variant could not be built (`domain::offer::UnbuiltReason`),
/// with the amounts the message names; `labels::unbuilt` words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum UnbuiltReason {
    /// The affordable installment is below the policy's minimum.
    BudgetTooSmall { limit: Decimal, minimum: Decimal },
    /// The budget would need a term longer than the policy's maximum.
    TermTooLong { needed: u64, maximum: u32 },
    /// The custom term is zero months.
    TermZero,
    /// The custom term is longer than the policy allows.
    TermAbovePolicy { months: u32, maximum: u32 },
    /// The due day is not a day of the month.
    InvalidDueDay { day: u8 },
    /// The custom discount is negative.
    NegativeDiscount,
    /// The custom down payment is negative.
    NegativeDownPayment,
    /// The custom discount is more than the debt.
    DiscountAboveDebt { discount: Decimal, debt: Decimal },
    /// The discount on interest and costs is above the policy's maximum
    /// (shares, 0 to 1).
    DiscountAbovePolicy { share: Decimal, maximum: Decimal },
    /// The down payment pays everything: that is a lump sum.
    DownPaymentCoversTotal {
        down_payment: Decimal,
        total: Decimal,
    },
    /// The pause is longer than the policy allows.
    PauseAbovePolicy { months: u32, maximum: u32 },
    /// After the discount nothing is left to pay.
    NothingLeftToPay,
    /// The schedule could not be built (dates beyond the calendar, ...).
    Schedule,
    /// An amount is beyond what the engine computes with.
    AmountTooLarge,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffersView {
    pub debt: Components,
    pub disposable: Decimal,
    /// The most an affordable installment may be.
    pub limit: Decimal,
    pub time_barred: bool,
    pub vulnerable: bool,
    pub variants: Vec<VariantView>,
    pub unbuilt: Vec<UnbuiltView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveOfferRequest {
    pub form: OfferForm,
    pub kind: OfferKind,
    /// Why the client can carry an installment above the affordable share.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedOffer {
    pub needs_approval: bool,
    /// The saved offer's id: what a settlement signs.
    pub offer_id: String,
}

/// The client's handwritten signature as the pad recorded it: the pad's
/// size and each stroke's (x, y, milliseconds since the first touch).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SignatureStrokes {
    pub width: f32,
    pub height: f32,
    pub strokes: Vec<Vec<(f32, f32, u32)>>,
}

/// A PDF saved for the client, by the path the signing answered
/// ([`SignedSettlement::saved_to`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenDocumentRequest {
    pub path: String,
}

/// Signs the settlement for an accepted offer, at the door, offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignSettlementRequest {
    /// The saved offer to sign ([`SavedOffer::offer_id`]).
    pub offer_id: String,
    /// The town where the client signs.
    pub place: String,
    pub strokes: SignatureStrokes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedSettlement {
    /// The agreement's number, e.g. "UG/2026/11/8DEE575855".
    pub number: String,
    pub size_bytes: u64,
    /// SHA-256 of the signed PDF, hex.
    pub sha256: String,
    /// Where the client's copy of the PDF was saved on the device; `None`
    /// when it could not be saved (the settlement is signed and queued all
    /// the same).
    #[serde(default)]
    pub saved_to: Option<String>,
}

/// A place on the map: where a planned day starts and ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPoint {
    pub lat: f64,
    pub lon: f64,
    pub label: String,
}

/// What a day (or a week from it) is planned with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanParams {
    pub date: chrono::NaiveDate,
    /// Where the day starts and ends; none for the advisor's base (home or
    /// office), or the first candidate's place when the replica has no
    /// advisor.
    pub start: Option<PlanPoint>,
    /// Working hours.
    pub from: chrono::NaiveTime,
    pub until: chrono::NaiveTime,
    /// Time on site per visit.
    pub visit_minutes: u32,
}

impl PlanParams {
    /// The defaults: 8:00–16:00, 30 minutes per visit, from the base.
    pub fn for_date(date: chrono::NaiveDate) -> PlanParams {
        PlanParams {
            date,
            start: None,
            from: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            until: chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default(),
            visit_minutes: 30,
        }
    }
}

/// One reason a case is key today, with the points it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreReasonView {
    pub flag: Flag,
    pub points: i32,
}

/// A case the day could include.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    pub case_id: String,
    pub number: String,
    pub debtor_name: String,
    pub street: String,
    pub city: String,
    pub lat: f64,
    pub lon: f64,
    /// The key-case score and its reasons.
    pub points: u32,
    pub reasons: Vec<ScoreReasonView>,
    /// The agreed visit on the planned day, if any.
    pub appointment: Option<chrono::NaiveTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidatesView {
    pub date: chrono::NaiveDate,
    pub start: PlanPoint,
    pub candidates: Vec<CandidateView>,
    /// Open cases left out because their address has no coordinates.
    pub without_location: usize,
}

/// Why a candidate is not in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropCode {
    /// The working day is too short for it.
    NoTime,
    /// Its appointment cannot be met.
    WindowMissed,
    /// Its appointment is after the end of work, or the visit would end
    /// after it (`domain::route::DropReason::AfterWorkingHours`).
    AfterWorkingHours,
    /// More important visits fill the day.
    LowerPriority,
    /// The advisor took it out.
    RemovedByAdvisor,
    /// Its appointment lies outside the contact hours (`domain::hours`).
    OutsideContactHours,
    /// The client's breathing space (`domain::breathing`).
    BreathingSpace,
    /// The client objected to home visits (`domain::guard`).
    Objection,
    /// Visited as often as the limits allow this week or month.
    VisitLimit,
}

impl DropCode {
    pub const ALL: [DropCode; 9] = [
        Self::NoTime,
        Self::WindowMissed,
        Self::AfterWorkingHours,
        Self::LowerPriority,
        Self::RemovedByAdvisor,
        Self::OutsideContactHours,
        Self::BreathingSpace,
        Self::Objection,
        Self::VisitLimit,
    ];

    /// The code in a submitted plan ("no_time", ...).
    pub fn code(self) -> &'static str {
        match self {
            Self::NoTime => "no_time",
            Self::WindowMissed => "window_missed",
            Self::AfterWorkingHours => "after_working_hours",
            Self::LowerPriority => "lower_priority",
            Self::RemovedByAdvisor => "removed_by_advisor",
            Self::OutsideContactHours => "outside_contact_hours",
            Self::BreathingSpace => "breathing_space",
            Self::Objection => "objection",
            Self::VisitLimit => "visit_limit",
        }
    }

    pub fn from_code(s: &str) -> Option<DropCode> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// One visit of a planned day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStopView {
    pub case_id: String,
    pub number: String,
    pub debtor_name: String,
    pub street: String,
    pub city: String,
    pub lat: f64,
    pub lon: f64,
    pub arrival: chrono::NaiveTime,
    /// When the visit starts (later than the arrival when waiting for the
    /// appointment).
    pub start: chrono::NaiveTime,
    pub departure: chrono::NaiveTime,
    pub pinned: bool,
    pub points: u32,
    pub reasons: Vec<Flag>,
    pub appointment: Option<chrono::NaiveTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDroppedView {
    pub case_id: String,
    pub number: String,
    pub debtor_name: String,
    pub city: String,
    pub reason: DropCode,
    pub points: u32,
    pub reasons: Vec<Flag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanWarningCode {
    /// A visit starts outside its agreed window.
    WindowMissed,
    /// The day ends after the working hours.
    ReturnsLate,
    /// Any other broken rule of the checker.
    Other,
}

/// A rule the plan as edited breaks; the edit is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanWarning {
    pub code: PlanWarningCode,
    /// The visit concerned, by name.
    pub debtor_name: Option<String>,
    pub at: Option<chrono::NaiveTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatusCode {
    Draft,
    Submitted,
    Approved,
    Returned,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayPlanView {
    pub plan_id: String,
    pub date: chrono::NaiveDate,
    pub status: PlanStatusCode,
    pub start: PlanPoint,
    pub departure: chrono::NaiveTime,
    /// Back at the start.
    pub end: chrono::NaiveTime,
    pub drive_minutes: u32,
    pub stops: Vec<PlanStopView>,
    pub dropped: Vec<PlanDroppedView>,
    pub warnings: Vec<PlanWarning>,
    /// The advisor's note sent with the plan.
    pub comment: Option<String>,
    /// The team lead's answer.
    pub review_comment: Option<String>,
    pub reviewed_by: Option<String>,
}

/// "Dziś": the day's plan as the advisor works through it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TodayView {
    pub date: chrono::NaiveDate,
    /// Whether a plan exists for the day (else the screen offers to plan).
    pub planned: bool,
    pub stops: Vec<TodayStop>,
    /// The index in `stops` of the next stop: the first not visited today.
    pub next: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TodayStop {
    pub case_id: String,
    pub number: String,
    pub debtor_name: String,
    /// The address on one line.
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    /// When the visit starts (the agreed time for an appointment).
    pub start: chrono::NaiveTime,
    pub appointment: Option<chrono::NaiveTime>,
    /// The number to call (E.164), the primary one not marked wrong.
    pub phone: Option<String>,
    /// The number as the screen shows it.
    pub phone_display: Option<String>,
    /// A visit was recorded on the case today.
    pub visited: bool,
}

/// An edit of the current day plan; times are recomputed, the order is not
/// optimized again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PlanEdit {
    /// Keep the stop where it is when the day is planned again.
    Pin {
        case_id: String,
        pinned: bool,
    },
    MoveUp {
        case_id: String,
    },
    MoveDown {
        case_id: String,
    },
    /// Out of the plan, "removed by the advisor".
    Remove {
        case_id: String,
    },
    /// A dropped candidate back in, where it adds the least driving.
    AddBack {
        case_id: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditPlanRequest {
    pub params: PlanParams,
    pub edit: PlanEdit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmitPlanRequest {
    pub params: PlanParams,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekDayView {
    pub date: chrono::NaiveDate,
    pub departure: chrono::NaiveTime,
    pub end: chrono::NaiveTime,
    pub drive_minutes: u32,
    pub stops: Vec<PlanStopView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekPlanView {
    pub start: PlanPoint,
    pub days: Vec<WeekDayView>,
    pub dropped: Vec<PlanDroppedView>,
    pub drive_minutes: u32,
}

/// Why a day of the week preview was not saved as a day draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekSkip {
    /// The day has a plan already (a draft is kept as it is, a submitted,
    /// approved or returned plan is not overwritten).
    HasPlan(PlanStatusCode),
    /// The day cannot be planned (a public holiday, hours outside the
    /// contact window).
    Refused(crate::Reason),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekDaySkipped {
    pub date: chrono::NaiveDate,
    pub why: WeekSkip,
}

/// The week preview turned into day drafts (`save_week_drafts`): the
/// drafts saved, in date order, and the working days left as they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekDrafts {
    pub saved: Vec<DayPlanView>,
    pub skipped: Vec<WeekDaySkipped>,
}
