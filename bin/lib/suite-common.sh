# shellcheck shell=bash
# Shared by bin/suite: where things live, the components and their ports, process and port helpers.
# Sourced after bin/lib/jdk.sh; expects $SUITE_ROOT to be the repository root.

# shellcheck disable=SC2034 # the settings below are used by the other suite-*.sh files
SUITE_DIR="$SUITE_ROOT/.suite"
SUITE_LOGS="$SUITE_DIR/logs"
SUITE_PIDS="$SUITE_DIR/pids"
SUITE_DATA="$SUITE_DIR/data"
SUITE_DOWNLOADS="$SUITE_DIR/downloads"

KEYCLOAK_PORT=8180
KEYCLOAK_MANAGEMENT_PORT=9180
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
REALM=safe-policing
REALM_URL="$KEYCLOAK_URL/realms/$REALM"
CLI_CLIENT=safe-policing-cli
DEMO_PASSWORD=demo1234

POSTGRES_PORT=15432
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093

# Start order; `down` goes the other way.
INFRA=(postgres kafka keycloak)
SERVICES=(credentialing records coresponder grants)
# The portal starts last: it is the web face of the four services and calls them with the signed-in user's token.
APPS=("${SERVICES[@]}" portal)
ALL_COMPONENTS=("${INFRA[@]}" "${APPS[@]}")

DATABASES=credentialing,records,coresponder,grants
# the services' and the portal's JVM options unless SUITE_SERVICE_JAVA_OPTS is set (suite-stack.sh says why)
SERVICE_JAVA_OPTS="-XX:+UseSerialGC -Xms32m -Xmx384m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
# KEYCLOAK_VERSION, KEYCLOAK_HOME and TOPICS (the partner-readable topics) come from the build: see build_facts.

# name: DEMO_USERS entries are "username|roles and claims"
DEMO_USERS=(
  "doj.admin|doj-admin"
  "body.assessor|body-assessor, body_id=0b0d1e50-0000-4000-8000-000000000001"
  "agency.user|agency-user, ori=VA0290100"
  "other.agency.user|agency-user, ori=MD0030000"
  "grant.officer|grant-officer"
  "hhs.analyst|hhs-analyst"
  "officer.demo|officer, officer_id=0ff1ce20-0000-4000-8000-000000000001"
  "state.board|state-board, state=VA"
  "auditor|auditor"
)

service_port() {
  case "$1" in
    portal) echo 8080 ;; credentialing) echo 8081 ;; records) echo 8082 ;; coresponder) echo 8083 ;; grants) echo 8084 ;;
    *) return 1 ;;
  esac
}
service_module() { if [ "$1" = portal ]; then echo portal; else echo "$1-service"; fi; }
service_jar() { echo "$SUITE_ROOT/$(service_module "$1")/target/quarkus-app/quarkus-run.jar"; }
is_service() { service_port "$1" >/dev/null 2>&1; }

# The ports a component listens on (the first one is the one clients use).
component_ports() {
  case "$1" in
    postgres) echo "$POSTGRES_PORT" ;;
    kafka) echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT" ;;
    keycloak) echo "$KEYCLOAK_PORT $KEYCLOAK_MANAGEMENT_PORT" ;;
    *) service_port "$1" ;;
  esac
}

is_component() {
  local c
  for c in "${ALL_COMPONENTS[@]}"; do [ "$c" = "$1" ] && return 0; done
  return 1
}

# The components named by --only LIST or by plain names, in start order; all of them when none is named.
select_components() {
  local only=() c
  while [ $# -gt 0 ]; do
    case "$1" in
      --only) [ $# -ge 2 ] || die "--only needs a list, e.g. --only keycloak,postgres"; IFS=, read -ra only <<<"$2"; shift ;;
      --only=*) IFS=, read -ra only <<<"${1#--only=}" ;;
      -*) die "unknown option: $1 (see bin/suite help)" ;;
      *) only+=("$1") ;;
    esac
    shift
  done
  [ ${#only[@]} -eq 0 ] && only=("${ALL_COMPONENTS[@]}")
  for c in "${only[@]}"; do is_component "$c" || die "unknown component '$c' (one of: ${ALL_COMPONENTS[*]})"; done
  for c in "${ALL_COMPONENTS[@]}"; do
    [[ " ${only[*]} " == *" $c "* ]] && echo "$c"
  done
  return 0
}

external_postgres() { [ -n "${SUITE_POSTGRES_URL:-}" ]; }
external_kafka() { [ -n "${SUITE_KAFKA_BOOTSTRAP:-}" ]; }

# jdbc:postgresql://host:port/ (always ending in /) that the services get, with the database name appended.
postgres_jdbc_base() {
  if external_postgres; then
    local url="$SUITE_POSTGRES_URL"
    case "$url" in */) ;; *) url="$url/" ;; esac
    echo "$url"
  else
    echo "jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/"
  fi
}
postgres_user() { if external_postgres; then echo "${SUITE_POSTGRES_USER:-postgres}"; else echo postgres; fi; }
postgres_password() { if external_postgres; then echo "${SUITE_POSTGRES_PASSWORD:-postgres}"; else echo postgres; fi; }
kafka_bootstrap() { if external_kafka; then echo "$SUITE_KAFKA_BOOTSTRAP"; else echo "127.0.0.1:$KAFKA_PORT"; fi; }

