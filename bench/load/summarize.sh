#!/usr/bin/env bash
# Reads run.sh's results.tsv and prints, per protocol and payload, the medians over the rounds
# for floor and pinned, pinned's ratios to the floor, and each figure against its target.
set -euo pipefail
results=$1
source "$(dirname "$0")/lib.sh"

col() { # col PROTO PAYLOAD SERVER COLUMN → median of that column over the rounds
  awk -F'\t' -v p="$1" -v l="$2" -v s="$3" -v c="$4" 'NR > 1 && $1 == p && $2 == l && $3 == s { print $c }' "$results" | median
}
peak() { awk -F'\t' -v s="$1" 'NR > 1 && $3 == s && $8 > m { m = $8 } END { printf "%.1f", m }' "$results"; }

printf '%-3s %-8s %8s %8s %8s %6s %6s %7s %7s %7s %7s %6s %6s %6s %6s %6s %6s  %s\n' proto payload "floor/s" "json/s" "pinned/s" "ratio" \
  "vs json" "fl p50" "pi p50" "fl p99" "pi p99" "p99 x" "fl cpu" "js cpu" "pi cpu" "cpu x" "RSS" "targets (rps ratio, p99 ratio)"
misses=0
while IFS=$'\t' read -r proto payload; do
  frps=$(col "$proto" "$payload" floor 5); prps=$(col "$proto" "$payload" pinned 5); jrps=$(col "$proto" "$payload" json 5)
  jratio=$(awk -v j="$jrps" -v p="$prps" 'BEGIN { printf "%.2f", (j > 0 ? p / j : 0) }')
  jcpu=$(col "$proto" "$payload" json 10)
  fp50=$(col "$proto" "$payload" floor 6); pp50=$(col "$proto" "$payload" pinned 6)
  fp99=$(col "$proto" "$payload" floor 7); pp99=$(col "$proto" "$payload" pinned 7)
  fcpu=$(col "$proto" "$payload" floor 10); pcpu=$(col "$proto" "$payload" pinned 10)
  cpux=$(awk -v f="$fcpu" -v p="$pcpu" 'BEGIN { printf "%.2f", (f > 0 ? p / f : 0) }')
  rss=$(awk -F'\t' -v p="$proto" -v l="$payload" 'NR > 1 && $1 == p && $2 == l && $3 == "pinned" && $8 > m { m = $8 } END { print m + 0 }' "$results")
  verdict=$(awk -v name="$payload" -v fr="$frps" -v pr="$prps" -v f99="$fp99" -v p99="$pp99" 'BEGIN {
      r = fr > 0 ? pr / fr : 0; l = f99 > 0 ? p99 / f99 : 0
      if (name == "typical") { ok = r >= 0.90 && l <= 1.3; want = ">=0.90, <=1.3" }
      else if (name == "denied" || name == "audit") { ok = r >= 0.80; want = ">=0.80" }
      else { ok = 1; want = "(none)" }
      printf "%.2f %.2f %s %s", r, l, (ok ? "ok" : "MISS"), want }')
  read -r ratio lratio mark want <<<"$verdict"
  [[ $mark == MISS ]] && misses=$((misses + 1))
  printf '%-3s %-8s %8.0f %8.0f %8.0f %6s %7s %7.2f %7.2f %7.2f %7.2f %6s %6.1f %6.1f %6.1f %6s %6.1f  %s %s\n' "$proto" "$payload" "$frps" "$jrps" "$prps" \
    "$ratio" "$jratio" "$fp50" "$pp50" "$fp99" "$pp99" "$lratio" "$fcpu" "$jcpu" "$pcpu" "$cpux" "$rss" "$mark" "$want"
done < <(awk -F'\t' 'NR > 1 && !seen[$1 FS $2]++ { print $1 "\t" $2 }' "$results")

pinned_peak=$(peak pinned)
rss_mark=$(awk -v m="$pinned_peak" 'BEGIN { print (m <= 120 ? "ok" : "MISS") }')
[[ $rss_mark == MISS ]] && misses=$((misses + 1))
echo "(medians of the rounds; ratio = pinned / floor, the targets' ratio; vs json = pinned / JSON floor (the"
echo " floor plus one Utf8JsonReader pass over the body); latencies in ms; cpu = server CPU time (user+system) per request in µs;"
echo " RSS = pinned's peak VmHWM in MB during the runs of that row)"
echo "peak RSS under load: pinned $pinned_peak MB ($rss_mark, target <=120), floor $(peak floor) MB"
echo "targets missed: $misses"
