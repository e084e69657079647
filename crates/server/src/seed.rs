//! Demo users and the demo portfolio, for `partner-server --demo` and tests.

use crate::ApiError;
use server_storage::{Storage, User};
use sync_proto::{AdvisorDto, CaseFileDto, OfferPolicyDto, Role};
use uuid::Uuid;

/// The logins of the demo, all with the same password.
pub const DEMO_PASSWORD: &str = "partner";

/// The user id of the demo team lead "kierownik".
pub const TEAM_LEAD_ID: Uuid = Uuid::from_u128(0xB0_0000);

/// Creates an advisor user per portfolio advisor (login "doradca1", …; the
/// user id is the advisor id; team lead "kierownik"; the standard offer
/// policy), plus "kierownik" (team lead), "biuro" (back office) and "admin",
/// and stores the portfolio's cases.
pub fn seed(
    storage: &dyn Storage,
    portfolio: &demo::Portfolio,
    password: &str,
) -> Result<(), ApiError> {
    seed_with(
        storage,
        portfolio,
        password,
        crate::PasswordCost::Production,
    )
}

/// As [`seed`], with the given password hashing cost.
pub fn seed_with(
    storage: &dyn Storage,
    portfolio: &demo::Portfolio,
    password: &str,
    cost: crate::PasswordCost,
) -> Result<(), ApiError> {
    let hash = crate::hash_password_with(password, cost)?;
    // The team lead first: advisors name them as their lead.
    for (n, (login, name, role)) in [
        ("kierownik", "Kierownik Zespołu", Role::TeamLead),
        ("biuro", "Biuro Obsługi", Role::BackOffice),
        ("admin", "Administrator", Role::Admin),
    ]
    .into_iter()
    .enumerate()
    {
        storage.create_user(&User {
            id: Uuid::from_u128(0xB0_0000 + n as u128),
            login: login.into(),
            name: name.into(),
            role,
            password_hash: hash.clone(),
            advisor: None,
            team_lead: None,
            offer_policy: None,
        })?;
    }
    for (i, a) in portfolio.advisors.iter().enumerate() {
        storage.create_user(&User {
            id: a.id.0,
            login: format!("doradca{}", i + 1),
            name: a.name.clone(),
            role: Role::Advisor,
            password_hash: hash.clone(),
            advisor: Some(AdvisorDto::from(a)),
            team_lead: Some(TEAM_LEAD_ID),
            offer_policy: Some(OfferPolicyDto::standard()),
        })?;
    }
    // In chunks, each one transaction: a large portfolio is imported in
    // minutes, not hours.
    for chunk in portfolio.cases.chunks(500) {
        let files: Vec<CaseFileDto> = chunk.iter().map(CaseFileDto::from).collect();
        storage.put_cases(&files)?;
    }
    Ok(())
}
