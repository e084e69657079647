//! The tables the generator draws from: Polish names, Łódź streets, nearby
//! towns, original creditors and the wording of timeline entries. Weights are
//! relative frequencies, roughly as common as in the Łódź region.

use domain::CreditorKind;

/// Female first names with weights.
pub const FEMALE_FIRST: &[(&str, u32)] = &[
    ("Anna", 10),
    ("Małgorzata", 9),
    ("Katarzyna", 9),
    ("Agnieszka", 8),
    ("Maria", 6),
    ("Ewa", 6),
    ("Elżbieta", 6),
    ("Magdalena", 6),
    ("Joanna", 6),
    ("Barbara", 5),
    ("Monika", 5),
    ("Marta", 5),
    ("Krystyna", 4),
    ("Aleksandra", 4),
    ("Teresa", 4),
    ("Danuta", 4),
    ("Karolina", 4),
    ("Beata", 4),
    ("Dorota", 4),
    ("Jolanta", 4),
    ("Iwona", 4),
    ("Grażyna", 4),
    ("Justyna", 4),
    ("Zofia", 3),
    ("Natalia", 3),
    ("Halina", 3),
    ("Jadwiga", 3),
    ("Janina", 3),
    ("Paulina", 3),
    ("Bożena", 3),
    ("Renata", 3),
    ("Urszula", 3),
    ("Sylwia", 3),
    ("Wiesława", 2),
    ("Stanisława", 2),
    ("Łucja", 2),
    ("Żaneta", 2),
    ("Weronika", 2),
    ("Wioletta", 2),
];

/// Male first names with weights.
pub const MALE_FIRST: &[(&str, u32)] = &[
    ("Piotr", 9),
    ("Krzysztof", 9),
    ("Łukasz", 9),
    ("Andrzej", 8),
    ("Tomasz", 8),
    ("Paweł", 7),
    ("Michał", 7),
    ("Marcin", 7),
    ("Jan", 6),
    ("Marek", 6),
    ("Grzegorz", 6),
    ("Jakub", 5),
    ("Adam", 5),
    ("Wojciech", 5),
    ("Mariusz", 5),
    ("Dariusz", 5),
    ("Rafał", 5),
    ("Mateusz", 4),
    ("Zbigniew", 4),
    ("Jerzy", 4),
    ("Stanisław", 4),
    ("Robert", 4),
    ("Kamil", 4),
    ("Jacek", 4),
    ("Józef", 3),
    ("Tadeusz", 3),
    ("Sławomir", 3),
    ("Ryszard", 3),
    ("Przemysław", 3),
    ("Bartłomiej", 3),
    ("Mirosław", 3),
    ("Sebastian", 3),
    ("Artur", 3),
    ("Damian", 3),
    ("Dawid", 3),
    ("Kazimierz", 2),
    ("Henryk", 2),
    ("Zdzisław", 2),
    ("Bogdan", 2),
];

/// A surname: gendered ones are given in the masculine form ending in "-i"
/// (Kowalski, Czarnecki, Zawadzki); the feminine form ends in "-a".
#[derive(Debug, Clone, Copy)]
pub struct Surname {
    pub base: &'static str,
    pub gendered: bool,
    pub weight: u32,
}

const fn g(base: &'static str, weight: u32) -> Surname {
    Surname {
        base,
        gendered: true,
        weight,
    }
}

const fn n(base: &'static str, weight: u32) -> Surname {
    Surname {
        base,
        gendered: false,
        weight,
    }
}

