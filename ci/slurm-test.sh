#!/usr/bin/env bash
# Sharded sweeps on a real Slurm: installs Debian's Slurm and MUNGE, starts a
# one-node cluster by hand (no systemd) with its configuration, state, sockets
# and logs in a temporary directory, submits jobs with scripts/slurm/submit.sh
# and checks that each merged summary is byte-identical to the same job run on
# one machine. Stops every daemon it started.
#
# Usage: bash ci/slurm-test.sh [PATH/TO/catch22]   (default: cargo build --release)
#
# Needs root and apt-get. Without them it prints "SKIPPED: <reason>" and exits
# 0, except in CI (CI=true), where a skip is a failure. CATCH22_SLURM_PORT
# (default 16817, and the next port) moves the daemons' ports; KEEP_WORK=1 keeps
# the temporary directory.
set -euo pipefail
BIN=${1:-}
case $BIN in "" | /*) ;; *) BIN=$PWD/$BIN ;; esac
cd "$(dirname "$0")/.."
ROOT=$PWD
T0=$SECONDS
PASSED=0

SKIPPED=0
skip() {
  SKIPPED=1
  echo "SKIPPED: $*"
  if [ "${CI:-}" = true ]; then
    echo "error: the Slurm test cannot be skipped in CI (CI=true)"
    echo "slurm: 0 passed, 1 failed"
    exit 1
  fi
  exit 0
}
fail() {
  echo "FAIL: $*"
  exit 1
}
step() { printf '[%3ds] %s\n' $((SECONDS - T0)) "$*"; }

[ "$(id -u)" = 0 ] || skip "not root (installs packages and starts slurmctld, slurmd and munged)"
command -v apt-get >/dev/null || skip "no apt-get (needs Debian's slurmctld, slurmd, slurm-client and munge)"

# --- cleanup, whatever happens from here on ----------------------------------------
WORK=
PIDS=()      # daemons we started, in start order
OWN_POLICY=0 # we wrote /usr/sbin/policy-rc.d
OWN_HOSTS=   # the /etc/hosts line we added
cleanup() {
  local rc=$?
  set +e
  if [ ${#PIDS[@]} -gt 0 ]; then
    # no job may outlive the cluster: cancel, then wait until the queue is empty
    if [ "$rc" != 0 ]; then
      scancel --quiet --user=root 2>/dev/null
      for _ in $(seq 1 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
    fi
    for ((k = ${#PIDS[@]} - 1; k >= 0; k--)); do # slurmd, slurmctld, then munged
      kill "${PIDS[k]}" 2>/dev/null
      for _ in $(seq 1 40); do kill -0 "${PIDS[k]}" 2>/dev/null || break; sleep 0.25; done
      kill -KILL "${PIDS[k]}" 2>/dev/null
      wait "${PIDS[k]}" 2>/dev/null
    done
    echo "daemons stopped"
  fi
  if [ "$OWN_POLICY" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  if [ -n "$OWN_HOSTS" ]; then sed -i "\\|^$OWN_HOSTS\$|d" /etc/hosts; fi
  if [ -n "$WORK" ]; then
    if [ "$rc" != 0 ]; then
      for f in "$WORK"/slurm/log/* "$WORK"/jobs/*/logs/*; do
        [ -f "$f" ] && { echo "--- $f"; tail -n 25 "$f"; }
      done
      echo "kept $WORK"
    elif [ "${KEEP_WORK:-0}" = 1 ]; then
      echo "kept $WORK"
    else
      rm -rf "$WORK"
    fi
  fi
  # the closing line, last: "slurm: N passed, N failed" (skip() printed its own)
  if [ "$SKIPPED" = 1 ]; then
    :
  elif [ "$rc" = 0 ]; then
    echo "slurm: $PASSED passed, 0 failed"
  else
    echo "slurm: $PASSED passed, 1 failed"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the binary under test ---------------------------------------------------------
if [ -z "$BIN" ]; then
  command -v cargo >/dev/null || skip "no cargo to build catch22 (or pass the binary as \$1)"
  step "cargo build --release"
  cargo build --release --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/catch22
  case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
fi
[ -x "$BIN" ] || fail "$BIN is not an executable"
"$BIN" merge --help >/dev/null 2>&1 || fail "$BIN has no 'merge' verb"

# --- 1. install ----------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
  ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  step "apt-get install slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' postinst scripts would start the daemons through invoke-rc.d;
  # forbid that unless the image already does (we start them ourselves).
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    OWN_POLICY=1
  fi
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge; } >/tmp/catch22-slurm-apt.log 2>&1 ||
    { tail -n 20 /tmp/catch22-slurm-apt.log; skip "apt-get install of slurm and munge failed"; }
  if [ "$OWN_POLICY" = 1 ]; then rm -f /usr/sbin/policy-rc.d; OWN_POLICY=0; fi
fi

# --- 2. a one-node cluster in a temporary directory ---------------------------------
WORK=$(mktemp -d /tmp/catch22-slurm.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK"/munge "$WORK"/slurm/{state,spool,log} "$WORK"/jobs
install -d -m 0700 "$WORK"/munge-key
# our own MUNGE key, socket and daemon: nothing of a system MUNGE is touched
if command -v mungekey >/dev/null; then
  mungekey --create --keyfile="$WORK"/munge-key/munge.key
else
  dd if=/dev/urandom of="$WORK"/munge-key/munge.key bs=1024 count=1 status=none
fi
chmod 0400 "$WORK"/munge-key/munge.key
SOCK=$WORK/munge/munge.socket
munged --foreground --socket="$SOCK" --key-file="$WORK"/munge-key/munge.key \
  --seed-file="$WORK"/munge-key/seed --pid-file="$WORK"/munge/munged.pid \
  --log-file="$WORK"/slurm/log/munged.log >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 1 40); do [ -S "$SOCK" ] && break; sleep 0.25; done
munge --socket="$SOCK" --no-input | unmunge --socket="$SOCK" >/dev/null || fail "munged does not work"

H=$(hostname -s)
if ! getent hosts "$H" >/dev/null; then # slurmctld must resolve its own host name
  OWN_HOSTS="127.0.0.1 $H # catch22 ci/slurm-test.sh"
  echo "$OWN_HOSTS" >>/etc/hosts
fi
# slurmd -C: "NodeName=vm CPUs=2 Boards=1 SocketsPerBoard=1 CoresPerSocket=2
# ThreadsPerCore=1 RealMemory=24105". Configure 90% of the memory: a node with
# less than configured is drained ("Low RealMemory").
NODE=$(slurmd -C | head -n 1)
MEM=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$NODE")
NODE=$(sed "s/RealMemory=[0-9]*/RealMemory=$((MEM * 9 / 10))/" <<<"$NODE")
PORT=${CATCH22_SLURM_PORT:-16817}
export SLURM_CONF=$WORK/slurm/slurm.conf # read by the daemons and every command
cat >"$SLURM_CONF" <<EOF
ClusterName=catch22ci
SlurmctldHost=$H(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$WORK/slurm/state
SlurmdSpoolDir=$WORK/slurm/spool
SlurmctldPidFile=$WORK/slurm/slurmctld.pid
SlurmdPidFile=$WORK/slurm/slurmd.pid
SlurmctldLogFile=$WORK/slurm/log/slurmctld.log
SlurmdLogFile=$WORK/slurm/log/slurmd.log
# no cgroups, no accounting: plain /proc process tracking, no task binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
# start queued batch jobs as soon as a CPU frees (default: at most every 3 s,
# which made this test's 19 short jobs take 29 s instead of 11 s)
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MailProg=/bin/true
$NODE NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=$H Default=YES MaxTime=INFINITE State=UP
EOF
step "starting munged, slurmctld, slurmd ($WORK)"
slurmctld -D -i >/dev/null 2>&1 &
PIDS+=($!)
slurmd -D >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  [ "$(sinfo -h -n "$H" -o %t 2>/dev/null)" = idle ] && break
  sleep 0.5
done
[ "$(sinfo -h -n "$H" -o %t 2>/dev/null)" = idle ] || fail "node $H did not come up idle: $(sinfo 2>&1)"
step "cluster up: $(sinfo -h -o '%P %D node, %c CPUs, %t')"

# --- 3. jobs --------------------------------------------------------------------------
cd "$WORK"/jobs
SWEEP=(baseline-2025 --vary lifeline.probability=0:0.5:6 --runs 2000 --seed 11)
RUN=(baseline-2025 --runs 3000 --seed 5)
SOBOL=(baseline-2025-uncertain --samples 16 --runs 20)

# submit NAME BINARY ARGS...: submit.sh ARGS with job NAME's parts in
# $WORK/jobs/NAME (ARGS "--resume": resubmit what NAME lacks); records the job ids
declare -A ARRAY_JOB MERGE_JOB
SUBMITTED=
submit() {
  local name=$1 bin=$2 args
  shift 2
  if [ "$1" = --resume ]; then
    args=(--resume "$WORK/jobs/$name")
  else
    args=(--parts "$WORK/jobs/$name" --cpus 1 --mem 200M --time 00:05:00 --merge-time 00:05:00 "$@")
  fi
  SUBMITTED=$(CATCH22=$bin "$ROOT"/scripts/slurm/submit.sh "${args[@]}" 2>&1) ||
    fail "submit.sh ${args[*]}: $SUBMITTED"
  sed "s/^/  $name: /" <<<"$SUBMITTED"
  ARRAY_JOB[$name]=$(sed -n 's/^shards: array job \([0-9]*\).*/\1/p' <<<"$SUBMITTED")
  MERGE_JOB[$name]=$(sed -n 's/^merge: job \([0-9]*\).*/\1/p' <<<"$SUBMITTED")
  if [ -z "${ARRAY_JOB[$name]}" ] || [ -z "${MERGE_JOB[$name]}" ]; then fail "submit.sh printed no job ids"; fi
}
# wait_jobs ID...: until none is pending or running (2 minutes at most)
wait_jobs() {
  local ids
  ids=$(IFS=,; echo "$*")
  for _ in $(seq 1 240); do
    [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  squeue
  fail "jobs $ids still queued after 2 minutes"
}
state() { scontrol show job "$1" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u | paste -sd, -; }
# check NAME VERB ARGS...: the merge completed and its summary equals the one-machine job
check() {
  local name=$1 verb=$2 s
  shift 2
  s=$(state "${MERGE_JOB[$name]}")
  [ "$s" = COMPLETED ] || fail "$name: merge job ${MERGE_JOB[$name]} is $s"
  "$BIN" "$verb" "$@" --quiet --out "$WORK/jobs/$name.expected.csv"
  cmp "$WORK/jobs/$name/summary.csv" "$WORK/jobs/$name.expected.csv" ||
    fail "$name: merged summary differs from catch22 $verb $*"
  PASSED=$((PASSED + 1))
  echo "ok $PASSED - $name: merged summary ($(wc -l <"$WORK/jobs/$name/summary.csv") lines) is byte-identical to catch22 $verb $*"
}

# A binary that fails shard 4 the first time, as a node might: the merge must
# be cancelled, and submit.sh --resume must rerun only that shard, then merge.
cat >"$WORK"/flaky-catch22 <<EOF
#!/bin/sh
if [ "\${SLURM_ARRAY_TASK_ID:-}" = 4 ] && mkdir "$WORK/failed-once" 2>/dev/null; then
  echo "error: shard 4 fails once, on purpose" >&2
  exit 1
fi
exec "$BIN" "\$@"
EOF
chmod +x "$WORK"/flaky-catch22

step "submitting: 4 shards of 6 points; 9 shards of 6 points (one fails once); run in 3 shards; a Sobol' analysis in 3 shards"
submit points4 "$BIN" 4 "${SWEEP[@]}"
submit runs9 "$WORK"/flaky-catch22 9 "${SWEEP[@]}"
submit run3 "$BIN" --run 3 "${RUN[@]}"
VERB=sensitivity submit sobol3 "$BIN" 3 "${SOBOL[@]}"
wait_jobs "${ARRAY_JOB[@]}" "${MERGE_JOB[@]}"
step "jobs done"
check points4 sweep "${SWEEP[@]}"
check run3 run "${RUN[@]}"
check sobol3 sensitivity "${SOBOL[@]}"

s=$(state "${MERGE_JOB[runs9]}")
[ "$s" = CANCELLED ] || fail "runs9: with shard 4 failed the merge should be cancelled, it is $s"
s=$(state "${ARRAY_JOB[runs9]}_4")
[ "$s" = FAILED ] || fail "runs9: shard 4 should have failed, it is $s"
[ ! -e "$WORK/jobs/runs9/part-4.csv" ] || fail "runs9: the failed shard left a part"
echo "  runs9: shard 4 $s, merge ${MERGE_JOB[runs9]} CANCELLED, parts: $(cd "$WORK/jobs/runs9" && echo part-*.csv)"
# what the merge job would have said
if err=$("$BIN" merge "$WORK"/jobs/runs9/part-*.csv --out "$WORK/jobs/runs9.partial.csv" 2>&1); then
  fail "runs9: catch22 merge accepted parts with shard 4 missing"
fi
grep -q '^error: .*4/9' <<<"$err" || fail "runs9: catch22 merge did not name the missing shard 4/9: $err"
echo "  runs9: catch22 merge without part-4: $err"
# 9 shards of 6 points split the runs: every part holds all 6 points (4 rows each)
for f in "$WORK"/jobs/runs9/part-*.csv; do
  [ "$(grep -c '^baseline-2025,' "$f")" = 24 ] || fail "runs9: $f does not hold a share of every point"
done
step "resubmitting the failed shard: submit.sh --resume"
submit runs9 "$BIN" --resume
grep -q "^shards: array job [0-9]*, tasks 4 of 9 " <<<"$SUBMITTED" || fail "runs9: --resume should rerun shard 4 alone"
wait_jobs "${ARRAY_JOB[runs9]}" "${MERGE_JOB[runs9]}"
check runs9 sweep "${SWEEP[@]}"

# The whole array again, by hand as the README shows: every part exists, so
# every task is done at once and no part is rewritten.
step "rerunning all 9 shards of runs9 by hand: sbatch --array=0-8 shard.sbatch"
touch -d '2000-01-01' "$WORK"/jobs/runs9/part-*.csv
A=$(sbatch --parsable --array=0-8 --cpus-per-task=1 --export=ALL,JOB_ENV="$WORK"/jobs/runs9/job.env \
  --output="$WORK/jobs/runs9/logs/again-%A_%a.out" "$ROOT"/scripts/slurm/shard.sbatch)
wait_jobs "$A"
[ "$(state "$A")" = COMPLETED ] || fail "runs9 again: array job $A is $(state "$A")"
[ "$(grep -l 'already done' "$WORK"/jobs/runs9/logs/again-"$A"_*.out | wc -l)" = 9 ] ||
  fail "runs9 again: not every task found its part done"
[ -z "$(find "$WORK"/jobs/runs9 -name 'part-*.csv' -newermt '2000-01-02')" ] ||
  fail "runs9 again: a part was rewritten"
PASSED=$((PASSED + 1))
echo "ok $PASSED - runs9: a rerun of all 9 shards skipped every finished part"

step "done"
