//! The back office's desk on the wire (issue #12): portfolio search,
//! closing and reopening cases, devices and users (`desk_paths`).
