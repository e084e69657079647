//! `cargo bench -p settlement --bench settlement` (or `cargo xtask bench
//! settlement`): the time to make one signed settlement on the device
//! (render the agreement, then sign it as PAdES) and the server's check,
//! median and p95 over 50 runs, and the size of the PDF. Goals: ≤ 100 ms
//! and ≤ 200 KB. Measures and prints; asserts nothing.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use domain::offer::VariantKind;
use settlement::{Agreement, SignatureDetails};
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let file = case(false);
    let offer = offer(&file, VariantKind::LowestInstallment);
    let pki = pki();
    let creditor = creditor();
    let client = strokes();
    let details = SignatureDetails {
        name: "Jan Kowalski (tablet 7)".into(),
        reason: "Zawarcie ugody".into(),
        location: "Łódź".into(),
        time: now(),
    };
    let agreement = Agreement {
        number: "UG/2026/11/000123",
        date: today(),
        place: "Łódź",
        creditor: &creditor,
        advisor: "Jan Kowalski",
        case: &file,
        offer: &offer,
        client_signature: &client,
        advisor_signature: None,
    };

    let mut render = Vec::with_capacity(RUNS);
    let mut sign = Vec::with_capacity(RUNS);
    let mut total = Vec::with_capacity(RUNS);
    let mut verify = Vec::with_capacity(RUNS);
    let mut check = Vec::with_capacity(RUNS);
    let mut signed = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let pdf = settlement::render(&agreement).expect("rendered");
        let rendered = Instant::now();
        signed =
            settlement::sign(&pdf, &pki.key, &pki.cert_der, &pki.ca_der, &details).expect("signed");
        let done = Instant::now();
        render.push(rendered - start);
        sign.push(done - rendered);
        total.push(done - start);
        let start = Instant::now();
        settlement::verify(&signed, &pki.ca_der, now()).expect("valid");
        verify.push(start.elapsed());
        // What the server does besides: the agreement rendered again from
        // its own facts and compared with the signed one.
        let start = Instant::now();
        settlement::verify(&signed, &pki.ca_der, now()).expect("valid");
        let expected = settlement::render_plain(&agreement).expect("rendered");
        settlement::same_agreement(&signed, &expected).expect("the same agreement");
        check.push(start.elapsed());
    }
    println!(
        "settlement: {} installments, {} runs (release build)",
        offer.variant().schedule.len(),
        RUNS
    );
    println!("{:<34} {:>10} {:>10}", "", "median", "p95");
    for (name, times) in [
        ("render the agreement (printpdf)", &mut render),
        ("sign it (PAdES, P-256)", &mut sign),
        ("render + sign (goal <= 100 ms)", &mut total),
        ("verify on the server", &mut verify),
        ("verify + render + compare (server)", &mut check),
    ] {
        times.sort();
        println!(
            "{name:<34} {:>10} {:>10}",
            ms(percentile(times, 0.5)),
            ms(percentile(times, 0.95))
        );
    }
    println!(
        "PDF size: {:.1} KB (goal <= 200 KB)",
        signed.len() as f64 / 1024.0
    );
}
