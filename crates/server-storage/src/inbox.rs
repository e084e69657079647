//! The inbox's records (issue #12): one row per thing the field sent,
//! written with its mutation, paged by keyset, decided once.
