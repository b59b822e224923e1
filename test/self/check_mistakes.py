#!/usr/bin/env python3
"""Checks that coroscope flags exactly the mistakes examples/mistakes/ marks.

Every line a check must flag carries a comment `// BUG(<check-name>): ...`.
coroscope-lint runs over the mistakes files of the build's compilation
database; the test fails unless each marked line gets a finding of its check
and each finding lands on a line marked for that check.

  check_mistakes.py --lint <coroscope-lint> --build-dir <dir> --source-dir <dir>
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

MARKER = re.compile(r'//\s*BUG\((coroscope-[a-z-]+)\)')


def marked_lines(files, root):
    expected = set()
    for path in files:
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                for check in MARKER.findall(line):
                    expected.add((os.path.relpath(path, root), number, check))
    return expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--lint', required=True)
    parser.add_argument('--build-dir', required=True)
    parser.add_argument('--source-dir', required=True)
    args = parser.parse_args()

    files = sorted(glob.glob(os.path.join(args.source_dir, 'examples',
                                          'mistakes', '*.cpp')))
    if not files:
        sys.exit('no files in examples/mistakes/')
    expected = marked_lines(files, args.source_dir)

    with tempfile.NamedTemporaryFile(suffix='.json') as report:
        result = subprocess.run(
            [args.lint, '-p', args.build_dir, '--root', args.source_dir,
             '--format=json', '-o', report.name, '--quiet'] +
            [f'--files={f}' for f in files],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(result.stdout)
        if result.returncode == 2:
            sys.exit('coroscope-lint failed on examples/mistakes/ (exit 2)')
        findings = json.load(open(report.name))['findings']

    found = {(f['file'], f['line'], f['check']) for f in findings}
    for file, line, check in sorted(found):
        print(f'found    {file}:{line}: [{check}]')
    missing = expected - found
    unexpected = found - expected
    for file, line, check in sorted(missing):
        print(f'MISSING  {file}:{line}: no [{check}] finding, '
              f'though the line is marked BUG({check})')
    for file, line, check in sorted(unexpected):
        print(f'UNMARKED {file}:{line}: [{check}] reported on a line not '
              f'marked BUG({check})')
    checks = {check for _, _, check in expected}
    print(f'{len(found & expected)} of {len(expected)} marked mistakes '
          f'flagged, by {len(checks)} checks')
    sys.exit(1 if missing or unexpected else 0)


if __name__ == '__main__':
    main()
