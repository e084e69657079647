//! The "Biuro" section Skrzynka (issue #12): everything the field sent,
//! newest first, filtered by kind (each chip with its count), state,
//! advisor and the days of receipt, paged on the server ("Więcej" loads
//! the next page by its keyset cursor). An item opened shows what it is
//! about and its actions: a visit report (contact, result, amount, the
//! hash chain, photos), a contact proposal (accept, correct and accept,
//! or reject with a comment, per change), a settlement (the server's
//! verification, "Otwórz PDF", "Zarejestruj"), a question (the
//! consultation's thread and answer), a door payment ("Zaksięguj").
//! Online: every action is a call to the server, which decides.

use super::inbox_texts::{inbox_texts, InboxTexts};
use super::InboxTab;
use crate::components::{ErrorBanner, StatusBadge};
use crate::fmt;
use crate::i18n::{self, consult_texts, texts, Lang};
use crate::pages::consult::MessageItem;
use crate::runner::Runner;
use ::api::{
    chain_state, inbox_kind, inbox_state, CaseRequest, ChainState, ChangeDecisionForm,
    ChangeValues, ChangeVerdict, CommandError, ContactChangeKind, ContactEdit, ContactProposalView,
    DoorPaymentView, Field, InboxCount, InboxCursor, InboxDetailView, InboxItemRequest,
    InboxItemView, InboxKindCode, InboxQuery, InboxRow, InboxStateCode, OfficeAnswer,
    OfficeAnswerForm, OfficeClose, OfficeDecideChange, OfficeInbox, OfficeInboxHandle,
    OfficeInboxItem, OfficeOpenPdf, OfficeThreadView, ProposalChangeView, ProposalState, Reason,
    SettlementCheckView, VisitReportView,
};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Items per page.
const PAGE: u32 = 25;

/// The fields an error is shown beside (not in the banner).
const BESIDE: [Field; 6] = [
    Field::InboxComment,
    Field::ContactPhone,
    Field::ContactEmail,
    Field::ContactStreet,
    Field::ContactPostalCode,
    Field::ContactCity,
];

fn day(s: &str) -> Result<Option<NaiveDate>, CommandError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| CommandError::invalid(Field::Date, Reason::Malformed))
}

fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// A person by name; the id's first characters when the server gave none.
fn who(name: &str, id: &str) -> String {
    if name.trim().is_empty() {
        short(id)
    } else {
        name.to_owned()
    }
}

fn kind_class(k: InboxKindCode) -> &'static str {
    match k {
        InboxKindCode::Visit => "badge kind visit",
        InboxKindCode::Contact => "badge kind contact",
        InboxKindCode::Settlement => "badge kind settlement",
        InboxKindCode::Message => "badge kind message",
        InboxKindCode::DoorPayment => "badge kind door-payment",
    }
}

fn state_class(s: InboxStateCode) -> &'static str {
    match s {
        InboxStateCode::New => "badge inbox-state new",
        _ => "badge inbox-state good",
    }
}

/// The filters as the list asks them.
#[derive(Debug, Clone, Copy)]
struct Filters {
    kind: RwSignal<Option<InboxKindCode>>,
    state: RwSignal<Option<InboxStateCode>>,
    advisor: RwSignal<Option<String>>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Filters {
    /// Reads the filters (tracked: a change reloads the list).
    fn query(&self, after: Option<InboxCursor>, limit: u32) -> Result<InboxQuery, CommandError> {
        Ok(InboxQuery {
            kind: self.kind.get(),
            state: self.state.get(),
            advisor: self.advisor.get(),
            from: day(&self.from.get())?,
            to: day(&self.to.get())?,
            after,
            limit,
        })
    }
}

#[component]
pub fn InboxSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let tab = use_context::<InboxTab>();
    let f = Filters {
        kind: RwSignal::new(None),
        state: RwSignal::new(None),
        advisor: RwSignal::new(None),
        from: RwSignal::new(String::new()),
        to: RwSignal::new(String::new()),
    };
    let items = RwSignal::new(None::<Vec<InboxRow>>);
    let next = RwSignal::new(None::<InboxCursor>);
    let counts = RwSignal::new(Vec::<InboxCount>::new());
    let open = RwSignal::new(None::<InboxItemView>);
    let error = RwSignal::new(None::<CommandError>);
    let action_error = RwSignal::new(None::<CommandError>);
    let load = Runner::new(error).latest_only();
    let paging = Runner::new(error);
    let opening = Runner::new(error).latest_only();
    let recount = Runner::new(error).latest_only();
    let acting = Runner::new(action_error);

