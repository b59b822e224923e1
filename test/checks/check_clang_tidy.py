#!/usr/bin/env python3
"""Runs one coroscope check over one test file and verifies what it says.

The contract is upstream clang-tidy's check_clang_tidy.py:

  %check_clang_tidy [options] <file> <check-name> <temp-prefix> \
      [-- <clang-tidy args> [-- <compiler args>]]

* `CHECK-MESSAGES[-SUFFIX]:` lines must each match a warning, and every
  warning or error clang-tidy prints must be expected by one of them.
* `CHECK-NOTES[-SUFFIX]:` lines do the same with notes counted too.
* `CHECK-FIXES[-SUFFIX]:` lines are matched against the file after `-fix`;
  without any, the fixed file must equal the input (no unexpected fix-its).
* A file with no CHECK lines at all must produce no diagnostic.
* clang-tidy options such as `-config=...` go after the first `--`; compiler
  arguments after the second. C++20 is the default language.
* A crash of clang-tidy fails the test, whatever the expectations.
"""

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys

CHECK_LINE = re.compile(r'//\s*CHECK-[A-Z0-9-]+:[^\r\n]*')
CRASH_MARKERS = ('PLEASE submit a bug report', 'Stack dump:')


def fail(message):
    sys.exit(f'check_clang_tidy.py: {message}')


def split_on_dashes(args):
    """Splits `a -- b -- c` into ([a], [b], [c])."""
    groups = [[]]
    for arg in args:
        if arg == '--' and len(groups) < 3:
            groups.append([])
        else:
            groups[-1].append(arg)
    while len(groups) < 3:
        groups.append([])
    return groups


def run(command, **kwargs):
    print('RUN: ' + shlex.join(command), flush=True)
    return subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kwargs)


def filecheck(filecheck_binary, input_file, check_file, prefixes, extra):
    result = run([filecheck_binary, f'-input-file={input_file}', check_file,
                  f'-check-prefixes={",".join(prefixes)}'] + extra)
    if result.returncode != 0:
        print(result.stdout)
        fail(f'FileCheck failed for prefixes {",".join(prefixes)}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--clang-tidy', required=True)
    parser.add_argument('--filecheck', required=True)
    parser.add_argument('--plugin', required=True)
    parser.add_argument('-check-suffix', '-check-suffixes', default='',
                        dest='suffixes')
    parser.add_argument('-expect-clang-tidy-error', action='store_true',
                        help='the file does not compile; expect error lines '
                             'among the CHECK-MESSAGES')
    parser.add_argument('input')
    parser.add_argument('check')
    parser.add_argument('temp')
    own_args, tidy_args, compiler_args = split_on_dashes(sys.argv[1:])
    own = parser.parse_args(own_args)

    suffixes = [s.strip() for s in own.suffixes.split(',') if s.strip()]
    def prefixes(kind):
        if not suffixes:
            return [kind]
        return [f'{kind}-{s}' for s in suffixes]

    with open(own.input, encoding='utf-8') as f:
        original = f.read()
    def has(prefix_list):
        return any(re.search(rf'\b{re.escape(p)}:', original)
                   for p in prefix_list)
    messages, notes, fixes = (prefixes('CHECK-MESSAGES'),
                              prefixes('CHECK-NOTES'),
                              prefixes('CHECK-FIXES'))
    has_messages, has_notes, has_fixes = has(messages), has(notes), has(fixes)

    # Same lines, CHECK comments blanked, so [[@LINE]] still points right.
    extension = os.path.splitext(own.input)[1] or '.cpp'
    temp_file = own.temp + extension
    os.makedirs(os.path.dirname(os.path.abspath(temp_file)), exist_ok=True)
    cleaned = CHECK_LINE.sub('//', original)
    with open(temp_file, 'w', encoding='utf-8') as f:
        f.write(cleaned)

    if not any(a.startswith('-std=') for a in compiler_args):
        compiler_args = ['-std=c++20'] + compiler_args
    command = [own.clang_tidy, temp_file, '-fix', f'--load={own.plugin}',
               f'--checks=-*,{own.check}']
    if not any(a.startswith('-config') for a in tidy_args):
        command.append('-config={}')
    command += tidy_args + ['--'] + compiler_args
    result = run(command)
    output = result.stdout
    print('------------------------ clang-tidy output -----------------------')
    print(output)
    print('------------------------------------------------------------------')
    if result.returncode < 0 or result.returncode >= 128 or any(
            marker in output for marker in CRASH_MARKERS):
        fail(f'clang-tidy crashed (exit status {result.returncode})')
    if result.returncode != 0 and not own.expect_clang_tidy_error:
        fail(f'clang-tidy failed (exit status {result.returncode})')
    if own.expect_clang_tidy_error and 'error:' not in output:
        fail('-expect-clang-tidy-error given, but clang-tidy reported no error')

    output_file = own.temp + '.msg'
    with open(output_file, 'w', encoding='utf-8') as f:
        f.write(output)

    if has_messages:
        filecheck(own.filecheck, output_file, own.input, messages,
                  ['-allow-empty', '-implicit-check-not={{warning|error}}:'])
    if has_notes:
        # As upstream's: the notes clang-tidy adds for each fix it applied
        # are not the check's.
        notes_file = own.temp + '.notes'
        with open(notes_file, 'w', encoding='utf-8') as f:
            f.write('\n'.join(line for line in output.splitlines()
                              if 'note: FIX-IT applied' not in line))
        filecheck(own.filecheck, notes_file, own.input, notes,
                  ['-allow-empty', '-implicit-check-not={{note|warning|error}}:'])
    if not has_messages and not has_notes:
        unexpected = [line for line in output.splitlines()
                      if re.search(r'\b(warning|error):', line)]
        if unexpected:
            fail('no CHECK-MESSAGES or CHECK-NOTES, yet clang-tidy said:\n' +
                 '\n'.join(unexpected))

    with open(temp_file, encoding='utf-8') as f:
        fixed = f.read()
    if has_fixes:
        filecheck(own.filecheck, temp_file, own.input, fixes,
                  ['-strict-whitespace'])
    elif fixed != cleaned:
        diff = difflib.unified_diff(cleaned.splitlines(True),
                                    fixed.splitlines(True), 'input', 'fixed')
        fail('no CHECK-FIXES, yet clang-tidy changed the file:\n' +
             ''.join(diff))


if __name__ == '__main__':
    main()
