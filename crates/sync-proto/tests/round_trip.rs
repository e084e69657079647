//! Case files survive the wire unchanged, and unknown codes are refused.

use chrono::NaiveDate;
use sync_proto::{CaseFileDto, Change, Outcome, Receipt};

#[test]
fn every_demo_case_round_trips_through_json() {
    let p = demo::generate(&demo::DemoConfig {
        seed: 3,
        cases: 200,
        advisors: 2,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    });
    for f in &p.cases {
        let json = serde_json::to_string(&Change::Upsert {
            file: Box::new(CaseFileDto::from(f)),
        })
        .unwrap();
        let Change::Upsert { file } = serde_json::from_str::<Change>(&json).unwrap() else {
            panic!("an upsert comes back as an upsert");
        };
        assert_eq!(domain::CaseFile::try_from(&*file).unwrap(), *f);
    }
}

#[test]
fn an_unknown_status_is_an_error_not_a_guess() {
    let p = demo::generate(&demo::DemoConfig {
        seed: 3,
        cases: 1,
        advisors: 1,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    });
    let mut dto = CaseFileDto::from(&p.cases[0]);
    dto.status = "archived_in_2030".into();
    let err = domain::CaseFile::try_from(&dto).unwrap_err();
    assert_eq!(err.field, "status");
}

#[test]
fn receipts_have_a_flat_outcome_tag() {
    let r = Receipt {
        id: uuid::Uuid::from_u128(1),
        outcome: Outcome::Rejected {
            code: "case_not_assigned".into(),
            reason: "not yours".into(),
        },
    };
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(
        json,
        r#"{"id":"00000000-0000-0000-0000-000000000001","outcome":"rejected","code":"case_not_assigned","reason":"not yours"}"#
    );
}
