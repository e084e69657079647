//! The back office's inbox calls (issue #12).
