//! Worked examples of contact proposals: the validators' verdicts on the
//! field, the sizes, and what an accepted change does to the debtor.

use super::*;
use crate::ids::DebtorId;
use crate::model::{ConsentKind, PhoneKind};
use chrono::NaiveDate;

fn id(n: u128) -> ContactId {
    ContactId(Uuid::from_u128(n))
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn debtor() -> Debtor {
    Debtor {
        id: DebtorId(Uuid::from_u128(100)),
        first_name: "Anna".into(),
        last_name: "Kowalska".into(),
        pesel: "44051401458".into(),
        phones: vec![Phone {
            id: id(1),
            number: "+48600123456".into(),
            kind: PhoneKind::Mobile,
            primary: true,
            mark: None,
        }],
        emails: vec![],
        addresses: vec![Address {
            id: id(2),
            kind: AddressKind::Residence,
            street: "ul. Piotrkowska 104/12".into(),
            postal_code: "90-006".into(),
            city: "Łódź".into(),
            location: Some(crate::model::GeoPoint {
                lat: 51.76,
                lon: 19.46,
            }),
        }],
        consents: vec![Consent {
            kind: ConsentKind::Sms,
            granted: true,
            recorded_on: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            marketing: false,
            method: None,
            captured_by: None,
        }],
        vulnerability: None,
        vulnerability_since: None,
    }
}

fn phone(target: Option<ContactId>, number: &str) -> ContactChange {
    ContactChange::Phone {
        target,
        number: number.into(),
        kind: PhoneKind::Mobile,
        primary: false,
        mark: None,
    }
}

fn proposal(changes: Vec<ContactChange>) -> ContactProposal {
    ContactProposal {
        changes,
        visit: None,
        note: String::new(),
    }
}

fn address(postal_code: &str) -> ContactChange {
    ContactChange::Address {
        target: None,
        kind: AddressKind::Correspondence,
        street: " ul. Zielona 5 ".into(),
        postal_code: postal_code.into(),
        city: "Łódź".into(),
    }
}

#[test]
fn a_phone_typed_with_spaces_is_taken_in_e164_and_a_short_one_is_refused_on_its_field() {
    let ok = check(
        &debtor(),
        &proposal(vec![phone(None, "+48 601 234 567")]),
        now(),
    )
    .unwrap();
    assert_eq!(ok.changes, vec![phone(None, "+48601234567")]);
    let e = check(&debtor(), &proposal(vec![phone(None, "601 23")]), now()).unwrap_err();
    assert_eq!(
        e,
        ContactError {
            index: Some(0),
            field: ContactField::Phone,
            problem: ContactProblem::Invalid(ValidationError::PhoneLength),
        }
    );
    assert_eq!(
        ValidationError::PhoneLength.message_pl(),
        "Polski numer telefonu ma 9 cyfr"
    );
}

#[test]
fn a_postcode_is_checked_90_001_passes_and_90001x_is_refused() {
    let ok = check(&debtor(), &proposal(vec![address("90-001")]), now()).unwrap();
    match &ok.changes[0] {
        ContactChange::Address {
            street,
            postal_code,
            ..
        } => {
            assert_eq!(postal_code, "90-001");
            assert_eq!(street, "ul. Zielona 5", "trimmed");
        }
        other => panic!("{other:?}"),
    }
    // Five digits without the hyphen are how hurried advisors write it.
    let ok = check(&debtor(), &proposal(vec![address("90001")]), now()).unwrap();
    assert!(
        matches!(&ok.changes[0], ContactChange::Address { postal_code, .. } if postal_code == "90-001")
    );
    let e = check(&debtor(), &proposal(vec![address("90001x")]), now()).unwrap_err();
    assert_eq!(e.field, ContactField::PostalCode);
    assert_eq!(
        e.problem,
        ContactProblem::Invalid(ValidationError::PostalCodeFormat)
    );
    assert_eq!(e.index, Some(0));
}

#[test]
fn the_error_names_the_change_it_is_in() {
    let e = check(
        &debtor(),
        &proposal(vec![
            phone(None, "601 234 567"),
            ContactChange::Email {
                target: None,
                address: "anna@@wp.pl".into(),
                primary: false,
            },
        ]),
        now(),
    )
    .unwrap_err();
    assert_eq!((e.index, e.field), (Some(1), ContactField::Email));
}

#[test]
fn sizes_are_checked_a_long_note_too_many_changes_and_an_unknown_target() {
    let mut p = proposal(vec![phone(None, "601234567")]);
    p.note = "x".repeat(MAX_NOTE + 1);
    assert_eq!(
        check(&debtor(), &p, now()).unwrap_err().field,
        ContactField::Note
    );
    let many = proposal((0..1000).map(|_| phone(None, "601234567")).collect());
    assert_eq!(
        check(&debtor(), &many, now()).unwrap_err(),
        ContactError {
            index: None,
            field: ContactField::Changes,
            problem: ContactProblem::TooMany,
        }
    );
    assert_eq!(
        check(&debtor(), &proposal(vec![]), now())
            .unwrap_err()
            .problem,
        ContactProblem::Required
    );
    let e = check(
        &debtor(),
        &proposal(vec![phone(Some(id(2)), "601234567")]),
        now(),
    )
    .unwrap_err();
    assert_eq!(
        (e.field, e.problem),
        (ContactField::Target, ContactProblem::UnknownTarget),
        "id 2 is an address, not a phone"
    );
    // The debtor has one phone: 19 more fit, the 20th addition does not.
    let full = proposal((0..MAX_CHANGES).map(|_| phone(None, "601234567")).collect());
    assert_eq!(
        check(&debtor(), &full, now()).unwrap_err(),
        ContactError {
            index: Some(19),
            field: ContactField::Changes,
            problem: ContactProblem::TooMany,
        }
    );
}

#[test]
fn four_phones_and_more_fit_a_debtor() {
    let p = proposal(
        ["601234567", "602234567", "603234567", "42 636 12 34"]
            .iter()
            .map(|n| phone(None, n))
            .collect(),
    );
    let ok = check(&debtor(), &p, now()).unwrap();
    let accepted: Vec<_> = ok
        .changes
        .iter()
        .enumerate()
        .map(|(i, c)| (id(10 + i as u128), c))
        .collect();
    let d = apply(debtor(), accepted);
    assert_eq!(d.phones.len(), 5);
    assert_eq!(d.phones[4].number, "+48426361234");
}

#[test]
fn a_consent_needs_who_captured_it_and_not_a_time_in_the_future() {
    let consent = |by: &str, at: NaiveDateTime| ContactChange::Consent {
        channel: ConsentKind::Phone,
        marketing: false,
        granted: true,
        captured_at: at,
        method: ConsentMethod::InPerson,
        by: by.into(),
    };
    let e = check(&debtor(), &proposal(vec![consent("  ", now())]), now()).unwrap_err();
    assert_eq!(
        (e.field, e.problem),
        (ContactField::CapturedBy, ContactProblem::Required)
    );
    let later = now() + TimeDelta::days(2);
    let e = check(
        &debtor(),
        &proposal(vec![consent("Jan Nowak", later)]),
        now(),
    )
    .unwrap_err();
    assert_eq!(e.field, ContactField::CapturedAt);
    // A device clock an hour ahead is no reason to refuse.
    assert!(check(
        &debtor(),
        &proposal(vec![consent("Jan Nowak", now() + TimeDelta::hours(1))]),
        now()
    )
    .is_ok());
}

#[test]
fn an_accepted_correction_replaces_the_phone_and_its_primary_moves() {
    let corrected = ContactChange::Phone {
        target: Some(id(1)),
        number: "+48600123456".into(),
        kind: PhoneKind::Mobile,
        primary: false,
        mark: Some(PhoneMark::NotInService),
    };
    let added = ContactChange::Phone {
        target: None,
        number: "+48601234567".into(),
        kind: PhoneKind::Mobile,
        primary: true,
        mark: None,
    };
    let d = apply(debtor(), [(id(50), &corrected), (id(51), &added)]);
    assert_eq!(d.phones.len(), 2);
    assert_eq!(d.phones[0].id, id(1), "a correction keeps its id");
    assert_eq!(d.phones[0].mark, Some(PhoneMark::NotInService));
    assert!(!d.phones[0].primary);
    assert_eq!(d.phones[1].id, id(51), "an addition gets the id given");
    assert!(d.phones[1].primary);
}

#[test]
fn a_rejected_change_leaves_the_data_as_it_was() {
    // Only what was accepted is applied: with nothing accepted the debtor
    // is the same, whatever the proposal said.
    let before = debtor();
    let none: Vec<(ContactId, &ContactChange)> = Vec::new();
    assert_eq!(apply(before.clone(), none), before);
}

#[test]
fn a_moved_address_loses_its_geocode_and_marketing_consent_is_kept_apart() {
    let moved = ContactChange::Address {
        target: Some(id(2)),
        kind: AddressKind::Residence,
        street: "ul. Zielona 5".into(),
        postal_code: "90-001".into(),
        city: "Łódź".into(),
    };
    let marketing = ContactChange::Consent {
        channel: ConsentKind::Sms,
        marketing: true,
        granted: false,
        captured_at: now(),
        method: ConsentMethod::Written,
        by: "Jan Nowak".into(),
    };
    let d = apply(debtor(), [(id(60), &moved), (id(61), &marketing)]);
    assert_eq!(d.addresses.len(), 1);
    assert_eq!(d.addresses[0].one_line(), "ul. Zielona 5, 90-001 Łódź");
    assert_eq!(d.addresses[0].location, None);
    // The SMS consent to be contacted stays granted; the marketing one is
    // a second, separate entry.
    assert_eq!(d.consents.len(), 2);
    assert!(d.consents[0].granted && !d.consents[0].marketing);
    assert!(!d.consents[1].granted && d.consents[1].marketing);
    assert_eq!(d.consents[1].captured_by.as_deref(), Some("Jan Nowak"));
    assert_eq!(d.consents[1].recorded_on, now().date());
}

#[test]
fn the_timeline_line_says_what_is_proposed_in_polish() {
    let p = proposal(vec![ContactChange::Phone {
        target: Some(id(1)),
        number: "+48601234567".into(),
        kind: PhoneKind::Mobile,
        primary: true,
        mark: Some(PhoneMark::WrongNumber),
    }]);
    assert_eq!(
        timeline_line(&p),
        "Propozycja zmiany danych kontaktowych: telefon +48 601 234 567 (korekta), główny, błędny numer"
    );
}
