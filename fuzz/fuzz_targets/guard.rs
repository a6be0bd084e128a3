//! The fuzzer's allocation limit, without AddressSanitizer.
//!
//! libFuzzer's `-malloc_limit_mb` works through the sanitizers' malloc
//! hooks, so a target built without one (`cargo fuzz run -s none`, several
//! times faster; the code under test is safe Rust) would not check it. Every
//! target includes this module (`mod guard;`): a global allocator that
//! aborts, with a one-line message, on any single allocation, reallocation
//! or zeroed allocation of 1 GiB or more, the limit `-malloc_limit_mb=1024`
//! sets (libFuzzer stops at `size >> 20 >= 1024`). libFuzzer reports the
//! abort as a crash (`deadly signal`) and keeps the input in
//! `artifacts/<target>/`. `-rss_limit_mb=1024` still bounds resident memory.

use std::alloc::{GlobalAlloc, Layout, System};

/// The largest allocation allowed is one byte less than this.
const LIMIT: usize = 1 << 30;

struct Guard;

// SAFETY: every call goes to the system allocator unchanged; the guard
// only aborts before a call whose size is at or over the limit.
unsafe impl GlobalAlloc for Guard {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        check(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GUARD: Guard = Guard;

#[inline(always)]
fn check(size: usize) {
    if size >= LIMIT {
        too_big(size);
    }
}

/// Writes `guard: an allocation of N bytes, over the 1 GiB limit` to
/// standard error and aborts. Nothing here allocates: the message is built
/// on the stack (not with `catch22::output::digits::push_u64`, which
/// appends to a `Vec`) and written straight to file descriptor 2.
#[cold]
#[inline(never)]
fn too_big(size: usize) -> ! {
    use std::io::Write;
    use std::os::fd::FromRawFd;
    let mut message = [0u8; 128];
    let mut n = 0;
    let mut put = |bytes: &[u8]| {
        message[n..n + bytes.len()].copy_from_slice(bytes);
        n += bytes.len();
    };
    put(b"\nguard: an allocation of ");
    let mut digits = [0u8; 20];
    let mut d = digits.len();
    let mut rest = size;
    loop {
        d -= 1;
        digits[d] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    put(&digits[d..]);
    put(b" bytes, over the 1 GiB limit (-malloc_limit_mb=1024)\n");
    // SAFETY: descriptor 2 is standard error, open for the whole run; the
    // `File` is never dropped, so it is not closed.
    let mut stderr = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(2) });
    let _ = stderr.write_all(&message[..n]);
    std::process::abort();
}
