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
                ("visit", Visit),
                ("contact", Contact),
                ("attachment", Attachment),
                ("message", Message),
                ("message_read", MessageRead),
            ],
            Unknown("added_in_2030".into()),
        );
        assert_eq!(MutationKind::KNOWN.len(), 9);
    }

    /// Issue 11: the codes of a contact proposal, and a proposal through
    /// the wire and back into the domain unchanged.
    #[test]
    fn contact_codes_and_a_proposal_round_trip() {
        check(
            &[
                ("proposed", FieldStateCode::Proposed),
                ("accepted", FieldStateCode::Accepted),
                ("rejected", FieldStateCode::Rejected),
            ],
            FieldStateCode::Unknown("added_in_2030".into()),
        );
        check(
            &[
                ("wrong_number", PhoneMarkCode::WrongNumber),
                ("not_in_service", PhoneMarkCode::NotInService),
            ],
            PhoneMarkCode::Unknown("added_in_2030".into()),
        );
        use domain::contact::{ConsentMethod, ContactChange, ContactProposal};
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 40, 0)
            .unwrap();
        let p = ContactProposal {
            changes: vec![
                ContactChange::Phone {
                    target: Some(domain::ContactId(uuid::Uuid::from_u128(7))),
                    number: "+48601234567".into(),
                    kind: domain::PhoneKind::Mobile,
                    primary: true,
                    mark: Some(domain::PhoneMark::NotInService),
                },
                ContactChange::Address {
                    target: None,
                    kind: domain::AddressKind::Correspondence,
                    street: "ul. Zielona 5".into(),
                    postal_code: "90-001".into(),
                    city: "Łódź".into(),
                },
                ContactChange::Consent {
                    channel: domain::ConsentKind::Sms,
                    marketing: true,
                    granted: false,
                    captured_at: at,
                    method: ConsentMethod::Written,
                    by: "Jan Nowak".into(),
                },
            ],
            visit: Some(uuid::Uuid::from_u128(9)),
            note: "z wizyty".into(),
        };
        let json = serde_json::to_value(ContactBody::of(&p)).unwrap();
        let back: ContactBody = serde_json::from_value(json).unwrap();
        assert_eq!(back.proposal().unwrap(), p);
        // An older server's case has no proposals, marks or consent details.
        let old =
            serde_json::json!({ "kind": "sms", "granted": true, "recorded_on": "2025-03-01" });
        let c: ConsentDto = serde_json::from_value(old).unwrap();
        assert!(!c.marketing && c.method.is_none());
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
                ("transition_refused", TransitionRefused),
                ("invalid_attachment", InvalidAttachment),
                ("unknown_visit", UnknownVisit),
                ("too_many_attachments", TooManyAttachments),
                ("outside_contact_hours", OutsideContactHours),
                ("visit_blocked", VisitBlocked),
                ("internal", Internal),
            ],
            Unknown("added_in_2030".into()),
        );
    }

    #[test]
    fn visit_codes() {
        use ContactCode as C;
        check(
            &[
                ("right_party", C::RightParty),
                ("third_party", C::ThirdParty),
                ("nobody", C::Nobody),
                ("address_invalid", C::AddressInvalid),
                ("deceased", C::Deceased),
            ],
            C::Unknown("added_in_2030".into()),
        );
        use ContactDetail as D;
        check(
            &[
                ("household_member", D::HouseholdMember),
                ("neighbour", D::Neighbour),
                ("other", D::Other),
                ("not_at_home", D::NotAtHome),
                ("no_answer", D::NoAnswer),
                ("moved", D::Moved),
                ("wrong_address", D::WrongAddress),
                ("empty", D::Empty),
                ("demolished", D::Demolished),
            ],
            D::Unknown("added_in_2030".into()),
        );
        use ResultCode as R;
        check(
            &[
                ("promise_to_pay", R::PromiseToPay),
                ("paid_at_door", R::PaidAtDoor),
                ("settlement_signed", R::SettlementSigned),
                ("refused", R::Refused),
                ("dispute", R::Dispute),
                ("hardship", R::Hardship),
                ("revisit", R::Revisit),
                ("nothing", R::Nothing),
            ],
            R::Unknown("added_in_2030".into()),
        );
        use ChannelCode as P;
        check(
            &[
                ("bank_transfer", P::BankTransfer),
                ("post_office", P::PostOffice),
                ("online", P::Online),
                ("cash", P::Cash),
            ],
            P::Unknown("added_in_2030".into()),
        );
        check(
            &[("holds", ChainCheck::Holds), ("broken", ChainCheck::Broken)],
            ChainCheck::Unknown("added_in_2030".into()),
        );
        check(
            &[
                ("field", FieldPaymentState::Field),
                ("booked", FieldPaymentState::Booked),
            ],
            FieldPaymentState::Unknown("added_in_2030".into()),
        );
    }

    /// Issue 11: a visit body and a case from before the door receipt read
    /// as having none; the receipt travels and comes back as sent.
    #[test]
    fn the_door_receipt_is_additive() {
        let old_visit = serde_json::json!({
            "contact": "right_party", "result": "nothing",
            "started_at": "2026-11-23T09:30:00", "ended_at": "2026-11-23T09:50:00",
        });
        let body: VisitBody = serde_json::from_value(old_visit).unwrap();
        assert_eq!(body.signed_receipt, None);
        assert!(!serde_json::to_string(&body)
            .unwrap()
            .contains("signed_receipt"));
        let r = SignedReceiptDto::new(b"%PDF-1.3 x", &[0xab; 32], String::new());
        assert_eq!(r.pdf_bytes().as_deref(), Some(&b"%PDF-1.3 x"[..]));
        assert_eq!(r.sha256, "ab".repeat(32));
        let mut with = body.clone();
        with.signed_receipt = Some(r);
        let back: VisitBody = serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
        assert_eq!(back, with);
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

/// A visit report survives the wire: domain → body → JSON → body → the
/// same report; an unknown code or a bad amount names its part; the chain
/// link is the same whatever the order of the JSON keys, and changes with
/// any byte of the report.
mod visit {
    use chrono::{NaiveDate, NaiveTime};
    use domain::visit::*;
    use domain::Money;
    use rust_decimal_macros::dec;
    use sync_proto::*;
    use uuid::Uuid;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn reports() -> Vec<VisitReport> {
        let base = VisitReport {
            contact: Contact::RightParty,
            result: VisitResult::PromiseToPay {
                amount: Money::new(dec!(250.50)),
                due_on: day(20),
                channel: PayChannel::BankTransfer,
            },
            notes: "Rozmowa spokojna".into(),
            next_step: "telefon".into(),
            follow_up: Some(day(21)),
            started_at: day(10).and_hms_opt(10, 0, 0).unwrap(),
            ended_at: day(10).and_hms_opt(10, 30, 0).unwrap(),
            corrects: None,
            identity: Some(domain::identity::IdentityClaim {
                name: "Anna Wójcik".into(),
                fact: domain::identity::IdentityFact::BirthDate(
                    NaiveDate::from_ymd_opt(1985, 7, 15).unwrap(),
                ),
            }),
        };
        let with = |contact: Contact, result: VisitResult| VisitReport {
            identity: match contact {
                Contact::RightParty => Some(domain::identity::IdentityClaim {
                    name: "Anna Wójcik".into(),
                    fact: domain::identity::IdentityFact::PeselEnd("2348".into()),
                }),
                _ => None,
            },
            contact,
            result,
            corrects: Some(Uuid::from_u128(9)),
            ..base.clone()
        };
        vec![
            base.clone(),
            with(
                Contact::ThirdParty {
                    who: ThirdParty::Neighbour,
                    description: "sąsiadka".into(),
                },
                VisitResult::Hardship {
                    what: "choroba".into(),
                },
            ),
            with(
                Contact::Nobody(Nobody::NoAnswer),
                VisitResult::Revisit {
                    on: day(12),
                    from: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
                    until: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
                },
            ),
            with(
                Contact::AddressInvalid(AddressProblem::Demolished),
                VisitResult::Nothing,
            ),
            with(
                Contact::RightParty,
                VisitResult::PaidAtDoor {
                    amount: Money::new(dec!(100)),
                    receipt: "KP/7".into(),
                },
            ),
            with(
                Contact::RightParty,
                VisitResult::SettlementSigned {
                    settlement: Uuid::from_u128(5),
                },
            ),
            with(Contact::Deceased, VisitResult::Nothing),
        ]
    }

    #[test]
    fn reports_round_trip() {
        for r in reports() {
            let body = VisitBody::of(&r, None, Some("ab".repeat(32)));
            let json = serde_json::to_string(&body).unwrap();
            let back: VisitBody = serde_json::from_str(&json).unwrap();
            assert_eq!(back, body);
            assert_eq!(back.report().unwrap(), r);
        }
    }

    #[test]
    fn unknown_codes_and_bad_amounts_name_their_part() {
        let body = VisitBody::of(&reports()[0], None, None);
        let mut b = body.clone();
        b.contact = ContactCode::Unknown("alien".into());
        assert_eq!(b.report(), Err(VisitField::Contact));
        let mut b = body.clone();
        b.result = ResultCode::Unknown("maybe".into());
        assert_eq!(b.report(), Err(VisitField::Result));
        let mut b = body.clone();
        b.amount = Some(dec!(1.005));
        assert_eq!(b.report(), Err(VisitField::Amount));
        b.amount = Some(rust_decimal::Decimal::MAX);
        assert_eq!(b.report(), Err(VisitField::Amount));
        let mut b = body.clone();
        b.channel = Some(ChannelCode::Unknown("gold".into()));
        assert_eq!(b.report(), Err(VisitField::Channel));
    }

    #[test]
    fn the_link_is_canonical_and_covers_the_report() {
        let body = VisitBody::of(&reports()[0], None, None);
        let m = Mutation {
            id: Uuid::from_u128(1),
            case_id: Uuid::from_u128(2),
            created_at: day(10).and_hms_opt(10, 30, 0).unwrap(),
            kind: MutationKind::Visit,
            body: serde_json::to_value(&body).unwrap(),
        };
        let link = visit_link(&m);
        assert_eq!(link.len(), 64);
        // The same mutation with its keys in another order.
        let reordered: serde_json::Value = serde_json::from_str(&format!(
            r#"{{"prev":null,{}"#,
            &serde_json::to_string(&m.body).unwrap()[1..]
        ))
        .unwrap();
        let mut r = reordered.as_object().unwrap().clone();
        r.remove("prev");
        let same = Mutation {
            body: serde_json::Value::Object(r),
            ..m.clone()
        };
        assert_eq!(visit_link(&same), link);
        let mut changed = m.clone();
        changed.body["notes"] = "Rozmowa spokojna.".into();
        assert_ne!(visit_link(&changed), link);
        assert_eq!(
            canonical_json(&serde_json::json!({"b": [1, {"d": 1, "c": "ż"}], "a": null})),
            r#"{"a":null,"b":[1,{"c":"ż","d":1}]}"#
        );
    }
}
