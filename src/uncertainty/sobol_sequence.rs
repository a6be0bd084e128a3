//! The Sobol' low-discrepancy sequence, with the direction numbers of Joe and
//! Kuo, optionally scrambled.
//!
//! Direction numbers: S. Joe and F. Y. Kuo, "Constructing Sobol sequences with
//! better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008)
//! 2635–2654, file `new-joe-kuo-6.21201` (the first 1024 dimensions, in
//! `new-joe-kuo-6.1024.txt` beside this file: `d s a m_1 ... m_s`). Dimension 1
//! is the van der Corput sequence (every m_k = 1), as in the paper.
//!
//! Points are generated in Gray-code order (Antonov and Saleev 1979), as Joe
//! and Kuo's and SciPy's generators do: point n is the XOR of the direction
//! numbers V_b for the bits b set in gray(n) = n XOR (n >> 1). Each coordinate
//! has 32 bits and is read as the midpoint of its cell, (x + 1/2)/2^32, so no
//! coordinate is exactly 0 or 1.
//!
//! Scrambling (Matoušek 1998, "On the L2-discrepancy for anchored boxes",
//! J. Complexity 14: 527–556; Owen 2003, "Variance with alternative
//! scramblings of digital nets", ACM TOMACS 13: 363–378): a random linear
//! matrix scramble — each dimension's direction numbers are multiplied by a
//! random lower-triangular 32×32 bit matrix with a unit diagonal — then a
//! random digital shift (an XOR with 32 random bits). Both preserve the
//! digital-net property (each dimension's first 2^m points fall one in each
//! interval [j/2^m, (j+1)/2^m)), and the scrambled points are uniform on the
//! unit cube, so estimates are unbiased and independent scrambles give
//! independent replicates. SciPy's `qmc.Sobol(scramble=True)` uses the same
//! kind of scramble (with its own random bits).

use std::sync::LazyLock;

use rand::Rng;

/// Bits per coordinate.
pub const BITS: usize = 32;

/// The most dimensions available (Saltelli's scheme needs two per parameter).
pub const MAX_DIMENSIONS: usize = 1024;

/// The most points: 2^32.
pub const MAX_POINTS: u64 = 1 << 32;

/// Joe and Kuo's table for dimensions 2..=1024.
const JOE_KUO: &str = include_str!("new-joe-kuo-6.1024.txt");

/// Direction numbers V_1..V_32 of every dimension (V_1 the most significant bit).
static DIRECTIONS: LazyLock<Vec<[u32; BITS]>> = LazyLock::new(|| {
    let mut all = Vec::with_capacity(MAX_DIMENSIONS);
    all.push(std::array::from_fn(|k| 1u32 << (BITS - 1 - k)));
    for line in JOE_KUO.lines().skip(1) {
        let f: Vec<u64> = line
            .split_whitespace()
            .map(|t| t.parse().expect("the Joe-Kuo table is numbers"))
            .collect();
        let (s, a) = (f[1] as usize, f[2]);
        all.push(directions(s, a, &f[3..3 + s]));
    }
    assert_eq!(all.len(), MAX_DIMENSIONS, "the Joe-Kuo table's length");
    all
});

/// The direction numbers of one dimension from its primitive polynomial of
/// degree `s` (inner coefficients `a`, most significant first) and initial
/// m_1..m_s, by Bratley and Fox's recurrence
/// m_k = 2a_1 m_{k−1} ⊕ 4a_2 m_{k−2} ⊕ … ⊕ 2^{s−1} a_{s−1} m_{k−s+1} ⊕ 2^s m_{k−s} ⊕ m_{k−s}.
fn directions(s: usize, a: u64, initial: &[u64]) -> [u32; BITS] {
    let mut m = [0u64; BITS];
    for k in 0..BITS {
        m[k] = if k < s {
            initial[k]
        } else {
            let mut x = m[k - s] ^ (m[k - s] << s);
            for j in 1..s {
                if (a >> (s - 1 - j)) & 1 == 1 {
                    x ^= m[k - j] << j;
                }
            }
            x
        };
    }
    std::array::from_fn(|k| (m[k] << (BITS - 1 - k)) as u32)
}