say() { printf '%s\n' "$*"; }
step() { printf '\n==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need_curl() {
  command -v curl >/dev/null 2>&1 ||
    die "curl is not installed; bin/suite needs it for health checks and Keycloak (Debian: apt-get install curl)."
}

# Finds a JDK 21+ once and exports JAVA_HOME; find_jdk explains what is missing otherwise.
use_jdk() {
  [ -n "${SUITE_JAVA:-}" ] && return 0
  local home
  home=$(find_jdk) || exit 1
  export JAVA_HOME="$home"
  SUITE_JAVA="$home/bin/java"
}

# The local-stack launcher (Java) is built when it is missing or older than its sources (local-stack, event-contracts
# or a pom): the servers, the JSON tool, the build's versions and topics come from it.
launcher_built() {
  local main="$SUITE_ROOT/local-stack/target/classes/org/safepolicing/stack/Launcher.class" changed
  [ -f "$main" ] && [ -f "$SUITE_ROOT/local-stack/target/stack-classpath.txt" ] || return 1
  changed=$(cd "$SUITE_ROOT" && find local-stack/src/main event-contracts/src/main local-stack/pom.xml \
    event-contracts/pom.xml pom.xml -newer "$main" -type f -print -quit 2>/dev/null)
  [ -z "$changed" ]
}

ensure_launcher() {
  launcher_built && return 0
  # bin/suite soak --restart must not rebuild the project in the middle of a soak: what is built is used as it is
  [ "${SUITE_NO_BUILD:-}" = 1 ] && [ -f "$SUITE_ROOT/local-stack/target/stack-classpath.txt" ] && return 0
  local log
  mkdir -p "$SUITE_LOGS"
  log=$(log_file build)
  step "building the local-stack launcher: ./mvnw -B -q -DskipTests install -pl local-stack -am"
  if ! (cd "$SUITE_ROOT" && ./mvnw -B -q -DskipTests install -pl local-stack -am) >"$log" 2>&1; then
    say "--- last lines of .suite/logs/build.log ---" >&2
    tail -n 60 "$log" >&2
    die "the build failed (whole log: .suite/logs/build.log)"
  fi
}

launcher_classpath() {
  echo "$SUITE_ROOT/local-stack/target/classes:$(cat "$SUITE_ROOT/local-stack/target/stack-classpath.txt")"
}

# A short-lived launcher command (json, versions, topics, the supervisor's): a small JVM that starts fast.
launcher_tool() {
  "$SUITE_JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp "$(launcher_classpath)" \
    org.safepolicing.stack.Launcher "$@"
}

# Keycloak's version (the root pom's keycloak.version) and the topics (event-contracts' Topics.ALL), as the launcher
# prints them: never copied here. Sets KEYCLOAK_VERSION, KEYCLOAK_HOME and TOPICS once.
build_facts() {
  [ -n "${KEYCLOAK_VERSION:-}" ] && return 0
  use_jdk
  ensure_launcher
  local versions topics
  versions=$(launcher_tool versions) || die "the launcher could not print the build's versions (Launcher versions)"
  topics=$(launcher_tool topics --partner-readable) || die "the launcher could not print the topics (Launcher topics)"
  KEYCLOAK_VERSION=$(sed -n 's/^keycloak=//p' <<<"$versions")
  [ -n "$KEYCLOAK_VERSION" ] || die "Launcher versions named no keycloak version"
  KEYCLOAK_HOME="$SUITE_DIR/keycloak/keycloak-$KEYCLOAK_VERSION"
  mapfile -t TOPICS <<<"$topics"
}

pid_file() { echo "$SUITE_PIDS/$1.pid"; }
log_file() { echo "$SUITE_LOGS/$1.log"; }

