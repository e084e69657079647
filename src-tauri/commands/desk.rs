//! The back office's desk commands (issue #12).
