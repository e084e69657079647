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
            code: sync_proto::RejectCode::CaseNotAssigned,
            reason: "not yours".into(),
        },
    };
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(
        json,
        r#"{"id":"00000000-0000-0000-0000-000000000001","outcome":"rejected","code":"case_not_assigned","reason":"not yours"}"#
    );
}

/// The codes travel as the same plain strings as before they were enums
/// (issue #9): old strings parse to their variants, unknown ones are kept in
/// `Unknown`, and both serialize back byte for byte.
mod codes {
    use serde::{de::DeserializeOwned, Serialize};
    use sync_proto::*;

    fn check<T>(known: &[(&str, T)], unknown: T)
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for (code, value) in known {
            let json = format!("\"{code}\"");
            assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value);
            assert_eq!(serde_json::to_string(value).unwrap(), json);
        }
        let json = "\"added_in_2030\"";
        assert_eq!(serde_json::from_str::<T>(json).unwrap(), unknown);
        assert_eq!(serde_json::to_string(&unknown).unwrap(), json);
    }

    #[test]
    fn mutation_kinds() {
        use MutationKind::*;
        check(
            &[
                ("note", Note),
                ("offer", Offer),
                ("plan", Plan),
                ("settlement", Settlement),
            ],
            Unknown("added_in_2030".into()),
        );
        assert_eq!(MutationKind::KNOWN.len(), 4);
    }

    #[test]
    fn decisions() {
        use Decision::*;
        check(
            &[
                ("pending", Pending),
                ("approved", Approved),
                ("rejected", Rejected),
                ("returned", Returned),
            ],
            Unknown("added_in_2030".into()),
        );
        assert_eq!(Decision::from_code(decisions::PENDING), Pending);
    }

    #[test]
    fn decide_actions() {
        use DecideAction::*;
        check(
            &[("approve", Approve), ("reject", Reject), ("return", Return)],
            Unknown("added_in_2030".into()),
        );
    }

    #[test]
    fn offer_variants() {
        use OfferVariant::*;
        check(
            &[
                ("lump_sum", LumpSum),
                ("fits_budget", FitsBudget),
                ("lowest_installment", LowestInstallment),
                ("forbearance", Forbearance),
                ("custom", Custom),
            ],
            Unknown("added_in_2030".into()),
        );
    }

    #[test]
    fn approval_limits() {
        use ApprovalLimit::*;
        check(
            &[
                ("discount_share", DiscountShare),
                ("discount_amount", DiscountAmount),
                ("principal_discount", PrincipalDiscount),
                ("term", Term),
                ("installment_below_minimum", InstallmentBelowMinimum),
                ("down_payment_below_policy", DownPaymentBelowPolicy),
                (
                    "forbearance_without_vulnerability",
                    ForbearanceWithoutVulnerability,
                ),
            ],
            Unknown("added_in_2030".into()),
        );
    }

    #[test]
    fn reject_codes() {
        use RejectCode::*;
        check(
            &[
                ("malformed", Malformed),
                ("invalid_body", InvalidBody),
                ("unknown_kind", UnknownKind),
                ("case_not_found", CaseNotFound),
                ("case_not_assigned", CaseNotAssigned),
                ("invalid_signature", InvalidSignature),
                ("internal", Internal),
            ],
            Unknown("added_in_2030".into()),
        );
    }

    #[test]
    fn an_unknown_error_code_is_read_not_refused() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"added_in_2030","message":"m"}"#).unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"device_revoked","message":"m"}"#).unwrap();
        assert_eq!(body.code, ErrorCode::DeviceRevoked);
    }

    /// A whole review and an offer body as an older server wrote them.
    #[test]
    fn old_review_and_offer_json_reads_and_writes_back_the_same() {
        let review = r#"{"request_id":"00000000-0000-0000-0000-000000000001","kind":"offer","case_id":null,"plan_id":null,"decision":"approved","comment":null,"reviewed_by":"K","reviewed_at":"2026-11-23T10:00:00"}"#;
        let r: ReviewDto = serde_json::from_str(review).unwrap();
        assert_eq!(r.kind, MutationKind::Offer);
        assert_eq!(r.decision, Decision::Approved);
        assert_eq!(serde_json::to_string(&r).unwrap(), review);

        let offer = r#"{"variant":"custom","total":"100.00","down_payment":"0","installment":"50.00","term_months":2,"schedule":[["2026-12-01","50.00"],["2027-01-01","50.00"]],"approval":["term","added_in_2030"],"reason":null,"voluntary_only":false,"summary":"s"}"#;
        let o: OfferBody = serde_json::from_str(offer).unwrap();
        assert_eq!(o.variant, OfferVariant::Custom);
        assert_eq!(
            o.approval,
            vec![
                ApprovalLimit::Term,
                ApprovalLimit::Unknown("added_in_2030".into())
            ]
        );
        assert_eq!(serde_json::to_string(&o).unwrap(), offer);
    }
}
