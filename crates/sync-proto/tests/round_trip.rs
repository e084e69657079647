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

/// The policy with the server's dated reference rates (issue #10): an older
/// server's payload, without the table, still parses and means the seeded
/// NBP table; a table travels and comes back as the domain's; a table that
/// fails the domain's check fails the policy's.
mod reference_rates {
    use chrono::NaiveDate;
    use domain::offer::ReferenceRates;
    use rust_decimal::Decimal;
    use sync_proto::{OfferPolicyDto, ReferenceRateDto};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_old_payload_parses_and_means_the_seeded_table() {
        let mut old = serde_json::to_value(OfferPolicyDto::standard()).unwrap();
        assert!(
            old.get("reference_rates").is_none(),
            "an empty table is not written"
        );
        old.as_object_mut().unwrap().remove("reference_rates");
        let p: OfferPolicyDto = serde_json::from_value(old).unwrap();
        assert!(p.reference_rates.is_empty());
        assert_eq!(p.check(), Ok(()));
        assert_eq!(p.policy().reference_rates, ReferenceRates::nbp());
    }

    #[test]
    fn a_table_travels_with_the_policy() {
        let rows = vec![
            ReferenceRateDto {
                since: d(2025, 5, 8),
                rate: Decimal::new(525, 4),
            },
            ReferenceRateDto {
                since: d(2026, 12, 3),
                rate: Decimal::new(325, 4),
            },
        ];
        let p = OfferPolicyDto::standard().with_reference_rates(rows.clone(), d(2026, 12, 3));
        assert_eq!(
            p.reference_rate,
            Decimal::new(325, 4),
            "the rate of the day"
        );
        let json = serde_json::to_string(&p).unwrap();
        assert!(
            json.contains(r#""reference_rates":[{"since":"2025-05-08","rate":"0.0525"}"#),
            "{json}"
        );
        let back: OfferPolicyDto = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.check(), Ok(()));
        let t = back.policy().reference_rates;
        assert_eq!(t.rate_on(d(2026, 12, 2)), Decimal::new(525, 4));
        assert_eq!(t.rate_on(d(2026, 12, 3)), Decimal::new(325, 4));
        // And back to the wire from the domain.
        let again = OfferPolicyDto::from_domain(&back.policy(), &back.authority());
        assert_eq!(again.reference_rates, rows);
    }

    #[test]
    fn a_table_that_fails_the_check_fails_the_policy() {
        let row = |y, rate| ReferenceRateDto {
            since: d(y, 1, 1),
            rate,
        };
        for (rows, what) in [
            (vec![row(2026, Decimal::new(575, 2))], "5.75 for 5.75 %"),
            (vec![row(2026, Decimal::ONE)], "100 %"),
            (vec![row(2026, Decimal::new(-1, 4))], "negative"),
            (vec![row(2026, Decimal::new(37_501, 6))], "six places"),
            (vec![row(1990, Decimal::new(375, 4))], "before 1998"),
            (
                vec![
                    row(2026, Decimal::new(375, 4)),
                    row(2026, Decimal::new(4, 2)),
                ],
                "two on one day",
            ),
        ] {
            let mut p = OfferPolicyDto::standard();
            p.reference_rates = rows;
            let why = p.check().expect_err(what);
            assert!(why.starts_with("reference_rate: "), "{what}: {why}");
        }
    }
}
