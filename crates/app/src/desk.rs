//! The back office's desk use cases (issue #12).
