//! Advisors and debtors: names, PESEL numbers, addresses and contact data.

use crate::data::{self, Place, Street};
use crate::Generator;
use chrono::{Datelike, Days, Months, NaiveDate};
use domain::search::fold;
use domain::validate::{
    normalize_email, normalize_phone, normalize_postal_code, pesel_from_parts, phone_kind, Sex,
};
use domain::{
    Address, AddressKind, Advisor, AdvisorId, CaseStatus, Consent, ConsentKind, ContactId, Debtor,
    DebtorId, Email, GeoPoint, Phone,
};
use std::collections::HashSet;

/// The bounds of Łódź's coordinates that street addresses stay within.
const LODZ_LAT: (f64, f64) = (51.70, 51.83);
const LODZ_LON: (f64, f64) = (19.36, 19.58);

/// A person's name and sex as drawn from the tables.
struct Name {
    first: &'static str,
    last: String,
    sex: Sex,
}

impl Generator {
    fn name(&mut self) -> Name {
        let sex = if self.rng.chance(0.5) {
            Sex::Female
        } else {
            Sex::Male
        };
        let first = match sex {
            Sex::Female => self.rng.weighted(data::FEMALE_FIRST),
            Sex::Male => self.rng.weighted(data::MALE_FIRST),
        };
        let surname = *self.rng.weighted_by(data::SURNAMES, |s| s.weight);
        let last = match (surname.gendered, sex) {
            (true, Sex::Female) => format!(
                "{}a",
                surname.base.strip_suffix('i').unwrap_or(surname.base)
            ),
            _ => surname.base.to_string(),
        };
        Name { first, last, sex }
    }

    /// The `i`-th advisor; the first works from the office, the others from
    /// the office or from home in a town near Łódź.
    pub(crate) fn advisor(&mut self, i: usize, taken: &mut HashSet<String>) -> Advisor {
        let mut name = data::ADVISORS.get(i).map(|s| s.to_string());
        while name.as_ref().is_none_or(|n| taken.contains(n)) {
            let n = self.name();
            name = Some(format!("{} {}", n.first, n.last));
        }
        let name = name.unwrap_or_default();
        taken.insert(name.clone());
        let id = AdvisorId(self.rng.uuid());
        let (base, base_label) = if i == 0 || self.rng.chance(0.5) {
            (
                GeoPoint {
                    lat: data::OFFICE.lat,
                    lon: data::OFFICE.lon,
                },
                data::OFFICE.name.to_string(),
            )
        } else {
            let town = *self.rng.weighted_by(data::TOWNS, |t| t.weight);
            let base = GeoPoint {
                lat: self.rng.jitter(town.lat, 0.008),
                lon: self.rng.jitter(town.lon, 0.012),
            };
            (base, format!("Dom, {}", town.name))
        };
        Advisor {
            id,
            name,
            base,
            base_label,
        }
    }

