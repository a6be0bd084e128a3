#!/usr/bin/env bash
# Submits a sharded catch22 job to Slurm: a job array of N shards
# (shard.sbatch), then the merge (merge.sbatch) with
# --dependency=afterok on the array, so it runs once every shard succeeded.
# Prints both job ids. See README.md beside this file.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: submit.sh [OPTIONS] N SCENARIO [CATCH22 ARGUMENTS...]
       submit.sh [OPTIONS] --resume PARTS_DIR

Runs `catch22 sweep SCENARIO ARGUMENTS... --shard I/N --out PARTS_DIR/part-I.csv`
as array tasks I = 0..N-1, then `catch22 merge` of the parts into the summary
CSV, byte-identical to `catch22 sweep SCENARIO ARGUMENTS...` on one machine.

  N          number of shards (array tasks 0..N-1)
  SCENARIO   scenario file or shipped name
  ARGUMENTS  e.g. --vary lifeline.probability=0:0.5:6 --runs 100000 --seed 7

Options (environment variable in brackets; defaults in shard.sbatch/merge.sbatch):
  --parts DIR        parts, logs and job.env [PARTS_DIR, default ./catch22-parts-DATE-TIME]
  --out FILE         the merged summary CSV [OUT, default DIR/summary.csv]
  --run              shard `catch22 run` instead of `catch22 sweep` [VERB=run]
                     (VERB=explore or VERB=sensitivity in the environment shard
                     those verbs; the merge writes their samples or indices)
  --cpus C           CPUs per shard, passed on as --threads [CPUS, default 4]
  --mem M            memory per shard [MEM, default 1G]
  --time T           time limit per shard [TIME, default 02:00:00]
  --max-running K    run at most K shards at once (--array=...%K) [MAX_RUNNING]
  --merge-time T     time limit of the merge [MERGE_TIME, default 00:30:00]
  --merge-mem M      memory of the merge [MERGE_MEM, default 2G]
  --resume DIR       resubmit the shards of DIR's job that have no part yet
                     (failed, cancelled, timed out), then the merge
  -h, --help         this help

The binary is $CATCH22 (default: catch22 on PATH), resolved to an absolute path
here: the nodes must see it, and DIR, at the same paths. Partition, account,
QOS: sbatch's own SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_QOS variables.
EOF
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() {
  echo "error: $*" >&2
  exit 2
}
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }

# Options are kept apart and applied last, so that with --resume they override
# what job.env recorded.
declare -A opt=()
RESUME=
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --run) opt[VERB]=run; shift ;;
    --parts | --out | --cpus | --mem | --time | --max-running | --merge-time | --merge-mem | --resume)
      [ $# -ge 2 ] || die "$1 needs a value (see --help)"
      case $1 in
        --parts) opt[PARTS_DIR]=$2 ;;
        --out) opt[OUT]=$2 ;;
        --cpus) opt[CPUS]=$2 ;;
        --mem) opt[MEM]=$2 ;;
        --time) opt[TIME]=$2 ;;
        --max-running) opt[MAX_RUNNING]=$2 ;;
        --merge-time) opt[MERGE_TIME]=$2 ;;
        --merge-mem) opt[MERGE_MEM]=$2 ;;
        --resume) RESUME=$2 ;;
      esac
      shift 2 ;;
    --) shift; break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) break ;;
  esac
done

command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"

