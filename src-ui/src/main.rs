//! The user interface of Partner: a Leptos client-side app compiled to
//! wasm32 and shown in the Tauri window. It reaches the backend only through
//! [`api`] (this crate's `api.rs`), the one module that calls `invoke`.
//!
//! This crate owns leptos and web-sys; it knows nothing of the replica, the
//! network or the domain's rules beyond Polish formatting.

mod api;
mod app;
mod components;
mod fmt;
mod i18n;
mod pages;
mod runner;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
