"""Loads samtal corpora with the real consumers, after moving each corpus folder elsewhere (corpora are built on one
machine and trained on another): NeMo's required fields; Lhotse's validation, reading the audio, of the clip
manifests, the cuts, and the delivered sources (a stereo one among them when given), also through the `lhotse
validate-pair --read-data` command; Kaldi's own validate_data_dir.sh on every Kaldi folder, with every wav.scp entry
decoded; Lhotse's Common Voice recipe on cv/; Hugging Face datasets on hf/ (audiofolder, and the dataset card's
configs), decoding audio; the MFA layout's file pairs; no files for an empty split.

Usage: python check_consumers.py CORPUS... (run from the samtal checkout). Exits non-zero on any failure."""
import gzip
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import soundfile

KALDI_UTILS = pathlib.Path(__file__).resolve().parent / "kaldi-utils"
SPLITS = ("train", "dev", "test")
HUB_SPLIT = {"train": "train", "dev": "validation", "test": "test"}


def splits_of(corpus):
    card = json.loads((corpus / "card.json").read_text(encoding="utf-8"))
    return [s for s in SPLITS if card["splits"][s]["segments"] > 0], card


def check_empty_splits(corpus, present):
    empty = [s for s in SPLITS if s not in present]
    for split in empty:
        named = re.compile(rf"(^|[/_]){split}([/._-]|$)")
        stray = [str(p.relative_to(corpus)) for p in corpus.rglob("*")
                 if named.search(str(p.relative_to(corpus))) and not str(p.relative_to(corpus)).startswith(("clips/", ".samtal/"))]
        assert not stray, f"empty split {split} has files: {stray}"
    if empty:
        assert "no segments" in (corpus / "card.md").read_text(encoding="utf-8"), "card.md does not say which splits are empty"


def check_nemo(corpus, splits):
    n = 0
    for split in splits:
        manifest = corpus / "nemo" / f"{split}_manifest.jsonl"
        for line in manifest.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            assert isinstance(item["audio_filepath"], str) and float(item["duration"]) > 0, item
            assert isinstance(item.get("text", ""), str), item
            assert (manifest.parent / item["audio_filepath"]).resolve().is_file(), item["audio_filepath"]
            n += 1
    return n


def check_lhotse(corpus, splits):
    from lhotse import CutSet, RecordingSet, SupervisionSet
    from lhotse.qa import validate, validate_recordings_and_supervisions

    sups = 0
    for split in splits:
        rec_file = corpus / "lhotse" / f"{split}_recordings.jsonl.gz"
        sup_file = corpus / "lhotse" / f"{split}_supervisions.jsonl.gz"
        # clip paths are relative to the corpus: the documented loader call
        recordings = RecordingSet.from_file(rec_file).with_path_prefix(corpus)
        supervisions = SupervisionSet.from_file(sup_file)
        validate_recordings_and_supervisions(recordings, supervisions, read_data=True)
        # the command line, run from the corpus folder, where relative paths resolve
        subprocess.run([str(pathlib.Path(sys.executable).parent / "lhotse"), "validate-pair", "--read-data", str(rec_file), str(sup_file)],
                       cwd=corpus, check=True)
        cuts = CutSet.from_file(corpus / "lhotse" / f"cuts_{split}.jsonl.gz").with_recording_path_prefix(corpus)
        validate(cuts, read_data=True)
        assert len(cuts) == len(supervisions)
        for cut in cuts:
            assert type(cut).__name__ == "MonoCut" and cut.load_audio().shape[0] == 1
            for s in cut.supervisions:
                for w in (s.alignment or {}).get("word", []):
                    assert 0 <= w.start and w.end <= cut.duration + 1e-3, (cut.id, w)
        sups += len(supervisions)

    sources = RecordingSet.from_file(corpus / "lhotse" / "sources_recordings.jsonl.gz")
    stereo = 0
    for split in splits:
        source_sups = SupervisionSet.from_file(corpus / "lhotse" / f"{split}_source_supervisions.jsonl.gz")
        validate_recordings_and_supervisions(sources, source_sups, read_data=True)
        # a cut of a delivered file holds what the clip holds: the mix of all its channels
        cuts = CutSet.from_manifests(recordings=sources, supervisions=source_sups).trim_to_supervisions(keep_overlapping=False)
        for cut in cuts.subset(first=3):
            if type(cut).__name__ == "MultiCut":
                stereo += 1
                assert cut.load_audio().shape[0] == cut.recording.num_channels == 2
                cut = cut.to_mono(mono_downmix=True)
            assert cut.load_audio().shape[0] == 1, cut
    return sups, len(sources), stereo


def kaldi_validate(data_dir):
    """Kaldi's validate_data_dir.sh. It looks for a locale spelled C.UTF-8 or en_US.UTF-8 for its check of
    non-printable characters; where the machine spells it C.utf8 only, that grep is run here and the script skips it."""
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    args = ["bash", "utils/validate_data_dir.sh", "--no-feats"]
    if "C.UTF-8" not in locales and "en_US.UTF-8" not in locales:
        bad = subprocess.run(["grep", "-c", "[^[:print:][:space:]]", str(data_dir / "text")], capture_output=True, text=True,
                             env={**os.environ, "LC_ALL": "C.utf8"}).stdout.strip()
        assert bad == "0", f"{data_dir}/text: {bad} lines with non-printable characters"
        args.append("--non-print")
    subprocess.run(args + [str(data_dir)], cwd=KALDI_UTILS, check=True)


