//! End to end: the real binary as a user runs it, in a terminal (tmux) for
//! the simulator, over SSH for the classroom server, and stopped by signals.
//! Kept apart from the heavy computations so that their waits measure the
//! program, not a machine busy with other tests.

#[path = "../support/mod.rs"]
mod support;

mod interrupt;
mod russh_client;
mod serve_door;
mod serve_ssh;
mod tui;
