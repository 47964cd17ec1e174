#!/usr/bin/env bash
# Reads run.sh's apiserver.tsv and paced.tsv (in the folder given) and prints the medians per
# configuration, each webhook's ratios to no webhook and to the floor, the bound a zero-cost
# webhook would reach, and each figure against the targets of issue 16; then each
# ValidatingAdmissionPolicy configuration (kind vap in configurations.tsv) against no webhook,
# for the target of issue 15.
set -euo pipefail
out=$1
source "$(dirname "$0")/../load/lib.sh"
misses=0
miss() { misses=$((misses + 1)); }

if [[ -s $out/apiserver.tsv ]]; then
  t=$out/apiserver.tsv
  med() { awk -F'\t' -v c="$1" -v k="$2" 'NR > 1 && $1 == c { print $k }' "$t" | median; }
  maxof() { awk -F'\t' -v c="$1" -v k="$2" 'NR > 1 && $1 == c && $k > m { m = $k } END { printf "%.1f", m }' "$t"; }
  configs=$(awk -F'\t' 'NR > 1 && !seen[$1]++ { print $1 }' "$t")
  vaps=" $(awk -F'\t' '$2 == "vap" { printf "%s ", $1 }' "$out/configurations.tsv" 2>/dev/null || true)"
  is_vap() { [[ $vaps == *" $1 "* ]]; }
  echo "pod creation through kube-apiserver (medians of $(awk -F'\t' 'NR > 1 { r[$2] } END { print length(r) }' "$t") rounds; cpu = µs of CPU time per pod created)"
  printf '%-16s %8s %7s %7s %9s %9s %7s %7s %8s %8s\n' config "pods/s" p50 p99 "hook cpu" "apisrv cpu" "etcd" "wrk" "hook RSS" "apisrv RSS"
  for c in $configs; do
    printf '%-16s %8.0f %7.2f %7.2f %9.1f %9.1f %7.1f %7.1f %8.1f %8.1f\n' "$c" "$(med "$c" 3)" "$(med "$c" 4)" "$(med "$c" 5)" \
      "$(med "$c" 8)" "$(med "$c" 9)" "$(med "$c" 10)" "$(med "$c" 11)" "$(maxof "$c" 12)" "$(maxof "$c" 13)"
  done
  if grep -q '^none	' "$t"; then
    none_rps=$(med none 3) none_p50=$(med none 4)
    none_load=$(awk -v a="$(med none 9)" -v e="$(med none 10)" -v w="$(med none 11)" 'BEGIN { print a + e + w }')
    webhook_api=$(for c in $configs; do [[ $c == none ]] || is_vap "$c" || med "$c" 9; done | median)
    delta=$(awk -v a="$webhook_api" -v n="$(med none 9)" 'BEGIN { print a - n }')
    awk -v r="$none_rps" -v l="$none_load" -v d="$delta" 'BEGIN {
      b = r * l / (l + d)
      printf "zero-cost webhook bound: the API server spends %.0f µs more CPU per pod when it calls a webhook (median of\n", d
      printf "  the webhook runs); with no webhook, API server + etcd + wrk spend %.0f µs per pod on the shared cores:\n", l
      printf "  a webhook that cost nothing would reach ~%.0f pods/s = %.2f x none\n", b, b / r }'
  fi
  floor_cpu=$(grep -q '^floor	' "$t" && med floor 8 || echo 0)
  floor_rps=$(grep -q '^floor	' "$t" && med floor 3 || echo 0)
  echo "ratios (targets of issue 16: hook cpu/floor <= 0.40; pods/s vs none >= 0.85; p50 added <= 2 ms; hook RSS <= 64 MB)"
  printf '%-16s %9s %9s %9s %9s %8s  %s\n' config "vs none" "vs floor" "p50 added" "cpu/floor" "RSS" verdict
  for c in $configs; do
    [[ $c == none || $c == floor ]] && continue
    is_vap "$c" && continue
    read -r vn vf added cpux rss mark < <(awk -v r="$(med "$c" 3)" -v n="${none_rps:-0}" -v f="$floor_rps" -v p="$(med "$c" 4)" \
      -v np="${none_p50:-0}" -v w="$(med "$c" 8)" -v fw="$floor_cpu" -v rss="$(maxof "$c" 12)" 'BEGIN {
        vn = n > 0 ? r / n : 0; vf = f > 0 ? r / f : 0; cx = fw > 0 ? w / fw : 0; a = p - np
        ok = (n == 0 || (vn >= 0.85 && a <= 2)) && (fw == 0 || cx <= 0.40) && rss <= 64
        printf "%.2f %.2f %.2f %.2f %.1f %s\n", vn, vf, a, cx, rss, (ok ? "ok" : "MISS") }')
    [[ $mark == MISS && $c == pinned ]] && miss
    printf '%-16s %9s %9s %9s %9s %8s  %s\n' "$c" "$vn" "$vf" "$added" "$cpux" "$rss" "$mark"
  done
  if [[ -n ${vaps// /} ]] && grep -q '^none	' "$t"; then
    echo "ValidatingAdmissionPolicies, no webhook (target of issue 15: pods/s vs none >= 0.95)"
    printf '%-16s %9s %9s %9s %12s  %s\n' config "vs none" "p50 added" "p99 added" "apisrv added" verdict
    for c in $vaps; do
      grep -q "^$c	" "$t" || continue
      read -r vn added50 added99 cpu mark < <(awk -v r="$(med "$c" 3)" -v n="$none_rps" -v p="$(med "$c" 4)" -v np="$none_p50" \
        -v q="$(med "$c" 5)" -v nq="$(med none 5)" -v a="$(med "$c" 9)" -v na="$(med none 9)" 'BEGIN {
          vn = n > 0 ? r / n : 0
          printf "%.2f %.2f %.2f %.0f %s\n", vn, p - np, q - nq, a - na, (vn >= 0.95 ? "ok" : "MISS") }')
      [[ $mark == MISS && $c == vap ]] && miss
      printf '%-16s %9s %9s %9s %12s  %s\n' "$c" "$vn" "$added50" "$added99" "$cpu µs" "$mark"
    done
  fi
fi

if [[ -s $out/paced.tsv ]]; then
  t=$out/paced.tsv
  medp() { awk -F'\t' -v s="$1" -v r="$2" -v k="$3" 'NR > 1 && $1 == s && $2 == r { print $k }' "$t" | median; }
  echo "paced reviews straight to the webhook (medians; cpu = µs of the webhook's CPU per review; target at 50/s: pinned <= 100)"
  printf '%-16s %6s %9s %7s %7s %9s %8s\n' server rate achieved p50 p99 "cpu/review" "peak RSS"
  while IFS=$'\t' read -r s r; do
    cpu=$(medp "$s" "$r" 9)
    mark=""
    if [[ $s == pinned && $r == 50 ]]; then
      mark=$(awk -v c="$cpu" 'BEGIN { print (c <= 100 ? "ok" : "MISS") }')
      [[ $mark == MISS ]] && miss
    fi
    printf '%-16s %6s %9.0f %7.2f %7.2f %9.1f %8.1f  %s\n' "$s" "$r" "$(medp "$s" "$r" 4)" "$(medp "$s" "$r" 5)" "$(medp "$s" "$r" 6)" "$cpu" \
      "$(awk -F'\t' -v s="$s" -v r="$r" 'NR > 1 && $1 == s && $2 == r && $10 > m { m = $10 } END { print m + 0 }' "$t")" "$mark"
  done < <(awk -F'\t' 'NR > 1 && !seen[$2 FS $1]++ { print $1 "\t" $2 }' "$t")
fi
echo "targets missed by pinned: $misses"
