#!/usr/bin/env python3
"""Every registered check has its header, its doc page and its lit tests, and
the doc page opens with the very sentence that summarizes the check in its
header, as upstream clang-tidy requires.

  check_docs.py <source-dir> <file naming the checks, one a line>
"""

import os
import re
import sys


def words(text):
    return ' '.join(text.replace('///', ' ').split())


def first_sentence(text):
    match = re.match(r'(.+?\.)(\s|$)', words(text))
    return match.group(1) if match else ''


def header_summary(path):
    """The doc comment right above `class <Name>Check`, up to its first blank
    `///` line."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    start = next(i for i, line in enumerate(lines)
                 if re.match(r'class \w+Check\b', line))
    comment = []
    for line in reversed(lines[:start]):
        if not line.startswith('///'):
            break
        comment.insert(0, line)
    paragraph = []
    for line in comment:
        if line.strip() == '///':
            break
        paragraph.append(line)
    return first_sentence('\n'.join(paragraph))


def doc_summary(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    body = text.split('\n', 1)[1].strip()
    return first_sentence(body.split('\n\n', 1)[0])


def camel(check):
    return ''.join(part.capitalize()
                   for part in check.removeprefix('coroscope-').split('-'))


def main():
    source = sys.argv[1]
    with open(sys.argv[2], encoding='utf-8') as f:
        checks = f.read().split()
    if not checks:
        sys.exit('no checks registered')
    failures = []
    for check in checks:
        header = os.path.join(source, 'checks', f'{camel(check)}Check.h')
        doc = os.path.join(source, 'docs', 'checks', f'{check}.md')
        tests = os.path.join(source, 'test', 'checks', check)
        for path in (header, doc, tests):
            if not os.path.exists(path):
                failures.append(f'{check}: missing {os.path.relpath(path, source)}')
        if failures:
            continue
        from_header, from_doc = header_summary(header), doc_summary(doc)
        if not from_header or from_header != from_doc:
            failures.append(f'{check}: the header says\n  "{from_header}"\n'
                            f'but the doc page opens with\n  "{from_doc}"')
        else:
            print(f'{check}: {from_header}')
    if failures:
        sys.exit('\n'.join(failures))


if __name__ == '__main__':
    main()
