//! The back office's inbox on the wire (issue #12): everything the field
//! sent, paged, filtered and decided once (`office_paths`).
