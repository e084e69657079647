//! What an offer says on the case timeline, in Polish: one line that the
//! device shows when it saves an offer and the server writes when it takes
//! one, from the engine's variant (never from a device's text).

use super::{Variant, VariantKind};
use crate::format::{format_date, format_pln};

impl VariantKind {
    /// The variant's name as the advisor and the client read it.
    pub fn name_pl(self) -> &'static str {
        match self {
            VariantKind::LumpSum => "Jednorazowa spłata z rabatem",
            VariantKind::FitsBudget => "Raty w budżecie klienta",
            VariantKind::LowestInstallment => "Najniższa rata",
            VariantKind::Forbearance => "Wytchnienie: przerwa i zamrożenie odsetek",
            VariantKind::Custom => "Własne warunki",
        }
    }
}

/// The timeline line of an offer of `v`, e.g. "Propozycja ugody (Najniższa
/// rata): razem 5 000,00 zł, 10 rat po 500,00 zł".
pub fn timeline_line(v: &Variant) -> String {
    let payments = if v.term_months <= 1 && v.down_payment.is_zero() {
        format!(
            "płatne do {}",
            v.schedule
                .last()
                .map(|i| format_date(i.due_on))
                .unwrap_or_default()
        )
    } else {
        format!("{} rat po {}", v.term_months, format_pln(v.installment))
    };
    format!(
        "Propozycja ugody ({}): razem {}, {payments}{}{}",
        v.kind.name_pl(),
        format_pln(v.total),
        if v.needs_approval() {
            "; wymaga akceptacji kierownika"
        } else {
            ""
        },
        if v.voluntary_only {
            "; roszczenie przedawnione — spłata dobrowolna"
        } else {
            ""
        },
    )
}
