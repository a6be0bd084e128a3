//! Designs: N points in the unit cube [0, 1]^k, drawn from a seed.
//!
//! Every design draws from ChaCha8 keyed by the master seed on the design
//! stream ([`DESIGN_STREAM`]), never on a run's stream, so a design does not
//! disturb the common random numbers of the runs it feeds.

use std::fmt;
use std::str::FromStr;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::sobol_sequence::SobolSequence;

/// The ChaCha8 stream designs draw from (stream 0: run i uses stream i + 1).
pub const DESIGN_STREAM: u64 = 0;

/// The first stream of bootstrap resamples: resample b uses stream
/// `BOOTSTRAP_STREAM + b`, far above any run's stream.
pub const BOOTSTRAP_STREAM: u64 = 1 << 62;

/// The first stream of `run --uncertain`'s parameter draws: run i draws its
/// parameters on stream `PARAMETER_STREAM + i`.
pub const PARAMETER_STREAM: u64 = 1 << 63;

/// A generator on stream `stream` of the master seed.
pub fn stream_rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// A uniform in (0, 1): the midpoint of one of 2^53 cells.
pub fn unit<R: Rng>(rng: &mut R) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

/// A uniform index in 0..n (Lemire's multiply-shift; the bias, under n/2^64,
/// is negligible for any n used here).
pub fn index<R: Rng>(rng: &mut R, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// How the points of `catch22 explore` are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Latin hypercube: each coordinate's N values fall one in each of N
    /// equal strata, paired at random across coordinates (McKay, Beckman and
    /// Conover 1979).
    Lhs,
    /// The first N points of a scrambled Sobol' sequence.
    Sobol,
    /// Independent uniforms.
    Random,
}

impl Design {
    /// The design's name, as `--design` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Design::Lhs => "lhs",
            Design::Sobol => "sobol",
            Design::Random => "random",
        }
    }

    /// N points in k dimensions, row by row (`n × k` numbers in (0, 1)).
    pub fn points(self, n: usize, k: usize, seed: u64) -> Result<Vec<f64>, String> {
        let mut rng = stream_rng(seed, DESIGN_STREAM);
        Ok(match self {
            Design::Random => (0..n * k).map(|_| unit(&mut rng)).collect(),
            Design::Sobol => SobolSequence::scrambled(k, &mut rng)?.points(n),
            Design::Lhs => {
                let mut out = vec![0.0; n * k];
                let mut strata: Vec<usize> = Vec::with_capacity(n);
                for d in 0..k {
                    strata.clear();
                    strata.extend(0..n);
                    // Fisher-Yates.
                    for i in (1..n).rev() {
                        strata.swap(i, index(&mut rng, i + 1));
                    }
                    for (i, s) in strata.iter().enumerate() {
                        out[i * k + d] = (*s as f64 + unit(&mut rng)) / n as f64;
                    }
                }
                out
            }
        })
    }
}

impl fmt::Display for Design {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Design {
    type Err = String;

    fn from_str(s: &str) -> Result<Design, String> {
        match s {
            "lhs" => Ok(Design::Lhs),
            "sobol" => Ok(Design::Sobol),
            "random" => Ok(Design::Random),
            _ => Err(format!("`{s}` is not a design: use lhs, sobol or random")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_hypercube_fills_every_stratum() {
        let (n, k) = (50, 3);
        let p = Design::Lhs.points(n, k, 9).unwrap();
        for d in 0..k {
            let mut strata: Vec<usize> =
                (0..n).map(|i| (p[i * k + d] * n as f64) as usize).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..n).collect::<Vec<_>>());
        }
        assert_eq!(p, Design::Lhs.points(n, k, 9).unwrap());
        assert_ne!(p, Design::Lhs.points(n, k, 10).unwrap());
    }

    #[test]
    fn every_design_is_inside_the_cube_and_seeded() {
        for d in [Design::Lhs, Design::Sobol, Design::Random] {
            let p = d.points(64, 5, 1).unwrap();
            assert_eq!(p.len(), 320);
            assert!(p.iter().all(|x| *x > 0.0 && *x < 1.0));
            assert_eq!(p, d.points(64, 5, 1).unwrap(), "{d}");
            assert_eq!(d.name().parse::<Design>(), Ok(d));
        }
        assert!("grid".parse::<Design>().is_err());
    }

    #[test]
    fn indices_are_in_range() {
        let mut rng = stream_rng(3, BOOTSTRAP_STREAM);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            seen[index(&mut rng, 7)] += 1;
        }
        assert!(seen.iter().all(|&c| (850..1150).contains(&c)), "{seen:?}");
    }
}
