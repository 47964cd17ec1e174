# Before measuring, check that pinned gives each payload the verdict it is meant to get, so the
# load test measures the real decision path (a denial really evaluated, the audit path really
# auditing). Sourced by run.sh.

post_review() { # post_review PORT PATH FILE → response body
  curl -sk --max-time 5 -H 'Content-Type: application/json' --data-binary "@$3" "https://127.0.0.1:$1$2"
}

expect_review() { # expect_review NAME JSON JQ_CONDITION
  jq -e "$3" >/dev/null 2>&1 <<<"$2" || die "pinned answered the $1 payload unexpectedly ($3): $(head -c 600 <<<"$2")"
}

verify_pinned_answers() {
  local port=$1 answer uid
  for case in "${CASES[@]}"; do
    read -r name path file <<<"$case"
    answer=$(post_review "$port" "$path" "$PAYLOADS/$file")
    uid=$(jq -r .request.uid "$PAYLOADS/$file")
    expect_review "$name" "$answer" ".response.uid == \"$uid\""
    case $name in
      typical | large) expect_review "$name" "$answer" '.response.allowed == true' ;;
      denied) expect_review "$name" "$answer" '.response.allowed == false and .response.status.code == 403' ;;
      audit) expect_review "$name" "$answer" '.response.allowed == true and (.response.warnings | length) >= 3' ;;
    esac
  done
  log "pinned gives every payload its expected verdict"
}