def kaldi_read(entry, corpus):
    """A wav.scp entry read as Kaldi reads it, from the corpus folder: a pipe through the shell, or a file."""
    if entry.endswith("|"):
        wav = subprocess.run(["bash", "-c", entry[:-1]], cwd=corpus, check=True, capture_output=True).stdout
    else:
        wav = (corpus / entry).read_bytes()
    data, rate = soundfile.read(io.BytesIO(wav), dtype="int16")
    assert rate == 16000 and data.ndim == 1 and len(data) > 0, entry
    return len(data) / rate


def check_kaldi(corpus, splits):
    entries = 0
    for layout in ("kaldi", "kaldi_sources"):
        for split in splits:
            d = corpus / layout / split
            if not d.is_dir():
                continue
            kaldi_validate(d)
            durations = {}
            for line in (d / "wav.scp").read_text(encoding="utf-8").splitlines():
                key, entry = line.split(" ", 1)
                durations[key] = kaldi_read(entry, corpus)
                entries += 1
            if (d / "segments").is_file():
                for line in (d / "segments").read_text(encoding="utf-8").splitlines():
                    utt, rec, start, end = line.split(" ")
                    assert float(end) <= durations[rec] + 0.5, line
    return entries


def check_common_voice(corpus, splits):
    from lhotse.recipes.commonvoice import prepare_commonvoice

    rows = {s: len((corpus / "cv" / f"{s}.tsv").read_text(encoding="utf-8").splitlines()) - 1 for s in splits}
    first = (corpus / "cv" / f"{splits[0]}.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")
    lang = first[11]
    with tempfile.TemporaryDirectory() as tmp:
        # CV's layout is <corpus>/<locale>/{SPLIT.tsv, clips/}: samtal's cv/ is the locale folder
        os.symlink(corpus / "cv", pathlib.Path(tmp) / lang)
        manifests = prepare_commonvoice(tmp, output_dir=pathlib.Path(tmp) / "manifests", languages=[lang], splits=splits)
    for s in splits:
        found = len(manifests[lang][s]["recordings"])
        assert found == rows[s], f"Lhotse's Common Voice recipe found {found} of {rows[s]} {s} clips"
    return sum(rows.values())


def check_hf(corpus, splits):
    from datasets import load_dataset

    def decoded(audio):
        if isinstance(audio, dict):  # datasets < 4
            return audio["sampling_rate"], len(audio["array"])
        samples = audio.get_all_samples()  # datasets >= 4: a torchcodec AudioDecoder
        return samples.sample_rate, samples.data.shape[-1]

    n = 0
    # as the audiofolder builder infers it, and as the Hub reads the dataset card's configs; a fresh cache each time,
    # or datasets would serve rows of an earlier load with its paths
    with tempfile.TemporaryDirectory() as cache:
        for dataset in (load_dataset("audiofolder", data_dir=str(corpus / "hf"), cache_dir=cache + "/a"),
                        load_dataset(str(corpus / "hf"), cache_dir=cache + "/b")):
            assert sorted(dataset.keys()) == sorted(HUB_SPLIT[s] for s in splits), dataset
            for split in dataset.values():
                rate, samples = decoded(split[0]["audio"])
                assert rate == 16000 and samples > 1600, (rate, samples)
                assert split[0]["transcription"], split[0]
            n = sum(len(d) for d in dataset.values())
    return n


def check_mfa(corpus):
    pairs = 0
    for audio in (corpus / "mfa").glob("*/*"):
        if audio.suffix == ".lab":
            assert audio.with_suffix(".flac").is_file() or audio.with_suffix(".wav").is_file(), audio
            continue
        lab = audio.with_suffix(".lab")
        assert lab.read_text(encoding="utf-8").strip(), lab
        info = soundfile.info(str(audio))
        assert info.samplerate == 16000 and info.channels == 1, audio
        pairs += 1
    return pairs


def check(original):
    original = original.resolve()
    # the corpus is moved before anything loads it, and moved back afterwards
    away = pathlib.Path(tempfile.mkdtemp(prefix=".moved-", dir=original.parent))
    corpus = away / "corpus"
    shutil.move(str(original), str(corpus))
    try:
        splits, card = splits_of(corpus)
        assert splits, "no split has segments"
        check_empty_splits(corpus, splits)
        report = {"nemo lines": check_nemo(corpus, splits)}
        sups, sources, stereo = check_lhotse(corpus, splits)
        report.update({"lhotse supervisions": sups, "source recordings": sources, "stereo source cuts": stereo})
        report["kaldi wav.scp entries decoded"] = check_kaldi(corpus, splits)
        report["common voice clips"] = check_common_voice(corpus, splits)
        report["datasets rows"] = check_hf(corpus, splits)
        if (corpus / "mfa").is_dir():
            report["mfa pairs"] = check_mfa(corpus)
        return report
    finally:
        shutil.move(str(corpus), str(original))
        away.rmdir()


if __name__ == "__main__":
    stereo_seen = 0
    for arg in sys.argv[1:]:
        report = check(pathlib.Path(arg))
        stereo_seen += report["stereo source cuts"]
        print(f"consumers: {arg} ok after a move: " + ", ".join(f"{k} {v}" for k, v in report.items()))
    if os.environ.get("CHECK_STEREO") == "1":
        assert stereo_seen > 0, "no stereo source was checked"