if [ -n "$RESUME" ]; then
  [ $# -eq 0 ] || die "--resume DIR takes no N, SCENARIO or arguments (they are in DIR/job.env)"
  [ -z "${opt[PARTS_DIR]:-}" ] || die "--resume DIR and --parts cannot be combined"
  JOB_ENV=$(absolute "$RESUME")/job.env
  [ -f "$JOB_ENV" ] || die "$JOB_ENV not found: --resume needs a directory that submit.sh submitted"
  # shellcheck source=/dev/null
  source "$JOB_ENV"
  for k in "${!opt[@]}"; do printf -v "$k" '%s' "${opt[$k]}"; done
else
  [ $# -ge 2 ] || die "give N (shards) and SCENARIO, or --resume DIR (see --help)"
  SHARDS=$1 SCENARIO=$2
  shift 2
  for k in "${!opt[@]}"; do printf -v "$k" '%s' "${opt[$k]}"; done
  [[ $SHARDS =~ ^[1-9][0-9]*$ ]] || die "N must be a whole number of shards, 1 or more (got '$SHARDS')"
  # array indices must be below the cluster's MaxArraySize (1001 by default)
  MAX_ARRAY=$(scontrol show config 2>/dev/null | awk '$1 == "MaxArraySize" { print $3 }') || true
  if [ -n "$MAX_ARRAY" ] && [ "$SHARDS" -gt "$MAX_ARRAY" ]; then
    die "$SHARDS shards, but this cluster's MaxArraySize is $MAX_ARRAY (tasks 0..$((MAX_ARRAY - 1))): use fewer, larger shards (--cpus)"
  fi
  for a in "$@"; do
    case $a in
      --shard | --shard=* | --out | --out=* | --threads | --threads=*)
        die "$a is set by the job scripts (--shard I/N, --out PARTS_DIR/part-I.csv, --threads from --cpus): leave it out" ;;
      --per-run | --per-run=*)
        die "--per-run is not supported by these scripts (every shard would write the same file)" ;;
    esac
  done
  CATCH22_PATH=$(command -v "${CATCH22:-catch22}") ||
    die "catch22 binary '${CATCH22:-catch22}' not found: put it on PATH or set CATCH22=/path/to/catch22"
  CATCH22=$(absolute "$CATCH22_PATH")
  VERB=${VERB:-sweep}
  case $VERB in sweep | run | explore | sensitivity) ;; *) die "VERB must be sweep, run, explore or sensitivity (got '$VERB')" ;; esac
  # a scenario file is found from any directory; a shipped name stays a name
  if [ -f "$SCENARIO" ]; then SCENARIO=$(absolute "$SCENARIO"); fi
  # shellcheck disable=SC2034 # written to job.env below, with the others
  CATCH22_ARGS=$(if [ $# -gt 0 ]; then printf '%q ' "$@"; fi)
  PARTS_DIR=$(absolute "${PARTS_DIR:-catch22-parts-$(date +%Y%m%d-%H%M%S)}")
  OUT=$(absolute "${OUT:-$PARTS_DIR/summary.csv}")
  JOB_ENV=$PARTS_DIR/job.env
  [ ! -e "$JOB_ENV" ] || die "$PARTS_DIR already holds a job: use --resume $PARTS_DIR, or another --parts"
  mkdir -p "$PARTS_DIR/logs"
  {
    echo "# catch22 sharded job, written by scripts/slurm/submit.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ);"
    echo "# read by shard.sbatch and merge.sbatch, and by submit.sh --resume"
    for k in CATCH22 VERB SCENARIO CATCH22_ARGS SHARDS PARTS_DIR OUT CPUS MEM TIME MAX_RUNNING MERGE_TIME MERGE_MEM; do
      printf '%s=%q\n' "$k" "${!k:-}"
    done
  } >"$JOB_ENV.tmp"
  mv "$JOB_ENV.tmp" "$JOB_ENV"
fi

# The tasks to submit: all of them, or on --resume those without a part
# (a part is renamed into place whole, so an existing part is a finished shard).
if [ -z "$RESUME" ]; then
  INDICES="0-$((SHARDS - 1))"
else
  INDICES='' start='' prev=''
  flush() { if [ -n "$start" ]; then INDICES+="${INDICES:+,}$start$([ "$prev" = "$start" ] || echo "-$prev")"; fi; }
  for ((i = 0; i < SHARDS; i++)); do
    if [ -s "$PARTS_DIR/part-$i.csv" ]; then continue; fi
    if [ -n "$prev" ] && [ "$i" = $((prev + 1)) ]; then prev=$i; else flush; start=$i prev=$i; fi
  done
  flush
fi

export JOB_ENV # sbatch --export=ALL hands it to the jobs, which source it
ARRAY_JOB=
if [ -n "$INDICES" ]; then
  sb=(--parsable --export=ALL --array="$INDICES${MAX_RUNNING:+%$MAX_RUNNING}"
    --output="$PARTS_DIR/logs/shard-%A_%a.out")
  if [ -n "${CPUS:-}" ]; then sb+=(--cpus-per-task="$CPUS"); fi
  if [ -n "${MEM:-}" ]; then sb+=(--mem="$MEM"); fi
  if [ -n "${TIME:-}" ]; then sb+=(--time="$TIME"); fi
  ARRAY_JOB=$(sbatch "${sb[@]}" "$HERE/shard.sbatch")
  ARRAY_JOB=${ARRAY_JOB%%;*} # --parsable prints id;cluster on multi-cluster sites
  echo "shards: array job $ARRAY_JOB, tasks $INDICES of $SHARDS -> $PARTS_DIR/part-I.csv (logs in $PARTS_DIR/logs)"
else
  echo "shards: all $SHARDS parts are in $PARTS_DIR, none to run"
fi

sb=(--parsable --export=ALL --output="$PARTS_DIR/logs/merge-%j.out")
# afterok: only if every task succeeded; with a failed task the merge is
# cancelled (kill-on-invalid-dep) instead of pending forever
if [ -n "$ARRAY_JOB" ]; then sb+=(--dependency="afterok:$ARRAY_JOB" --kill-on-invalid-dep=yes); fi
if [ -n "${MERGE_TIME:-}" ]; then sb+=(--time="$MERGE_TIME"); fi
if [ -n "${MERGE_MEM:-}" ]; then sb+=(--mem="$MERGE_MEM"); fi
if ! MERGE_JOB=$(sbatch "${sb[@]}" "$HERE/merge.sbatch"); then
  die "the merge was not submitted; once the shards are done: $0 --resume $PARTS_DIR"
fi
MERGE_JOB=${MERGE_JOB%%;*}
echo "merge: job $MERGE_JOB${ARRAY_JOB:+, after every task of $ARRAY_JOB succeeds} -> $OUT"
echo "watch: squeue -j ${ARRAY_JOB:+$ARRAY_JOB,}$MERGE_JOB; if a shard fails: $0 --resume $PARTS_DIR"