    /// A debtor of a case opened on `opened_on` and now in `status`.
    pub(crate) fn debtor(&mut self, opened_on: NaiveDate, status: CaseStatus) -> Debtor {
        let today = self.today;
        let name = self.name();
        let birth_date = self.birth_date();
        let pesel = self.pesel(birth_date, name.sex);

        let mut addresses = vec![self.address(AddressKind::Residence, true)];
        if self.rng.chance(0.12) {
            let located = self.rng.chance(0.5);
            addresses.push(self.address(AddressKind::Correspondence, located));
        }
        if self.rng.chance(0.10) {
            let located = self.rng.chance(0.4);
            addresses.push(self.address(AddressKind::Registered, located));
        }

        let phone_count = self
            .rng
            .weighted(&[(0, 8), (1, 45), (2, 32), (3, 10), (4, 5)]);
        let mut phones: Vec<Phone> = (0..phone_count).map(|_| self.phone()).collect();
        // The primary number is a mobile when there is one.
        phones.sort_by_key(|p| p.kind != domain::PhoneKind::Mobile);
        if let Some(first) = phones.first_mut() {
            first.primary = true;
        }

        let mut emails = Vec::new();
        if self.rng.chance(0.6) {
            emails.push(self.email(&name, birth_date, true));
            if self.rng.chance(0.06) {
                emails.push(self.email(&name, birth_date, false));
            }
        }

        let recorded_hi = (opened_on + Days::new(120)).min(today);
        // A client who took part in a visit has not refused visits.
        let visits_happen = !matches!(
            status,
            CaseStatus::New | CaseStatus::PromiseToPay | CaseStatus::Closed
        );
        let mut consents = Vec::new();
        for (kind, granted_p) in [
            (ConsentKind::Phone, 0.92),
            (ConsentKind::Sms, 0.85),
            (ConsentKind::Email, 0.75),
            (ConsentKind::HomeVisit, 0.9),
        ] {
            if self.rng.chance(0.9) {
                let recorded_on = self.rng.date(opened_on, recorded_hi);
                let granted =
                    self.rng.chance(granted_p) || (kind == ConsentKind::HomeVisit && visits_happen);
                consents.push(Consent {
                    kind,
                    granted,
                    recorded_on,
                    marketing: false,
                    method: None,
                    captured_by: None,
                });
            }
        }

        let vulnerability = self
            .rng
            .chance(0.05)
            .then(|| self.rng.pick(data::VULNERABILITIES).to_string());

        Debtor {
            id: DebtorId(self.rng.uuid()),
            first_name: name.first.to_string(),
            last_name: name.last,
            pesel,
            phones,
            emails,
            addresses,
            consents,
            vulnerability,
            // The timeline notes it (`cases::timeline`), which sets the day.
            vulnerability_since: None,
        }
    }

    /// A birth date for an age of 19 to 85 today, most debtors being 25–60.
    fn birth_date(&mut self) -> NaiveDate {
        let today = self.today;
        let age = self.rng.weighted(&[
            ((19, 24), 8),
            ((25, 34), 24),
            ((35, 44), 26),
            ((45, 54), 20),
            ((55, 64), 12),
            ((65, 74), 7),
            ((75, 85), 3),
        ]);
        let age = self.rng.int(age.0, age.1) as u32;
        // Born after the day `age + 1` years ago and on or before the day
        // `age` years ago: exactly `age` years old today.
        let latest = years_before(today, age);
        let earliest = years_before(today, age + 1) + Days::new(1);
        self.rng.date(earliest, latest)
    }

    /// A PESEL no other debtor of the portfolio has.
    fn pesel(&mut self, mut birth_date: NaiveDate, sex: Sex) -> String {
        loop {
            for _ in 0..50 {
                let serial = self.rng.int(0, 999) as u16;
                let pesel = pesel_from_parts(birth_date, serial, sex);
                if self.pesels.insert(pesel.clone()) {
                    return pesel;
                }
            }
            // Practically never: every serial of the day is taken.
            birth_date = birth_date - Days::new(1);
        }
    }

    fn address(&mut self, kind: AddressKind, located: bool) -> Address {
        let id = ContactId(self.rng.uuid());
        let (street, postal_code, city, location) = if self.rng.chance(0.7) {
            let s: Street = *self.rng.weighted_by(data::LODZ_STREETS, |s| s.weight);
            let no = self.rng.int_low(1, i64::from(s.max_no));
            let street = self.house(s.name, no, 0.65, 90);
            // Codes of one long street grow with the house numbers.
            let base: i64 = s.postal_code.replace('-', "").parse().unwrap_or(90_001);
            let code = base + no / 40;
            let postal = format!("{:02}-{:03}", code / 1000, code % 1000);
            let lat = self.rng.jitter(s.lat, 0.006).clamp(LODZ_LAT.0, LODZ_LAT.1);
            let lon = self.rng.jitter(s.lon, 0.009).clamp(LODZ_LON.0, LODZ_LON.1);
            (street, postal, "Łódź".to_string(), GeoPoint { lat, lon })
        } else {
            let t: Place = *self.rng.weighted_by(data::TOWNS, |t| t.weight);
            let name = self.rng.pick(data::TOWN_STREETS);
            let no = self.rng.int_low(1, 120);
            let street = self.house(name, no, 0.3, 40);
            let location = GeoPoint {
                lat: self.rng.jitter(t.lat, 0.01),
                lon: self.rng.jitter(t.lon, 0.015),
            };
            (
                street,
                t.postal_code.to_string(),
                t.name.to_string(),
                location,
            )
        };
        let postal_code = normalize_postal_code(&postal_code).expect("demo postal codes are valid");
        Address {
            id,
            kind,
            street,
            postal_code,
            city,
            location: located.then_some(location),
        }
    }