/// A Sobol' sequence in `dims` dimensions, plain or scrambled.
#[derive(Debug, Clone)]
pub struct SobolSequence {
    /// Direction numbers per dimension (scrambled when asked).
    v: Vec<[u32; BITS]>,
    /// The digital shift per dimension (0 when plain).
    shift: Vec<u32>,
}

impl SobolSequence {
    /// The plain sequence (the first point is the origin's cell).
    pub fn new(dims: usize) -> Result<SobolSequence, String> {
        if !(1..=MAX_DIMENSIONS).contains(&dims) {
            return Err(format!(
                "a Sobol' sequence has 1 to {MAX_DIMENSIONS} dimensions, not {dims}"
            ));
        }
        Ok(SobolSequence {
            v: DIRECTIONS[..dims].to_vec(),
            shift: vec![0; dims],
        })
    }

    /// The sequence with a random linear matrix scramble and digital shift
    /// drawn from `rng` (dimension by dimension: 32 words for the matrix's
    /// rows, then one for the shift).
    pub fn scrambled<R: Rng>(dims: usize, rng: &mut R) -> Result<SobolSequence, String> {
        let mut s = SobolSequence::new(dims)?;
        for d in 0..dims {
            // Row i (output bit of weight 2^-(i+1)) mixes input bits 0..=i:
            // a unit diagonal and random bits above it.
            let rows: [u32; BITS] = std::array::from_fn(|i| {
                let diagonal = 1u32 << (BITS - 1 - i);
                let above = !(diagonal - 1) & !diagonal;
                diagonal | (rng.next_u32() & above)
            });
            for v in s.v[d].iter_mut() {
                *v = rows.iter().enumerate().fold(0u32, |acc, (i, row)| {
                    acc | (((row & *v).count_ones() & 1) << (BITS - 1 - i))
                });
            }
            s.shift[d] = rng.next_u32();
        }
        Ok(s)
    }

    /// The number of dimensions.
    pub fn dims(&self) -> usize {
        self.v.len()
    }

    /// The 32-bit integer coordinates of point `index` (0-based) into `out`.
    pub fn point_bits(&self, index: u64, out: &mut [u32]) {
        let gray = index ^ (index >> 1);
        for (d, slot) in out.iter_mut().enumerate().take(self.dims()) {
            let mut x = self.shift[d];
            let mut g = gray;
            let mut b = 0;
            while g != 0 {
                if g & 1 == 1 {
                    x ^= self.v[d][b];
                }
                g >>= 1;
                b += 1;
            }
            *slot = x;
        }
    }

