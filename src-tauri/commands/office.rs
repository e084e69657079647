//! The back office's inbox commands (issue #12).
