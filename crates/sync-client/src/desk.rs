//! The back office's desk calls (issue #12).
