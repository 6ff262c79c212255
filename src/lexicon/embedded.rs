//! The shipped lexicon, compiled ahead by build.rs: its entries as Rust
//! data and its automaton serialized, so nothing is parsed or compiled when
//! the program starts.

use super::schema::{Compound, Position, StaticEntry, StaticFile, StaticForm};
use crate::diagnostic::{Applicability, Severity};

include!(concat!(env!("OUT_DIR"), "/lexicon_data.rs"));
