#!/usr/bin/env python3
"""Checks that pith's metric ports agree with the reference scorers on the same predictions.

    compare_with_reference.py text PORT.json REFERENCE.json
        PORT.json: `pith eval --json` (text metrics); REFERENCE.json: `score.py --json` on the
        predictions `pith eval --save-pred` wrote. Every figure both report must be equal.
    compare_with_reference.py metadata PORT.json REFERENCE.json
        PORT.json: `pith eval --metadata --json`; REFERENCE.json: `meta_score.py --json` on the
        records `pith eval --metadata --save-pred` wrote. Every field's counts and ratios must be
        equal, for the one tool in the port's report.

Exits 1 on a difference and prints each one. Standard library only.
"""
import json
import sys

TEXT_KEYS = ['f1', 'precision', 'recall', 'accuracy', 'tp', 'fp', 'fn', 'tn', 'n_docs', 'empty',
             'lev_mean', 'lev_median', 'lev_macro_mean', 'lev_macro_median']


def compare_text(port, ref):
    diffs, shown = [], []
    for key in TEXT_KEYS:
        if key in ref:
            shown.append(f'{key} {ref[key]}')
            if port.get(key) != ref[key]:
                diffs.append(f'{key}: port {port.get(key)!r}, reference {ref[key]!r}')
    for name, d in ref.get('datasets', {}).items():
        for key, value in d.items():
            got = port.get('datasets', {}).get(name, {}).get(key)
            if got != value:
                diffs.append(f'{name} {key}: port {got!r}, reference {value!r}')
    return diffs, f"{port.get('dataset')} ({ref.get('metric')}): " + ', '.join(shown)


def compare_metadata(port, ref):
    tool = port['tool']
    diffs = []
    if set(port['scores']) != set(ref['scores']):
        diffs.append(f"fields: port {sorted(port['scores'])}, reference {sorted(ref['scores'])}")
    for field, tools in ref['scores'].items():
        want, got = tools.get(tool), port['scores'].get(field)
        if want != got:
            diffs.append(f'{field}: port {got}, reference {want}')
    if port['missing_records'] != ref['missing_records'].get(tool):
        diffs.append(f"missing records: port {port['missing_records']}, reference {ref['missing_records'].get(tool)}")
    summary = ', '.join(f"{f} {c['correct']}/{c['n']}" for f, c in port['scores'].items() if c['attempted'])
    return diffs, f"{port['dataset']} metadata ({tool}): {summary}"


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('text', 'metadata'):
        sys.exit(__doc__)
    kind, port_path, ref_path = sys.argv[1:]
    with open(port_path, encoding='utf-8') as f:
        port = json.load(f)
    with open(ref_path, encoding='utf-8') as f:
        ref = json.load(f)
    diffs, summary = (compare_text if kind == 'text' else compare_metadata)(port, ref)
    for d in diffs:
        print(f'DIFFERS {d}')
    print(('port differs from the reference: ' if diffs else 'port == reference: ') + summary)
    sys.exit(1 if diffs else 0)


if __name__ == '__main__':
    main()
