//! The back office's desk: commands' types (issue #12).