# The pid of a component we started, if its process is still alive; nothing (and status 1) otherwise.
# A pid file whose process is gone, or whose pid now belongs to something that is not a JVM or kc.sh, is stale.
component_pid() {
  local f pid
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(tr -dc '0-9' <"$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -Eq 'java|kc\.sh' || return 1
  fi
  echo "$pid"
}

# Is something listening on 127.0.0.1:PORT?
port_open() {
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Who listens on PORT, as far as this machine lets us see.
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n1
  fi
}

# Fails when one of the component's ports is taken by a process we did not start.
check_ports_free() {
  local name=$1 port owner
  for port in $(component_ports "$name"); do
    if port_open "$port"; then
      owner=$(port_owner "$port")
      die "port $port (for $name) is already taken by a process bin/suite did not start${owner:+ ($owner)}.
  If it is left over from an earlier run, stop it with 'bin/suite down' (or end that process); otherwise free the port."
    fi
  done
}

# HTTP status of a GET (000 when nothing answers).
http_status() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
}

# Health of a component: prints a word and returns 0 when ready.
component_health() {
  local name=$1 code
  case "$name" in
    postgres)
      if port_open "$POSTGRES_PORT"; then echo "accepting connections"; return 0; fi ;;
    kafka)
      if port_open "$KAFKA_PORT"; then echo "accepting connections"; return 0; fi ;;
    keycloak)
      code=$(http_status "$REALM_URL/.well-known/openid-configuration")
      if [ "$code" = 200 ]; then echo "ready (realm $REALM)"; return 0; fi
      echo "not ready (realm answers $code)"; return 1 ;;
    *)
      code=$(http_status "http://127.0.0.1:$(service_port "$name")/q/health/ready")
      if [ "$code" = 200 ]; then echo "ready"; return 0; fi
      echo "not ready (/q/health/ready answers $code)"; return 1 ;;
  esac
  echo "not answering"
  return 1
}

# Starts "$@" in the background, detached from this terminal, output to the component's log, pid to its pid file.
# Environment for the process is given by the caller with `env` or exported variables.
spawn() {
  local name=$1; shift
  local log pid
  log=$(log_file "$name")
  mkdir -p "$SUITE_LOGS" "$SUITE_PIDS"
  printf '\n----- %s: bin/suite starts %s -----\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" >>"$log"
  if command -v setsid >/dev/null 2>&1; then
    # Its own session: Ctrl-C in this terminal or closing it does not reach the component.
    nohup setsid "$@" </dev/null >>"$log" 2>&1 &
  else
    nohup "$@" </dev/null >>"$log" 2>&1 &
  fi
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
}

# The log lines written since the last start by bin/suite.
log_since_start() {
  local log
  log=$(log_file "$1")
  [ -f "$log" ] || return 0
  awk '/^----- .*: bin\/suite starts /{buf=""; next} {buf = buf $0 "\n"} END {printf "%s", buf}' "$log"
}

show_log_tail() {
  say "--- last lines of $(log_file "$1" | sed "s|^$SUITE_ROOT/||") ---" >&2
  log_since_start "$1" | tail -n "${2:-40}" >&2
  say "---" >&2
}

process_group() {
  if [ -r "/proc/$1/stat" ]; then
    sed 's/^.*) //' "/proc/$1/stat" | cut -d' ' -f3
  else
    ps -o pgid= -p "$1" 2>/dev/null | tr -d ' '
  fi
}

# Stops one component we started: SIGTERM, wait, then SIGKILL (of its whole process group) after a timeout.
stop_component() {
  local name=$1 timeout=${2:-30} pid i
  if ! pid=$(component_pid "$name"); then
    [ -f "$(pid_file "$name")" ] && rm -f "$(pid_file "$name")"
    return 0
  fi
  printf '%-14s stopping (pid %s) ...' "$name" "$pid"
  # A JVM that trains its AOT cache writes it when it exits (JDK 25: in a second JVM it starts then, about half a
  # minute on a loaded 2-core machine): give it the time, and keep the cache only when the JVM ended by itself.
  local aot_part
  aot_part=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | sed -n 's/^-XX:AOTCacheOutput=//p' | head -1)
  [ -n "$aot_part" ] && [ "$timeout" -lt 180 ] && timeout=180 && printf ' writing its AOT cache ...'
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    printf ' still running after %ss, killing ...' "$timeout"
    # setsid made it the leader of its own process group: take its children (a postgres server, say) with it.
    if [ "$(process_group "$pid")" = "$pid" ]; then
      kill -KILL -- "-$pid" 2>/dev/null || true
    else
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
    [ -n "$aot_part" ] && rm -f "$aot_part" "$aot_part.config"
  elif [ -n "$aot_part" ] && [ -s "$aot_part" ] && ! log_since_start "$name" | grep -q '^# A fatal error has been detected'; then
    # (JDK 25.0.3 has crashed here, in MethodTrainingData::cleanup, after an hour's run: no cache is kept then)
    mv -f "$aot_part" "${aot_part%.part}"
  elif [ -n "$aot_part" ]; then
    rm -f "$aot_part" "$aot_part.config"
  fi
  rm -f "$(pid_file "$name")"
  say ' stopped'
}
