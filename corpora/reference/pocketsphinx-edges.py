#!/usr/bin/env python3
"""Speech edges of recorded sentence clips by an independent forced aligner, as truth for `samtal synth --from-clips`.

PocketSphinx (CMU, https://pypi.org/project/pocketsphinx/, with its bundled US English model) aligns each clip to its
transcription; a clip's speech starts where its first word starts and ends where its last word ends. Silence, breaths
and clicks before and after go to the aligner's silence and filler models, as a human annotator would leave them out.

    python3 -m venv /tmp/ps && /tmp/ps/bin/pip install pocketsphinx==5.1.1
    /tmp/ps/bin/python corpora/reference/pocketsphinx-edges.py \
        /usr/share/pocketsphinx/test/data/librivox/transcription > corpora/reference/librivox-pocketsphinx.json
"""
import json
import re
import sys
import wave
from pathlib import Path

from importlib.metadata import version

from pocketsphinx import Decoder

LINE = re.compile(r"^\s*<s>\s*(.*?)\s*</s>\s*\(([^)]+)\)\s*$")


def main(transcription: str) -> None:
    folder = Path(transcription).resolve().parent
    decoder = Decoder(samprate=16000, bestpath=False, loglevel="ERROR")
    clips = {}
    for line in Path(transcription).read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if not m:
            continue
        text, clip = m.group(1), m.group(2)
        with wave.open(str(folder / f"{clip}.wav")) as w:
            if w.getframerate() != 16000 or w.getnchannels() != 1:
                sys.exit(f"{clip}.wav: the US English model wants 16 kHz mono")
            pcm = w.readframes(w.getnframes())
        decoder.set_align_text(text)
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        # frames are 10 ms; a word's end frame is its last
        words = [(s.word, s.start_frame / 100, (s.end_frame + 1) / 100) for s in decoder.seg()
                 if not s.word.startswith(("<", "[", "+"))]
        if not words:
            sys.exit(f"{clip}.wav: the aligner placed no word")
        clips[clip] = {"start": words[0][1], "end": words[-1][2],
                       "words": [{"word": w, "start": a, "end": b} for w, a, b in words]}
    json.dump({"source": "pocketsphinx " + version("pocketsphinx") + " forced alignment (set_align_text), en-us model",
               "transcription": transcription, "clips": clips}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