    // The first page whenever a filter changes.
    Effect::new(move |_| {
        let q = f.query(None, PAGE);
        next.set(None);
        load.try_run::<OfficeInbox>(q, move |p| {
            next.set(p.next);
            counts.set(p.counts);
            items.set(Some(p.items));
        });
    });
    let more = move |_| {
        let Some(after) = next.get_untracked() else {
            return;
        };
        let q = untrack(|| f.query(Some(after), PAGE));
        paging.try_run::<OfficeInbox>(q, move |p| {
            next.set(p.next);
            counts.set(p.counts);
            items.update(|l| l.get_or_insert_with(Vec::new).extend(p.items));
        });
    };
    // After an action: the item's new state in the list, the counts of
    // the same filters (and the tab's) again.
    let apply = Callback::new(move |v: InboxItemView| {
        items.update(|l| {
            if let Some(r) = l
                .as_mut()
                .and_then(|l| l.iter_mut().find(|r| r.id == v.row.id))
            {
                *r = v.row.clone();
            }
        });
        open.set(Some(v));
        let q = untrack(|| f.query(None, 1));
        recount.try_run::<OfficeInbox>(q, move |p| counts.set(p.counts));
        if let Some(t) = tab {
            t.refresh.update(|n| *n += 1);
        }
    });
    let open_item = move |row: &InboxRow| {
        action_error.set(None);
        let req = InboxItemRequest {
            id: row.id.clone(),
            kind: row.kind,
        };
        opening.run::<OfficeInboxItem>(req, move |v| open.set(Some(v)));
    };
    let total = move || counts.get().iter().map(|c| c.count).sum::<u64>();
    let count_of = move |k: InboxKindCode| {
        counts
            .get()
            .iter()
            .find(|c| c.kind == k)
            .map_or(0, |c| c.count)
    };