pub const SURNAMES: &[Surname] = &[
    // Gendered: -ski/-ska, -cki/-cka, -dzki/-dzka.
    g("Kowalski", 9),
    g("Wiśniewski", 8),
    g("Kamiński", 7),
    g("Dąbrowski", 6),
    g("Lewandowski", 6),
    g("Zieliński", 6),
    g("Szymański", 6),
    g("Kozłowski", 5),
    g("Jankowski", 5),
    g("Wojciechowski", 4),
    g("Kwiatkowski", 4),
    g("Piotrowski", 4),
    g("Grabowski", 4),
    g("Pawłowski", 4),
    g("Michalski", 4),
    g("Nowakowski", 3),
    g("Jabłoński", 3),
    g("Majewski", 3),
    g("Olszewski", 3),
    g("Jaworski", 3),
    g("Malinowski", 3),
    g("Górski", 3),
    g("Witkowski", 3),
    g("Rutkowski", 2),
    g("Sikorski", 2),
    g("Baranowski", 2),
    g("Ostrowski", 2),
    g("Tomaszewski", 3),
    g("Wróblewski", 2),
    g("Zalewski", 2),
    g("Jakubowski", 2),
    g("Chmielewski", 2),
    g("Sadowski", 2),
    g("Czarnecki", 2),
    g("Sawicki", 2),
    g("Kalinowski", 2),
    g("Borkowski", 2),
    g("Przybylski", 2),
    g("Domański", 2),
    g("Żukowski", 2),
    g("Gajewski", 2),
    g("Leśniewski", 2),
    g("Ziółkowski", 2),
    g("Wasilewski", 2),
    g("Krajewski", 2),
    g("Szczepański", 2),
    g("Głowacki", 2),
    g("Wysocki", 2),
    g("Ciesielski", 2),
    g("Brzeziński", 2),
    g("Kołakowski", 1),
    g("Zawadzki", 2),
    g("Gołębiowski", 1),
    g("Urbański", 1),
    g("Czerwiński", 2),
    g("Nowicki", 2),
    g("Jasiński", 2),
    g("Mańkowski", 1),
    // Ungendered.
    n("Nowak", 12),
    n("Wójcik", 10),
    n("Kowalczyk", 6),
    n("Woźniak", 6),
    n("Mazur", 5),
    n("Krawczyk", 5),
    n("Kaczmarek", 5),
    n("Zając", 5),
    n("Król", 4),
    n("Wróbel", 4),
    n("Wieczorek", 4),
    n("Stępień", 4),
    n("Dudek", 3),
    n("Adamczyk", 3),
    n("Pawlak", 3),
    n("Walczak", 3),
    n("Sikora", 3),
    n("Baran", 3),
    n("Szewczyk", 3),
    n("Bąk", 3),
    n("Kołodziej", 3),
    n("Kaźmierczak", 3),
    n("Cieślak", 3),
    n("Pietrzak", 3),
    n("Michalak", 3),
    n("Jóźwiak", 3),
    n("Grzelak", 3),
    n("Jędrzejczak", 2),
    n("Olejniczak", 2),
    n("Kołodziejczyk", 2),
    n("Wilk", 2),
    n("Lis", 2),
    n("Mróz", 2),
    n("Kubiak", 2),
    n("Kaczmarczyk", 2),
    n("Sobczak", 2),
    n("Błaszczyk", 2),
    n("Włodarczyk", 2),
    n("Łuczak", 2),
    n("Szulc", 2),
    n("Ptak", 2),
    n("Marciniak", 2),
    n("Szczepaniak", 2),
    n("Bednarek", 2),
    n("Żak", 2),
    n("Filipiak", 2),
    n("Piątek", 2),
    n("Kasprzak", 2),
    n("Domagała", 1),
    n("Kuśmierek", 1),
    n("Stasiak", 2),
    n("Banasiak", 2),
    n("Szymczak", 2),
    n("Gałązka", 1),
    n("Śliwa", 1),
    n("Ślęzak", 1),
];

/// Advisors' names for the first advisors; more are composed from the name
/// tables.
pub const ADVISORS: &[&str] = &[
    "Marek Zieliński",
    "Katarzyna Wiśniewska",
    "Tomasz Lewandowski",
    "Agnieszka Kamińska",
    "Łukasz Szymański",
    "Joanna Dąbrowska",
    "Michał Kozłowski",
    "Magdalena Jankowska",
    "Paweł Wójcik",
    "Małgorzata Grzelak",
    "Grzegorz Jóźwiak",
    "Beata Olejniczak",
];

/// Call-centre consultants who sign calls and some notes.
pub const CONSULTANTS: &[&str] = &[
    "Konsultant CC Anna Nowak",
    "Konsultant CC Piotr Stasiak",
    "Konsultant CC Ewelina Kubiak",
    "Konsultant CC Michał Pietrzak",
    "Konsultant CC Żaneta Wróbel",
    "Konsultant CC Łukasz Banasiak",
];

/// The company office where the day of an office-based advisor starts.
pub const OFFICE: Place = Place {
    name: "Biuro Łódź, ul. Piotrkowska 148",
    postal_code: "90-063",
    lat: 51.7592,
    lon: 19.4560,
    weight: 0,
};

/// A street in Łódź with a plausible postal code and its rough centre.
#[derive(Debug, Clone, Copy)]
pub struct Street {
    pub name: &'static str,
    pub postal_code: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub weight: u32,
    /// The highest house number.
    pub max_no: u32,
}

const fn s(
    name: &'static str,
    postal_code: &'static str,
    lat: f64,
    lon: f64,
    weight: u32,
    max_no: u32,
) -> Street {
    Street {
        name,
        postal_code,
        lat,
        lon,
        weight,
        max_no,
    }
}

