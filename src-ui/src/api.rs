//! The only module that calls the backend. Every command is typed by
//! `api::Command`: its name, request and response come from the shared
//! contract crate, so the UI and the backend cannot drift apart silently.

use ::api::{Command, CommandError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct Args<'a, T: Serialize> {
    req: &'a T,
}

/// Calls command `C` with `req`.
pub async fn call<C: Command>(req: &C::Request) -> Result<C::Response, CommandError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Args { req }
        .serialize(&serializer)
        .map_err(|e| CommandError::Storage {
            message: format!("cannot encode the request: {e}"),
        })?;
    match tauri_invoke(C::NAME, args).await {
        Ok(v) => serde_wasm_bindgen::from_value(v).map_err(|e| CommandError::Storage {
            message: format!("cannot decode the answer of {}: {e}", C::NAME),
        }),
        Err(e) => Err(
            serde_wasm_bindgen::from_value(e.clone()).unwrap_or_else(|_| CommandError::Storage {
                message: e.as_string().unwrap_or_else(|| format!("{e:?}")),
            }),
        ),
    }
}
