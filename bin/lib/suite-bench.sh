# shellcheck shell=bash
# bin/suite bench: glue only. The bench itself is Java (system-tests' org.safepolicing.systemtests.bench.SuiteBench),
# run on system-tests' test classpath against the stack `bin/suite up` runs. Its figures: .suite/bench/.

# Per-caller rate limits the services get from `bin/suite up --bench-limits` (environment variables of MicroProfile
# Config, platform.rate-limit.<name>.per-minute): high enough that the bench measures the services, not the limiter.
BENCH_LIMIT_NAMES=(PER_MINUTE CHECK_PER_MINUTE ELIGIBILITY_PER_MINUTE PUBLIC_REGISTRY_PER_MINUTE
  AGENCY_SEARCH_PER_MINUTE BODY_SEARCH_PER_MINUTE REPORTING_SEARCH_PER_MINUTE GRANTS_SEARCH_PER_MINUTE
  ELIGIBILITY_REPORT_PER_MINUTE CORESPONDER_SEARCH_PER_MINUTE SURVEY_PER_MINUTE AUDIT_SEARCH_PER_MINUTE)

export_bench_limits() {
  local n
  for n in "${BENCH_LIMIT_NAMES[@]}"; do
    export "PLATFORM_RATE_LIMIT_$n=100000000"
  done
}

# Compiles system-tests' test classes when a bench source is newer than them, and writes its test classpath once.
ensure_bench_built() {
  local classes="$SUITE_ROOT/system-tests/target/test-classes" cp="$SUITE_ROOT/system-tests/target/bench-classpath.txt"
  local main="$classes/org/safepolicing/systemtests/bench/SuiteBench.class" log
  mkdir -p "$SUITE_LOGS"
  log=$(log_file bench-build)
  if [ ! -f "$main" ] || [ -n "$(find "$SUITE_ROOT/system-tests/src/test/java" -newer "$main" -name '*.java' | head -n1)" ] ||
    [ ! -s "$cp" ] || [ "$SUITE_ROOT/system-tests/pom.xml" -nt "$cp" ]; then
    step "compiling the bench: ./mvnw -B -q -pl system-tests test-compile dependency:build-classpath"
    if ! (cd "$SUITE_ROOT" && ./mvnw -B -q -pl system-tests test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$cp") >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      die "the bench did not compile (whole log: .suite/logs/bench-build.log)"
    fi
  fi
}

suite_bench() {
  local a c
  for a in "$@"; do
    case "$a" in
      -h | --help) die "usage: bin/suite bench [--quick] [--only PART,...] [--rebuild-events N] [--catch-up-seconds N] [--rates R,...] [--step-seconds N] [--agencies N] [--drain-seconds N]; parts: sweep import hiring reads writes rebuild services (system-tests/README.md)" ;;
    esac
  done
  use_jdk
  # every component running and ready (an external PostgreSQL or Kafka is not looked at)
  if ! c=$(first_not_serving); then
    die "${c:-the stack} is not running: start the stack first (bin/suite up --bench-limits), then bin/suite bench"
  fi
  ensure_bench_built
  # the HTTP load of reads and writes: wrk when installed (a Java client on the same cores measures itself as much as
  # the service), else the bench's Java client; the rows say which
  command -v wrk >/dev/null 2>&1 ||
    ensure_debian_packages "wrk for the bench's HTTP load" "reads and writes are measured by the bench's Java client" \
      wrk-install wrk
  mkdir -p "$SUITE_DIR/bench"
  cd "$SUITE_ROOT"
  # shellcheck disable=SC2046
  exec "$SUITE_JAVA" -Xmx1g -XX:+UseParallelGC \
    -cp "$SUITE_ROOT/system-tests/target/test-classes:$(cat "$SUITE_ROOT/system-tests/target/bench-classpath.txt")" \
    org.safepolicing.systemtests.bench.SuiteBench --suite-dir "$SUITE_DIR" --out "$SUITE_DIR/bench" "$@"
}