pub const LODZ_STREETS: &[Street] = &[
    s("ul. Piotrkowska", "90-410", 51.7600, 19.4580, 8, 290),
    s("al. Kościuszki", "90-418", 51.7640, 19.4530, 4, 120),
    s("ul. Zgierska", "91-020", 51.8000, 19.4400, 6, 250),
    s("ul. Rzgowska", "93-172", 51.7300, 19.4700, 5, 280),
    s("ul. Pomorska", "90-224", 51.7770, 19.4900, 5, 360),
    s("ul. Narutowicza", "90-135", 51.7710, 19.4700, 4, 130),
    s("ul. Żeromskiego", "90-710", 51.7600, 19.4460, 4, 120),
    s("ul. Kilińskiego", "90-012", 51.7600, 19.4650, 5, 230),
    s("al. Włókniarzy", "90-334", 51.7700, 19.4150, 4, 260),
    s("ul. Łagiewnicka", "91-456", 51.8050, 19.4550, 4, 120),
    s("ul. Wólczańska", "90-530", 51.7620, 19.4520, 4, 260),
    s("ul. Tuwima", "90-031", 51.7650, 19.4750, 3, 110),
    s("ul. Limanowskiego", "91-058", 51.7850, 19.4300, 5, 210),
    s("ul. Przybyszewskiego", "93-120", 51.7480, 19.4950, 4, 250),
    s("ul. Strykowska", "91-725", 51.8100, 19.5000, 3, 140),
    s("ul. Retkińska", "94-004", 51.7500, 19.3900, 4, 130),
    s("ul. Dąbrowskiego", "93-208", 51.7400, 19.4800, 4, 230),
    s("ul. Paderewskiego", "93-509", 51.7250, 19.4700, 3, 60),
    s("ul. Jaracza", "90-262", 51.7720, 19.4700, 3, 80),
    s("ul. Sienkiewicza", "90-057", 51.7650, 19.4650, 3, 110),
    s("ul. Lutomierska", "91-035", 51.7850, 19.4250, 3, 160),
    s("ul. Pabianicka", "93-490", 51.7200, 19.4300, 3, 240),
    s("ul. Rokicińska", "92-620", 51.7550, 19.5500, 3, 200),
    s("ul. Wojska Polskiego", "91-755", 51.7900, 19.4900, 3, 190),
    s("ul. Kopcińskiego", "90-153", 51.7700, 19.5000, 2, 70),
    s("ul. Maratońska", "94-035", 51.7450, 19.4000, 3, 110),
    s("ul. Obywatelska", "94-104", 51.7420, 19.4200, 2, 170),
    s("ul. Wróblewskiego", "93-578", 51.7350, 19.4450, 2, 60),
    s("ul. Marysińska", "91-850", 51.8000, 19.4700, 2, 110),
    s("ul. Źródłowa", "91-735", 51.7850, 19.4750, 1, 60),
];

/// A town or village near Łódź with its postal code and centre.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub name: &'static str,
    pub postal_code: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub weight: u32,
}

const fn p(
    name: &'static str,
    postal_code: &'static str,
    lat: f64,
    lon: f64,
    weight: u32,
) -> Place {
    Place {
        name,
        postal_code,
        lat,
        lon,
        weight,
    }
}

pub const TOWNS: &[Place] = &[
    p("Zgierz", "95-100", 51.855, 19.406, 20),
    p("Pabianice", "95-200", 51.664, 19.354, 20),
    p("Aleksandrów Łódzki", "95-070", 51.819, 19.303, 10),
    p("Konstantynów Łódzki", "95-050", 51.747, 19.325, 9),
    p("Ozorków", "95-035", 51.962, 19.290, 8),
    p("Głowno", "95-015", 51.965, 19.716, 6),
    p("Brzeziny", "95-060", 51.800, 19.751, 6),
    p("Koluszki", "95-040", 51.743, 19.815, 6),
    p("Andrespol", "95-020", 51.728, 19.640, 5),
    p("Stryków", "95-010", 51.901, 19.603, 4),
    p("Tuszyn", "95-080", 51.607, 19.538, 4),
    p("Rzgów", "95-030", 51.663, 19.490, 3),
    p("Nowosolna", "95-015", 51.795, 19.606, 3),
];

/// Streets common in every Polish town.
pub const TOWN_STREETS: &[&str] = &[
    "ul. Mickiewicza",
    "ul. Kościuszki",
    "ul. Słowackiego",
    "ul. Kilińskiego",
    "ul. Sienkiewicza",
    "ul. Polna",
    "ul. Leśna",
    "ul. Ogrodowa",
    "ul. Łąkowa",
    "ul. Szkolna",
    "ul. Kościelna",
    "ul. Wojska Polskiego",
    "ul. 3 Maja",
    "ul. Piłsudskiego",
    "ul. Żeromskiego",
    "ul. Konopnickiej",
    "ul. Lipowa",
    "ul. Kolejowa",
    "ul. Źródlana",
    "ul. Długa",
    "pl. Wolności",
    "ul. Łódzka",
];

