//! The headless demo: a field day run through the real use cases on a real
//! demo replica, printing what the advisor would see and writing it to
//! target/demo/. Every capability adds its step here.

use anyhow::{Context, Result};
use api::labels::{self, Lang};
use api::{CaseRequest, SearchRequest};
use app::demo_replica::{create_demo_replica, DemoReplica};
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

pub fn create_replica(path: &Path) -> Result<store::Store> {
    std::fs::create_dir_all(path.parent().context("replica path has no folder")?)?;
    let today = app::SystemClock.today();
    create_demo_replica(path, &spec(today)).with_context(|| format!("creating {}", path.display()))
}

pub fn field_day(replica: &Path) -> Result<()> {
    let clock = app::SystemClock;
    let today = clock.today();
    let store = create_replica(replica)?;
    let mut out = String::new();
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
        "\n3. Sprawa {} — {} ({:?})",
        d.number, d.debtor.name, d.status
    )?;
    writeln!(out, "   PESEL {} · flagi {:?}", d.debtor.pesel, d.flags)?;
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
            "   {} {:?}: {}",
            format_datetime(a.at),
            a.kind,
            a.summary
        )?;
    }

    print!("{out}");
    let transcript = replica.with_file_name("field-day.txt");
    std::fs::write(&transcript, &out)?;
    println!(
        "\nArtefakty: {} oraz {}",
        replica.display(),
        transcript.display()
    );
    Ok(())
}
