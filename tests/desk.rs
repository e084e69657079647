//! The back office's desk end to end (issue #12), on both backends.