/// Original creditors by kind.
pub const CREDITORS: &[(CreditorKind, &[&str])] = &[
    (
        CreditorKind::Telecom,
        &[
            "Orange Polska S.A.",
            "T-Mobile Polska S.A.",
            "Play (P4 sp. z o.o.)",
            "Plus (Polkomtel sp. z o.o.)",
        ],
    ),
    (
        CreditorKind::Bank,
        &[
            "mBank S.A.",
            "PKO BP S.A.",
            "Santander Bank Polska S.A.",
            "Bank Millennium S.A.",
            "Alior Bank S.A.",
        ],
    ),
    (
        CreditorKind::Utility,
        &[
            "PGE Obrót S.A.",
            "Tauron Sprzedaż sp. z o.o.",
            "Veolia Energia Łódź S.A.",
            "PGNiG Obrót Detaliczny sp. z o.o.",
        ],
    ),
    (
        CreditorKind::Loan,
        &[
            "Provident Polska S.A.",
            "Wonga.pl sp. z o.o.",
            "Vivus Finance sp. z o.o.",
        ],
    ),
];

/// How often each creditor kind is the source of a debt.
pub const KIND_WEIGHTS: &[(CreditorKind, u32)] = &[
    (CreditorKind::Telecom, 35),
    (CreditorKind::Loan, 25),
    (CreditorKind::Bank, 22),
    (CreditorKind::Utility, 18),
];

/// Principal range in grosze by creditor kind.
pub fn principal_range(kind: CreditorKind) -> (i64, i64) {
    match kind {
        CreditorKind::Telecom => (150_00, 3_500_00),
        CreditorKind::Utility => (200_00, 6_000_00),
        CreditorKind::Loan => (500_00, 15_000_00),
        CreditorKind::Bank => (2_000_00, 80_000_00),
    }
}

pub const MAIL_DOMAINS: &[(&str, u32)] = &[
    ("wp.pl", 5),
    ("onet.pl", 4),
    ("gmail.com", 6),
    ("o2.pl", 3),
    ("interia.pl", 4),
];

/// Mobile prefixes (first two digits of the national number).
pub const MOBILE_PREFIXES: &[&str] = &[
    "50", "51", "53", "60", "66", "69", "72", "73", "78", "79", "88",
];

pub const VULNERABILITIES: &[&str] = &[
    "przewlekła choroba",
    "niepełnosprawność",
    "śmierć współmałżonka w ostatnich miesiącach",
    "utrata pracy",
    "opieka nad niepełnosprawnym dzieckiem",
    "podeszły wiek",
];

pub const CALLS: &[&str] = &[
    "Próba kontaktu: klient nie odbiera",
    "Próba kontaktu: poczta głosowa, pozostawiono wiadomość",
    "Próba kontaktu: numer zajęty",
    "Rozmowa z klientem: prosi o przesłanie numeru rachunku",
    "Rozmowa z klientem: kwestionuje wysokość zadłużenia, wysłano zestawienie",
    "Rozmowa z klientem: prosi o rozłożenie długu na raty",
    "Rozmowa z klientem: prosi o kontakt po 17:00",
    "Rozmowa z członkiem rodziny: klient przebywa za granicą",
    "Rozmowa z klientem: przekazano warunki ugody",
];

pub const SMSES: &[&str] = &[
    "Wysłano SMS z prośbą o kontakt",
    "Wysłano SMS z numerem rachunku do wpłat",
    "Wysłano SMS z propozycją ugody",
];

pub const LETTERS: &[&str] = &[
    "Wezwanie do zapłaty wysłane listem poleconym",
    "Propozycja ugody wysłana listem",
    "Ostateczne przedsądowe wezwanie do zapłaty wysłane listem poleconym",
    "Informacja o saldzie zadłużenia wysłana listem",
];

pub const VISITS: &[&str] = &[
    "Wizyta: klient nieobecny, pozostawiono awizo",
    "Wizyta: klient nieobecny, pozostawiono wizytówkę w drzwiach",
    "Wizyta: rozmowa z klientem, omówiono możliwości spłaty",
    "Wizyta: przekazano propozycję ugody",
    "Wizyta: klient odmówił rozmowy",
    "Wizyta: sąsiad potwierdził, że klient mieszka pod adresem",
];

pub const NOTES: &[&str] = &[
    "Klient prosi o kontakt po 17:00",
    "Klient pracuje na zmiany, kontakt najlepiej przed południem",
    "Ustalono nowy numer telefonu klienta",
    "Klient zgłosił trudną sytuację finansową",
    "Uzupełniono dokumenty sprawy o umowę od wierzyciela",
    "Klient prosi o korespondencję na adres e-mail",
];
