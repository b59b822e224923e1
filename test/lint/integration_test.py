#!/usr/bin/env python3
"""coroscope-lint where CI and commits meet it: the composite GitHub Action
(action.yml) and the pre-commit hook (.pre-commit-hooks.yaml). There is no
GitHub here, so the action is parsed, its required keys checked, and its
gate step run as the runner would run it (its install steps run in the
packages' test, test/install/package_test.py, inside a fresh Debian root);
the hook runs under Debian's real pre-commit against a scratch repository.

  integration_test.py --lint <coroscope-lint-NN> --inputs <test/checks/Inputs>
                      --source-dir <coroscope> [unittest args]
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest

import github_action
from lint_test import CLEAN, MISTAKE

LINT = INPUTS = SOURCE = None
TIMEOUT = 300


class Project:
    def __init__(self, test):
        tmp = tempfile.TemporaryDirectory(prefix='coroscope-integration-')
        test.addCleanup(tmp.cleanup)
        self.root = pathlib.Path(tmp.name).resolve()

    def write(self, name, text):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))

    def database(self, *names):
        (self.root / 'build').mkdir(exist_ok=True)
        (self.root / 'build/compile_commands.json').write_text(json.dumps([
            {'directory': str(self.root), 'file': name,
             'arguments': ['clang++', '-std=c++20', '-I', str(INPUTS), '-c',
                           name]} for name in names]))

    def git(self, *args, expect=0):
        result = subprocess.run(
            ['git', '-c', 'user.name=test', '-c', 'user.email=t@example.com',
             *args], cwd=self.root, capture_output=True, text=True,
            timeout=TIMEOUT)
        if result.returncode != expect:
            raise AssertionError(f'git {" ".join(args)}: {result.stderr}')
        return result


def tool_path(directory):
    """A PATH on which coroscope-lint and coroscope-lint-NN are the built
    one, as the Debian package's alternative and binary are."""
    link = directory / 'coroscope-lint'
    link.symlink_to(LINT)
    versioned = directory / LINT.name
    if not versioned.exists():
        versioned.symlink_to(LINT)
    return f'{directory}:/usr/local/bin:/usr/bin:/bin'


class Action(unittest.TestCase):
    def test_required_keys(self):
        action = github_action.load(SOURCE)
        for key in ('name', 'description', 'inputs', 'runs'):
            self.assertIn(key, action)
        self.assertEqual(action['runs']['using'], 'composite')
        for name, spec in action['inputs'].items():
            with self.subTest(input=name):
                self.assertTrue(spec.get('description'))
                self.assertIn('default', spec)
        for name, spec in action['outputs'].items():
            self.assertIn('value', spec)
        for step in action['runs']['steps']:
            with self.subTest(step=step['name']):
                self.assertTrue(('run' in step) != ('uses' in step))
                if 'run' in step:
                    self.assertEqual(step['shell'], 'bash')
                    # Inputs reach scripts through env only, never pasted
                    # into the script where they could inject commands.
                    self.assertNotIn('${{', step['run'])
                    subprocess.run(['bash', '-n', '-c', step['run']],
                                   check=True, timeout=TIMEOUT)

    def test_upload_uses_the_sarif_category(self):
        steps = {s['name']: s for s in
                 github_action.load(SOURCE)['runs']['steps']}
        upload = steps['Upload SARIF']
        self.assertTrue(upload['uses'].startswith(
            'github/codeql-action/upload-sarif@'))
        self.assertEqual(upload['with']['category'], '${{ inputs.category }}')
        self.assertEqual(steps['coroscope-lint']['env']['CATEGORY'],
                         '${{ inputs.category }}')
        # Only when the gate wrote the file: it exits before on bad input.
        self.assertIn('hashFiles(inputs.sarif)', upload['if'])
        self.assertIn('always()', upload['if'])

    def run_gate_step(self, project, **given):
        action = github_action.load(SOURCE)
        step = github_action.step(action, 'coroscope-lint')
        llvm = re.search(r'coroscope-lint-(\d+)$', LINT.name).group(1)
        inputs = github_action.inputs(action, llvm=llvm, **given)
        output = project.root / 'github-output'
        output.touch()
        home = project.root / 'home'
        home.mkdir(exist_ok=True)
        bin_dir = project.root / 'bin'
        bin_dir.mkdir(exist_ok=True)
        env = {'PATH': tool_path(bin_dir), 'HOME': str(home),
               'GITHUB_OUTPUT': str(output), 'LANG': 'C.UTF-8',
               **github_action.environment(step, inputs)}
        result = subprocess.run(['bash', '-e', '-c', step['run']],
                                cwd=project.root, env=env, capture_output=True,
                                text=True, timeout=TIMEOUT)
        return result, output.read_text()

    def test_gate_step_fails_on_findings_and_writes_the_sarif(self):
        project = Project(self)
        project.write('src/mistake.cpp', MISTAKE)
        project.database('src/mistake.cpp')
        result, output = self.run_gate_step(project, category='coroscope-all')
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('exit-status=1', output)
        log = json.loads((project.root / 'coroscope.sarif').read_text())
        self.assertEqual(log['runs'][0]['automationDetails'],
                         {'id': 'coroscope-all/'})
        self.assertEqual(len(log['runs'][0]['results']), 1)

    def test_gate_step_passes_clean_code_with_extra_args(self):
        project = Project(self)
        project.write('src/clean.cpp', CLEAN)
        project.database('src/clean.cpp')
        result, output = self.run_gate_step(project, args='-j1 --timeout=120')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('exit-status=0', output)

    def test_gate_step_on_bad_input_writes_no_sarif(self):
        project = Project(self)
        result, output = self.run_gate_step(project)  # no database
        self.assertEqual(result.returncode, 2)
        self.assertIn('exit-status=2', output)
        self.assertFalse((project.root / 'coroscope.sarif').exists())


