//! The back office's inbox use cases (issue #12).
