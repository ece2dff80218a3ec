#!/usr/bin/env bash
# The one way to refresh the README's pictures on purpose. The browser tests screenshot every page they visit
# into artifacts/screenshots/ (ignored by git; RTR_SCREENSHOTS names another directory); this script runs the
# browser tests that take the pictures below with RTR_SCREENSHOTS pointing at a temporary folder, then copies
# just those pictures into docs/screenshots/, saying which it copied and which were missing. It fails, copying
# nothing, when a chosen picture was not produced (or the tests failed).
#   scripts/readme-screenshots.sh                     # every picture below
#   scripts/readme-screenshots.sh 29-manage-group     # only these pictures (their tests only)
#   RTR_TEST_DATABASE=Postgres scripts/readme-screenshots.sh
# Only the test classes that take the chosen pictures run (found by the picture's name in
# tests/RunTalkRun.BrowserTests); the browser tests need `npm ci` at the repository root and Chromium
# (scripts/setup.sh installs both). Look at the pictures (git diff) before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."

# The README's pictures: the only list of them. A picture added here must also be shown in README.md.
PICTURES=(
  08-run-on-a-phone
  13-whos-coming
  25-find-from-peterborough
  29-manage-group
  35-run-place-offered
  38-register-someone-not-back
  44-hq-review-answered
  48-roster-cover-wanted
  52-care-note
  54-moderation-queue
  80-raise-concern-errors
  85-hq-concern-closed
  88-download-your-data
  91-delete-wrong-password
)
TESTS=tests/RunTalkRun.BrowserTests
DEST=docs/screenshots

chosen=("$@")
if [ ${#chosen[@]} -eq 0 ]; then chosen=("${PICTURES[@]}"); fi
for name in "${chosen[@]}"; do
  name=${name%.png}
  if ! printf '%s\n' "${PICTURES[@]}" | grep -qxF "$name"; then
    echo "readme-screenshots: $name is not one of the README's pictures (the list is in $0)" >&2; exit 2
  fi
done

# The test classes that take the chosen pictures: the class in each file that names the picture in quotes.
classes=()
for name in "${chosen[@]}"; do
  name=${name%.png}
  files=$(grep -rlF --include='*.cs' "\"$name\"" "$TESTS" || true)
  if [ -z "$files" ]; then
    echo "readme-screenshots: no browser test takes $name (no \"$name\" in $TESTS)" >&2; exit 1
  fi
  for f in $files; do classes+=("$(basename "$f" .cs)"); done
done
mapfile -t classes < <(printf '%s\n' "${classes[@]}" | sort -u)
filter=$(printf 'FullyQualifiedName~.%s.|' "${classes[@]}"); filter=${filter%|}

work=$(mktemp -d /tmp/rtr-screenshots.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "readme-screenshots: running ${classes[*]} (screenshots into $work)"
tests_ok=1
RTR_SCREENSHOTS="$work" dotnet test "$TESTS" --filter "$filter" || tests_ok=0

copied=(); missing=()
for name in "${chosen[@]}"; do
  name=${name%.png}
  if [ -s "$work/$name.png" ]; then copied+=("$name"); else missing+=("$name"); fi
done
if [ ${#missing[@]} -gt 0 ] || [ $tests_ok -eq 0 ]; then
  [ $tests_ok -eq 0 ] && echo "readme-screenshots: the browser tests failed" >&2
  [ ${#missing[@]} -gt 0 ] && echo "readme-screenshots: missing (not produced): ${missing[*]}" >&2
  [ ${#copied[@]} -gt 0 ] && echo "readme-screenshots: produced but not copied: ${copied[*]}" >&2
  echo "readme-screenshots: nothing copied into $DEST" >&2
  exit 1
fi
mkdir -p "$DEST"
for name in "${copied[@]}"; do cp "$work/$name.png" "$DEST/$name.png"; done
echo "readme-screenshots: copied into $DEST: ${copied[*]}"
echo "readme-screenshots: missing: none"
