//! The headless demo: a field day run through the real use cases: a local
//! central server with the demo portfolio, a device replica that logs in and
//! syncs over HTTP, the case list, a search, a case, a note captured offline
//! and synced back. It prints what the advisor would see and writes it to
//! target/demo/. Every capability adds its step here.

use anyhow::{Context, Result};
use api::labels::{self, Lang};
use api::{CaseRequest, SearchRequest};
use app::demo_replica::DemoReplica;
use app::Clock;
use domain::format::{format_date, format_datetime, format_pln};
use std::fmt::Write as _;
use std::path::Path;

fn flags(f: &[api::Flag]) -> String {
    f.iter()
        .map(|&x| labels::flag(Lang::Pl, x))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pln(amount: rust_decimal::Decimal) -> String {
    format_pln(domain::Money::new(amount))
}

/// The demo portfolio: 300 cases of one advisor, the same every time.
pub fn spec(today: chrono::NaiveDate) -> DemoReplica {
    DemoReplica {
        seed: 2026,
        cases: 300,
        advisors: 1,
        today,
    }
}

/// The demo server's login.
pub const LOGIN: &str = "doradca1";

/// The demo's key folder beside its replica: this machine may have no
/// keychain, and the window app opens the same replica (`--keys`).
pub fn keys(replica: &Path) -> std::path::PathBuf {
    replica.with_file_name("keys")
}

fn remove_db(path: &Path) {
    // Missing is what we want; anything else shows when the file is opened.
    let _ = store::Store::remove_files(path);
}

/// Starts the central server with the demo users and portfolio on a fresh
/// SQLite file, on `listen` (port 0 for any), in a background thread.
/// Returns its address.
pub fn start_server(db: &Path, listen: &str) -> Result<String> {
    std::fs::create_dir_all(db.parent().context("server path has no folder")?)?;
    remove_db(db);
    let storage = std::sync::Arc::new(server_storage::SqliteStorage::open(db)?);
    let clock = server::system_clock();
    let DemoReplica {
        seed,
        cases,
        advisors,
        today,
    } = spec(app::SystemClock.today());
    let portfolio = ::demo::generate(&::demo::DemoConfig {
        seed,
        cases,
        advisors,
        today,
    });
    server::seed::seed(storage.as_ref(), &portfolio, server::seed::DEMO_PASSWORD)
        .map_err(|e| anyhow::anyhow!("seeding the demo server: {}", e.body.message))?;
    let (tx, rx) = std::sync::mpsc::channel();
    let listen = listen.to_owned();
    std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        else {
            return;
        };
        rt.block_on(async move {
            match tokio::net::TcpListener::bind(&listen).await {
                Ok(l) => {
                    let _ = tx.send(
                        l.local_addr()
                            .map(|a| a.to_string())
                            .map_err(|e| e.to_string()),
                    );
                    let _ = server::serve(l, server::ServerState::new(storage, clock)).await;
                }
                Err(e) => {
                    let _ = tx.send(Err(format!("cannot listen on {listen}: {e}")));
                }
            }
        });
    });
    let addr = rx
        .recv()
        .context("the server thread ended")?
        .map_err(anyhow::Error::msg)?;
    Ok(format!("http://{addr}"))
}

/// A fresh replica logged in to the demo server and synced once.
pub fn synced_replica(path: &Path, url: &str) -> Result<(store::Store, app::sync_now::SyncReport)> {
    std::fs::create_dir_all(path.parent().context("replica path has no folder")?)?;
    let vault = app::vault::FileVault::new(keys(path));
    // A fresh start: the last run's replica, key and documents go.
    app::vault::shred(&vault, path, path.parent().context("no folder")?)?;
    let mut store = app::vault::open_replica(&vault, path)?;
    let mut http = sync_client::HttpTransport::new(url)?;
    app::login::login(
        &mut store,
        &mut http,
        &mut app::RandomIds,
        LOGIN,
        server::seed::DEMO_PASSWORD,
        "demo",
    )?;
    store.set_sync_value("server", url)?;
    let report = app::sync_now::sync_now(&mut store, &mut http, app::SystemClock.now())?;
    if let Some(e) = &report.error {
        anyhow::bail!("first sync failed: {e}");
    }
    Ok((store, report))
}

