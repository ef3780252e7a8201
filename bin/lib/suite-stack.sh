# shellcheck shell=bash
# bin/suite up: builds what is missing and starts each component, leaving alone what already runs and answers.

# Builds the whole project (quietly) when a service or the local-stack launcher is missing, when a service's sources
# (its module, platform, event-contracts or a pom) or the launcher's changed since its last build, or when asked to.
# With only infrastructure requested, builds just the local-stack module and what it depends on.
ensure_built() {
  local force=$1; shift
  local wanted=("$@") need_services=0 missing=() c log
  for c in "${wanted[@]}"; do
    if is_service "$c"; then
      need_services=1
      if [ ! -f "$(service_jar "$c")" ]; then
        missing+=("$(service_module "$c")")
      elif sources_newer_than "$(service_jar "$c")" "$(service_module "$c")"; then
        missing+=("$(service_module "$c") (sources changed)")
      fi
    fi
  done
  # every component needs the launcher: the local servers, the build's versions and topics come from it
  launcher_built || missing+=(local-stack)
  [ "$force" = 1 ] || [ ${#missing[@]} -gt 0 ] || return 0
  local args=(-B -q -DskipTests install)
  if [ "$need_services" = 0 ]; then args+=(-pl local-stack -am); fi
  step "building (${missing[*]:-requested with --build}): ./mvnw ${args[*]}"
  mkdir -p "$SUITE_LOGS"
  log=$(log_file build)
  if ! (cd "$SUITE_ROOT" && ./mvnw "${args[@]}") >"$log" 2>&1; then
    say "--- last lines of .suite/logs/build.log ---" >&2
    tail -n 60 "$log" >&2
    die "the build failed (whole log: .suite/logs/build.log)"
  fi
  say "built."
}

# True when a source file of module $2 or of what every service builds on is newer than the file $1.
sources_newer_than() {
  local built=$1 module=$2 changed
  changed=$(cd "$SUITE_ROOT" && find "$module/src/main" platform/src/main event-contracts/src/main \
    "$module/pom.xml" platform/pom.xml event-contracts/pom.xml pom.xml -newer "$built" -type f -print -quit 2>/dev/null)
  [ -n "$changed" ]
}

start_postgres() {
  if external_postgres; then
    start_external_postgres
    return 0
  fi
  mkdir -p "$SUITE_DATA/postgres"
  local opts
  read -ra opts <<<"${SUITE_LAUNCHER_JAVA_OPTS:--Xmx256m}"
  start_daemon postgres "$SUITE_JAVA" "${opts[@]}" -cp "$(launcher_classpath)" \
    org.safepolicing.stack.Launcher postgres --data-dir "$SUITE_DATA/postgres" --port "$POSTGRES_PORT" \
    --databases "$DATABASES"
}

# An existing PostgreSQL server: the launcher makes the databases and their runtime roles that are missing (over JDBC;
# the password from the environment, not the command line).
start_external_postgres() {
  printf '%-14s external: %s (user %s)\n' postgres "$(postgres_jdbc_base)" "$(postgres_user)"
  SUITE_POSTGRES_PASSWORD="$(postgres_password)" launcher_tool postgres prepare --url "$(postgres_jdbc_base)" \
    --user "$(postgres_user)" --databases "$DATABASES" || exit 1
}

start_kafka() {
  if external_kafka; then
    printf '%-14s external: %s (its topics must exist already, or be auto-created)\n' kafka "$SUITE_KAFKA_BOOTSTRAP"
    return 0
  fi
  mkdir -p "$SUITE_DATA/kafka"
  local opts
  read -ra opts <<<"${SUITE_LAUNCHER_JAVA_OPTS:--Xmx768m}"
  start_daemon kafka "$SUITE_JAVA" "${opts[@]}" -cp "$(launcher_classpath)" \
    org.safepolicing.stack.Launcher kafka --data-dir "$SUITE_DATA/kafka" --port "$KAFKA_PORT" \
    --controller-port "$KAFKA_CONTROLLER_PORT"
}

# Fetches the Keycloak distribution from Maven Central once, through ./mvnw (Maven resolves it), into .suite/downloads/.
fetch_keycloak() {
  local zip=$1 log
  step "fetching Keycloak $KEYCLOAK_VERSION from Maven Central (once, about 180 MB)"
  mkdir -p "$SUITE_DOWNLOADS" "$SUITE_LOGS"
  log=$(log_file keycloak-fetch)
  if ! (cd "$SUITE_ROOT" && ./mvnw -B -q -N -f .mvn/wrapper/bootstrap-pom.xml \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$SUITE_DOWNLOADS") >"$log" 2>&1 || [ ! -f "$zip" ]; then
    tail -n 30 "$log" >&2
    die "could not fetch org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip (log: .suite/logs/keycloak-fetch.log)"
  fi
}

start_keycloak() {
  build_facts
  # its files are prepared only when it does not run (local-stack's KeycloakInstall): the zip unpacked into
  # .suite/keycloak/ once, the realm file put for import (a changed one resets its database)
  if ! component_pid keycloak >/dev/null; then
    local zip="$SUITE_DOWNLOADS/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
    [ -f "$zip" ] || [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] || fetch_keycloak "$zip"
    (cd "$SUITE_ROOT" && launcher_tool keycloak prepare --zip "$zip" --home "$KEYCLOAK_HOME" \
      --realm-file deploy/keycloak/realm-local.json --stamp "$SUITE_DIR/keycloak/realm-local.cksum") || exit 1
  fi
  # kc.sh forwards SIGTERM to its JVM, so its pid is the one to stop.
  start_daemon keycloak env JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_OPTS_KC_HEAP="${SUITE_KEYCLOAK_HEAP:--Xms64m -Xmx512m}" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
    --hostname="$KEYCLOAK_URL" \
    --health-enabled=true --metrics-enabled=false \
    --import-realm
}

start_service() {
  local name=$1 port jar cmd=()
  port=$(service_port "$name")
  jar=$(service_jar "$name")
  # the command is prepared only when it does not run (its app folder is replaced, its cache chosen)
  if ! component_pid "$name" >/dev/null; then
    [ -f "$jar" ] || die "$(service_module "$name")/target/quarkus-app/quarkus-run.jar is missing: run 'bin/suite up --build'"
    # Run a copy of the packaged app (.suite/apps/NAME): a rebuild of the module while the stack runs (tests, another
    # build) replaces target/quarkus-app under the running JVM, whose lazily loaded classes then fail or hang.
    local app="$SUITE_DIR/apps/$name"
    rm -rf "$app" && mkdir -p "$SUITE_DIR/apps" && cp -a "$(dirname "$jar")" "$app"
    jar="$app/quarkus-run.jar"
    local db=$name opts
    # Memory: the services' live heap is 25-30 MB at rest (measured after a full GC), so the serial collector (about
    # 1 MB of its own, G1 takes 40-45 MB) with a small initial heap (the JVM's default is 1/64 of the machine's memory)
    # that grows to at most 384 MB under load and is given back after a full collection.
    read -ra opts <<<"${SUITE_SERVICE_JAVA_OPTS:-$SERVICE_JAVA_OPTS}"
    # Start-up caches, written by a run when it stops ('down') and used by the next start: on JDK 25+ the AOT cache
    # .suite/aot/NAME.aot (a rebuilt app trains a new one), on JDK 21-24 a class-data archive; local-stack's AotCache.
    local cache cache_opts
    cache=$(launcher_tool startup-cache --state "$SUITE_DIR" --app "$(service_jar "$name")" "$name") || exit 1
    mapfile -t cache_opts <<<"$cache"
    opts+=("${cache_opts[@]}")
    # text logs here (the prod profile's default is one JSON object per line, for a log collector)
    local env=(QUARKUS_HTTP_PORT="$port" QUARKUS_OIDC_AUTH_SERVER_URL="$REALM_URL" QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
      MALLOC_ARENA_MAX=2)
    if [ "$name" = portal ]; then
      local s
      for s in "${SERVICES[@]}"; do
        env+=("PORTAL_$(echo "$s" | tr '[:lower:]' '[:upper:]')_URL=http://127.0.0.1:$(service_port "$s")")
      done
    else
      # two roles: the owner migrates, the runtime role <db>_runtime serves (it cannot alter the audit trail)
      env+=(QUARKUS_DATASOURCE_JDBC_URL="$(postgres_jdbc_base)$db" QUARKUS_FLYWAY_USERNAME="$(postgres_user)"
        QUARKUS_FLYWAY_PASSWORD="$(postgres_password)" QUARKUS_DATASOURCE_USERNAME="${db}_runtime"
        QUARKUS_DATASOURCE_PASSWORD="${db}_runtime" KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)")
    fi
    cmd=(env "${env[@]}" "$SUITE_JAVA" "${opts[@]}" -jar "$jar")
  else
    cmd=(false) # it runs: the supervisor waits for it (had it ended just now, this start fails, saying so)
  fi
  start_daemon "$name" "${cmd[@]}"
}

start_component() {
  case "$1" in
    postgres) start_postgres ;;
    kafka) start_kafka ;;
    keycloak) start_keycloak ;;
    *) start_service "$1" ;;
  esac
}

