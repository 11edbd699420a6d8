#!/usr/bin/env python3
"""Writes one line per placed sentence of a built corpus with its truth label: the calibration data of the score.

usage: features.py TRUTH.json CORPUS SET-NAME >> placements.tsv

A corpus built with `--min-score 0` from a recording `samtal synth` joined from recorded clips (`--from-table`,
`--from-clips`); rows come from manifest.jsonl and rejected.jsonl. A row is right when its speech edges fall inside
its own clips (100 ms tolerance), as `samtal eval` counts it.
"""
import json, os, sys

truth = json.load(open(sys.argv[1]))['sentences']
corpus, name = sys.argv[2], sys.argv[3]
rows = [json.loads(l) for l in open(os.path.join(corpus, 'manifest.jsonl'))]
rej = os.path.join(corpus, 'rejected.jsonl')
if os.path.exists(rej):
    rows += [json.loads(l) for l in open(rej) if 'text' in json.loads(l)]
norm = lambda s: ' '.join(s.lower().split())
span = lambda t, a, b: (t.get('clip_start', t['start']), t.get('clip_end', t['end']))
for r in rows:
    txt = norm(r['text'])
    run = None
    for i, t in enumerate(truth):
        if not txt.startswith(norm(t['text'])):
            continue
        j, joined = i, norm(t['text'])
        while len(joined) < len(txt) and j + 1 < len(truth):
            j += 1
            joined += ' ' + norm(truth[j]['text'])
        if joined == txt:
            run = (i, j)
            break
    if run is None:
        right = 0
    else:
        a, b = truth[run[0]], truth[run[1]]
        s0, _ = span(a, 0, 0)
        _, e1 = span(b, 0, 0)
        right = int(r['speech_start'] >= s0 - 0.1 and r['speech_end'] <= e1 + 0.1
                    and r['speech_start'] < span(a, 0, 0)[1] and r['speech_end'] > span(b, 0, 0)[0])
    m = r.get('metrics', {})
    print('\t'.join([name, r['id'], str(right)] + ['%.4f' % m.get(k, float('nan')) for k in
                    ('margin', 'edge_margin', 'match', 'contrast', 'duration_ratio', 'pace')]))