    /// The first `n` points, row by row (`n × dims` numbers in (0, 1)), each
    /// coordinate the midpoint of its 2^-32 cell. Sequential generation: each
    /// point differs from the last in one direction number.
    pub fn points(&self, n: usize) -> Vec<f64> {
        let k = self.dims();
        let mut out = Vec::with_capacity(n * k);
        let mut x = self.shift.clone();
        for i in 0..n {
            if i > 0 {
                // Gray code: point i = point i-1 XOR V_c, c = trailing zeros of i.
                let c = (i as u64).trailing_zeros() as usize;
                for (d, xd) in x.iter_mut().enumerate() {
                    *xd ^= self.v[d][c];
                }
            }
            out.extend(x.iter().map(|&b| crate::model::transition::uniform(b)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// SciPy 1.17.1's direction numbers (`qmc.Sobol(d=1024, bits=32)._sv`)
    /// and unscrambled points, for dimensions 1-16, 100, 255, 256, 511, 512,
    /// 1000 and 1024 (`tests/data/uncertainty/README.md`).
    #[test]
    fn direction_numbers_and_points_match_scipy() {
        let dirs = include_str!("../../tests/data/uncertainty/sobol-directions.csv");
        for line in dirs.lines().skip(1) {
            let f: Vec<u64> = line.split(',').map(|x| x.parse().unwrap()).collect();
            let d = f[0] as usize;
            let expect: Vec<u32> = f[1..].iter().map(|&x| x as u32).collect();
            assert_eq!(DIRECTIONS[d - 1].to_vec(), expect, "dimension {d}");
        }
        let points = include_str!("../../tests/data/uncertainty/sobol-unscrambled.csv");
        let mut lines = points.lines();
        let dims: Vec<usize> = lines
            .next()
            .unwrap()
            .split(',')
            .skip(1)
            .map(|h| h[1..].parse().unwrap())
            .collect();
        let s = SobolSequence::new(MAX_DIMENSIONS).unwrap();
        let mut bits = vec![0u32; MAX_DIMENSIONS];
        for line in lines {
            let f: Vec<u64> = line.split(',').map(|x| x.parse().unwrap()).collect();
            s.point_bits(f[0], &mut bits);
            for (c, d) in dims.iter().enumerate() {
                assert_eq!(
                    u64::from(bits[d - 1]),
                    f[c + 1],
                    "point {} dimension {d}",
                    f[0]
                );
            }
        }
    }

    #[test]
    fn the_first_points_are_the_textbook_ones() {
        let s = SobolSequence::new(2).unwrap();
        let p = s.points(4);
        let half = 0.5 / 4_294_967_296.0;
        let expect = [0.0, 0.0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75];
        for (a, b) in p.iter().zip(expect) {
            assert_eq!(*a, b + half);
        }
    }

    #[test]
    fn sequential_and_random_access_agree() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let s = SobolSequence::scrambled(40, &mut rng).unwrap();
        let p = s.points(300);
        let mut bits = vec![0u32; 40];
        for i in [0usize, 1, 2, 77, 128, 255, 299] {
            s.point_bits(i as u64, &mut bits);
            for d in 0..40 {
                assert_eq!(
                    p[i * 40 + d],
                    crate::model::transition::uniform(bits[d]),
                    "{i} {d}"
                );
            }
        }
    }

    /// Each dimension's first 2^m points fall one in each dyadic interval,
    /// plain or scrambled; and every pair of dimensions 1..=8 is a (0, m, 2)-net
    /// for m = 4 in the plain sequence's first two dimensions.
    #[test]
    fn scrambling_keeps_the_net_property() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for s in [
            SobolSequence::new(64).unwrap(),
            SobolSequence::scrambled(64, &mut rng).unwrap(),
        ] {
            let n = 1 << 10;
            let p = s.points(n);
            for d in 0..64 {
                let mut seen = vec![false; n];
                for i in 0..n {
                    let cell = (p[i * 64 + d] * n as f64) as usize;
                    assert!(!seen[cell], "dimension {d}: two points in cell {cell}");
                    seen[cell] = true;
                }
            }
            // Dimensions 1 and 2 form a (0, m, 2)-net: 16 points, one per 4x4 cell.
            let mut cells = [false; 16];
            for i in 0..16 {
                let (x, y) = (p[i * 64], p[i * 64 + 1]);
                let c = (x * 4.0) as usize * 4 + (y * 4.0) as usize;
                assert!(!cells[c]);
                cells[c] = true;
            }
        }
    }

    #[test]
    fn scrambles_depend_on_the_seed_only() {
        let draw = |seed| {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            SobolSequence::scrambled(6, &mut rng).unwrap().points(8)
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }

    #[test]
    fn dimensions_are_bounded() {
        assert!(SobolSequence::new(0).is_err());
        assert!(SobolSequence::new(MAX_DIMENSIONS).is_ok());
        assert!(SobolSequence::new(MAX_DIMENSIONS + 1).is_err());
    }
}
