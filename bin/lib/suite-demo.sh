# shellcheck shell=bash
# bin/suite demo and bin/suite token: the credential walk-through against the running stack.
# JSON is read by the local-stack launcher (`Launcher json get PATH | pretty | jwt`, local-stack's SuiteJson): a fresh
# machine may have neither jq nor python3, but bin/suite always has a JDK.

json() { launcher_tool json "$@"; }

# An access token for a demo user, by password grant on the public CLI client.
fetch_token() {
  local user=$1 password=${2:-$DEMO_PASSWORD} body code
  body=$(mktemp)
  code=$(curl -s -m 15 -o "$body" -w '%{http_code}' "$REALM_URL/protocol/openid-connect/token" \
    -d grant_type=password -d client_id="$CLI_CLIENT" --data-urlencode username="$user" \
    --data-urlencode password="$password" -d scope=openid) || code=000
  if [ "$code" != 200 ]; then
    printf 'error: no token for %s from %s (HTTP %s): %s\n' "$user" "$REALM_URL" "$code" "$(cat "$body")" >&2
    [ "$code" = 000 ] && printf '  is Keycloak running? bin/suite up (or bin/suite up keycloak)\n' >&2
    rm -f "$body"
    return 1
  fi
  json get access_token <"$body"
  rm -f "$body"
}

suite_token() {
  [ $# -ge 1 ] || die "usage: bin/suite token USER [--claims]   (users: doj.admin, agency.user, ... see bin/suite help)"
  use_jdk; need_curl; ensure_launcher
  local t
  t=$(fetch_token "$1") || exit 1
  if [ "${2:-}" = --claims ]; then printf '%s' "$t" | json jwt; else printf '%s\n' "$t"; fi
}

# call METHOD URL TOKEN [JSON]: sets HTTP_CODE and HTTP_BODY, prints the exchange.
call() {
  local method=$1 url=$2 token=$3 data=${4:-} out args
  out=$(mktemp)
  args=(-s -m 30 -o "$out" -w '%{http_code}' -X "$method" "$url" -H "Authorization: Bearer $token"
        -H 'Accept: application/json')
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data "$data")
  printf '  %s %s %s\n' "$method" "$url" "$data"
  HTTP_CODE=$(curl "${args[@]}") || HTTP_CODE=000
  HTTP_BODY=$(cat "$out")
  rm -f "$out"
  printf '  -> %s %s\n' "$HTTP_CODE" "$(printf '%s' "$HTTP_BODY" | head -c 400)"
}

expect_2xx() {
  case "$HTTP_CODE" in 2??) return 0 ;; esac
  [ "$HTTP_CODE" = 000 ] && die "no answer: is the stack running? (bin/suite up)"
  die "$1 failed with HTTP $HTTP_CODE"
}

DEMO_ORI=VA0290100
ELIGIBILITY_URL="http://127.0.0.1:8084/api/v1/agencies/$DEMO_ORI/eligibility"

# Reads the SEC_2B_CREDENTIAL rule now into RULE_OUTCOME and RULE_EVENT (NONE and - when grants-service knows
# nothing of the agency yet) and the whole answer into LAST_ELIGIBILITY.
read_credential_rule() {
  local token=$1
  LAST_ELIGIBILITY=$(curl -s -m 10 -H "Authorization: Bearer $token" -H 'Accept: application/json' \
    "$ELIGIBILITY_URL") || LAST_ELIGIBILITY=""
  RULE_OUTCOME=$(printf '%s' "$LAST_ELIGIBILITY" | json get 'rules[rule=SEC_2B_CREDENTIAL].outcome' 2>/dev/null) ||
    RULE_OUTCOME=NONE
  RULE_EVENT=$(printf '%s' "$LAST_ELIGIBILITY" | json get 'rules[rule=SEC_2B_CREDENTIAL].decidedBy.eventId' 2>/dev/null) ||
    RULE_EVENT=-
}

# Waits until SEC_2B_CREDENTIAL has the wanted outcome - decided by a newer event than the one seen before the step,
# when the outcome was the wanted one already - then prints the eligibility.
await_credential_rule() {
  local want=$1 before_outcome=$2 before_event=$3 token=$4 timeout=${SUITE_DEMO_TIMEOUT:-90} i
  printf '  waiting for grants-service: SEC_2B_CREDENTIAL = %s ' "$want"
  for ((i = 0; i < timeout; i++)); do
    read_credential_rule "$token"
    if [ "$RULE_OUTCOME" = "$want" ] && { [ "$before_outcome" != "$want" ] || [ "$RULE_EVENT" != "$before_event" ]; }; then
      printf ' after %ss\n' "$i"
      say "  GET $ELIGIBILITY_URL"
      printf '%s' "$LAST_ELIGIBILITY" | json pretty | sed 's/^/    /'
      return 0
    fi
    printf '.'
    sleep 1
  done
  say ""
  say "  last answer: ${LAST_ELIGIBILITY:-<none>}"
  die "SEC_2B_CREDENTIAL did not become $want within ${timeout}s (see bin/suite logs grants and bin/suite logs credentialing)"
}