    /// "ul. Piotrkowska 104/12" or "ul. Polna 7a".
    fn house(&mut self, street: &str, no: i64, flat_p: f64, max_flat: i64) -> String {
        let letter = if self.rng.chance(0.05) {
            self.rng.pick(&["a", "b", "c"])
        } else {
            ""
        };
        if self.rng.chance(flat_p) {
            let flat = self.rng.int_low(1, max_flat);
            format!("{street} {no}{letter}/{flat}")
        } else {
            format!("{street} {no}{letter}")
        }
    }

    /// A phone number no other debtor has: mostly a mobile, sometimes a Łódź
    /// landline, typed the way clients give them and then normalized.
    fn phone(&mut self) -> Phone {
        let id = ContactId(self.rng.uuid());
        loop {
            let national = if self.rng.chance(0.85) {
                format!(
                    "{}{}",
                    self.rng.pick(data::MOBILE_PREFIXES),
                    self.rng.digits(7)
                )
            } else {
                let exchange = self.rng.pick(&["6", "6", "6", "2", "7"]);
                format!("42{exchange}{}", self.rng.digits(6))
            };
            let typed = match self.rng.int(0, 3) {
                0 => national.clone(),
                1 => format!("{} {} {}", &national[..3], &national[3..6], &national[6..]),
                2 => format!(
                    "+48 {}-{}-{}",
                    &national[..3],
                    &national[3..6],
                    &national[6..]
                ),
                _ => format!("0048{national}"),
            };
            let number = normalize_phone(&typed).expect("demo phone numbers are valid");
            if self.phones.insert(number.clone()) {
                let kind = phone_kind(&number);
                return Phone {
                    id,
                    number,
                    kind,
                    primary: false,
                    mark: None,
                };
            }
        }
    }

    /// An address like "lukasz.wojcik84@wp.pl" that no other debtor has.
    fn email(&mut self, name: &Name, birth_date: NaiveDate, primary: bool) -> Email {
        let id = ContactId(self.rng.uuid());
        let first = fold(name.first);
        let last = fold(&name.last);
        let yy = birth_date.year() % 100;
        let mut local = match self.rng.int(0, 5) {
            0 => format!("{first}.{last}"),
            1 => format!("{first}.{last}{yy:02}"),
            2 => format!("{first}{last}{}", self.rng.int(1, 99)),
            3 => format!("{}{last}", &first[..1]),
            4 => format!("{first}_{last}{}", birth_date.year()),
            _ => format!("{last}.{first}{}", self.rng.int(1, 999)),
        };
        loop {
            let domain = self.rng.weighted(data::MAIL_DOMAINS);
            let address =
                normalize_email(&format!("{local}@{domain}")).expect("demo e-mails are valid");
            if self.emails.insert(address.clone()) {
                return Email {
                    id,
                    address,
                    primary,
                };
            }
            local.push_str(&self.rng.int(0, 9).to_string());
        }
    }
}

/// The same day `years` years earlier (28 February for 29 February).
fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(years * 12))
        .expect("dates within chrono's range")
}
