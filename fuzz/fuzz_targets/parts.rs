#![no_main]
//! Fuzz target: see `catch22::fuzzing::parts`.

use libfuzzer_sys::fuzz_target;

mod guard;

fuzz_target!(|data: &[u8]| catch22::fuzzing::parts(data));
