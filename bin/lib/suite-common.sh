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

# The local-stack launcher (Java): the local servers, the supervisor, the JSON tool, the build's versions and topics.
# launcher_built: built, and newer than its sources (local-stack, event-contracts or a pom); 'up' rebuilds it otherwise.
launcher_built() {
  local main="$SUITE_ROOT/local-stack/target/classes/org/safepolicing/stack/Supervisor.class" changed
  [ -f "$main" ] && [ -f "$SUITE_ROOT/local-stack/target/stack-classpath.txt" ] || return 1
  changed=$(cd "$SUITE_ROOT" && find local-stack/src/main event-contracts/src/main local-stack/pom.xml \
    event-contracts/pom.xml pom.xml -newer "$main" -type f -print -quit 2>/dev/null)
  [ -z "$changed" ]
}

# The other commands build it only when it is missing: never under a running stack, whose servers run from it.
ensure_launcher() {
  [ -f "$SUITE_ROOT/local-stack/target/classes/org/safepolicing/stack/Supervisor.class" ] &&
    [ -f "$SUITE_ROOT/local-stack/target/stack-classpath.txt" ] && return 0
  local log
  mkdir -p "$SUITE_LOGS"
  log=$(log_file build)
  step "building the local-stack launcher: ./mvnw -B -q -DskipTests install -pl local-stack -am" >&2
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

log_file() { echo "$SUITE_LOGS/$1.log"; }

# Installs Debian packages a command needs (as root, or through sudo without a password), once; otherwise says what
# goes without them and how to install them. Never fails the command: it goes on without.
#   ensure_debian_packages WHAT WITHOUT LOG PACKAGE...
ensure_debian_packages() {
  local what=$1 without=$2 log=$3 run=()
  shift 3
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then run=(sudo -n); else
      say "warning: $what: missing, and this user cannot install them: $without." >&2
      say "         install as root: apt-get install -y $*" >&2
      return 0
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || { say "warning: no apt-get here: install $* yourself ($without otherwise)" >&2; return 0; }
  step "installing $what (apt-get, once)"
  mkdir -p "$SUITE_LOGS"
  if ! { "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" ||
         { "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
           "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; }; } >"$(log_file "$log")" 2>&1; then
    tail -n 20 "$(log_file "$log")" >&2
    say "warning: could not install $* (log: .suite/logs/$log.log): $without" >&2
  fi
}

# How the supervisor (Launcher daemon, local-stack's Supervisor) sees a component, one argument a line: its ports, how
# its health is read and when a start is ready. Starting, waiting, pid files, status and stopping are all there.
component_args() {
  local name=$1 port
  printf '%s\n' --component "$name" --ports "$(component_ports "$name" | tr ' ' ,)"
  case "$name" in
    postgres)
      external_postgres && printf '%s\n' --external "$(postgres_jdbc_base)"
      printf '%s\n' --health port --ready line --timeout 120 ;;
    kafka)
      external_kafka && printf '%s\n' --external "$(kafka_bootstrap)"
      printf '%s\n' --health port --ready line --timeout 180 ;;
    keycloak)
      printf '%s\n' --health "http:$REALM_URL/.well-known/openid-configuration" --health-label "realm $REALM" \
        --health-what realm --ready health --timeout 180 --announce "ready at $KEYCLOAK_URL" ;;
    *)
      port=$(service_port "$name")
      printf '%s\n' --health "http:http://127.0.0.1:$port/q/health/ready" --ready health --timeout 120 \
        --announce "ready at http://127.0.0.1:$port" ;;
  esac
  return 0
}

# daemon COMMAND [ARGS]: the supervisor on .suite/ (start, stop, status, check, pid; see local-stack/README.md).
daemon() {
  use_jdk
  ensure_launcher
  launcher_tool daemon "$1" --state "$SUITE_DIR" "${@:2}"
}

# The pid of a component bin/suite started, if it is still alive; nothing (and status 1) otherwise.
component_pid() { daemon pid "$1"; }

# The first of the named components (all when none is named) that is not running and ready, if any (status 1 then).
first_not_serving() {
  local args=() c lines
  for c in "${@:-${ALL_COMPONENTS[@]}}"; do
    mapfile -t lines < <(component_args "$c")
    args+=("${lines[@]}")
  done
  daemon check "${args[@]}"
}

# HTTP status of a GET (000 when nothing answers).
http_status() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
}

# Starts a component as a daemon unless it runs already, and waits until it is ready: start_daemon NAME COMMAND...
# Environment for the process is given by the caller with `env`.
start_daemon() {
  local name=$1 args
  shift
  mapfile -t args < <(component_args "$name")
  daemon start "${args[@]}" -- "$@" || exit 1
}
