//! A real server on one storage backend (SQLite, or PostgreSQL in a schema
//! of its own), seeded with the demo users and 30 cases of one advisor, and
//! the calls the end-to-end tests make to it over HTTP. [`crate::on_both!`]
//! runs a test once per backend.

use super::{now, today, PASSWORD};
use server_storage::testing::TestSchema;
use server_storage::{AuditedStorage, PgStorage, SqliteStorage};
use std::sync::Arc;
use sync_client::{HttpTransport, Transport};
use sync_proto::{paths, CaseFileDto, LoginRequest, Receipt, UploadResponse, VERSION_HEADER};
use uuid::Uuid;

/// Every listed test, once per backend: `fn test(b: &common::Backend)`.
#[macro_export]
macro_rules! on_both {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $test() { super::$test(&$crate::common::Backend::sqlite()) })*
        }
        mod postgres {
            $(#[test] fn $test() {
                if let Some(b) = $crate::common::Backend::postgres(stringify!($test)) {
                    super::$test(&b)
                }
            })*
        }
    };
}

/// A real server on one backend, seeded with the demo users.
pub struct Backend {
    pub url: String,
    pub storage: Arc<dyn AuditedStorage>,
    pub portfolio: demo::Portfolio,
    _dir: tempfile::TempDir,
    _schema: Option<TestSchema>,
}

impl Backend {
    pub fn sqlite() -> Backend {
        let dir = tempfile::TempDir::new().unwrap();
        let storage = Arc::new(SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap());
        Backend::serve(storage, dir, None)
    }

    /// On PostgreSQL in a schema of its own; `None` when the PostgreSQL
    /// tests are skipped (never under CI or `PARTNER_REQUIRE_POSTGRES`).
    pub fn postgres(name: &str) -> Option<Backend> {
        let schema = TestSchema::create(name)?;
        let storage = Arc::new(PgStorage::connect(&schema.url).unwrap());
        Some(Backend::serve(
            storage,
            tempfile::TempDir::new().unwrap(),
            Some(schema),
        ))
    }

    fn serve(
        storage: Arc<dyn AuditedStorage>,
        dir: tempfile::TempDir,
        schema: Option<TestSchema>,
    ) -> Backend {
        let (url, portfolio) = super::serve_seeded(storage.clone(), 30, 1, today(), now);
        Backend {
            url,
            storage,
            portfolio,
            _dir: dir,
            _schema: schema,
        }
    }

    /// A session token of `login` on the device `device`.
    pub fn token(&self, login: &str, device: u128) -> String {
        let mut t = HttpTransport::new(&self.url).unwrap();
        t.login(&LoginRequest {
            login: login.into(),
            password: PASSWORD.into(),
            device_id: Uuid::from_u128(device),
            device_name: "x".into(),
            certificate_request: None,
        })
        .unwrap()
        .token
    }

    /// The cases of the first advisor as the server holds them, by id.
    pub fn held(&self) -> Vec<CaseFileDto> {
        let a = self.portfolio.advisors[0].id.0;
        let mut held = server_storage::Audit::cases_of(self.storage.as_ref(), a).unwrap();
        held.sort_by_key(|c| c.id);
        held
    }

    /// The case as the server stores it.
    pub fn stored(&self, id: Uuid) -> CaseFileDto {
        self.storage.case(id).unwrap().unwrap()
    }

    /// Posts `body` to `path` with `token`; the HTTP status and the text.
    pub fn post(&self, token: &str, path: &str, body: &serde_json::Value) -> (u16, String) {
        let res = reqwest::blocking::Client::new()
            .post(format!("{}{}", self.url, path))
            .header(VERSION_HEADER, "1")
            .bearer_auth(token)
            .json(body)
            .send()
            .unwrap();
        let status = res.status().as_u16();
        (status, res.text().unwrap())
    }

    /// Uploads raw mutations; the HTTP status and the receipts (if the
    /// server answered with them).
    pub fn upload(&self, token: &str, mutations: &[serde_json::Value]) -> (u16, Vec<Receipt>) {
        let (status, text) = self.post(
            token,
            paths::UPLOAD,
            &serde_json::json!({ "mutations": mutations }),
        );
        let receipts = serde_json::from_str::<UploadResponse>(&text)
            .map(|r| r.receipts)
            .unwrap_or_default();
        (status, receipts)
    }

    /// The back office stores a case over HTTP, as its screen would.
    pub fn put_case(&self, token: &str, file: &CaseFileDto) {
        let (status, text) = self.post(
            token,
            server::admin_paths::PUT_CASE,
            &serde_json::to_value(file).unwrap(),
        );
        assert_eq!(status, 204, "{text}");
    }
}
