#!/usr/bin/env python3
"""Runs every coroscope check over the check tests' inputs twice, with the
exception-path memo on and off (COROSCOPE_EXCEPTION_PATH_MEMO=off), and
fails unless both runs report exactly the same.

  exception_path_memo.py --clang-tidy <clang-tidy> --plugin <plugin>
                         --includes <dir>... --inputs <dir>...

The memo lets a walk through a handler stop where an earlier walk went (of
the same check or another); it must save time and change nothing.
"""
import argparse
import concurrent.futures
import os
import pathlib
import subprocess
import sys


def findings(args, source, memo):
    env = dict(os.environ)
    if not memo:
        env['COROSCOPE_EXCEPTION_PATH_MEMO'] = 'off'
    result = subprocess.run(
        [args.clang_tidy, f'--load={args.plugin}', '--checks=-*,coroscope-*',
         '--quiet', str(source), '--', '-std=c++20'] +
        [f'-I{folder}' for folder in args.includes],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if 'Stack dump:' in result.stdout:
        sys.exit(f'clang-tidy crashed on {source}:\n{result.stdout}')
    return [line for line in result.stdout.splitlines()
            if '[coroscope-' in line]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--clang-tidy', required=True)
    parser.add_argument('--plugin', required=True)
    parser.add_argument('--includes', required=True, nargs='+')
    parser.add_argument('--inputs', required=True, nargs='+',
                        type=pathlib.Path)
    args = parser.parse_args()
    sources = sorted(source for folder in args.inputs
                     for source in folder.rglob('*.cpp')
                     if 'Inputs' not in source.parts)
    if not sources:
        sys.exit('no inputs found')
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        on = pool.map(lambda s: findings(args, s, True), sources)
        off = pool.map(lambda s: findings(args, s, False), sources)
        compared = list(zip(sources, on, off))
    different = [(s, a, b) for s, a, b in compared if a != b]
    for source, with_memo, without in different:
        print(f'{source}: the memo changes the findings')
        for line in sorted(set(with_memo) ^ set(without)):
            side = 'with memo only' if line in with_memo else 'without only'
            print(f'  {side}: {line}')
    total = sum(len(a) for _, a, _ in compared)
    print(f'{len(sources)} inputs, {total} findings, '
          f'{len(different)} differ with the memo off')
    if total == 0:
        sys.exit('no findings at all: the comparison shows nothing')
    return 1 if different else 0


if __name__ == '__main__':
    sys.exit(main())
