//! The back office's inbox end to end (issue #12), on both backends.