    view! {
        <div class="office-section office-inbox" id="office-inbox">
            <h2>{move || texts(lang.get()).office_inbox}</h2>
            <div class="chips" role="group" id="inbox-kinds">
                <button id="inbox-kind-all" class="chip" class:active=move || f.kind.get().is_none()
                    data-count=move || total().to_string()
                    on:click=move |_| f.kind.set(None)>
                    {move || inbox_texts(lang.get()).all_kinds} " "
                    <span class="chip-count">{total}</span>
                </button>
                {InboxKindCode::ALL.into_iter().map(|k| view! {
                    <button id=format!("inbox-kind-{}", k.slug()) class="chip"
                        class:active=move || f.kind.get() == Some(k)
                        data-count=move || count_of(k).to_string()
                        on:click=move |_| f.kind.set(Some(k))>
                        {move || inbox_kind(lang.get(), k)} " "
                        <span class="chip-count">{move || count_of(k)}</span>
                    </button>
                }).collect_view()}
            </div>
            <div class="filters inbox-filters">
                <label>
                    <span>{move || inbox_texts(lang.get()).state}</span>
                    // The options' values are positions in `InboxStateCode::ALL`.
                    <select id="inbox-state" on:change=move |ev| {
                        let i = event_target_value(&ev).parse::<usize>().ok();
                        f.state.set(i.and_then(|i| InboxStateCode::ALL.get(i).copied()));
                    }>
                        <option value="" selected=move || f.state.get().is_none()>
                            {move || inbox_texts(lang.get()).all_states}
                        </option>
                        {InboxStateCode::ALL.into_iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() data-state=format!("{s:?}") selected=move || f.state.get() == Some(s)>
                                {move || inbox_state(lang.get(), s)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || inbox_texts(lang.get()).from}</span>
                    <input id="inbox-from" type="date" prop:value=move || f.from.get()
                        on:change=move |ev| f.from.set(event_target_value(&ev)) />
                </label>
                <label>
                    <span>{move || inbox_texts(lang.get()).to}</span>
                    <input id="inbox-to" type="date" prop:value=move || f.to.get()
                        on:change=move |ev| f.to.set(event_target_value(&ev)) />
                </label>
                {move || f.advisor.get().map(|a| view! {
                    <button id="inbox-advisor-filter" class="chip active" on:click=move |_| f.advisor.set(None)>
                        {inbox_texts(lang.get()).advisor} " " {short(&a)} " ✕"
                    </button>
                })}
                <button id="inbox-clear" class="secondary" on:click=move |_| {
                    f.kind.set(None);
                    f.state.set(None);
                    f.advisor.set(None);
                    f.from.set(String::new());
                    f.to.set(String::new());
                }>{move || inbox_texts(lang.get()).clear}</button>
            </div>
            <ErrorBanner error=error />
            <div class="threads-layout inbox-layout">
                <div class="inbox-list-col">
                    {move || {
                        let t = inbox_texts(lang.get());
                        let l = lang.get();
                        match items.get() {
                            None => view! { <p class="muted">{texts(l).loading}</p> }.into_any(),
                            Some(list) if list.is_empty() => view! { <p class="muted" id="inbox-empty">{t.empty}</p> }.into_any(),
                            Some(list) => view! {
                                <ul class="plain inbox-list" id="inbox-list">
                                    {list.into_iter().map(|r| {
                                        let id = r.id.clone();
                                        let row = r.clone();
                                        view! {
                                            <li>
                                                <button class="card inbox-row wide" data-id=r.id.clone()
                                                    data-kind=r.kind.slug() data-state=format!("{:?}", r.state)
                                                    class:new={r.state == InboxStateCode::New}
                                                    class:active=move || open.get().is_some_and(|v| v.row.id == id)
                                                    on:click=move |_| open_item(&row)>
                                                    <span class="inbox-row-head">
                                                        <span class=kind_class(r.kind)>{inbox_kind(l, r.kind)}</span>
                                                        <span class=state_class(r.state)>{inbox_state(l, r.state)}</span>
                                                    </span>
                                                    <strong class="inbox-summary">{r.summary.clone()}</strong>
                                                    <span class="muted inbox-when">
                                                        {t.received} " " {fmt::datetime(r.received_at)}
                                                        " · " {t.advisor} " " {who(&r.advisor_name, &r.advisor_id)}
                                                    </span>
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    }}
                    {move || next.get().map(|_| view! {
                        <div class="pager">
                            <button id="inbox-more" on:click=more disabled=move || paging.pending()>
                                {inbox_texts(lang.get()).more}
                            </button>
                        </div>
                    })}
                </div>
                <div class="inbox-detail-col">
                    {move || match open.get() {
                        None => view! { <p class="muted card" id="inbox-pick">{inbox_texts(lang.get()).pick_item}</p> }.into_any(),
                        Some(v) => view! {
                            <ItemDetail v=v apply=apply acting=acting error=action_error advisor=f.advisor />
                        }.into_any(),
                    }}
                </div>
            </div>
        </div>
    }
}

/// The banner of an action's error that has no field to stand beside.
#[component]
fn ActionBanner(error: RwSignal<Option<CommandError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        error.get().and_then(|e| match &e {
            CommandError::Invalid { field, .. } if BESIDE.contains(field) => None,
            _ => Some(view! { <div class="error" role="alert" id="inbox-action-error">{i18n::error(lang.get(), &e)}</div> }),
        })
    }
}

#[component]
fn ItemDetail(
    v: InboxItemView,
    apply: Callback<InboxItemView>,
    acting: Runner,
    error: RwSignal<Option<CommandError>>,
    advisor: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let row = v.row.clone();
    let req = InboxItemRequest {
        id: row.id.clone(),
        kind: row.kind,
    };
    // A refused action (decided before) shows the item as it is now.
    let refresh = {
        let req = req.clone();
        Callback::new(move |_: ()| {
            acting.run::<OfficeInboxItem>(req.clone(), move |v| apply.run(v))
        })
    };
    let advisor_id = row.advisor_id.clone();
    let body = match v.detail.clone() {
        InboxDetailView::Visit(r) => view! { <VisitFacts r=r /> }.into_any(),
        InboxDetailView::Contact(c) => {
            view! { <ContactDecisions c=c item_id=row.id.clone() apply=apply acting=acting error=error refresh=refresh /> }.into_any()
        }
        InboxDetailView::Settlement(s) => {
            view! { <SettlementFacts s=s req=req.clone() state=row.state apply=apply acting=acting refresh=refresh /> }.into_any()
        }
        InboxDetailView::Message(th) => {
            view! { <ThreadPart th=th req=req.clone() apply=apply /> }.into_any()
        }
        InboxDetailView::DoorPayment(d) => {
            view! { <DoorFacts d=d req=req.clone() state=row.state apply=apply acting=acting refresh=refresh /> }.into_any()
        }
    };
    view! {
        <div class="card inbox-item" id="inbox-item" data-id=row.id.clone()
            data-kind=row.kind.slug() data-state=format!("{:?}", row.state)>
            <p class="inbox-row-head">
                <span class=kind_class(row.kind)>{move || inbox_kind(lang.get(), row.kind)}</span>
                <span class=state_class(row.state) id="inbox-item-state">{move || inbox_state(lang.get(), row.state)}</span>
                {v.status.map(|s| view! { <StatusBadge status=s /> })}
            </p>
            <h3>{v.case_number.clone()} " · " {v.debtor.clone()}</h3>
            <p class="muted">
                {move || inbox_texts(lang.get()).received} " " {fmt::datetime(row.received_at)}
                " · " {move || inbox_texts(lang.get()).made_on_device} " " {fmt::datetime(row.device_at)}
            </p>
            <p class="muted">
                {move || inbox_texts(lang.get()).advisor} " " {who(&row.advisor_name, &row.advisor_id)} " "
                <button class="secondary small" id="inbox-only-advisor"
                    on:click=move |_| advisor.set(Some(advisor_id.clone()))>{move || inbox_texts(lang.get()).only_advisor}</button>
            </p>
            {row.decided_at.map(|at| view! {
                <p class="ok" id="inbox-handled">
                    {move || inbox_texts(lang.get()).handled_by} ": " {row.decided_by.as_deref().map(|d| who(row.decided_by_name.as_deref().unwrap_or_default(), d)).unwrap_or_default()} ", " {fmt::datetime(at)}
                </p>
            })}
            <ActionBanner error=error />
            {body}
        </div>
    }
}

fn yes_no(ok: bool, yes: &'static str, no: &'static str) -> impl IntoView {
    view! { <span class=if ok { "badge good" } else { "badge bad" }>{if ok { yes } else { no }}</span> }
}

fn visit_lines(r: VisitReportView, l: Lang, t: &'static InboxTexts) -> impl IntoView {
    let chain = r.chain;
    view! {
        <dl class="facts">
            <dt>{t.contact}</dt>
            <dd id="inbox-visit-contact">{r.contact.map(|c| i18n::visit_contact(l, c)).unwrap_or("—")}
                {(!r.who.is_empty()).then(|| format!(" ({})", r.who))}</dd>
            <dt>{t.result}</dt>
            <dd id="inbox-visit-result">{r.outcome.map(|o| i18n::visit_outcome(l, o)).unwrap_or("—")}</dd>
            {r.amount.map(|a| view! { <dt>{t.amount}</dt><dd class="amount" id="inbox-visit-amount">{fmt::pln(a)}</dd> })}
            {r.due_on.map(|d| view! { <dt>{t.due_on}</dt><dd>{fmt::date(d)}</dd> })}
            <dt>{t.visit_time}</dt>
            <dd>{fmt::datetime(r.started_at)} " – " {fmt::datetime(r.ended_at)}</dd>
            <dt>{t.position}</dt>
            <dd>{match &r.fix {
                None => t.no_position.to_string(),
                Some(p) => format!(
                    "{:.5}, {:.5} (± {:.0} m){}",
                    p.lat, p.lon, p.accuracy_m,
                    if p.mock { format!(" — {}", t.mock_position) } else { String::new() }
                ),
            }}</dd>
            <dt>{t.hash}</dt>
            <dd id="inbox-visit-chain" data-chain=format!("{chain:?}")>
                <span class=if chain == ChainState::Holds { "badge good" } else { "badge bad" }>{chain_state(l, chain)}</span>
                {r.expected_prev.clone().map(|h| view! { <br/><span class="muted hash">{t.expected_hash} ": " {h}</span> })}
            </dd>
            {r.details.clone().map(|d| view! { <dt>{t.details}</dt><dd>{d}</dd> })}
            {(!r.notes.is_empty()).then(|| view! { <dt>{t.notes}</dt><dd>{r.notes.clone()}</dd> })}
            {r.corrects.clone().map(|c| view! { <dt>{t.corrects}</dt><dd>{short(&c)}</dd> })}
        </dl>
    }
}

#[component]
fn VisitFacts(r: VisitReportView) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    // Facts only: drawn again in the language chosen.
    move || {
        let l = lang.get();
        let t = inbox_texts(l);
        let photos = r.photos.clone();
        view! {
            {visit_lines(r.clone(), l, t)}
            <p id="inbox-visit-photos" data-count=photos.len().to_string()>
                {t.photos} ": " {photos.len()}
            </p>
            <ul class="plain photo-records">
                {photos.into_iter().map(|p| view! {
                    <li class="muted">{format!("{}×{} px, {} KB", p.width, p.height, p.bytes.div_ceil(1024))} " · " {fmt::datetime(p.taken_at)}</li>
                }).collect_view()}
            </ul>
        }
    }
}

#[component]
fn ContactDecisions(
    c: ContactProposalView,
    item_id: String,
    apply: Callback<InboxItemView>,
    acting: Runner,
    error: RwSignal<Option<CommandError>>,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    // Which change the last action was about: its errors stand beside it.
    let acted = RwSignal::new(None::<usize>);
    let p = c.proposal.clone();
    view! {
        <p class="muted">{move || inbox_texts(lang.get()).proposed_by} ": " {p.author.clone()} ", " {fmt::datetime(p.made_at)}</p>
        {(!p.note.is_empty()).then(|| view! { <p class="note">{p.note.clone()}</p> })}
        <ul class="plain inbox-changes" id="inbox-changes">
            {p.changes.iter().cloned().zip(c.values.iter().cloned()).enumerate().map(|(i, (ch, val))| view! {
                <ChangeRow index=i ch=ch val=val item_id=item_id.clone() apply=apply acting=acting
                    error=error acted=acted refresh=refresh />
            }).collect_view()}
        </ul>
    }
}

/// An error of `field` beside the field of change `index`.
#[component]
fn ChangeFieldError(
    error: RwSignal<Option<CommandError>>,
    acted: RwSignal<Option<usize>>,
    index: usize,
    field: Field,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        if acted.get() != Some(index) {
            return None;
        }
        error.get().and_then(|e| match &e {
            CommandError::Invalid { field: f, code } if *f == field => Some(view! {
                <p class="field-error" role="alert">{i18n::invalid(lang.get(), *f, code)}</p>
            }),
            _ => None,
        })
    }
}

#[component]
fn ChangeRow(
    index: usize,
    ch: ProposalChangeView,
    val: ChangeValues,
    item_id: String,
    apply: Callback<InboxItemView>,
    acting: Runner,
    error: RwSignal<Option<CommandError>>,
    acted: RwSignal<Option<usize>>,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let comment = RwSignal::new(String::new());
    let editing = RwSignal::new(false);
    let number = RwSignal::new(val.number.clone().unwrap_or_default());
    let email = RwSignal::new(val.email.clone().unwrap_or_default());
    let street = RwSignal::new(val.street.clone().unwrap_or_default());
    let postal = RwSignal::new(val.postal_code.clone().unwrap_or_default());
    let city = RwSignal::new(val.city.clone().unwrap_or_default());
    let kind = ch.kind;
    let editable = kind != ContactChangeKind::Consent;
    let decide = move |verdict: ChangeVerdict| {
        let edited = (verdict == ChangeVerdict::AcceptEdited).then(|| {
            let opt = |s: RwSignal<String>| Some(s.get_untracked());
            match kind {
                ContactChangeKind::Phone => ContactEdit {
                    number: opt(number),
                    ..ContactEdit::default()
                },
                ContactChangeKind::Email => ContactEdit {
                    email: opt(email),
                    ..ContactEdit::default()
                },
                _ => ContactEdit {
                    street: opt(street),
                    postal_code: opt(postal),
                    city: opt(city),
                    ..ContactEdit::default()
                },
            }
        });
        let form = ChangeDecisionForm {
            item_id: item_id.clone(),
            index,
            verdict,
            comment: comment.get_untracked(),
            edited,
        };
        acted.set(Some(index));
        acting.run_or::<OfficeDecideChange>(
            form,
            move |v| apply.run(v),
            move |e| {
                if matches!(e, CommandError::HandledBefore { .. }) {
                    refresh.run(());
                }
            },
        );
    };
    let accept = {
        let decide = decide.clone();
        move |_| decide(ChangeVerdict::Accept)
    };
    let save_edit = {
        let decide = decide.clone();
        move |_| decide(ChangeVerdict::AcceptEdited)
    };
    let reject = move |_| decide(ChangeVerdict::Reject);
    let open = ch.state == ProposalState::Proposed;
    let input = move |id: &'static str,
                      label: fn(&InboxTexts) -> &'static str,
                      s: RwSignal<String>,
                      field: Field| {
        view! {
            <label class="edit-field">
                <span>{move || label(inbox_texts(lang.get()))}</span>
                <input class=id type="text" prop:value=move || s.get()
                    on:input=move |ev| s.set(event_target_value(&ev)) />
                <ChangeFieldError error=error acted=acted index=index field=field />
            </label>
        }
    };
    view! {
        <li class="card inbox-change" data-index=index.to_string() data-state=format!("{:?}", ch.state)>
            <p>
                <strong class="change-text">{ch.text.clone()}</strong> " "
                <span class=if open { "badge" } else { "badge good" }>{move || i18n::proposal_state(lang.get(), ch.state)}</span>
            </p>
            {(!open).then(|| view! {
                <p class="muted change-decided">
                    {ch.decided_by.clone()} {ch.decided_at.map(|a| format!(", {}", fmt::datetime(a)))}
                    {(!ch.comment.is_empty()).then(|| format!(" — {}", ch.comment))}
                </p>
            })}
            {open.then(|| view! {
                <div class="change-actions">
                    <button class="primary change-accept" on:click=accept disabled=move || acting.pending()>{move || inbox_texts(lang.get()).accept}</button>
                    {editable.then(|| view! {
                        <button class="secondary change-edit" on:click=move |_| editing.update(|e| *e = !*e)>
                            {move || { let t = inbox_texts(lang.get()); if editing.get() { t.cancel } else { t.edit_accept } }}
                        </button>
                    })}
                </div>
                {move || editing.get().then(|| view! {
                    <div class="change-edit-form">
                        {match kind {
                            ContactChangeKind::Phone => input("change-edit-number", |t| t.new_number, number, Field::ContactPhone).into_any(),
                            ContactChangeKind::Email => input("change-edit-email", |t| t.new_email, email, Field::ContactEmail).into_any(),
                            _ => view! {
                                {input("change-edit-street", |t| t.street, street, Field::ContactStreet)}
                                {input("change-edit-postal", |t| t.postal_code, postal, Field::ContactPostalCode)}
                                {input("change-edit-city", |t| t.city, city, Field::ContactCity)}
                            }.into_any(),
                        }}
                        <button class="primary change-save-edit" on:click=save_edit.clone() disabled=move || acting.pending()>{move || inbox_texts(lang.get()).save_edit}</button>
                    </div>
                })}
                <label class="change-comment-label">
                    <span>{move || inbox_texts(lang.get()).comment}</span>
                    <textarea class="change-comment" rows="2" placeholder=move || inbox_texts(lang.get()).comment_placeholder
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                </label>
                <ChangeFieldError error=error acted=acted index=index field=Field::InboxComment />
                <button class="danger change-reject" on:click=reject disabled=move || acting.pending()>{move || inbox_texts(lang.get()).reject}</button>
            })}
        </li>
    }
}

/// "Otwórz PDF" and its answer.
#[component]
fn PdfButton(req: InboxItemRequest, acting: Runner) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let saved = RwSignal::new(None::<String>);
    let open = move |_| {
        acting.run::<OfficeOpenPdf>(req.clone(), move |p| saved.set(Some(p.path)));
    };
    view! {
        <button class="secondary" id="inbox-open-pdf" on:click=open disabled=move || acting.pending()>
            {move || inbox_texts(lang.get()).open_pdf}
        </button>
        {move || saved.get().map(|p| view! {
            <p class="muted" id="inbox-pdf-path">{inbox_texts(lang.get()).pdf_saved} ": " {p}</p>
        })}
    }
}

#[component]
fn SettlementFacts(
    s: SettlementCheckView,
    req: InboxItemRequest,
    state: InboxStateCode,
    apply: Callback<InboxItemView>,
    acting: Runner,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let register = {
        let req = req.clone();
        move |_| {
            acting.run_or::<OfficeInboxHandle>(
                req.clone(),
                move |v| apply.run(v),
                move |e| {
                    if matches!(e, CommandError::HandledBefore { .. }) {
                        refresh.run(());
                    }
                },
            );
        }
    };
    // The facts are drawn again in the language chosen.
    let facts = move || {
        let t = inbox_texts(lang.get());
        view! {
            <p id="inbox-settlement-verdict" data-holds=s.holds.to_string()
                class=if s.holds { "ok" } else { "error" }>
                {if s.holds { t.all_holds } else { t.not_holds }}
            </p>
            <dl class="facts">
                <dt>{move || inbox_texts(lang.get()).signature}</dt>
                <dd>{match s.signature_problem.clone() {
                    None => view! { <span class="badge good">{move || inbox_texts(lang.get()).signature_ok}</span> }.into_any(),
                    Some(p) => view! { <span class="badge bad">{p}</span> }.into_any(),
                }}</dd>
                <dt>{move || inbox_texts(lang.get()).signer}</dt><dd>{s.signer.clone()}</dd>
                <dt>{move || inbox_texts(lang.get()).hash}</dt>
                <dd>{yes_no(s.hash_matches, t.hash_ok, t.hash_bad)} <br/><span class="muted hash">{s.sha256.clone()}</span></dd>
                <dt>{move || inbox_texts(lang.get()).offer}</dt>
                <dd>{yes_no(s.bound, t.bound, t.not_bound)} " " {s.offer_id.as_deref().map(short).unwrap_or_default()}</dd>
                {s.amends.clone().map(|a| view! { <dt>{move || inbox_texts(lang.get()).amends}</dt><dd>{short(&a)}</dd> })}
                <dt>{move || inbox_texts(lang.get()).place}</dt><dd>{s.place.clone()}</dd>
                <dt>{move || inbox_texts(lang.get()).pdf_size}</dt><dd>{format!("{} KB", s.pdf_bytes.div_ceil(1024))}</dd>
            </dl>
        }
    };
    view! {
        {facts}
        <div class="actions inbox-actions">
            <PdfButton req=req acting=acting />
            {(state == InboxStateCode::New).then(|| view! {
                <button class="primary" id="inbox-register" on:click=register disabled=move || acting.pending()>{move || inbox_texts(lang.get()).register}</button>
            })}
        </div>
    }
}

#[component]
fn DoorFacts(
    d: DoorPaymentView,
    req: InboxItemRequest,
    state: InboxStateCode,
    apply: Callback<InboxItemView>,
    acting: Runner,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let book = {
        let req = req.clone();
        move |_| {
            acting.run_or::<OfficeInboxHandle>(
                req.clone(),
                move |v| apply.run(v),
                move |e| {
                    if matches!(e, CommandError::HandledBefore { .. }) {
                        refresh.run(());
                    }
                },
            );
        }
    };
    let has_receipt = d.receipt_number.is_some() && d.taken_on.is_some();
    // The facts are drawn again in the language chosen.
    let facts = move || {
        let l = lang.get();
        let t = inbox_texts(l);
        let d = d.clone();
        view! {
            <p class="big-total">
                {move || inbox_texts(lang.get()).amount} ": " <strong class="amount" id="inbox-door-amount">{d.amount.map(fmt::pln).unwrap_or_default()}</strong>
            </p>
            <dl class="facts">
                <dt>{move || inbox_texts(lang.get()).receipt}</dt>
                <dd>{d.receipt_number.clone().unwrap_or_else(|| t.no_receipt.to_string())}
                    {d.receipt_state.map(|s| view! { " " <span class="badge">{i18n::receipt_state(l, s)}</span> })}</dd>
                {d.taken_on.map(|x| view! { <dt>{move || inbox_texts(lang.get()).taken_on}</dt><dd>{fmt::date(x)}</dd> })}
                {d.booked_on.map(|x| view! { <dt>{move || inbox_texts(lang.get()).booked_on}</dt><dd>{fmt::date(x)}</dd> })}
            </dl>
            {visit_lines(d.report.clone(), l, t)}
        }
    };
    view! {
        {facts}
        <div class="actions inbox-actions">
            {has_receipt.then(|| view! { <PdfButton req=req.clone() acting=acting /> })}
            {(state == InboxStateCode::New).then(|| view! {
                <button class="primary" id="inbox-book" on:click=book disabled=move || acting.pending()>{move || inbox_texts(lang.get()).book}</button>
            })}
        </div>
    }
}

/// A question: the case's thread with the consultation's own pieces.
#[component]
fn ThreadPart(
    th: OfficeThreadView,
    req: InboxItemRequest,
    apply: Callback<InboxItemView>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None::<CommandError>);
    let answering = Runner::new(error);
    let text = RwSignal::new(String::new());
    let case_id = th.case_id.clone();
    // After the answer or the close, the item as the server marked it.
    let reread = move || {
        answering.run::<OfficeInboxItem>(req.clone(), move |v| apply.run(v));
    };
    let answer = {
        let case_id = case_id.clone();
        let reread = reread.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form = OfficeAnswerForm {
                case_id: case_id.clone(),
                text: text.get_untracked(),
            };
            let reread = reread.clone();
            answering.run::<OfficeAnswer>(form, move |_| {
                text.set(String::new());
                reread();
            });
        }
    };
    let close = move |_| {
        let reread = reread.clone();
        answering.run::<OfficeClose>(
            CaseRequest {
                case_id: case_id.clone(),
            },
            move |_| reread(),
        );
    };
    view! {
        {(!th.open).then(|| view! { <p class="note">{move || consult_texts(lang.get()).closed}</p> })}
        <ul class="plain messages">
            {th.messages.iter().cloned().map(|m| view! { <MessageItem m=m /> }).collect_view()}
        </ul>
        {th.open.then(|| view! {
            <form class="consult-form" on:submit=answer>
                <textarea id="inbox-answer-text" rows="3" placeholder=move || consult_texts(lang.get()).answer_placeholder
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{i18n::error(lang.get(), &e)}</p> })}
                <div class="actions">
                    <button id="inbox-answer" class="primary" type="submit" disabled=move || answering.pending()>{move || consult_texts(lang.get()).answer}</button>
                    <button id="inbox-close-thread" type="button" class="secondary" on:click=close disabled=move || answering.pending()>{move || consult_texts(lang.get()).close}</button>
                </div>
            </form>
        })}
    }
}
