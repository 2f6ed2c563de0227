#!/usr/bin/env bash
# Proves that a change to the code left every report the same, byte for byte:
# writes every report of every format and profile on the samples and on a
# generated portfolio with quarters and gaps, plus the listings (rules,
# profiles, explain) and the validation messages of the invalid samples,
# into one folder per binary; then compares two such folders.
#
#   Scripts/same-reports.sh write [--quick] BINARY DIR  # all outputs of BINARY into DIR
#   Scripts/same-reports.sh compare OLD NEW             # exit 1 and a list when they differ
#
# --quick leaves out the generated portfolio (minutes on a debug build): for
# checks while working; compare then skips the generated outputs of OLD. The
# proof for a change is a full run (a release build takes about 5 minutes).
#
# Typical use: build main, `write` into /tmp/before; build the change,
# `write` into /tmp/after; `compare /tmp/before /tmp/after`.
# Exit codes and standard error are kept too (NAME.exit, NAME.err), so a
# changed message or exit status counts as a difference.
set -euo pipefail
cd "$(dirname "$0")/.."

run() { # NAME, then the command; keeps stdout, stderr and the exit code
  local name=$1
  shift
  local status=0
  "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
  echo "$status" >"$out/$name.exit"
}

case "${1:-}" in
write)
  quick=false
  if [[ "${2:-}" == --quick ]]; then
    quick=true
    shift
  fi
  [[ $# -eq 3 ]] || { echo "usage: $0 write [--quick] BINARY DIR" >&2; exit 2; }
  tool=$(realpath "$2")
  out=$3
  mkdir -p "$out"
  inputs="Samples/quarter-bielefeld.xml Samples/design-new-build.xml"
  if $quick; then
    touch "$out/.quick"
  else
    generated="$out/generated.xml"
    # The issue's portfolio: 2,000 buildings, 30 % in quarters, 10 % gaps.
    "$tool" generate --buildings 2000 --seed 3 --quarters 0.3 --incomplete 0.1 \
      -o "$generated"
    inputs="$inputs $generated"
  fi
  profiles=$("$tool" profiles | sed -nE 's/^([a-z0-9.-]+)( \(default\))?: .*/\1/p')
  profiles="$profiles Samples/profiles/house-rules.xml"
  run profiles "$tool" profiles
  run rules "$tool" rules
  for profile in $profiles; do
    p=$(basename "$profile" .xml)
    run "rules-$p" "$tool" rules --profile "$profile"
  done
  for rule in $("$tool" rules | cut -d' ' -f1); do
    run "explain-$rule" "$tool" explain "$rule"
  done
  for invalid in Samples/invalid/*.xml; do
    run "validate-$(basename "$invalid" .xml)" "$tool" validate "$invalid"
  done
  for input in $inputs; do
    i=$(basename "$input" .xml)
    run "validate-$i" "$tool" validate --statistics "$input"
    for profile in $profiles; do
      p=$(basename "$profile" .xml)
      for format in text json csv md html; do
        run "check-$i-$p.$format" "$tool" check --profile "$profile" --format "$format" "$input"
      done
      run "check-$i-$p-quiet.text" "$tool" check -q --profile "$profile" "$input"
      run "check-$i-$p-open.json" "$tool" check --profile "$profile" --format json \
        --findings open "$input"
      run "check-$i-$p-findings.csv" "$tool" check --profile "$profile" --format csv \
        --csv findings "$input"
      run "check-$i-$p-semicolon.csv" "$tool" check --profile "$profile" --format csv \
        --csv-dialect semicolon "$input"
    done
  done
  if ! $quick; then rm "$generated"; fi
  ;;
compare)
  [[ $# -eq 3 ]] || { echo "usage: $0 compare OLD NEW" >&2; exit 2; }
  exclude=()
  if [[ -e "$3/.quick" ]]; then exclude=(-x '*generated*' -x .quick); fi
  # The generated portfolio lies in each output folder, and reports name
  # their inputs: a file that differs only by the folder's path is the same.
  old=$(realpath "$2")
  new=$(realpath "$3")
  differ=0
  while read -r name; do
    if ! cmp -s <(sed "s#$old/#OUT/#g" "$old/$name") <(sed "s#$new/#OUT/#g" "$new/$name"); then
      echo "differs: $name"
      differ=1
    fi
  done < <(diff -rq "${exclude[@]}" "$2" "$3" | sed -nE "s#^Files $2/?([^ ]+) and .* differ\$#\1#p")
  if diff -rq "${exclude[@]}" "$2" "$3" | grep -v ' differ$'; then differ=1; fi
  if [[ $differ == 0 ]]; then
    echo "same: $(find "$3" -type f -name '*.out' | wc -l) outputs, byte for byte (the folders' own paths aside)"
  else
    echo "the outputs above differ" >&2
    exit 1
  fi
  ;;
*)
  echo "usage: $0 write BINARY DIR | compare OLD NEW" >&2
  exit 2
  ;;
esac
