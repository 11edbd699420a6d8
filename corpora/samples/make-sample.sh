#!/usr/bin/env bash
# Regenerates the shipped sample: a short Icelandic two-speaker radio interview spoken by espeak-ng
# (interview.ogg, Opus in Ogg, 16 kHz mono), its turn transcript (interview.txt) and the exact time of every
# sentence (interview.truth.json). The script of the interview is src/main/resources/org/samtal/synth/interview-is.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../../samtal" synth --lang is --out "$here" --name interview --formats ogg --rate 16000 --seed 7 --snr 35
