//! `x-amzn-RequestId` values: UUID-shaped, unique per server (a counter mixed
//! with a per-server seed), with no dependency on a random-number crate.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub(super) struct RequestIds {
    seed: u64,
    counter: AtomicU64,
}

impl RequestIds {
    pub(super) fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let local = 0u8;
        let address = std::ptr::addr_of!(local) as usize as u64;
        Self {
            seed: splitmix64(nanos ^ (u64::from(std::process::id()) << 32) ^ address),
            counter: AtomicU64::new(0),
        }
    }

    /// The next id, like `1f3a9c2e-77d0-4b1e-9a4c-0c1d2e3f4a5b` (version 4 layout).
    pub(super) fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let a = splitmix64(self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let b = splitmix64(a ^ self.seed.rotate_left(17));
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            ((b >> 48) & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff,
        )
    }
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
