//! The app lock (issue #15): a PIN set on the device, asked after idle
//! minutes and at every start; after five wrong PINs only the password.

use serde::{Deserialize, Serialize};

/// Where the lock stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockView {
    /// A PIN is set on this device (without one the app does not lock).
    pub pin_set: bool,
    pub locked: bool,
    /// Only the password (a login online) opens the app now.
    pub password_only: bool,
    /// PINs left before only the password will do.
    pub pins_left: u32,
    /// Wrong tries left before this device's data is erased.
    pub before_wipe: u32,
    /// The last tries before the wipe: the screen warns
    /// (`domain::lock::warns`).
    pub warn: bool,
    /// Changes not yet synced (lost if the data is erased).
    pub unsynced: u32,
}

/// Sets (or changes) the PIN: 4 to 8 digits, typed twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPinForm {
    pub pin: String,
    pub repeat: String,
}

/// A PIN typed at the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinForm {
    pub pin: String,
}

/// The password typed at the lock after five wrong PINs (checked by the
/// server: online only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordUnlockForm {
    pub password: String,
}
