#!/usr/bin/env python3
"""The documentation cannot drift from what it documents:

  - every shell block of README.md and docs/ parses (`bash -n`), and every
    block marked `<!-- runnable -->` on the line before it runs, with the
    built coroscope-lint on PATH as the package's `coroscope-lint`;
  - every option of `coroscope-lint --help` appears in docs/ci.md;
  - every check option (`clang-tidy --dump-config`) appears on its check's
    page, and docs/usage.md's `.clang-tidy` lists each with its default and
    is accepted by coroscope-lint as it stands;
  - where docs/ci.md names a SARIF category for coroscope-lint, the upload
    step names the same one.

  docs_test.py --source-dir <coroscope> --lint <coroscope-lint-NN>
               --clang-tidy <clang-tidy> --plugin <libcoroscope-tidy.so>
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

import yaml

SOURCE = LINT = CLANG_TIDY = PLUGIN = None
TIMEOUT = 300
RUNNABLE = '<!-- runnable -->'


def pages():
    return [SOURCE / 'README.md', *sorted((SOURCE / 'docs').rglob('*.md'))]


def blocks(page, languages):
    """(language, text, runnable) of each fenced block of \\p page."""
    lines = page.read_text().splitlines()
    found, i = [], 0
    while i < len(lines):
        match = re.match(r'^```(\w*)\s*$', lines[i])
        if not match or not match.group(1):
            i += 1
            continue
        runnable = i > 0 and lines[i - 1].strip() == RUNNABLE
        end = next(j for j in range(i + 1, len(lines))
                   if lines[j].startswith('```'))
        if match.group(1) in languages:
            found.append((match.group(1), '\n'.join(lines[i + 1:end]) + '\n',
                          runnable))
        i = end + 1
    return found


def dumped_check_options():
    result = subprocess.run(
        [str(CLANG_TIDY), f'--load={PLUGIN}', '--checks=-*,coroscope-*',
         '--dump-config'], capture_output=True, text=True, check=True,
        timeout=TIMEOUT, cwd=tempfile.gettempdir())
    config = yaml.safe_load(result.stdout)
    return {key: str(value) for key, value in config['CheckOptions'].items()
            if key.startswith('coroscope-')}


def tool_path(directory):
    (directory / 'coroscope-lint').symlink_to(LINT)
    (directory / LINT.name).symlink_to(LINT)
    return f'{directory}:/usr/local/bin:/usr/bin:/bin'


class ShellBlocks(unittest.TestCase):
    def test_every_shell_block_parses(self):
        count = 0
        for page in pages():
            for language, text, _ in blocks(page, ('sh', 'bash')):
                count += 1
                with self.subTest(page=page.name, block=text[:60]):
                    result = subprocess.run(['bash', '-n'], input=text,
                                            capture_output=True, text=True,
                                            timeout=TIMEOUT)
                    self.assertEqual(result.returncode, 0, result.stderr)
        self.assertGreater(count, 10)

    def test_runnable_blocks_run(self):
        runnable = [(page, text) for page in pages()
                    for _, text, marked in blocks(page, ('sh', 'bash'))
                    if marked]
        self.assertTrue(runnable, f'no block is marked {RUNNABLE}')
        for page, text in runnable:
            with self.subTest(page=page.name, block=text[:60]), \
                    tempfile.TemporaryDirectory() as tmp:
                tmp = pathlib.Path(tmp)
                result = subprocess.run(
                    ['bash', '-e', '-u', '-o', 'pipefail', '-c', text],
                    cwd=tmp, capture_output=True, text=True, timeout=TIMEOUT,
                    env={'PATH': tool_path(tmp), 'HOME': str(tmp),
                         'LANG': 'C.UTF-8', 'TMPDIR': str(tmp)})
                self.assertEqual(result.returncode, 0,
                                 result.stdout + result.stderr)


class Options(unittest.TestCase):
    def test_every_lint_option_is_documented(self):
        help_text = subprocess.run([str(LINT), '--help'], capture_output=True,
                                   text=True, check=True,
                                   timeout=TIMEOUT).stdout
        section = help_text.split('coroscope-lint options:')[1]
        options = re.findall(r'^\s+(--?[a-z][\w-]*)', section, re.M)
        self.assertIn('--changed-since', options)
        ci = (SOURCE / 'docs/ci.md').read_text()
        for option in options:
            with self.subTest(option=option):
                self.assertTrue(
                    re.search(r'`' + re.escape(option) + r'[ =`]', ci),
                    f'{option} is not in docs/ci.md')

    def test_every_check_option_is_on_its_page(self):
        for key in dumped_check_options():
            check, option = key.split('.', 1)
            with self.subTest(option=key):
                page = (SOURCE / f'docs/checks/{check}.md').read_text()
                self.assertTrue(
                    re.search(rf'^### `?{option}`?$', page, re.M),
                    f'docs/checks/{check}.md has no section ### {option}')

    def usage_config(self):
        yaml_blocks = [text for _, text, _ in
                       blocks(SOURCE / 'docs/usage.md', ('yaml',))
                       if 'CheckOptions' in text]
        self.assertEqual(len(yaml_blocks), 1)
        return yaml_blocks[0]

    def test_usage_lists_every_check_option_with_its_default(self):
        listed = {key: str(value).lower() if isinstance(value, bool)
                  else str(value) for key, value in
                  yaml.safe_load(self.usage_config())['CheckOptions'].items()}
        self.assertEqual(listed, dumped_check_options())

    def test_usage_config_is_accepted(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            (tmp / '.clang-tidy').write_text(self.usage_config())
            (tmp / 'clean.cpp').write_text('int main() { return 0; }\n')
            (tmp / 'compile_commands.json').write_text(json.dumps([{
                'directory': str(tmp), 'file': 'clean.cpp',
                'arguments': ['clang++', '-std=c++20', '-c', 'clean.cpp']}]))
            result = subprocess.run([str(LINT), '-p', str(tmp), '--quiet'],
                                    cwd=tmp, capture_output=True, text=True,
                                    timeout=TIMEOUT)
            self.assertEqual(result.returncode, 0, result.stderr)


class SarifCategories(unittest.TestCase):
    def test_upload_category_is_the_gates(self):
        compared = 0
        for _, text, _ in blocks(SOURCE / 'docs/ci.md', ('yaml',)):
            gate = re.findall(r'--sarif-category=(\S+)', text)
            upload = re.findall(r'^\s*#?\s*category: (\S+)', text, re.M)
            if gate:
                self.assertEqual(gate, upload, text)
                compared += 1
        self.assertGreaterEqual(compared, 2)


def main():
    global SOURCE, LINT, CLANG_TIDY, PLUGIN
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-dir', required=True, type=pathlib.Path)
    parser.add_argument('--lint', required=True, type=pathlib.Path)
    parser.add_argument('--clang-tidy', required=True, type=pathlib.Path)
    parser.add_argument('--plugin', required=True, type=pathlib.Path)
    args, rest = parser.parse_known_args()
    SOURCE, LINT = args.source_dir.resolve(), args.lint.resolve()
    CLANG_TIDY, PLUGIN = args.clang_tidy, args.plugin.resolve()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == '__main__':
    main()
