#!/usr/bin/env bash
# Regenerates the real-speech sample: 12 clips of Icelandic read speech by 3 volunteers (the Samrómur corpus, LVL,
# Reykjavík University, CC BY 4.0; src/test/resources/realspeech) cut to their speech and joined with short pauses of
# room tone, as sentences follow each other in conversation (readings.ogg), the sentences one a line (readings.txt),
# and where each sentence's clip lies in the joined recording (readings.truth.json: clip_start, clip_end).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../../../samtal" synth --lang is --from-table "$here/../../../src/test/resources/realspeech/is-samromur-dev/metadata.tsv" \
  --clips 12 --tight --transcripts lines --formats ogg --out "$here" --name readings
