//! Fuzzing the signature check (issue #15), the server's judge of every
//! uploaded settlement and door receipt: a real signed settlement with
//! bytes changed, cut short or inserted, and random bytes that start as a
//! PDF does. `verify` answers or refuses, never panics; a changed byte in
//! the signed range is never "valid". Time-boxed by `PARTNER_FUZZ_SECONDS`
//! (a few seconds in `cargo xtask test`, `cargo xtask fuzz` for the long
//! run); a failing input is kept by proptest beside this file and replayed
//! first.

mod common;

use common::*;
use domain::offer::VariantKind;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use std::time::{Duration, Instant};

fn budget() -> Duration {
    Duration::from_secs(
        std::env::var("PARTNER_FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3),
    )
}

#[derive(Debug, Clone)]
enum Damage {
    Bytes(Vec<(usize, u8)>),
    Cut(usize),
    Insert(usize, Vec<u8>),
    Random(Vec<u8>),
}

#[test]
fn a_damaged_or_random_pdf_is_refused_without_a_panic() {
    let s = signed(case(false), VariantKind::FitsBudget);
    let pdf = s.pdf.clone();
    let len = pdf.len();
    assert!(settlement::verify(&pdf, &s.pki.ca_der, now()).is_ok());
    let strategy = prop_oneof![
        prop::collection::vec((0..len, any::<u8>()), 1..8).prop_map(Damage::Bytes),
        (0..len).prop_map(Damage::Cut),
        (0..len, prop::collection::vec(any::<u8>(), 1..64)).prop_map(|(a, b)| Damage::Insert(a, b)),
        prop::collection::vec(any::<u8>(), 0..2048).prop_map(|mut b| {
            b.splice(0..0, b"%PDF-1.7\n".iter().copied());
            Damage::Random(b)
        }),
    ];
    // The signed ranges, from the file's /ByteRange[a b c d].
    let at = pdf
        .windows(10)
        .position(|w| w == b"/ByteRange")
        .expect("a signed PDF names its byte range");
    let tail = String::from_utf8_lossy(&pdf[at + 10..at + 80]).to_string();
    let r: Vec<usize> = tail
        .trim_start()
        .trim_start_matches('[')
        .split(']')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let in_signed = |i: usize| (r[0]..r[0] + r[1]).contains(&i) || (r[2]..r[2] + r[3]).contains(&i);
    assert_eq!(r[2] + r[3], len, "the signature covers the file to its end");
    let deadline = Instant::now() + budget();
    let mut cases = 0u64;
    loop {
        let mut runner = TestRunner::new(Config {
            cases: 16,
            failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
                "proptest-regressions",
            ))),
            source_file: Some(file!()),
            ..Config::default()
        });
        let result = runner.run(&strategy, |d| {
            let (bytes, must_fail) = match d {
                Damage::Bytes(edits) => {
                    let mut b = pdf.clone();
                    for (at, v) in &edits {
                        b[*at] = *v;
                    }
                    // A change inside the signed ranges breaks the signature
                    // (one in the signature's own hex may or may not).
                    let signed_change = edits
                        .iter()
                        .any(|(at, _)| in_signed(*at) && b[*at] != pdf[*at]);
                    (b, signed_change)
                }
                Damage::Cut(n) => (pdf[..n].to_vec(), true),
                Damage::Insert(at, extra) => {
                    let mut b = pdf.clone();
                    b.splice(at..at, extra);
                    (b, true)
                }
                Damage::Random(b) => (b, false),
            };
            let verdict = settlement::verify(&bytes, &s.pki.ca_der, now());
            if must_fail {
                prop_assert!(
                    verdict.is_err(),
                    "a changed settlement verified: {verdict:?}"
                );
            }
            Ok::<(), TestCaseError>(())
        });
        if let Err(e) = result {
            panic!("verify: {e}");
        }
        cases += 16;
        if Instant::now() >= deadline {
            break;
        }
    }
    eprintln!("fuzz verify: {cases} cases in {:.0?}", budget());
}
