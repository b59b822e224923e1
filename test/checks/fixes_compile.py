#!/usr/bin/env python3
"""Applies the fix-its of every check test input that compiles (those that
expect clang-tidy errors excepted), as `clang-tidy --fix` would unseen, and
fails unless the result still compiles and a second `--fix` changes nothing.

  fixes_compile.py --clang-tidy <clang-tidy> --clang <clang++> --plugin <so>
                   --tests <dir>

Each input is run with the check and the options of its first RUN line.
"""
import argparse
import concurrent.futures
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

RUN = re.compile(r'^// RUN: (.*?)$', re.M)


def invocation(source):
    """The check, clang-tidy arguments and compiler arguments of the first
    %check_clang_tidy RUN line, or None to skip the input."""
    text = source.read_text()
    lines, joined = [], ''
    for match in RUN.finditer(text):
        part = match.group(1)
        joined += part.rstrip('\\').rstrip() + ' '
        if not part.endswith('\\'):
            lines.append(joined)
            joined = ''
    for line in lines:
        if '%check_clang_tidy' not in line:
            continue
        words = shlex.split(line.replace('%s', str(source))
                            .replace('%S', str(source.parent)))
        words = words[words.index('%check_clang_tidy') + 1:]
        if '-expect-clang-tidy-error' in words:
            return None
        words = [w for w in words if not w.startswith('-check-suffix')]
        check = words[1]
        rest = words[3:]
        groups = [[]]
        for word in rest:
            if word == '--' and len(groups) < 3:
                groups.append([])
            else:
                groups[-1].append(word)
        while len(groups) < 3:
            groups.append([])
        compiler = groups[2]
        if not any(a.startswith('-std=') for a in compiler):
            compiler = ['-std=c++20'] + compiler
        return check, groups[1], compiler
    return None


def fix(args, source, check, tidy, compiler, target):
    command = [args.clang_tidy, str(target), '-fix', f'--load={args.plugin}',
               f'--checks=-*,{check}']
    if not any(a.startswith('-config') for a in tidy):
        command.append('-config={}')
    subprocess.run(command + tidy + ['--'] + compiler, capture_output=True,
                   text=True)


def judge(args, source):
    found = invocation(source)
    if not found:
        return None
    check, tidy, compiler = found
    with tempfile.TemporaryDirectory() as scratch:
        target = pathlib.Path(scratch) / source.name
        shutil.copy(source, target)
        # Relative includes of the input resolve from its own folder.
        compiler = compiler + [f'-I{source.parent}']
        fix(args, source, check, tidy, compiler, target)
        once = target.read_text()
        fix(args, source, check, tidy, compiler, target)
        if target.read_text() != once:
            return f'{source}: a second --fix changed the file again'
        result = subprocess.run([args.clang, '-fsyntax-only', '-w',
                                 str(target)] + compiler,
                                capture_output=True, text=True)
        if result.returncode != 0:
            return (f'{source}: the fixed file does not compile:\n'
                    + result.stderr[-3000:])
    return ''


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--clang-tidy', required=True)
    parser.add_argument('--clang', required=True)
    parser.add_argument('--plugin', required=True)
    parser.add_argument('--tests', required=True, type=pathlib.Path)
    args = parser.parse_args()
    sources = sorted(s for s in args.tests.rglob('*.cpp')
                     if 'Inputs' not in s.parts)
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        results = list(pool.map(lambda s: judge(args, s), sources))
    judged = [r for r in results if r is not None]
    failures = [r for r in judged if r]
    for failure in failures:
        print(failure)
    print(f'{len(judged)} inputs fixed and compiled, {len(failures)} failed')
    if not judged:
        sys.exit('no input judged')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
