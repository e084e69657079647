//! One way for a page to run a backend command: spawn the call, and when it
//! answers either clear the error and hand the answer on, or show the error.
//! A success clears only an error already shown when its call started, never
//! one that another call of the page showed while it ran.
//! While a call runs, [`Runner::pending`] is true, so that the button that
//! started it can be disabled meanwhile.
//!
//! A page keeps one error signal (its banner) and one runner per group of
//! buttons that should wait for each other; the runners share the error.
//! Calls still go through [`crate::api::call`], the one place that invokes.

use ::api::{Command, CommandError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// The calls started from one place on a page. Copy, like a signal.
#[derive(Debug, Clone, Copy)]
pub struct Runner {
    error: RwSignal<Option<CommandError>>,
    /// How many calls are running; more than one when a load is repeated
    /// before the previous one answered.
    running: RwSignal<u32>,
    /// The sequence number of the latest call, when only its answer counts.
    latest: Option<StoredValue<u64>>,
}

impl Runner {
    /// A runner whose failures are shown in `error`.
    pub fn new(error: RwSignal<Option<CommandError>>) -> Self {
        Self {
            error,
            running: RwSignal::new(0),
            latest: None,
        }
    }

    /// The same runner, dropping the answer of every call but the latest:
    /// answers can arrive out of order while the advisor types, and an older
    /// one must not overwrite a newer one.
    pub fn latest_only(self) -> Self {
        Self {
            latest: Some(StoredValue::new(0)),
            ..self
        }
    }

    /// Whether a call of this runner is running (reactive).
    pub fn pending(&self) -> bool {
        self.running.get() > 0
    }

    /// Calls `C` with `req`; on success clears the error and hands the
    /// answer to `ok`, on failure shows the error.
    pub fn run<C>(self, req: C::Request, ok: impl FnOnce(C::Response) + 'static)
    where
        C: Command,
        C::Request: 'static,
        C::Response: 'static,
    {
        self.run_or::<C>(req, ok, |_| {});
    }

    /// Like [`Runner::run`]; a request that could not be built (a form field
    /// that does not parse) is shown like a failed call, and nothing is sent.
    pub fn try_run<C>(
        self,
        req: Result<C::Request, CommandError>,
        ok: impl FnOnce(C::Response) + 'static,
    ) where
        C: Command,
        C::Request: 'static,
        C::Response: 'static,
    {
        match req {
            Ok(req) => self.run::<C>(req, ok),
            Err(e) => self.error.set(Some(e)),
        }
    }

    /// Like [`Runner::run`]; after showing a failure, also hands it to
    /// `failed`.
    pub fn run_or<C>(
        self,
        req: C::Request,
        ok: impl FnOnce(C::Response) + 'static,
        failed: impl FnOnce(&CommandError) + 'static,
    ) where
        C: Command,
        C::Request: 'static,
        C::Response: 'static,
    {
        self.go(async move { crate::api::call::<C>(&req).await }, ok, failed);
    }

    /// Runs `work`, several calls in a row that answer together, like one
    /// call.
    pub fn spawn<T: 'static>(
        self,
        work: impl Future<Output = Result<T, CommandError>> + 'static,
        ok: impl FnOnce(T) + 'static,
    ) {
        self.go(work, ok, |_| {});
    }

    fn go<T: 'static>(
        self,
        work: impl Future<Output = Result<T, CommandError>> + 'static,
        ok: impl FnOnce(T) + 'static,
        failed: impl FnOnce(&CommandError) + 'static,
    ) {
        let seq = self.latest.map(|latest| {
            let seq = latest.get_value() + 1;
            latest.set_value(seq);
            seq
        });
        self.running.update(|n| *n += 1);
        // The error shown when the call started: a success clears it (it is
        // stale), but not one another call showed meanwhile (a background
        // reload must not wipe the refusal of the button just tapped).
        let before = self.error.get_untracked();
        spawn_local(async move {
            let answer = work.await;
            // A page left meanwhile has disposed its values: nothing to show.
            let overtaken = match (self.latest, seq) {
                (Some(latest), Some(seq)) => latest.try_get_value() != Some(seq),
                _ => false,
            };
            match answer {
                _ if overtaken => {}
                Ok(v) => {
                    ok(v);
                    if self.error.try_get_untracked().flatten() == before {
                        self.error.set(None);
                    }
                }
                Err(e) => {
                    self.error.set(Some(e.clone()));
                    failed(&e);
                }
            }
            self.running.update(|n| *n = n.saturating_sub(1));
        });
    }
}

/// Calls `C` in the background and hands a successful answer to `ok`; a
/// failure is dropped, because the next poll repeats the call (the sync
/// bar's status, the advisor's name in the header).
pub fn run_quietly<C>(req: C::Request, ok: impl FnOnce(C::Response) + 'static)
where
    C: Command,
    C::Request: 'static,
{
    spawn_local(async move {
        if let Ok(v) = crate::api::call::<C>(&req).await {
            ok(v);
        }
    });
}
