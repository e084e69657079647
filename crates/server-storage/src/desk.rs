//! The desk's records (issue #12): the portfolio search index, closing
//! and reopening, devices and users as the back office sees them.
