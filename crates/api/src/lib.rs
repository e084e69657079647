//! The contract between the UI (wasm) and the backend (Tauri commands): the
//! command names, their request and response types, and the serializable
//! [`CommandError`]. These are wire types: domain entities are converted into
//! them, never serialized themselves.
//!
//! This crate builds for native and wasm32 and must not know how commands are
//! carried (Tauri) or answered (the app crate).

mod consult;
mod contact;
mod convert;
mod desk;
mod error;
pub mod labels;
mod lock;
pub mod navigation;
mod office;
mod types;
mod visit;

pub use consult::*;
pub use contact::*;
pub use desk::*;
pub use error::*;
pub use lock::*;
pub use office::*;
pub use types::*;
pub use visit::*;

use serde::{de::DeserializeOwned, Serialize};

/// One command of the backend: its name and its request and response types.
/// The UI calls `invoke(NAME, { req })` and gets `Response` or a
/// [`CommandError`].
pub trait Command {
    const NAME: &'static str;
    type Request: Serialize + DeserializeOwned;
    type Response: Serialize + DeserializeOwned;
}

macro_rules! commands {
    ($($(#[$doc:meta])* $ty:ident = $name:literal : $req:ty => $res:ty;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub struct $ty;
            impl Command for $ty {
                const NAME: &'static str = $name;
                type Request = $req;
                type Response = $res;
            }
        )*
        /// The names of all commands, for the adapter's registration check.
        pub const COMMAND_NAMES: &[&str] = &[$($name),*];
    };
}

commands! {
    /// Facts about the replica and the advisor for the app's header.
    AppInfoCmd = "app_info": () => AppInfo;
    /// The case list ("Moje sprawy") with search and filters.
    SearchCases = "search_cases": SearchRequest => Vec<CaseRow>;
    /// Everything about one case.
    GetCase = "get_case": CaseRequest => CaseDetail;
    /// All offer variants for a case and a budget (offline).
    BuildOffers = "build_offers": OfferForm => OffersView;
    /// Saves the chosen offer on the case and queues it (offline).
    SaveOffer = "save_offer": SaveOfferRequest => SavedOffer;
    /// Signs the settlement of an accepted offer: the client's strokes and
    /// the device's signature (offline; queued for upload).
    SignSettlementCmd = "sign_settlement": SignSettlementRequest => SignedSettlement;
    /// Opens a PDF saved for the client (a settlement, a receipt) in the
    /// system viewer, to show or share it.
    OpenDocument = "open_document": OpenDocumentRequest => PdfOpened;
    /// Adds a note to a case (offline; queued for upload).
    AddNote = "add_note": NoteRequest => ();
    /// Logs this device in to the server.
    Login = "login": LoginRequest => SyncStatus;
    /// Logs this device out; captured work stays and is sent after the
    /// next login.
    Logout = "logout": () => LoggedOut;
    /// Runs a sync now.
    SyncNow = "sync_now": () => SyncStatus;
    /// The sync status bar.
    GetSyncStatus = "sync_status": () => SyncStatus;
    /// Captured changes the server refused: the "needs attention" list.
    AttentionItems = "attention_items": () => Vec<AttentionItem>;
    /// The cases a day could include, with their key-case scores.
    PlanCandidates = "plan_candidates": PlanParams => CandidatesView;
    /// The current plan of a day (draft or submitted), if any.
    GetDayPlan = "get_day_plan": PlanParams => Option<DayPlanView>;
    /// Plans the day (keeping pinned stops in place) and saves the draft.
    PlanDay = "plan_day": PlanParams => DayPlanView;
    /// "Dziś": today's planned stops in order, the next one marked, with
    /// each client's phone (offline).
    Today = "today": () => TodayView;
    /// Five working days from the date, each the day plan of its date
    /// (a preview; nothing is saved). A day before today is refused.
    PlanWeek = "plan_week": PlanParams => WeekPlanView;
    /// Saves the days of the week preview as day drafts; days that have
    /// a plan already are left as they are and listed as skipped.
    SaveWeekDrafts = "save_week_drafts": PlanParams => WeekDrafts;
    /// Pin, move, remove or add back a stop; times are recomputed.
    EditPlan = "edit_plan": EditPlanRequest => DayPlanView;
    /// Sends the day plan to the team lead (queued for the next sync).
    SubmitPlan = "submit_plan": SubmitPlanRequest => DayPlanView;
    /// Team lead: the team's offers awaiting approval (online only).
    TeamOffers = "team_offers": () => Vec<TeamOfferView>;
    /// Team lead: the team's day plans of a date (online only).
    TeamPlans = "team_plans": TeamPlansQuery => TeamPlansView;
    /// Team lead: approve, reject or return one request (online only).
    TeamDecide = "team_decide": DecideForm => DecisionView;
    /// Starts a visit report on a case: the device's time (offline).
    StartVisit = "start_visit": CaseRequest => VisitStart;
    /// Saves a visit report, final once saved, and queues it (offline).
    RecordVisit = "record_visit": VisitForm => VisitSaved;
    /// "Nawiguj": opens the platform's navigation on an address.
    Navigate = "navigate": navigation::NavigateRequest => navigation::Navigation;
    /// Proposes changes of a case's contact data (offline; queued, shown
    /// as proposed until the back office decides).
    ProposeContact = "propose_contact": ContactForm => ContactSaved;
    /// Downscales a chosen or photographed file into a visit's photo
    /// (offline; nothing stored until the report is saved).
    PreparePhoto = "prepare_photo": PhotoFile => PhotoDraft;
    /// Asks the office a question on a case (offline; queued, delivered
    /// once, in order).
    AskOffice = "ask_office": AskForm => MessageSaved;
    /// A case's consultation thread on the device.
    GetThread = "get_thread": CaseRequest => ThreadPanel;
    /// Marks a case's unread answers read (offline; the office sees it
    /// after the next sync).
    ReadAnswers = "read_answers": CaseRequest => ThreadPanel;
    /// The app lock: where it stands (polled; not the user's action).
    LockStatus = "lock_status": () => LockView;
    /// Sets or changes the app's PIN.
    SetPin = "set_pin": SetPinForm => LockView;
    /// Opens the locked app with the PIN.
    UnlockPin = "unlock_pin": PinForm => LockView;
    /// Opens the locked app with the password (online).
    UnlockPassword = "unlock_password": PasswordUnlockForm => LockView;
    /// Locks the app now.
    LockNow = "lock_now": () => LockView;
    /// Sends a refused question again with its text (offline; queued).
    ResendMessage = "resend_message": ResendRequest => MessageSaved;
    /// "Wiadomości": every thread of the advisor, unread first.
    MessageThreads = "message_threads": () => Vec<ThreadRow>;
    /// Office: a page of the consultation threads (online only).
    OfficeThreads = "office_threads": OfficeThreadsQuery => OfficeThreadsPage;
    /// Office: one thread, its questions marked read (online only).
    OfficeThread = "office_thread": CaseRequest => OfficeThreadView;
    /// Office: answers a thread (online only).
    OfficeAnswer = "office_answer": OfficeAnswerForm => OfficeThreadView;
    /// Back office: closes a thread (online only).
    OfficeClose = "office_close": CaseRequest => OfficeThreadView;
    /// Back office: marks a thread urgent or not (online only).
    OfficeUrgent = "office_urgent": OfficeUrgentForm => OfficeThreadView;
    /// The doorstep identity check: the case at the door once the person
    /// is confirmed as the debtor (offline; nothing is recorded).
    ConfirmIdentity = "confirm_identity": IdentityForm => DoorCase;
    // #12 inbox: add below this line (branch inbox).
    /// Back office: a page of the inbox, newest first, with the counts per
    /// kind (online only).
    OfficeInbox = "office_inbox": InboxQuery => InboxPage;
    /// Back office: one inbox item with what it is about (online only).
    OfficeInboxItem = "office_inbox_item": InboxItemRequest => InboxItemView;
    /// Back office: registers a settlement or books a door payment, once
    /// (online only).
    OfficeInboxHandle = "office_inbox_handle": InboxItemRequest => InboxItemView;
    /// Back office: accepts (as proposed or corrected) or rejects one
    /// change of a contact proposal (online only).
    OfficeDecideChange = "office_decide_change": ChangeDecisionForm => InboxItemView;
    /// Back office: a settlement's or a door receipt's signed PDF, saved on
    /// the device and opened in the system viewer (online only).
    OfficeOpenPdf = "office_open_pdf": InboxItemRequest => PdfOpened;
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// Back office: a page of the portfolio search (online only).
    DeskSearch = "desk_search": DeskSearchQuery => DeskSearchPage;
    /// Back office: one case file as the server holds it (online only).
    DeskCase = "desk_case": CaseRequest => DeskCaseView;
    /// Back office: closes a case with a reason; it leaves the advisor's
    /// device on the next sync (online only).
    DeskClose = "desk_close": CloseForm => DeskCaseView;
    /// Back office: reopens a closed case; it returns to its advisor
    /// (online only).
    DeskReopen = "desk_reopen": CaseRequest => DeskCaseView;
    /// Back office: a page of the devices, the latest sync first (online
    /// only).
    DeskDevices = "desk_devices": DeskPageQuery => DeskDevicesPage;
    /// Back office: a page of the users by name (online only).
    DeskUsers = "desk_users": DeskPageQuery => DeskUsersPage;
    /// Back office: disables or enables a user (online only).
    DeskUserDisabled = "desk_user_disabled": UserDisabledForm => DeskUser;
    /// Back office: revokes a device (online only).
    DeskRevoke = "desk_revoke": RevokeForm => ();
}
