//! Issue 13, end to end: a portfolio file imported into a real server
//! (SQLite and PostgreSQL) reaches the advisor's real replica on its next
//! sync; importing it again sends the device nothing; a balance the
//! creditor lowered shows on the advisor's case after the next sync.

mod common;

use app::sync_now::sync_now;
use app::SeqIds;
use common::{now, today, Backend, PASSWORD};
use rust_decimal::Decimal;
use server::portfolio::{import, ImportOptions, ParseOptions};
use store::Store;
use sync_client::HttpTransport;

on_both!(an_imported_portfolio_reaches_the_device_and_a_lowered_balance_follows);

const SAMPLE: &[u8] = include_bytes!("data/portfolio-sample.csv");

fn options() -> ImportOptions {
    ImportOptions {
        parse: ParseOptions::default(),
        dry_run: false,
        valid_rows: false,
        today: today(),
    }
}

/// The sample with one ASCII cell changed (its Windows-1250 bytes kept).
fn sample_with(from: &str, to: &str) -> Vec<u8> {
    let at = SAMPLE
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .expect("the cell is in the sample");
    let mut out = SAMPLE[..at].to_vec();
    out.extend_from_slice(to.as_bytes());
    out.extend_from_slice(&SAMPLE[at + from.len()..]);
    out
}

fn an_imported_portfolio_reaches_the_device_and_a_lowered_balance_follows(b: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&b.url).unwrap();
    let mut ids = SeqIds { prefix: 1, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    // The seeded demo cases the advisor holds (the closed ones are not).
    let first = sync_now(&mut store, &mut http, now()).unwrap();
    assert!(first.downloaded > 0);

    let report = import(b.storage.as_ref(), SAMPLE, &options()).unwrap();
    assert_eq!((report.created, report.errors.len()), (20, 0));
    let sync = sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(sync.downloaded, 20);

    // PT/2026/001003 (PGE Obrót S.A.): 1 951,74 + 118,22 + 54,00 = 2 123,96 zł.
    let id = domain::CaseId(
        import::CaseKey {
            creditor: "PGE Obrót S.A.".into(),
            number: "PT/2026/001003".into(),
        }
        .case_id()
        .0,
    );
    let total = |store: &Store| {
        let file = store
            .case_file(id)
            .unwrap()
            .expect("the case is on the device");
        file.outstanding().total().amount()
    };
    assert_eq!(total(&store), Decimal::new(2123_96, 2));

    // The same file again: the device downloads nothing.
    let again = import(b.storage.as_ref(), SAMPLE, &options()).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 20));
    let sync = sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((sync.downloaded, sync.removed), (0, 0));

    // The creditor lowers the principal to 1 500,00 zł: 1 672,22 zł in all,
    // one case downloaded.
    let lowered = sample_with(";1951,74;", ";1500,00;");
    let r = import(b.storage.as_ref(), &lowered, &options()).unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (0, 1, 19));
    let sync = sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(sync.downloaded, 1);
    assert_eq!(total(&store), Decimal::new(1672_22, 2));
}
