//! The back office's inbox: commands' types (issue #12).