class PreCommit(unittest.TestCase):
    """Debian's pre-commit, with the hook from this repository's
    .pre-commit-hooks.yaml (`pre-commit try-repo` reads the working tree)."""

    def test_the_hook_blocks_a_commit_with_a_mistake(self):
        project = Project(self)
        project.write('src/a.cpp', CLEAN)
        project.write('src/b.cpp', '#include "helpers.h"\n')
        project.write('include/helpers.h', '#pragma once\n')
        project.database('src/a.cpp', 'src/b.cpp')
        entries = json.loads(
            (project.root / 'build/compile_commands.json').read_text())
        entries[1]['arguments'][1:1] = ['-I', str(project.root / 'include')]
        (project.root / 'build/compile_commands.json').write_text(
            json.dumps(entries))
        (project.root / '.gitignore').write_text('home/\nbin/\n')
        project.git('init', '-q', '-b', 'main')
        project.git('add', '.')
        project.git('commit', '-q', '-m', 'base')
        bin_dir = project.root / 'bin'
        bin_dir.mkdir()
        env = {'PATH': tool_path(bin_dir), 'HOME': str(project.root / 'home'),
               'PRE_COMMIT_HOME': str(project.root / 'home/pre-commit'),
               'LANG': 'C.UTF-8'}

        def hook(expect):
            result = subprocess.run(
                ['/usr/bin/pre-commit', 'try-repo', str(SOURCE),
                 'coroscope-lint'], cwd=project.root, env=env,
                capture_output=True, text=True, timeout=TIMEOUT)
            self.assertEqual(result.returncode, expect,
                             result.stdout + result.stderr)
            return result.stdout

        project.write('src/a.cpp', MISTAKE)
        project.git('add', 'src/a.cpp')
        out = hook(expect=1)
        self.assertRegex(out, r'coroscope-lint\.+Failed')
        self.assertIn('src/a.cpp:4:3: warning:', out)
        project.write('src/a.cpp', CLEAN + '// awaited now\n')
        project.git('add', 'src/a.cpp')
        self.assertRegex(hook(expect=0), r'coroscope-lint\.+Passed')
        # A header's mistake, through the file that includes it.
        project.write('include/helpers.h', '#pragma once\n' + MISTAKE)
        project.git('add', 'include/helpers.h')
        self.assertIn('include/helpers.h:5:3: warning:', hook(expect=1))


def main():
    global LINT, INPUTS, SOURCE
    parser = argparse.ArgumentParser()
    parser.add_argument('--lint', required=True, type=pathlib.Path)
    parser.add_argument('--inputs', required=True, type=pathlib.Path)
    parser.add_argument('--source-dir', required=True, type=pathlib.Path)
    args, rest = parser.parse_known_args()
    LINT, INPUTS = args.lint.resolve(), args.inputs.resolve()
    SOURCE = args.source_dir.resolve()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == '__main__':
    main()
