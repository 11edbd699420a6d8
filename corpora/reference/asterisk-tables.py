"""Tables of Asterisk's core prompts (Debian asterisk-core-sounds-LANG + -g722): one sentence a clip, one speaker a
language, in the form `samtal synth --from-table` reads: real speech in five more languages for measuring samtal.

    mkdir -p /tmp/deb && cd /tmp/deb && for l in fr es it ru en; do apt-get download asterisk-core-sounds-$l \
        asterisk-core-sounds-$l-g722; done && for f in *.deb; do dpkg -x $f x; done
    python3 corpora/reference/asterisk-tables.py 150        # writes /tmp/realspeech-extra/LANG-asterisk (needs ffmpeg)

Prompts of at least 4 words that are one sentence, without bracketed noises or repeated texts. Voices and licences:
fr June Wallack, es and en Allison Smith (CC BY-SA 3.0); it Carlo Flora, ru Maxim Topal (CC BY 3.0).
"""
import gzip, os, re, subprocess, sys
SRC = os.environ.get("ASTERISK_DEB", "/tmp/deb/x") + "/usr/share"
VOICES = {"en": ("en_US_f_Allison", "en-US", "Allison Smith", "CC BY-SA 3.0"), "fr": ("fr_CA_f_June", "fr-CA", "June Wallack", "CC BY-SA 3.0"), "es": ("es_MX_f_Allison", "es-MX", "Allison Smith", "CC BY-SA 3.0"),
          "it": ("it_IT_m_Carlo", "it-IT", "Carlo Flora", "CC BY 3.0"), "ru": ("ru_RU_f_IvrvoiceRU", "ru-RU", "Maxim Topal (ivrvoice.ru)", "CC BY 3.0")}
LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 120
for lang, (voice, tag, who, lic) in VOICES.items():
    if len(sys.argv) > 2 and lang not in sys.argv[2:]: continue
    out = f"/tmp/realspeech-extra/{lang}-asterisk"
    os.makedirs(out + "/clips", exist_ok=True)
    rows, seen = [], set()
    for line in gzip.open(f"{SRC}/doc/asterisk-core-sounds-{lang}/core-sounds-{lang}.txt.gz", "rt", encoding="utf-8-sig"):
        m = re.match(r"^([^;:\s][^:]*):\s*(.+?)\s*$", line)
        if not m: continue
        name, text = m.group(1), re.sub(r"\s+", " ", m.group(2))
        g = f"{SRC}/asterisk/sounds/{voice}/{name}.g722"
        if not os.path.isfile(g) or re.search(r"[\[\]()<>]", text) or len(text.split()) < 4 or re.search(r"[.!?;]\s", text) or text.lower() in seen: continue
        seen.add(text.lower())
        flac = name.replace("/", "_") + ".flac"
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "g722", "-i", g, "-ar", "16000", "-ac", "1", f"{out}/clips/{flac}"], check=True)
        rows.append((flac, text))
        if len(rows) >= LIMIT: break
    with open(f"{out}/metadata.tsv", "w", encoding="utf-8") as f:
        f.write("filename\tsentence\tspeaker_id\n")
        for flac, text in rows: f.write(f"{flac}\t{text}\t{voice}\n")
    with open(f"{out}/README.md", "w", encoding="utf-8") as f:
        f.write(f"{tag}: {len(rows)} prompts of Asterisk's core sounds read by {who} ({lic}), from Debian's asterisk-core-sounds-{lang}-g722 "
                f"(16 kHz G.722, converted to FLAC) and the prompt texts of asterisk-core-sounds-{lang} (core-sounds-{lang}.txt).\n")
    print(lang, len(rows))