suite_demo() {
  use_jdk; need_curl; ensure_launcher
  local admin agency body cred cred2 before=() credentialing=http://127.0.0.1:8081/api/v1

  step "tokens from Keycloak (password grant, client $CLI_CLIENT): doj.admin and agency.user (ori $DEMO_ORI)"
  admin=$(fetch_token doj.admin) || exit 1
  agency=$(fetch_token agency.user) || exit 1
  say "  got both"

  step "1. doj.admin registers agency $DEMO_ORI (409 when an earlier run did: fine)"
  call POST "$credentialing/agencies" "$admin" \
    '{"ori":"'"$DEMO_ORI"'","name":"Demo County Police Department","type":"LOCAL_MUNICIPAL","state":"VA","county":"Demo County","swornOfficers":120,"populationServed":95000,"urbanRural":"URBAN"}'
  [ "$HTTP_CODE" = 409 ] || expect_2xx "registering the agency"

  step "2. doj.admin records a credentialing body's application"
  call POST "$credentialing/bodies" "$admin" '{"name":"Demo Credentialing Body","coveredStandards":["UOF_LAWFUL","CHOKEHOLD_BAN"],"addresses":{"useOfForcePoliciesAndTraining":"reviewed","deEscalationPoliciesAndTraining":"reviewed","earlyWarningSystems":"reviewed","communityEngagement":"reviewed"},"confirmsMandatoryStandards":true}'
  expect_2xx "creating the body"
  body=$(printf '%s' "$HTTP_BODY" | json get id) || die "the body's answer has no id"

  step "3. doj.admin certifies body $body for 36 months"
  call POST "$credentialing/bodies/$body/certification" "$admin" '{"termMonths":36}'
  expect_2xx "certifying the body"

  step "4. agency.user seeks a credential from that body: Sec. 2(b) is met by seeking"
  agency=$(fetch_token agency.user) || exit 1
  read_credential_rule "$agency"; before=("$RULE_OUTCOME" "$RULE_EVENT")
  call POST "$credentialing/agencies/$DEMO_ORI/credentials" "$agency" '{"bodyId":"'"$body"'"}'
  expect_2xx "seeking the credential"
  cred=$(printf '%s' "$HTTP_BODY" | json get id) || die "the credential's answer has no id"

  step "5. grants-service hears of it (through Kafka) and the agency becomes eligible"
  await_credential_rule PASS "${before[@]}" "$agency"

  step "6. agency.user withdraws credential $cred: no longer seeking, so not eligible"
  read_credential_rule "$agency"; before=("$RULE_OUTCOME" "$RULE_EVENT")
  call POST "$credentialing/agencies/$DEMO_ORI/credentials/$cred/withdrawal" "$agency" '{}'
  expect_2xx "withdrawing the credential"
  await_credential_rule FAIL "${before[@]}" "$agency"

  step "7. agency.user seeks again (PASS), then doj.admin suspends the body (FAIL)"
  agency=$(fetch_token agency.user) || exit 1
  admin=$(fetch_token doj.admin) || exit 1
  read_credential_rule "$agency"; before=("$RULE_OUTCOME" "$RULE_EVENT")
  call POST "$credentialing/agencies/$DEMO_ORI/credentials" "$agency" '{"bodyId":"'"$body"'"}'
  expect_2xx "seeking the credential again"
  cred2=$(printf '%s' "$HTTP_BODY" | json get id) || die "the credential's answer has no id"
  await_credential_rule PASS "${before[@]}" "$agency"
  read_credential_rule "$agency"; before=("$RULE_OUTCOME" "$RULE_EVENT")
  call POST "$credentialing/bodies/$body/suspension" "$admin" '{"reason":"demo"}'
  expect_2xx "suspending the body"
  await_credential_rule FAIL "${before[@]}" "$agency"

  step "tidying up: agency.user withdraws credential $cred2 so that the demo can run again"
  call POST "$credentialing/agencies/$DEMO_ORI/credentials/$cred2/withdrawal" "$agency" '{}'
  case "$HTTP_CODE" in 2??) ;; *) say "  (not withdrawn: HTTP $HTTP_CODE; harmless)" ;; esac

  step "demo complete"
  local portal="http://127.0.0.1:$(service_port portal)"
  if [ "$(http_status "$portal/q/health/ready")" = 200 ]; then
    say "See it in the portal (sign in as agency.user, password $DEMO_PASSWORD):"
    say "  $portal/agencies/$DEMO_ORI/compliance   the agency's card: every rule, its deciding event, the credential"
    say "  $portal/bodies                             the certified bodies (the demo's suspended body is gone from it)"
    say "  $portal/statistics                         the public statistics releases"
  else
    say "(the portal is not running: 'bin/suite up portal' starts it, then open $portal/)"
  fi
}