pub fn field_day(replica: &Path) -> Result<()> {
    let clock = app::SystemClock;
    let today = clock.today();
    let mut out = String::new();
    let server_db = replica.with_file_name("server.sqlite");
    let url = start_server(&server_db, "127.0.0.1:0")?;
    let started = std::time::Instant::now();
    let (mut store, first) = synced_replica(replica, &url)?;
    let first_sync_ms = started.elapsed().as_secs_f64() * 1000.0;
    let info = app::app_info::app_info(&store, today).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "PARTNER — dzień w terenie (demo bez ekranu), {}",
        format_date(today)
    )?;
    writeln!(
        out,
        "Doradca: {} · spraw w pamięci urządzenia: {} · replika: {}\n",
        info.advisor_name.unwrap_or_default(),
        info.case_count,
        replica.display()
    )?;
    writeln!(
        out,
        "0. Logowanie ({LOGIN}) i pierwsza synchronizacja z {url}: {} spraw w {first_sync_ms:.0} ms\n",
        first.downloaded
    )?;

    // 1. The case list, key cases first.
    let rows = app::search_cases::search_cases(&store, today, &SearchRequest::default())
        .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "1. Moje sprawy — najpierw kluczowe ({} spraw):",
        rows.len()
    )?;
    for r in rows.iter().take(10) {
        writeln!(
            out,
            "   {:<28} {:<22} {:>14}  {} · {} · {}",
            r.debtor_name,
            r.city,
            pln(r.outstanding),
            labels::priority(Lang::Pl, r.priority),
            labels::status(Lang::Pl, r.status),
            flags(&r.flags)
        )?;
    }

    // 2. A search typed without Polish letters.
    let with_accent = rows
        .iter()
        .find(|r| {
            let surname = r.debtor_name.split_whitespace().last().unwrap_or_default();
            surname.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c))
        })
        .context("the demo portfolio has names with Polish letters")?;
    let surname = with_accent
        .debtor_name
        .split_whitespace()
        .last()
        .unwrap_or_default();
    let typed = domain::search::fold(surname);
    let hits = app::search_cases::search_cases(
        &store,
        today,
        &SearchRequest {
            text: typed.clone(),
            ..Default::default()
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(out, "\n2. Szukam \"{typed}\": {} wynik(ów)", hits.len())?;
    for h in &hits {
        writeln!(
            out,
            "   {} — {} — {}",
            h.debtor_name,
            h.number,
            pln(h.outstanding)
        )?;
    }

    // 3. The first key case in full.
    let top = &rows[0];
    let d = app::get_case::get_case(
        &store,
        today,
        &CaseRequest {
            case_id: top.id.clone(),
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "\n3. Sprawa {} — {} ({})",
        d.number,
        d.debtor.name,
        labels::status(Lang::Pl, d.status)
    )?;
    writeln!(out, "   PESEL {} · {}", d.debtor.pesel, flags(&d.flags))?;
    for p in &d.debtor.phones {
        writeln!(
            out,
            "   tel. {}{}",
            p.display,
            if p.primary { " (główny)" } else { "" }
        )?;
    }
    for a in &d.debtor.addresses {
        writeln!(out, "   adres: {}", a.line)?;
    }
    for x in &d.debts {
        writeln!(
            out,
            "   {} ({}): kapitał {}, odsetki {}, koszty {}, razem {}; przedawnienie {}",
            x.title,
            x.original_creditor,
            pln(x.amounts.principal),
            pln(x.amounts.interest),
            pln(x.amounts.costs),
            pln(x.amounts.total),
            format_date(x.limitation_date)
        )?;
    }
    writeln!(out, "   Zadłużenie łącznie: {}", pln(d.total.total))?;
    writeln!(out, "   Ostatnie wpisy historii:")?;
    for a in d.timeline.iter().take(5) {
        writeln!(
            out,
            "   {} {}: {}",
            format_datetime(a.at),
            labels::activity(Lang::Pl, a.kind),
            a.summary
        )?;
    }

    // 4. A note captured at the door, offline, then synced to the office.
    let mut ids = app::RandomIds;
    let note_id = app::IdSource::next_id(&mut ids);
    let note = "Klient obecny, prosi o propozycję ugody ratalnej; wizyta kontrolna za tydzień.";
    app::add_note::add_note(&mut store, clock.now(), note_id, &top.id, note)
        .map_err(anyhow::Error::msg)?;
    let (pending, _) = store.outbox_counts()?;
    writeln!(
        out,
        "\n4. Notatka z wizyty zapisana offline; czeka na wysłanie: {pending}"
    )?;
    let mut http = sync_client::HttpTransport::new(&url)?;
    let r = app::sync_now::sync_now(&mut store, &mut http, clock.now())?;
    let (pending, attention) = store.outbox_counts()?;
    writeln!(
        out,
        "   Synchronizacja: wysłano {}, odrzucono {}, czeka {pending}, wymaga uwagi {attention}{}",
        r.uploaded,
        r.rejected,
        r.error.map(|e| format!(", błąd: {e}")).unwrap_or_default()
    )?;

    review_step(&mut out, &mut store, &url, &rows)?;

    // 6. The day's plan: which visits, in what order, when; what is left
    // out; sent to the team lead with the next sync.
    plan_step(&mut out, &mut store, &url, clock.now())?;

    // 7. The client accepts an offer and signs the settlement on the tablet,
    //    offline; the device signs the PDF, the server verifies it.
    let pdf_path = settle(&mut store, &mut out, &url, &rows, replica)?;

    // 8. A visit report: the client promises to pay, a photo of the notice
    //    left at the door, a corrected phone (typed wrong first), recorded
    //    offline and synced; the server writes its own lines and adds the
    //    promise.
    let asked = visit_step(&mut out, &mut store, &url, &rows)?;

    // 9. The back office on its own device: the report and the proposal in
    //    the inbox, the new phone accepted, the question answered; the
    //    advisor's next sync brings both.
    office_step(&mut out, &mut store, &url, replica, asked.as_ref())?;

    // 10. The replica at rest: encrypted, nothing readable in its files.
    at_rest_step(&mut out, store, replica)?;

    print!("{out}");
    let transcript = replica.with_file_name("field-day.txt");
    std::fs::write(&transcript, &out)?;
    println!(
        "\nArtefakty: {}, {}, {} oraz {}",
        replica.display(),
        server_db.display(),
        transcript.display(),
        pdf_path.display()
    );
    Ok(())
}

/// Step 8: a visit report with a promise to pay on the first case whose
/// status allows one, recorded offline (no GPS on this machine: "no fix"),
/// synced, and shown as the server holds it. Answers the case asked about
/// and the proposal made.
fn visit_step(
    out: &mut String,
    store: &mut store::Store,
    url: &str,
    rows: &[api::CaseRow],
) -> Result<Option<Asked>> {
    use api::{PromiseChannel, Status, VisitContact, VisitForm, VisitOutcome};
    let clock = app::SystemClock;
    let now = clock.now();
    let Some(row) = rows.iter().find(|r| {
        matches!(
            r.status,
            Status::New | Status::VisitPlanned | Status::Visited | Status::BrokenPromise
        )
    }) else {
        writeln!(
            out,
            "\n8. Raport z wizyty: brak sprawy, w której można przyjąć deklarację"
        )?;
        return Ok(None);
    };
    let start = app::visit::start_visit(
        store,
        now - chrono::Duration::minutes(20),
        &CaseRequest {
            case_id: row.id.clone(),
        },
    )
    .map_err(anyhow::Error::msg)?;
    // At the door: the person gives the debtor's name and the last digits
    // of the PESEL before anything about the debt is shown (issue 14).
    let debtor = store
        .case_file(row.id.parse().map_err(anyhow::Error::msg)?)?
        .ok_or_else(|| anyhow::anyhow!("the case is gone"))?
        .debtor;
    let door = api::IdentityForm {
        case_id: row.id.clone(),
        name: debtor.full_name(),
        fact: api::IdentityFactCode::PeselEnd,
        value: debtor.pesel[debtor.pesel.len().saturating_sub(4)..].to_owned(),
    };
    let wrong = api::IdentityForm {
        value: "0000".into(),
        ..door.clone()
    };
    if let Err(e) = app::visit::confirm_identity(store, &wrong) {
        writeln!(
            out,
            "\n8. Wizyta u {}. Tożsamość z błędną końcówką PESEL: {}",
            row.debtor_name,
            api::labels::error(api::labels::Lang::Pl, &e)
        )?;
    }
    let shown = app::visit::confirm_identity(store, &door).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "   Tożsamość potwierdzona: wierzyciel {}, do spłaty {}",
        shown.creditor, shown.outstanding
    )?;
    let form = VisitForm {
        case_id: row.id.clone(),
        contact: Some(VisitContact::RightParty),
        identity: Some(door),
        outcome: Some(VisitOutcome::PromiseToPay),
        amount: "250,00".into(),
        due_on: Some(now.date() + chrono::Duration::days(7)),
        channel: Some(PromiseChannel::BankTransfer),
        notes: "Klient potwierdza dochód od przyszłego miesiąca; wpłata przelewem.".into(),
        next_step: "Sprawdzić wpłatę po terminie".into(),
        follow_up: Some(now.date() + chrono::Duration::days(10)),
        started_at: Some(start.started_at),
        ..VisitForm::default()
    };
    // A photo as the camera gives it (4000×3000, as a phone's), downscaled
    // on the device before it is kept.
    use base64ct::Encoding;
    let camera = evidence::sample_jpeg(4000, 3000, 7, 92);
    let photo = app::photos::prepare_photo(&api::PhotoFile {
        name: "zawiadomienie.jpg".into(),
        data: base64ct::Base64::encode_string(&camera),
    })
    .map_err(anyhow::Error::msg)?;
    let form = VisitForm {
        photos: vec![photo.clone()],
        ..form
    };
    let mut ids = app::RandomIds;
    let id = app::IdSource::next_id(&mut ids);
    let saved = app::visit::record_visit(store, now, id, &app::visit::NoFix, &form)
        .map_err(anyhow::Error::msg)?;
    // The client gives a new mobile number at the door: typed two digits
    // short first (refused on its field, in Polish), then right.
    let phone = |number: &str| api::ContactForm {
        case_id: row.id.clone(),
        visit_id: Some(saved.id.clone()),
        changes: vec![api::ContactChangeForm {
            number: number.into(),
            primary: true,
            ..api::ContactChangeForm::new(api::ContactChangeKind::Phone)
        }],
        note: "Klient podał nowy numer przy drzwiach".into(),
    };
    let refused = app::contact::propose_contact(
        store,
        now,
        app::IdSource::next_id(&mut ids),
        &phone("601 23"),
    )
    .expect_err("a number two digits short is refused");
    let proposed = app::contact::propose_contact(
        store,
        now,
        app::IdSource::next_id(&mut ids),
        &phone("601 234 567"),
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "   Raport z wizyty zapisany offline ({}): {}",
        if saved.fix {
            "z pozycją GPS"
        } else {
            "bez pozycji GPS"
        },
        saved.line
    )?;
    writeln!(
        out,
        "   Status sprawy: {}",
        labels::status(Lang::Pl, saved.status)
    )?;
    writeln!(
        out,
        "   Zdjęcie: {} KB z aparatu → {}×{} px, {} KB",
        camera.len() / 1024,
        photo.width,
        photo.height,
        photo.bytes / 1024
    )?;
    writeln!(
        out,
        "   Telefon „601 23”: {}",
        labels::error(Lang::Pl, &refused)
    )?;
    writeln!(out, "   Zgłoszona zmiana danych: {}", proposed.line)?;
    // A question to the office, still at the door with no signal.
    let asked = app::consult::ask(
        store,
        now,
        app::IdSource::next_id(&mut ids),
        &api::AskForm {
            case_id: row.id.clone(),
            text: "Klient prosi o przesunięcie terminu wpłaty o tydzień. Czy mogę się zgodzić?"
                .into(),
            urgent: true,
            photos: vec![],
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(out, "   Pytanie do biura (pilne, offline): {}", asked.line)?;
    let mut http = sync_client::HttpTransport::new(url)?;
    let r = app::sync_now::sync_now(store, &mut http, clock.now())?;
    writeln!(
        out,
        "   Synchronizacja: wysłano {}, odrzucono {}",
        r.uploaded, r.rejected
    )?;
    let d = app::get_case::get_case(
        store,
        now.date(),
        &CaseRequest {
            case_id: row.id.clone(),
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "   Po synchronizacji: {}",
        labels::status(Lang::Pl, d.status)
    )?;
    // The newest visit on the timeline: after the sync the server's line,
    // with the server's time of receipt.
    if let Some(a) = d
        .timeline
        .iter()
        .find(|a| a.kind == api::ActivityKind::Visit && a.summary.starts_with("Wizyta "))
    {
        writeln!(
            out,
            "   Na osi czasu{}: {}",
            if a.received_at.is_some() {
                " (od serwera)"
            } else {
                ""
            },
            a.summary
        )?;
    }
    let due = now.date() + chrono::Duration::days(7);
    for p in d.promises.iter().filter(|p| p.due_on == due) {
        writeln!(
            out,
            "   Deklaracja: {} do {}",
            pln(p.amount),
            format_date(p.due_on)
        )?;
    }
    for p in d.photos.iter().filter(|p| p.visit_id == saved.id) {
        writeln!(
            out,
            "   Zdjęcie z wizyty {}×{} px: {}",
            p.width,
            p.height,
            labels::photo_state(Lang::Pl, p.state)
        )?;
    }
    for c in d.contacts.iter().filter(|c| c.id == proposed.id) {
        for ch in &c.changes {
            writeln!(
                out,
                "   Zmiana danych: {} — {}",
                ch.text,
                labels::proposal_state(Lang::Pl, ch.state)
            )?;
        }
    }
    Ok(Some(Asked {
        case_id: row.id.clone(),
        proposal: proposed.id,
    }))
}

/// What the visit left for the office: the case asked about and the
/// contact proposal made.
struct Asked {
    case_id: String,
    proposal: String,
}

fn inbox_kind(k: api::InboxKindCode) -> &'static str {
    match k {
        api::InboxKindCode::Visit => "raporty z wizyt",
        api::InboxKindCode::Contact => "zmiany danych",
        api::InboxKindCode::Settlement => "ugody",
        api::InboxKindCode::Message => "pytania",
        api::InboxKindCode::DoorPayment => "wpłaty przy drzwiach",
    }
}

/// Step 9: the back office (`biuro`) on a second replica of its own: the
/// inbox, the phone change accepted, the question answered; then the
/// advisor's sync.
fn office_step(
    out: &mut String,
    store: &mut store::Store,
    url: &str,
    replica: &Path,
    asked: Option<&Asked>,
) -> Result<()> {
    let Some(asked) = asked else {
        return Ok(());
    };
    let office_db = replica.with_file_name("office.sqlite");
    let vault = app::vault::FileVault::new(keys(replica));
    app::vault::shred(&vault, &office_db, &office_db.with_file_name("biuro"))?;
    let mut office = app::vault::open_replica(&vault, &office_db)?;
    let mut http = sync_client::HttpTransport::new(url)?;
    app::login::login(
        &mut office,
        &mut http,
        &mut app::RandomIds,
        "biuro",
        server::seed::DEMO_PASSWORD,
        "demo",
    )?;
    office.set_sync_value("server", url)?;
    let page = app::office::inbox(
        &office,
        &mut http,
        &api::InboxQuery {
            kind: None,
            state: Some(api::InboxStateCode::New),
            advisor: None,
            from: None,
            to: None,
            after: None,
            limit: 20,
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "\n9. Biuro (biuro), skrzynka — nowe: {}",
        api::InboxKindCode::ALL
            .into_iter()
            .map(|k| format!("{} {}", inbox_kind(k), page.count(k)))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for row in page.items.iter().filter(|r| r.case_id == asked.case_id) {
        writeln!(
            out,
            "   · {} — {} (wysłane {}, odebrane {})",
            inbox_kind(row.kind),
            row.summary,
            format_datetime(row.device_at),
            format_datetime(row.received_at)
        )?;
    }
    let item = app::office::inbox_item(
        &office,
        &mut http,
        &api::InboxItemRequest {
            id: asked.proposal.clone(),
            kind: api::InboxKindCode::Contact,
        },
    )
    .map_err(anyhow::Error::msg)?;
    let api::InboxDetailView::Contact(proposal) = &item.detail else {
        anyhow::bail!("the proposal is not a contact item");
    };
    // Rejecting without a comment is refused, in Polish; then accepted.
    let rejected = app::office::decide_change(
        &office,
        &mut http,
        &api::ChangeDecisionForm {
            item_id: asked.proposal.clone(),
            index: 0,
            verdict: api::ChangeVerdict::Reject,
            comment: String::new(),
            edited: None,
        },
    );
    if let Err(e) = rejected {
        writeln!(
            out,
            "   Odrzucenie bez komentarza: {}",
            labels::error(Lang::Pl, &e)
        )?;
    }
    let decided = app::office::decide_change(
        &office,
        &mut http,
        &api::ChangeDecisionForm {
            item_id: asked.proposal.clone(),
            index: 0,
            verdict: api::ChangeVerdict::Accept,
            comment: String::new(),
            edited: None,
        },
    )
    .map_err(anyhow::Error::msg)?;
    if let api::InboxDetailView::Contact(p) = &decided.detail {
        for (before, ch) in proposal.proposal.changes.iter().zip(&p.proposal.changes) {
            writeln!(
                out,
                "   Zmiana danych: {} — {} → {}",
                before.text,
                labels::proposal_state(Lang::Pl, before.state),
                labels::proposal_state(Lang::Pl, ch.state)
            )?;
        }
    }
    let answer = "Tak, proszę przesunąć termin o tydzień i odnotować to w raporcie.";
    let thread = app::consult::office_answer(
        &office,
        &mut http,
        app::IdSource::next_id(&mut app::RandomIds),
        &api::OfficeAnswerForm {
            case_id: asked.case_id.clone(),
            text: answer.into(),
        },
    )
    .map_err(anyhow::Error::msg)?;
    for m in &thread.messages {
        writeln!(
            out,
            "   {} ({}): {}",
            labels::message_author(Lang::Pl, m.author),
            m.author_name,
            m.text
        )?;
    }
    drop(office);

    let clock = app::SystemClock;
    let mut http = sync_client::HttpTransport::new(url)?;
    let r = app::sync_now::sync_now(store, &mut http, clock.now())?;
    writeln!(out, "   Synchronizacja doradcy: pobrano {}", r.downloaded)?;
    let case = CaseRequest {
        case_id: asked.case_id.clone(),
    };
    let d = app::get_case::get_case(store, clock.today(), &case).map_err(anyhow::Error::msg)?;
    if let Some(p) = d.debtor.phones.iter().find(|p| p.primary) {
        writeln!(out, "   Telefon na sprawie doradcy: {}", p.display)?;
    }
    let panel = app::consult::thread(store, &case).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "   Wątek na sprawie: {} wiadomości, nieprzeczytane odpowiedzi {}",
        panel.messages.len(),
        panel.unread
    )?;
    Ok(())
}

/// Step 10: the replica's files hold no PESEL, no debtor's name and no
/// token as bytes, and the replica does not open without its key.
fn at_rest_step(out: &mut String, store: store::Store, replica: &Path) -> Result<()> {
    let mut secrets: Vec<(String, &str)> = Vec::new();
    if let Some(t) = store.sync_value("token")? {
        secrets.push((t, "token"));
    }
    for c in store
        .search(&store::CaseQuery::default())?
        .into_iter()
        .take(50)
    {
        if let Some(f) = store.case_file(c.id)? {
            secrets.push((f.debtor.pesel.clone(), "PESEL"));
            secrets.push((f.debtor.full_name(), "nazwisko"));
        }
    }
    let mut found = Vec::new();
    let files = std::iter::once(replica.to_owned()).chain(store::companions(replica));
    let mut bytes = 0usize;
    for f in files {
        let Ok(data) = std::fs::read(&f) else {
            continue;
        };
        bytes += data.len();
        for (s, what) in &secrets {
            if !s.is_empty() && data.windows(s.len()).any(|w| w == s.as_bytes()) {
                found.push(format!("{what} w {}", f.display()));
            }
        }
    }
    drop(store);
    let without = match store::Store::open(replica) {
        Err(store::StoreError::Unreadable) => {
            "odmowa — plik zaszyfrowany otwiera się tylko kluczem urządzenia".to_owned()
        }
        Err(e) => format!("błąd: {e}"),
        Ok(_) => "OTWARTA BEZ KLUCZA".into(),
    };
    writeln!(
        out,
        "\n10. Replika zaszyfrowana (SQLCipher, klucz poza plikiem): {} KB w plikach, sprawdzono {} PESEL/nazwisk/token — {}",
        bytes / 1024,
        secrets.len(),
        if found.is_empty() {
            "żaden nie występuje jako tekst".to_owned()
        } else {
            format!("ZNALEZIONO: {}", found.join(", "))
        }
    )?;
    writeln!(out, "    Otwarcie bez klucza: {without}")?;
    if !found.is_empty() {
        anyhow::bail!("the replica holds readable data: {}", found.join(", "));
    }
    Ok(())
}

/// A signature as the pad records it: a quick flourish.
fn demo_strokes() -> settlement::Strokes {
    let stroke = |y: f32, t0: u32| settlement::Stroke {
        points: (0..48)
            .map(|i| {
                let x = i as f32;
                settlement::Point {
                    x: 12.0 + x * 6.0,
                    y: y + (x / 2.5).sin() * 16.0 - x * 0.4,
                    t: t0 + i * 11,
                }
            })
            .collect(),
    };
    settlement::Strokes {
        width: 320.0,
        height: 120.0,
        strokes: vec![stroke(70.0, 0), stroke(88.0, 650)],
    }
}

/// Step 7 of the field day: the signed settlement, written to
/// `Ugoda-<number>.pdf` beside the replica.
fn settle(
    store: &mut store::Store,
    out: &mut String,
    url: &str,
    rows: &[api::CaseRow],
    replica: &Path,
) -> Result<std::path::PathBuf> {
    let clock = app::SystemClock;
    let form = |case_id: &str| api::OfferForm {
        case_id: case_id.to_owned(),
        income: "4 800,00".into(),
        housing: "1 350,00".into(),
        utilities: "420,00".into(),
        food: "1 200,00".into(),
        transport: "250,00".into(),
        dependants: "".into(),
        other_debts: "".into(),
        custom_term: None,
        custom_down_payment: "".into(),
        due_day: 10,
        amends: None,
    };
    let mut ids = app::RandomIds;
    let id = app::IdSource::next_id(&mut ids);
    // The first key case with a variant the advisor may agree alone (one
    // beyond the authority waits for the team lead before it is signed).
    let mut signed = None;
    for row in rows {
        let form = form(&row.id);
        let Ok(view) = app::offers::build_offers(store, clock.today(), &form) else {
            continue;
        };
        let Some(kind) = view
            .variants
            .iter()
            .find(|v| v.approval.is_empty())
            .map(|v| v.kind)
        else {
            continue;
        };
        // The offer is saved first; the client signs that saved offer.
        let offer = app::IdSource::next_id(&mut ids);
        let save = api::SaveOfferRequest {
            form,
            kind,
            reason: Some("Klient ma stałe dochody; rata uzgodniona na miejscu.".into()),
        };
        if app::offers::save_offer(store, clock.now(), offer, &save).is_err() {
            continue;
        }
        let req = app::settlement::SignRequest {
            offer,
            place: "Łódź".into(),
            strokes: demo_strokes(),
        };
        let started = std::time::Instant::now();
        if let Ok(s) = app::settlement::sign_settlement(store, clock.now(), id, &req) {
            signed = Some((kind, s, started.elapsed()));
            break;
        }
    }
    let (kind, signed, took) = signed.context("no case has an offer the advisor may sign alone")?;
    let took = took.as_secs_f64() * 1000.0;
    // The client's copy, saved as the app saves it.
    let path = signed.save_for_client(replica.parent().context("the replica has a folder")?)?;
    let ca = store
        .sync_value("ca_certificate")?
        .context("the device has no CA certificate")?;
    let ca = settlement::pem_to_der(&ca, "CERTIFICATE").map_err(anyhow::Error::msg)?;
    let verified =
        settlement::verify(&signed.pdf, &ca, clock.now().and_utc()).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "\n7. Ugoda nr {} ({}) podpisana u klienta offline: podpis odręczny i podpis urządzenia (PAdES) w {took:.0} ms, {:.0} KB",
        signed.number,
        labels::offer_kind(Lang::Pl, kind),
        signed.pdf.len() as f64 / 1024.0
    )?;
    writeln!(
        out,
        "   Podpisał: {} · SHA-256 {}… · plik {}",
        verified.signer,
        hex::encode(&signed.sha256[..8]),
        path.display()
    )?;
    let mut http = sync_client::HttpTransport::new(url)?;
    let r = app::sync_now::sync_now(store, &mut http, clock.now())?;
    writeln!(
        out,
        "   Synchronizacja: serwer sprawdził podpis, łańcuch do swojego CA i skrót — wysłano {}, odrzucono {}{}",
        r.uploaded,
        r.rejected,
        r.error.map(|e| format!(", błąd: {e}")).unwrap_or_default()
    )?;
    Ok(path)
}

/// The day's plan from the replica, as the planning screen shows it.
fn plan_step(
    out: &mut String,
    store: &mut store::Store,
    url: &str,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    // Today, or the next day the contact hours allow visits (a demo run on
    // a Sunday plans Monday).
    let day = app::offers::policy_in_force(store)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .0
        .contact_hours
        .first_open_day(now.date());
    let params = api::PlanParams::for_date(day);
    let started = std::time::Instant::now();
    let plan = app::plan::plan_day(
        store,
        now,
        &mut app::RandomIds,
        &params,
        &app::plan::PlanLimit::DAY,
    )
    .map_err(anyhow::Error::msg)?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    writeln!(
        out,
        "\n6. Plan dnia {} (z {} kandydatów, {ms:.0} ms): start {} o {}, powrót {}, jazda {} min",
        format_date(plan.date),
        plan.stops.len() + plan.dropped.len(),
        plan.start.label,
        hm(plan.departure),
        hm(plan.end),
        plan.drive_minutes
    )?;
    for (i, s) in plan.stops.iter().enumerate() {
        writeln!(
            out,
            "   {:>2}. {}–{}  {:<28} {:<22} {} pkt{}{}",
            i + 1,
            hm(s.arrival),
            hm(s.departure),
            s.debtor_name,
            s.city,
            s.points,
            s.appointment
                .map(|a| format!(" · umówiona {}", hm(a)))
                .unwrap_or_default(),
            if s.reasons.is_empty() {
                String::new()
            } else {
                format!(" · {}", flags(&s.reasons))
            }
        )?;
    }
    writeln!(out, "   Poza planem ({}):", plan.dropped.len())?;
    for d in &plan.dropped {
        writeln!(
            out,
            "   - {:<28} {:<22} {} pkt — {}",
            d.debtor_name,
            d.city,
            d.points,
            labels::drop_reason(Lang::Pl, d.reason)
        )?;
    }
    for w in &plan.warnings {
        writeln!(out, "   Uwaga: {}", labels::plan_warning(Lang::Pl, w.code))?;
    }
    let sent = app::plan::submit_plan(
        store,
        now,
        &mut app::RandomIds,
        &api::SubmitPlanRequest {
            params,
            comment: Some("Wizyty umówione potwierdzone telefonicznie.".into()),
        },
    )
    .map_err(anyhow::Error::msg)?;
    let mut http = sync_client::HttpTransport::new(url)?;
    let r = app::sync_now::sync_now(store, &mut http, now)?;
    writeln!(
        out,
        "   Plan {} do kierownika; synchronizacja: wysłano {}, odrzucono {}",
        labels::plan_status(Lang::Pl, sent.status),
        r.uploaded,
        r.rejected
    )?;
    Ok(())
}

/// Step 5 (issue #4): an offer beyond the advisor's authority, saved offline
/// and synced; the team lead lists it and rejects it with a comment; the
/// advisor's next sync shows the answer on the case.
fn review_step(
    out: &mut String,
    store: &mut store::Store,
    url: &str,
    rows: &[api::CaseRow],
) -> Result<()> {
    let clock = app::SystemClock;
    let today = clock.today();
    let row = rows
        .iter()
        .find(|r| r.outstanding > rust_decimal::Decimal::new(3_000_00, 2))
        .context("the demo has a case above 3 000 zł")?;
    let form = api::OfferForm {
        case_id: row.id.clone(),
        income: "6 500".into(),
        housing: "1 600".into(),
        utilities: "500".into(),
        food: "1 200".into(),
        custom_term: Some(30),
        custom_down_payment: (row.outstanding / rust_decimal::Decimal::from(5))
            .floor()
            .to_string(),
        due_day: 10,
        ..Default::default()
    };
    let offers = app::offers::build_offers(store, today, &form).map_err(anyhow::Error::msg)?;
    let custom = offers
        .variants
        .iter()
        .find(|v| v.kind == api::OfferKind::Custom)
        .context("the custom variant is built")?;
    let offer_id = app::IdSource::next_id(&mut app::RandomIds);
    let saved = app::offers::save_offer(
        store,
        clock.now(),
        offer_id,
        &api::SaveOfferRequest {
            form,
            kind: api::OfferKind::Custom,
            reason: custom
                .requires_reason
                .then(|| "Klient ma stałe dodatkowe zlecenia".to_owned()),
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "\n5. Oferta na sprawie {}: {} rat po {} — {}",
        row.number,
        custom.term_months,
        pln(custom.installment),
        if saved.needs_approval {
            format!(
                "wymaga zatwierdzenia ({})",
                custom
                    .approval
                    .iter()
                    .map(|a| labels::approval(Lang::Pl, *a))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            "w uprawnieniach doradcy".to_owned()
        }
    )?;
    let mut http = sync_client::HttpTransport::new(url)?;
    let r = app::sync_now::sync_now(store, &mut http, clock.now())?;
    writeln!(out, "   Synchronizacja doradcy: wysłano {}", r.uploaded)?;

    // The team lead, on their own device, online.
    let lead_db =
        std::env::temp_dir().join(format!("partner-demo-lead-{}.sqlite", std::process::id()));
    remove_db(&lead_db);
    let mut lead = store::Store::open(&lead_db)?;
    let mut lead_http = sync_client::HttpTransport::new(url)?;
    app::login::login(
        &mut lead,
        &mut lead_http,
        &mut app::RandomIds,
        "kierownik",
        server::seed::DEMO_PASSWORD,
        "demo",
    )?;
    let pending = app::team::team_offers(&lead, &mut lead_http).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "   Kierownik (kierownik): ofert do zatwierdzenia {}",
        pending.len()
    )?;
    for o in &pending {
        writeln!(
            out,
            "   · {} {} — doradca {}, razem {}, {} × {}",
            o.case_number,
            o.debtor_name,
            o.advisor_name,
            pln(o.total),
            o.term_months,
            pln(o.installment)
        )?;
    }
    let comment = "Maksymalnie 24 raty; proszę zaproponować wyższą wpłatę początkową.";
    let d = app::team::team_decide(
        &lead,
        &mut lead_http,
        &api::DecideForm {
            request_id: offer_id.to_string(),
            decision: api::DecisionKind::Reject,
            comment: comment.into(),
        },
    )
    .map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "   Decyzja: {} — „{}” ({}, {})",
        labels::review_state(Lang::Pl, d.state),
        d.comment.unwrap_or_default(),
        d.reviewed_by,
        format_datetime(d.reviewed_at)
    )?;
    let again = app::team::team_decide(
        &lead,
        &mut lead_http,
        &api::DecideForm {
            request_id: offer_id.to_string(),
            decision: api::DecisionKind::Approve,
            comment: String::new(),
        },
    );
    writeln!(
        out,
        "   Ponowna decyzja: {}",
        match again {
            Err(api::CommandError::AlreadyDecided { .. }) => {
                "odmówiono — pierwsza decyzja jest ostateczna"
            }
            Err(_) | Ok(_) => "NIEOCZEKIWANA ODPOWIEDŹ",
        }
    )?;
    drop(lead);
    remove_db(&lead_db);

    let r = app::sync_now::sync_now(store, &mut http, clock.now())?;
    let d = app::get_case::get_case(
        store,
        today,
        &CaseRequest {
            case_id: row.id.clone(),
        },
    )
    .map_err(anyhow::Error::msg)?;
    let state = d
        .timeline
        .iter()
        .find_map(|a| a.approval.clone())
        .context("the offer shows its approval state")?;
    writeln!(
        out,
        "   Synchronizacja doradcy: odpowiedzi kierownika {}; na sprawie: oferta {}{}",
        r.reviews,
        labels::review_state(Lang::Pl, state.state),
        state.comment.map(|c| format!(": {c}")).unwrap_or_default()
    )?;
    Ok(())
}
