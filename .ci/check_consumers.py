"""Loads a samtal corpus with the real consumers: Lhotse validates its manifests (reading the audio), Hugging Face
datasets loads the audiofolder layout and decodes a clip, and every NeMo manifest line is checked for the fields
NeMo requires. Usage: python check_consumers.py CORPUS. Exits non-zero on any failure."""
import json
import pathlib
import sys

corpus = pathlib.Path(sys.argv[1]).resolve()
splits = [s for s in ("train", "dev", "test") if (corpus / "nemo" / f"{s}_manifest.jsonl").stat().st_size > 0]
assert splits, "no split has segments"

# NeMo: audio_filepath and duration are required, text defaults to ""; relative paths resolve against the manifest
nemo_lines = 0
for split in splits:
    manifest = corpus / "nemo" / f"{split}_manifest.jsonl"
    for line in manifest.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert isinstance(item["audio_filepath"], str) and float(item["duration"]) > 0, item
        assert isinstance(item.get("text", ""), str), item
        assert (manifest.parent / item["audio_filepath"]).resolve().is_file(), item["audio_filepath"]
        nemo_lines += 1

# Lhotse: load and validate, reading the audio
from lhotse import load_manifest
from lhotse.qa import validate_recordings_and_supervisions

lhotse_sups = 0
for split in splits:
    recordings = load_manifest(corpus / "lhotse" / f"{split}_recordings.jsonl.gz")
    supervisions = load_manifest(corpus / "lhotse" / f"{split}_supervisions.jsonl.gz")
    validate_recordings_and_supervisions(recordings, supervisions, read_data=True)
    lhotse_sups += len(supervisions)
sources = load_manifest(corpus / "lhotse" / "sources_recordings.jsonl.gz")
source_sups = load_manifest(corpus / "lhotse" / f"{splits[0]}_source_supervisions.jsonl.gz")
validate_recordings_and_supervisions(sources, source_sups, read_data=False)

# Hugging Face datasets: the audiofolder layout loads and a clip decodes
from datasets import load_dataset

dataset = load_dataset("audiofolder", data_dir=str(corpus / "hf"))
first = dataset[splits[0] if splits[0] != "dev" else "validation"][0]
audio = first["audio"]
assert audio["sampling_rate"] == 16000 and len(audio["array"]) > 1600, audio
assert first["transcription"], first

print(f"consumers: ok (NeMo {nemo_lines} lines, Lhotse {lhotse_sups} supervisions and {len(sources)} source recordings, "
      f"datasets {sum(len(d) for d in dataset.values())} rows; first clip {len(audio['array'])} samples)")