print_summary() {
  local c port u
  build_facts
  say ""
  say "Safe Policing local stack"
  say "========================="
  say "Portal (the web face; sign in as a demo user below):  http://127.0.0.1:$(service_port portal)/"
  say ""
  say "Services: API base, OpenAPI UI, health, metrics"
  for c in "${SERVICES[@]}"; do
    port=$(service_port "$c")
    printf '  %-22s http://127.0.0.1:%s/api/v1\n' "$(service_module "$c")" "$port"
    printf '  %-22s http://127.0.0.1:%s/q/swagger-ui   /q/health   /q/metrics\n' "" "$port"
  done
  say ""
  printf '%-24s %s\n' "Keycloak $KEYCLOAK_VERSION" "$KEYCLOAK_URL/admin/   (admin / admin)"
  printf '%-24s %s\n' "  realm $REALM" "$REALM_URL   (tokens: $REALM_URL/protocol/openid-connect/token)"
  printf '%-24s %s\n' "  clients" "$CLI_CLIENT (public, password grant), safe-policing-portal (the portal: code flow with"
  printf '%-24s %s\n' "" "PKCE), safe-policing-api (the resource server)"
  printf '%-24s %s\n' "PostgreSQL" "$(postgres_jdbc_base){${DATABASES}}   (user $(postgres_user))"
  printf '%-24s %s\n' "Kafka" "$(kafka_bootstrap)"
  printf '%-24s %s\n' "  topics" "${TOPICS[*]:0:3}"
  printf '%-24s %s\n' "" "${TOPICS[*]:3}"
  say ""
  say "Demo users (password for each: $DEMO_PASSWORD)"
  for u in "${DEMO_USERS[@]}"; do
    printf '  %-22s %s\n' "${u%%|*}" "${u#*|}"
  done
  cat <<'EOF'

Walk-through: run  bin/suite demo  - it makes these calls and prints the eligibility that follows each step:
  ADMIN=$(bin/suite token doj.admin); AGENCY=$(bin/suite token agency.user); J='Content-Type: application/json'
  curl -X POST http://127.0.0.1:8081/api/v1/agencies -H "Authorization: Bearer $ADMIN" -H "$J" -d '{"ori":"VA0290100","name":"Demo County Police Department","type":"LOCAL_MUNICIPAL","state":"VA","county":"Demo County","swornOfficers":120,"populationServed":95000,"urbanRural":"URBAN"}'
  curl -X POST http://127.0.0.1:8081/api/v1/bodies -H "Authorization: Bearer $ADMIN" -H "$J" -d '{"name":"Demo Credentialing Body","coveredStandards":["UOF_LAWFUL","CHOKEHOLD_BAN"],"addresses":{"useOfForcePoliciesAndTraining":"reviewed","deEscalationPoliciesAndTraining":"reviewed","earlyWarningSystems":"reviewed","communityEngagement":"reviewed"},"confirmsMandatoryStandards":true}'    # BODY=<its id>
  curl -X POST http://127.0.0.1:8081/api/v1/bodies/$BODY/certification -H "Authorization: Bearer $ADMIN" -H "$J" -d '{"termMonths":36}'
  curl -X POST http://127.0.0.1:8081/api/v1/agencies/VA0290100/credentials -H "Authorization: Bearer $AGENCY" -H "$J" -d "{\"bodyId\":\"$BODY\"}"    # CRED=<its id>
  curl http://127.0.0.1:8084/api/v1/agencies/VA0290100/eligibility -H "Authorization: Bearer $AGENCY"    # SEC_2B_CREDENTIAL: PASS
  curl -X POST http://127.0.0.1:8081/api/v1/agencies/VA0290100/credentials/$CRED/withdrawal -H "Authorization: Bearer $AGENCY" -H "$J" -d '{}'    # then FAIL
  curl -X POST http://127.0.0.1:8081/api/v1/bodies/$BODY/suspension -H "Authorization: Bearer $ADMIN" -H "$J" -d '{"reason":"demo"}'    # FAIL for every agency that sought it

bin/suite status  |  bin/suite logs [name]  |  bin/suite down
EOF
}

suite_up() {
  local force=0 args=() wanted=() list a
  for a in "$@"; do
    case "$a" in
      --build) force=1 ;;
      --bench-limits) export_bench_limits ;; # inherited by the services this run starts (bin/lib/suite-bench.sh)
      *) args+=("$a") ;;
    esac
  done
  list=$(select_components "${args[@]}") || exit 1
  mapfile -t wanted <<<"$list"
  use_jdk
  need_curl
  say "JDK: $JAVA_HOME"
  ensure_built "$force" "${wanted[@]}"
  step "starting ${wanted[*]}"
  mkdir -p "$SUITE_LOGS" "$SUITE_PIDS" "$SUITE_DATA"
  for a in "${wanted[@]}"; do
    start_component "$a"
  done
  if [ ${#wanted[@]} -eq ${#ALL_COMPONENTS[@]} ]; then
    print_summary
  else
    say ""
    say "started: ${wanted[*]}   (bin/suite status shows them; bin/suite down stops them)"
  fi
}
