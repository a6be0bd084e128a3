//! A small per-thread memo of pure functions of the parameters and the
//! horizon, so that the forecast Iran reads every round costs a lookup
//! rather than `powf`, `ln` and quotients.
//!
//! A point's runs ask for a handful of keys (one per enforcement level, say)
//! over the rounds left, again and again: the memo is set-associative by the
//! horizon n, with `WAYS` keys per set replaced in turn. It stores what the
//! function returned, so a hit is bit for bit a fresh call; a key is the
//! exact bits of the function's inputs, so a parameter set never reads
//! another's values.

/// Sets: one per horizon n modulo this.
const SETS: usize = 128;

/// The memo of a function of (`K`, n) with values `V`.
pub struct Memo<K: Copy + PartialEq, V: Copy, const WAYS: usize> {
    sets: [[(K, i32, V); WAYS]; SETS],
    next: [u8; SETS],
}

impl<K: Copy + PartialEq, V: Copy, const WAYS: usize> Memo<K, V, WAYS> {
    /// An empty memo; `key` and `value` fill its entries, marked unused by
    /// the horizon −1 (never asked for).
    pub const fn new(key: K, value: V) -> Self {
        Memo {
            sets: [[(key, -1, value); WAYS]; SETS],
            next: [0; SETS],
        }
    }

    /// f(key, n), from the memo when it holds it; n ≥ 0.
    #[inline]
    pub fn get(&mut self, key: K, n: i32, f: impl FnOnce() -> V) -> V {
        let i = n as usize % SETS;
        let set = &mut self.sets[i];
        for entry in set.iter() {
            if entry.1 == n && entry.0 == key {
                return entry.2;
            }
        }
        let value = f();
        let way = usize::from(self.next[i]) % WAYS;
        set[way] = (key, n, value);
        self.next[i] = ((way + 1) % WAYS) as u8;
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_return_what_the_function_returned_and_misses_call_it() {
        let mut memo: Memo<u64, f64, 2> = Memo::new(0, 0.0);
        let calls = std::cell::Cell::new(0);
        let mut f = |k: u64, n: i32| {
            memo.get(k, n, || {
                calls.set(calls.get() + 1);
                (k as f64).powf(f64::from(n) / 4.0)
            })
        };
        // Three keys in a set of two ways, over more horizons than sets:
        // every answer is the function's, whatever was evicted.
        for pass in 0..3 {
            for n in 0..300 {
                for k in [2, 3, 5] {
                    let want = (k as f64).powf(f64::from(n) / 4.0);
                    assert_eq!(f(k, n).to_bits(), want.to_bits(), "{pass} {k} {n}");
                }
            }
        }
        assert_eq!(f(7, 1), 7f64.powf(0.25));
        let before = calls.get();
        assert_eq!(f(7, 1), 7f64.powf(0.25));
        assert_eq!(calls.get(), before, "a hit calls nothing");
    }
}
