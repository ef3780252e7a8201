# shellcheck shell=bash
# bin/suite soak: glue only. The soak itself is Java (system-tests' org.safepolicing.systemtests.soak.SuiteSoak), run
# on system-tests' test classpath against the stack `bin/suite up` runs; it kills and restarts that stack's parts (by
# their pid files, and `bin/suite soak --restart NAME` to start one again). Its figures: .suite/soak/.

# Compiles system-tests' test classes when a test source is newer than the soak's main class, and writes the test
# classpath once (the same file as the bench's).
ensure_soak_built() {
  local classes="$SUITE_ROOT/system-tests/target/test-classes" cp="$SUITE_ROOT/system-tests/target/bench-classpath.txt"
  local main="$classes/org/safepolicing/systemtests/soak/SuiteSoak.class" log
  mkdir -p "$SUITE_LOGS"
  log=$(log_file soak-build)
  if [ ! -f "$main" ] || [ -n "$(find "$SUITE_ROOT/system-tests/src/test/java" -newer "$main" -name '*.java' | head -n1)" ] ||
    [ ! -s "$cp" ] || [ "$SUITE_ROOT/system-tests/pom.xml" -nt "$cp" ]; then
    step "compiling the soak: ./mvnw -B -q -pl system-tests test-compile dependency:build-classpath"
    if ! (cd "$SUITE_ROOT" && ./mvnw -B -q -pl system-tests test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$cp") >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      die "the soak did not compile (whole log: .suite/logs/soak-build.log)"
    fi
  fi
}

# Starts one component again after the soak killed it: what `bin/suite up NAME` does, without its build check (a
# source edited meanwhile must not rebuild the project in the middle of a soak). The services get the raised rate
# limits again when the stack had them (SOAK_BENCH_LIMITS, set by suite_soak), and SUITE_POSTGRES_URL when the soak
# points one at its fault proxy.
soak_restart() {
  local name=$1
  is_component "$name" || die "unknown component '$name'"
  use_jdk
  need_curl
  [ "${SOAK_BENCH_LIMITS:-}" = 1 ] && export_bench_limits
  mkdir -p "$SUITE_LOGS" "$SUITE_PIDS" "$SUITE_DATA"
  start_component "$name"
}

suite_soak() {
  local a c pid
  case "${1:-}" in
    --restart) [ $# -eq 2 ] || die "usage: bin/suite soak --restart COMPONENT"; soak_restart "$2"; return ;;
  esac
  for a in "$@"; do
    case "$a" in
      -h | --help) die "usage: bin/suite soak [--quick] [--requests N] [--agencies N] [--workers N] [--kafka-kills N] [--postgres-stops N] [--service-kills N] [--network-faults N] [--gap-seconds N] [--max-minutes N] (system-tests/README.md, Soak)" ;;
    esac
  done
  use_jdk
  if external_postgres || external_kafka; then
    die "the soak kills and restarts PostgreSQL and Kafka: it needs the ones bin/suite starts (unset SUITE_POSTGRES_URL and SUITE_KAFKA_BOOTSTRAP)"
  fi
  # every component running and ready (an external PostgreSQL or Kafka is not looked at)
  if ! c=$(first_not_serving); then
    die "${c:-the stack} is not running: start the stack first (bin/suite up --bench-limits), then bin/suite soak"
  fi
  pid=$(component_pid credentialing)
  if [ -r "/proc/$pid/environ" ] && tr '\0' '\n' <"/proc/$pid/environ" | grep -q '^PLATFORM_RATE_LIMIT_PER_MINUTE='; then
    export SOAK_BENCH_LIMITS=1
  else
    warn "the services run with their production rate limits (start with 'bin/suite up --bench-limits'): the soak's"
    warn "callers will be refused with 429 and wait, so it takes longer"
  fi
  ensure_soak_built
  mkdir -p "$SUITE_DIR/soak"
  cd "$SUITE_ROOT"
  exec "$SUITE_JAVA" -Xmx768m -XX:+UseParallelGC \
    -cp "$SUITE_ROOT/system-tests/target/test-classes:$(cat "$SUITE_ROOT/system-tests/target/bench-classpath.txt")" \
    org.safepolicing.systemtests.soak.SuiteSoak --suite-dir "$SUITE_DIR" --out "$SUITE_DIR/soak" "$@"
}
