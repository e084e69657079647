//! The app lock (issue #15): after 15 idle minutes the app asks for the
//! PIN; after 5 wrong PINs only the password (a login online) opens it;
//! after 10 wrong tries in all the replica's key is destroyed — the work not
//! yet synced is lost with it, and the app says how many tries are left
//! before that happens. The rule is here; where the tries are counted (the
//! replica) and what a wipe does (crypto-shredding) are the app's.

use std::time::Duration;

/// Idle time after which the app locks.
pub const IDLE: Duration = Duration::from_secs(15 * 60);
/// Wrong PINs after which only the password opens the app.
pub const PIN_TRIES: u32 = 5;
/// Wrong tries (PINs, then passwords) after which the key is destroyed.
pub const WIPE_AFTER: u32 = 10;
/// From this many tries left before the wipe, the app warns that unsynced
/// work will be lost.
pub const WARN_FROM: u32 = 3;

/// How the app may be opened after `failures` wrong tries in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// With the PIN; `tries_left` PINs before only the password will do.
    Pin { tries_left: u32 },
    /// Only with the password, online; `before_wipe` tries left.
    Password { before_wipe: u32 },
    /// The tries are used up: the key is to be destroyed.
    Wipe,
}

/// The opening after `failures` wrong tries.
pub fn opening(failures: u32) -> Opening {
    if failures >= WIPE_AFTER {
        Opening::Wipe
    } else if failures >= PIN_TRIES {
        Opening::Password {
            before_wipe: WIPE_AFTER - failures,
        }
    } else {
        Opening::Pin {
            tries_left: PIN_TRIES - failures,
        }
    }
}

/// Tries left before the key is destroyed (0 when it is to be).
pub fn before_wipe(failures: u32) -> u32 {
    WIPE_AFTER.saturating_sub(failures)
}

/// Whether the app warns that the next wrong tries destroy unsynced work.
pub fn warns(failures: u32) -> bool {
    let left = before_wipe(failures);
    left > 0 && left <= WARN_FROM
}

/// Whether the app locks after `idle` without the user's action.
pub fn idle_locks(idle: Duration) -> bool {
    idle >= IDLE
}

/// Why a PIN is refused when it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinError {
    /// Not 4 to 8 digits.
    Format,
    /// One digit repeated or a run (1234, 9876): guessed first.
    Guessable,
    /// The two entries differ.
    Mismatch,
}

/// The PIN's length, in digits.
pub const PIN_LEN: std::ops::RangeInclusive<usize> = 4..=8;

/// Checks a new PIN and its repetition.
pub fn check_new_pin(pin: &str, repeat: &str) -> Result<(), PinError> {
    let digits: Vec<u8> = pin.bytes().collect();
    if !PIN_LEN.contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return Err(PinError::Format);
    }
    let steps: Vec<i16> = digits
        .windows(2)
        .map(|w| i16::from(w[1]) - i16::from(w[0]))
        .collect();
    if steps.iter().all(|s| *s == 0)
        || steps.iter().all(|s| *s == 1)
        || steps.iter().all(|s| *s == -1)
    {
        return Err(PinError::Guessable);
    }
    if pin != repeat {
        return Err(PinError::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_ask_for_the_password_ten_wipe() {
        assert_eq!(opening(0), Opening::Pin { tries_left: 5 });
        assert_eq!(opening(4), Opening::Pin { tries_left: 1 });
        // The fifth wrong PIN: the password only, five tries before the wipe.
        assert_eq!(opening(5), Opening::Password { before_wipe: 5 });
        assert_eq!(opening(9), Opening::Password { before_wipe: 1 });
        assert_eq!(opening(10), Opening::Wipe);
        assert_eq!(opening(11), Opening::Wipe);
        assert_eq!(before_wipe(12), 0);
    }

    #[test]
    fn the_last_three_tries_warn() {
        let warned: Vec<u32> = (0..=10).filter(|f| warns(*f)).collect();
        // 7, 8, 9 wrong: 3, 2, 1 tries left before the wipe.
        assert_eq!(warned, [7, 8, 9]);
    }

    #[test]
    fn fifteen_idle_minutes_lock() {
        assert!(!idle_locks(Duration::from_secs(14 * 60 + 59)));
        assert!(idle_locks(Duration::from_secs(15 * 60)));
    }

    #[test]
    fn a_pin_is_four_to_eight_digits_not_a_run() {
        assert_eq!(check_new_pin("4711", "4711"), Ok(()));
        assert_eq!(check_new_pin("20251203", "20251203"), Ok(()));
        assert_eq!(check_new_pin("471", "471"), Err(PinError::Format));
        assert_eq!(
            check_new_pin("471139025", "471139025"),
            Err(PinError::Format)
        );
        assert_eq!(check_new_pin("47a1", "47a1"), Err(PinError::Format));
        assert_eq!(check_new_pin("٤٧١١", "٤٧١١"), Err(PinError::Format));
        assert_eq!(check_new_pin("0000", "0000"), Err(PinError::Guessable));
        assert_eq!(check_new_pin("1234", "1234"), Err(PinError::Guessable));
        assert_eq!(check_new_pin("98765", "98765"), Err(PinError::Guessable));
        assert_eq!(check_new_pin("4711", "4712"), Err(PinError::Mismatch));
    }
}
