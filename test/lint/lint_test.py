#!/usr/bin/env python3
"""End-to-end tests of coroscope-lint: each test writes a small project with
a compile_commands.json into a temporary directory, runs the real binary and
checks its exit status, its reports and its messages.

  lint_test.py --lint <coroscope-lint> --inputs <test/checks/Inputs> [unittest args]
"""
import argparse
import json
import os
import pathlib
import pty
import re
import subprocess
import sys
import tempfile
import textwrap
import threading
import unittest

import sarif_schema

LINT = None
INPUTS = None
# Generous: the machine running the suite may be busy with other builds.
TIMEOUT = 300

CLEAN = """\
#include "minimal_tasks.h"
demo::lazy_task<> close();
demo::lazy_task<> shutdown() {
  co_await close();
}
"""

# Mistake 1 of the lesson: close() without co_await, on line 4.
MISTAKE = """\
#include "minimal_tasks.h"
demo::lazy_task<> close();
demo::lazy_task<> shutdown() {
  close();
  co_return;
}
"""

CHECK = 'coroscope-unawaited-awaitable'


class Project:
    """A source tree with a compilation database, in a temporary directory."""

    def __init__(self, test):
        self._tmp = tempfile.TemporaryDirectory(prefix='coroscope-lint-test-')
        test.addCleanup(self._tmp.cleanup)
        self.root = pathlib.Path(self._tmp.name).resolve()
        self.entries = []

    def write(self, name, text):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        return path

    def add(self, name, text, args=()):
        """A source file, listed in the database."""
        self.write(name, text)
        self.entries.append({
            'directory': str(self.root),
            'file': name,
            'arguments': ['clang++', '-std=c++20', '-I', str(INPUTS), *args,
                          '-c', name],
        })

    def write_database(self):
        (self.root / 'compile_commands.json').write_text(
            json.dumps(self.entries, indent=2))

    def lint(self, *args, database=True, expect=None):
        if database:
            self.write_database()
        result = subprocess.run([str(LINT), '-p', str(self.root), *args],
                                cwd=self.root, capture_output=True, text=True,
                                timeout=TIMEOUT)
        if expect is not None and result.returncode != expect:
            raise AssertionError(
                f'coroscope-lint {" ".join(args)} exited with '
                f'{result.returncode}, expected {expect}\n'
                f'--- stdout\n{result.stdout}--- stderr\n{result.stderr}')
        return result

    def lint_json(self, *args, database=True, expect=None):
        result = self.lint('--quiet', '--format=json', *args,
                           database=database, expect=expect)
        return json.loads(result.stdout), result


class ExitStatus(unittest.TestCase):
    def test_clean_code_exits_0_and_prints_nothing(self):
        project = Project(self)
        project.add('src/clean.cpp', CLEAN)
        result = project.lint(expect=0)
        self.assertEqual(result.stdout, '')
        self.assertIn('1 file linted, 0 findings, 0 errors', result.stderr)

    def test_a_finding_exits_1_in_clang_style(self):
        project = Project(self)
        project.add('src/clean.cpp', CLEAN)
        project.add('src/mistake.cpp', MISTAKE)
        result = project.lint(expect=1)
        lines = result.stdout.splitlines()
        self.assertRegex(lines[0], r'^src/mistake\.cpp:4:3: warning: .*lazy '
                         r'task.* \[coroscope-unawaited-awaitable\]$')
        self.assertEqual(lines[1], '    4 |   close();')
        self.assertEqual(lines[2], '      |   ^')
        self.assertEqual(lines[3], '      |   co_await ')
        self.assertIn('2 files linted, 1 finding, 0 errors', result.stderr)

    def test_usage_errors_exit_2_not_1(self):
        project = Project(self)
        project.add('src/clean.cpp', CLEAN)
        for args, message in [
                (['--no-such-option'], 'Unknown command line argument'),
                (['--update-baseline'], '--update-baseline needs --baseline'),
                (['--shard=3/2'], '--shard wants i/n'),
                (['--shard=x'], '--shard wants i/n'),
                (['--files=src/clean.cpp', '--changed-since=HEAD'],
                 'either --files or --changed-since')]:
            with self.subTest(args=args):
                result = project.lint(*args, expect=2)
                self.assertIn(message, result.stderr)


class BadInput(unittest.TestCase):
    def test_missing_database(self):
        project = Project(self)
        result = project.lint(database=False, expect=2)
        self.assertIn('no compilation database', result.stderr)
        self.assertIn('compile_commands.json does not exist', result.stderr)

    def test_corrupt_database(self):
        project = Project(self)
        (project.root / 'compile_commands.json').write_text('[{"directory": ')
        result = project.lint(database=False, expect=2)
        self.assertIn('cannot read the compilation database', result.stderr)

    def test_empty_database(self):
        project = Project(self)
        (project.root / 'compile_commands.json').write_text('[]')
        result = project.lint(database=False, expect=2)
        self.assertIn('lists no files', result.stderr)

    def test_file_that_does_not_compile(self):
        project = Project(self)
        project.add('src/broken.cpp', 'int f() { return 1 }\n')
        project.add('src/mistake.cpp', MISTAKE)
        report, result = project.lint_json(expect=2)
        self.assertRegex(result.stderr,
                         r"src/broken\.cpp:1:19: error: expected ';'")
        self.assertEqual([e['file'] for e in report['errors']],
                         ['src/broken.cpp'])
        self.assertEqual(report['errors'][0]['location']['line'], 1)
        # The other file is still linted and its finding reported.
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/mistake.cpp'])

    def test_crash_in_one_translation_unit(self):
        project = Project(self)
        # A real crash inside clang: the pragma executes a trap instruction.
        project.add('src/crash.cpp', 'int a;\n#pragma clang __debug crash\n')
        project.add('src/mistake.cpp', MISTAKE)
        project.add('src/clean.cpp', CLEAN)
        report, result = project.lint_json(expect=2)
        self.assertIn('src/crash.cpp: error: coroscope-lint crashed',
                      result.stderr)
        self.assertIn('the other files are still linted', result.stderr)
        # The pretty stack trace says where clang was.
        self.assertIn("crash.cpp:2:2: current parser token 'pragma'",
                      result.stderr)
        self.assertEqual([e['file'] for e in report['errors']],
                         ['src/crash.cpp'])
        self.assertEqual(report['files']['linted'], 3)
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/mistake.cpp'])

    def test_source_file_missing_on_disk(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('src/gone.cpp', CLEAN)
        (project.root / 'src/gone.cpp').unlink()
        report, result = project.lint_json(expect=2)
        self.assertEqual([e['file'] for e in report['errors']],
                         ['src/gone.cpp'])
        self.assertIn('src/gone.cpp: error: listed in the compilation '
                      'database but does not exist', result.stderr)
        self.assertEqual(len(report['findings']), 1)

    def test_file_not_in_database(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.write('src/other.cpp', CLEAN)
        result = project.lint('--files=src/other.cpp,src/mistake.cpp',
                              expect=2)
        self.assertIn('src/other.cpp: error: not in the compilation database',
                      result.stderr)
        self.assertIn('src/mistake.cpp:4:3: warning', result.stdout)

    def test_memory_limit_stops_one_file(self):
        project = Project(self)
        # Constant evaluation that keeps every element of a large array as
        # a value of its own: gigabytes, as far as clang is concerned.
        project.add('src/greedy.cpp', """\
            constexpr int fill() {
              int *values = new int[200000000];
              for (int i = 0; i < 200000000; ++i) values[i] = i;
              int last = values[199999999];
              delete[] values;
              return last;
            }
            static_assert(fill() > 0);
            """, args=['-fconstexpr-steps=4294967295'])
        project.add('src/mistake.cpp', MISTAKE)
        report, result = project.lint_json('--memory-limit=600', expect=2)
        self.assertIn('src/greedy.cpp: error: needed more than 600 MiB of '
                      'memory (--memory-limit); the worker was stopped',
                      result.stderr)
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/mistake.cpp'])

    def test_limits_have_defaults_in_help(self):
        project = Project(self)
        result = project.lint('--help', database=False, expect=0)
        self.assertIn('default 600; 0: no limit', result.stdout)
        self.assertIn('default 4096; 0: no limit', result.stdout)

    def test_timeout_stops_one_file(self):
        project = Project(self)
        # Constant evaluation that takes minutes once clang's step limit is
        # lifted: a hang, as far as the gate is concerned.
        project.add('src/slow.cpp', """\
            constexpr unsigned long spin() {
              unsigned long sum = 0;
              for (unsigned long i = 0; i < 4000000000ul; ++i) sum += i;
              return sum;
            }
            static_assert(spin() != 1);
            """, args=['-fconstexpr-steps=4294967295'])
        # Only the slow file: on a busy machine any file may take seconds.
        report, result = project.lint_json('--timeout=3',
                                           '--files=src/slow.cpp', expect=2)
        self.assertIn('src/slow.cpp: error: not finished after 3 seconds',
                      result.stderr)
        self.assertEqual(report['files']['linted'], 1)


class CompilationDatabases(unittest.TestCase):
    """Read as `clang-tidy -p` reads them."""

    def test_response_files_are_expanded(self):
        project = Project(self)
        project.write('src/mistake.cpp', MISTAKE)
        project.write('flags.rsp', f'-std=c++20 -I {INPUTS}\n')
        project.entries.append({'directory': str(project.root),
                                'file': 'src/mistake.cpp',
                                'arguments': ['clang++', '@flags.rsp', '-c',
                                              'src/mistake.cpp']})
        report, _ = project.lint_json(expect=1)
        self.assertEqual(report['errors'], [])

    def test_a_gcc_database(self):
        project = Project(self)
        # GCC-only warnings under -Werror would fail every file; g++
        # compiles a .c file as C++, which clang, under its own name, would
        # not.
        project.write('src/mistake.cpp', MISTAKE)
        project.write('src/legacy.c', MISTAKE)
        gcc = f'/usr/bin/g++-12 -std=c++20 -I {INPUTS}'
        project.entries += [
            {'directory': str(project.root), 'file': 'src/mistake.cpp',
             'command': f'{gcc} -Wall -Werror -Wlogical-op -Wduplicated-cond '
                        '-Wuseless-cast -c src/mistake.cpp -o mistake.o'},
            {'directory': str(project.root), 'file': 'src/legacy.c',
             'command': f'{gcc} -c src/legacy.c -o legacy.o'}]
        report, _ = project.lint_json(expect=1)
        self.assertEqual(report['errors'], [])
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/legacy.c', 'src/mistake.cpp'])

    def test_compile_flags_txt(self):
        project = Project(self)
        project.write('src/mistake.cpp', MISTAKE)
        project.write('compile_flags.txt', f'-std=c++20\n-I\n{INPUTS}\n')
        report, _ = project.lint_json('--files=src/mistake.cpp',
                                      database=False, expect=1)
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/mistake.cpp'])
        result = project.lint(database=False, expect=2)
        self.assertIn('compile_flags.txt lists no files: name them with '
                      '--files or --changed-since', result.stderr)


class Configuration(unittest.TestCase):
    def test_nolint_comments(self):
        project = Project(self)
        project.add('src/mistake.cpp', """\
            #include "minimal_tasks.h"
            demo::lazy_task<> close();
            demo::lazy_task<> shutdown() {
              close(); // NOLINT(coroscope-unawaited-awaitable)
              // NOLINTNEXTLINE(coroscope-*)
              close();
              // NOLINTBEGIN
              close();
              // NOLINTEND
              close();
              co_return;
            }
            """)
        report, _ = project.lint_json(expect=1)
        self.assertEqual([f['line'] for f in report['findings']], [10])

    def test_clang_tidy_file_options_and_disabling(self):
        project = Project(self)
        project.add('src/void_cast.cpp', """\
            #include "minimal_tasks.h"
            demo::lazy_task<> close();
            void drop() { (void)close(); }
            """)
        project.add('third_party/mistake.cpp', MISTAKE)
        # A deliberate (void) discard is allowed by default ...
        project.lint('--files=src/void_cast.cpp', expect=0)
        # ... and reported when .clang-tidy says so.
        project.write('.clang-tidy', """\
            CheckOptions:
              coroscope-unawaited-awaitable.AllowVoidCast: false
            """)
        project.write('third_party/.clang-tidy', """\
            Checks: '-coroscope-*'
            """)
        report, result = project.lint_json('--allow-disabled-files', expect=1)
        self.assertEqual([(f['file'], f['line']) for f in report['findings']],
                         [('src/void_cast.cpp', 3)])
        self.assertIn('1 file skipped (--allow-disabled-files): their '
                      '.clang-tidy enables no coroscope check (first: '
                      'third_party/mistake.cpp)', result.stderr)
        self.assertEqual(report['files'], {'selected': 2, 'linted': 1})

    def test_a_configuration_enabling_no_check_is_an_error(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('third_party/lib.cpp', MISTAKE)
        # The usual shape: a list of other checks that starts with -*.
        project.write('third_party/.clang-tidy', """\
            Checks: >
              -*,
              bugprone-*
            """)
        report, result = project.lint_json(expect=2)
        self.assertIn("third_party/lib.cpp: error: no coroscope check is "
                      "enabled for it: third_party/.clang-tidy sets Checks: "
                      "'-*, bugprone-*'; enable coroscope-* there, or pass "
                      "--allow-disabled-files", result.stderr)
        self.assertEqual([e['file'] for e in report['errors']],
                         ['third_party/lib.cpp'])
        # The other file is still linted.
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/mistake.cpp'])
        # A nested .clang-tidy that enables them again wins.
        project.write('third_party/sub/.clang-tidy', """\
            Checks: 'coroscope-unawaited-awaitable'
            InheritParentConfig: true
            """)
        project.add('third_party/sub/lib.cpp', MISTAKE)
        report, _ = project.lint_json('--files=third_party/sub/lib.cpp',
                                      expect=1)
        self.assertEqual(report['errors'], [])

    def test_checks_option_overrides_clang_tidy(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.write('.clang-tidy', "Checks: '-*'\n")
        result = project.lint('--quiet', expect=2)
        self.assertIn(".clang-tidy sets Checks: '-*'", result.stderr)
        project.lint('--checks=coroscope-*', expect=1)
        project.write('.clang-tidy', "Checks: 'coroscope-*'\n")
        result = project.lint('--checks=-coroscope-*', expect=2)
        self.assertIn("--checks sets Checks: '-coroscope-*'", result.stderr)

    def test_a_configuration_clang_tidy_would_ignore_is_an_error(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('lib/clean.cpp', CLEAN)
        # clang-tidy warns that it cannot parse this and goes on without it.
        project.write('src/.clang-tidy', "Checks: '-*'\nCheckOptions: [\n")
        report, result = project.lint_json(expect=2)
        self.assertRegex(result.stderr,
                         r'src/mistake\.cpp: error: bad configuration: '
                         r'src/\.clang-tidy cannot be read \(\d+:\d+: .*\); '
                         r'clang-tidy would go on without it')
        self.assertEqual([e['file'] for e in report['errors']],
                         ['src/mistake.cpp'])
        self.assertEqual(report['files']['linted'], 1)
        # A misspelt option would change nothing.
        project.write('src/.clang-tidy', """\
            CheckOptions:
              coroscope-unawaited-awaitable.AllowVoidCasts: false
            """)
        result = project.lint(expect=2)
        self.assertIn("src/mistake.cpp: error: bad configuration: "
                      "src/.clang-tidy sets 'coroscope-unawaited-awaitable."
                      "AllowVoidCasts', which no coroscope check has",
                      result.stderr)

    def test_bad_check_options_are_errors(self):
        project = Project(self)
        project.add('src/clean.cpp', CLEAN)
        for option, value, message in [
                ('coroscope-unguarded-acquire.AcquireReleasePairs',
                 'open:close;acquire',
                 "invalid entry 'acquire' in option 'AcquireReleasePairs' of "
                 "'coroscope-unguarded-acquire'"),
                ('coroscope-blocking-call.BlockingFunctions', '::sleep;read(',
                 "invalid regular expression 'read(' in option "
                 "'coroscope-blocking-call.BlockingFunctions'"),
                ('coroscope-swallowed-cancellation.CancellationExceptions',
                 'my::cancelled;[a-',
                 "invalid regular expression '[a-' in option "
                 "'coroscope-swallowed-cancellation.CancellationExceptions'"),
                ('coroscope-unawaited-awaitable.AllowVoidCast', 'maybe',
                 "invalid configuration value 'maybe' for option "
                 "'coroscope-unawaited-awaitable.AllowVoidCast'")]:
            with self.subTest(option=option):
                project.write('.clang-tidy',
                              f"CheckOptions:\n  {option}: '{value}'\n")
                report, result = project.lint_json(expect=2)
                self.assertIn('src/clean.cpp: error: bad check option: ' +
                              message, result.stderr)
                self.assertEqual(len(report['errors']), 1)

    def test_warnings_as_errors_raise_the_level(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.write('.clang-tidy', "WarningsAsErrors: 'coroscope-*'\n")
        report, _ = project.lint_json(expect=1)
        self.assertEqual(report['findings'][0]['level'], 'error')
        self.assertEqual(report['errors'], [])

    def test_extra_args_reach_the_compiler(self):
        project = Project(self)
        project.add('src/mistake.cpp', """\
            #include "minimal_tasks.h"
            demo::lazy_task<> close();
            demo::lazy_task<> shutdown() {
            #ifdef FORGET_AWAIT
              close();
            #endif
              co_return;
            }
            """)
        project.lint(expect=0)
        project.lint('--extra-arg=-DFORGET_AWAIT', expect=1)
        project.lint('--extra-arg-before=-DFORGET_AWAIT', expect=1)

    def test_header_finding_is_reported_once(self):
        project = Project(self)
        project.write('include/helpers.h', """\
            #pragma once
            #include "minimal_tasks.h"
            demo::lazy_task<> close();
            inline demo::lazy_task<> shutdown() {
              close();
              co_return;
            }
            """)
        header_include = ['-I', str(project.root / 'include')]
        project.add('src/a.cpp', '#include "helpers.h"\n', header_include)
        project.add('src/b.cpp', '#include "helpers.h"\n', header_include)
        report, _ = project.lint_json(expect=1)
        self.assertEqual([(f['file'], f['line']) for f in report['findings']],
                         [('include/helpers.h', 5)])
        # Unless the header filter leaves headers out.
        project.lint('--header-filter=^$', expect=0)


class Formats(unittest.TestCase):
    def test_sarif_is_valid_2_1_0_with_rules_fixes_and_errors(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('src/broken.cpp', 'int f() { return 1 }\n')
        result = project.lint('--quiet', '--format=sarif', expect=2)
        log = json.loads(result.stdout)
        self.assertEqual(sarif_schema.validate(log), [])

        run, = log['runs']
        driver = run['tool']['driver']
        self.assertEqual(driver['name'], 'coroscope-lint')
        rule_ids = [rule['id'] for rule in driver['rules']]
        self.assertIn(CHECK, rule_ids)
        for rule in driver['rules']:
            with self.subTest(rule=rule['id']):
                # The help is the check's documentation page.
                self.assertTrue(rule['id'].startswith('coroscope-'))
                self.assertTrue(rule['shortDescription']['text'].endswith('.'))
                self.assertIn('# ' + rule['id'], rule['help']['markdown'])
                self.assertIn(rule['shortDescription']['text'].split(',')[0],
                              ' '.join(rule['help']['text'].split()))

        result_, = run['results']
        self.assertEqual(result_['ruleId'], CHECK)
        self.assertEqual(rule_ids[result_['ruleIndex']], CHECK)
        self.assertEqual(result_['level'], 'warning')
        location = result_['locations'][0]['physicalLocation']
        self.assertEqual(location['artifactLocation'],
                         {'uri': 'src/mistake.cpp', 'uriBaseId': '%SRCROOT%'})
        self.assertEqual(location['region']['startLine'], 4)
        self.assertEqual(location['region']['startColumn'], 3)
        self.assertEqual(
            run['originalUriBaseIds']['%SRCROOT%']['uri'],
            project.root.as_uri() + '/')
        replacement = result_['fixes'][0]['artifactChanges'][0][
            'replacements'][0]
        self.assertEqual(replacement['insertedContent']['text'], 'co_await ')
        self.assertEqual(replacement['deletedRegion'],
                         {'startLine': 4, 'startColumn': 3, 'endLine': 4,
                          'endColumn': 3})
        self.assertRegex(
            result_['partialFingerprints']['coroscopeFinding/v1'],
            r'^[0-9a-f]{16}$')

        invocation, = run['invocations']
        self.assertFalse(invocation['executionSuccessful'])
        notification, = invocation['toolExecutionNotifications']
        self.assertEqual(notification['level'], 'error')
        self.assertIn("expected ';'", notification['message']['text'])
        self.assertEqual(
            notification['locations'][0]['physicalLocation'][
                'artifactLocation']['uri'], 'src/broken.cpp')

    def test_sarif_of_a_clean_run(self):
        project = Project(self)
        project.add('src/clean.cpp', CLEAN)
        sarif = project.root / 'out.sarif'
        project.lint('--sarif', str(sarif), expect=0)
        log = json.loads(sarif.read_text())
        self.assertEqual(sarif_schema.validate(log), [])
        self.assertEqual(log['runs'][0]['results'], [])
        self.assertTrue(log['runs'][0]['invocations'][0]['executionSuccessful'])

    def test_sarif_rules_name_their_documentation(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        log, _ = project.lint_json('--format=sarif', expect=1)
        for rule in log['runs'][0]['tool']['driver']['rules']:
            with self.subTest(rule=rule['id']):
                self.assertRegex(rule['name'], r'^([A-Z][a-z]+)+$')
                self.assertTrue(rule['helpUri'].endswith(
                    f'/docs/checks/{rule["id"]}.md'))
                # The opening of the page: more than its first sentence.
                full = rule['fullDescription']['text']
                self.assertTrue(full.startswith(
                    rule['shortDescription']['text']))
                self.assertGreater(len(full),
                                   len(rule['shortDescription']['text']))
        self.assertEqual(
            log['runs'][0]['tool']['driver']['rules'][0]['name'],
            'BlockingCall')

    def test_sarif_category(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        log, _ = project.lint_json('--format=sarif', expect=1)
        self.assertNotIn('automationDetails', log['runs'][0])
        log, _ = project.lint_json('--format=sarif',
                                   '--sarif-category=coroscope-changed',
                                   expect=1)
        self.assertEqual(log['runs'][0]['automationDetails'],
                         {'id': 'coroscope-changed/'})
        log, _ = project.lint_json('--format=sarif', '--shard=2/3')
        self.assertEqual(log['runs'][0]['automationDetails'],
                         {'id': 'coroscope-lint/shard-2-of-3/'})

    def test_github_annotations(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('src/destructor.cpp', """\
            #include "minimal_tasks.h"
            struct connection {
              demo::lazy_task<> close();
              ~connection() { close(); }
            };
            """)
        project.add('src/broken.cpp', 'int f() { return 1 }\n')
        result = project.lint('--quiet', '--format=github', expect=2)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 3, result.stdout)
        self.assertRegex(lines[0], r'^::warning file=src/destructor\.cpp,'
                         r'line=4,col=19,endLine=4,endColumn=\d+,'
                         r'title=coroscope-unawaited-awaitable::.*destructor'
                         r'.*%0Anote: src/destructor\.cpp:4: ')
        self.assertRegex(lines[1], r'^::warning file=src/mistake\.cpp,'
                         r'line=4,col=3,endLine=4,endColumn=3,'
                         r'title=coroscope-unawaited-awaitable::result of '
                         r"'close' is a lazy task")
        self.assertRegex(lines[2], r'^::error file=src/broken\.cpp,line=1,'
                         r'col=19,.*title=coroscope-lint%3A file not linted::'
                         r"expected ';'")

    def test_gitlab_code_quality(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('src/broken.cpp', 'int f() { return 1 }\n')
        result = project.lint('--quiet', '--format=gitlab', expect=2)
        issues = json.loads(result.stdout)
        finding = next(i for i in issues if i['check_name'] == CHECK)
        self.assertEqual(finding['severity'], 'major')
        self.assertEqual(finding['location'],
                         {'path': 'src/mistake.cpp', 'lines': {'begin': 4}})
        self.assertIn('lazy task', finding['description'])
        error = next(i for i in issues if i['severity'] == 'blocker')
        self.assertEqual(error['location']['path'], 'src/broken.cpp')
        fingerprints = [i['fingerprint'] for i in issues]
        self.assertEqual(len(set(fingerprints)), 2)
        for issue in issues:
            self.assertEqual(set(issue), {'description', 'check_name',
                                          'fingerprint', 'severity',
                                          'location'})

    def test_the_validator_rejects_broken_sarif(self):
        broken = {'version': '2.0.0', 'runs': [{
            'tool': {'driver': {}},
            'results': [{'level': 'fatal', 'ruleIndex': -2,
                         'message': {'markdown': 'x'},
                         'locations': [{'physicalLocation': {
                             'region': {'startLine': 0}}}],
                         'fixes': [{'artifactChanges': []}],
                         'unknown': 1}]}]}
        errors = '\n'.join(sarif_schema.validate(broken))
        for expected in ["'2.0.0' is not one of", 'toolComponent requires "name"',
                         "'fatal' is not one of", '-2 is below the minimum',
                         'message needs one of text or id',
                         'physicalLocation needs one of',
                         '0 is below the minimum 1',
                         'needs at least 1 items',
                         '"unknown" is not a property of result']:
            self.assertIn(expected, errors)

    def test_json_report(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        json_path = project.root / 'report.json'
        result = project.lint('--json', str(json_path), expect=1)
        self.assertIn('src/mistake.cpp:4:3: warning', result.stdout)
        report = json.loads(json_path.read_text())
        self.assertEqual(report['version'], 1)
        self.assertEqual(report['tool']['name'], 'coroscope-lint')
        self.assertEqual(report['root'], str(project.root))
        finding, = report['findings']
        self.assertEqual(
            {k: finding[k] for k in ('check', 'level', 'file', 'line',
                                     'column')},
            {'check': CHECK, 'level': 'warning', 'file': 'src/mistake.cpp',
             'line': 4, 'column': 3})
        self.assertIn('lazy task', finding['message'])
        fix, = finding['fixes']
        self.assertEqual((fix['line'], fix['column'], fix['length'],
                          fix['text']), (4, 3, 0, 'co_await '))
        self.assertRegex(finding['fingerprint'], r'^[0-9a-f]{16}$')

    def test_notes_in_every_format(self):
        project = Project(self)
        project.add('src/destructor.cpp', """\
            #include "minimal_tasks.h"
            struct connection {
              demo::lazy_task<> close();
              ~connection() { close(); }
            };
            """)
        sarif = project.root / 'out.sarif'
        result = project.lint('--sarif', str(sarif), expect=1)
        self.assertRegex(result.stdout, r'src/destructor\.cpp:4:19: warning: '
                         r'.*in a destructor')
        self.assertRegex(result.stdout, r'src/destructor\.cpp:4:19: note: '
                         r'.*asynchronous cleanup')
        log = json.loads(sarif.read_text())
        self.assertEqual(sarif_schema.validate(log), [])
        result_, = log['runs'][0]['results']
        related, = result_['relatedLocations']
        self.assertIn('asynchronous cleanup', related['message']['text'])
        self.assertEqual(related['physicalLocation']['region']['startLine'], 4)
        self.assertNotIn('fixes', result_)
        report, _ = project.lint_json(expect=1)
        note, = report['findings'][0]['notes']
        self.assertEqual((note['file'], note['line'], note['column']),
                         ('src/destructor.cpp', 4, 19))

    def test_columns_in_bytes_and_in_code_points(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE.replace('  close();',
                                                       '  /*\u00e9*/ close();'))
        report, _ = project.lint_json(expect=1)
        self.assertEqual(report['findings'][0]['column'], 10)  # bytes
        log, _ = project.lint_json('--format=sarif', expect=1)
        self.assertEqual(log['runs'][0]['columnKind'], 'unicodeCodePoints')
        region = log['runs'][0]['results'][0]['locations'][0][
            'physicalLocation']['region']
        self.assertEqual(region['startColumn'], 9)
        text = project.lint(expect=1).stdout.splitlines()
        self.assertEqual(text[1], '    4 |   /*\u00e9*/ close();')
        self.assertEqual(text[2], '      | ' + ' ' * 8 + '^')

    def test_output_file(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        out = project.root / 'report.txt'
        result = project.lint('-o', str(out), expect=1)
        self.assertEqual(result.stdout, '')
        self.assertIn('[coroscope-unawaited-awaitable]', out.read_text())


def llvm_bin():
    """The bin/ of the LLVM coroscope-lint was built against."""
    version = subprocess.run([str(LINT), '--version'], capture_output=True,
                             text=True, timeout=TIMEOUT).stdout
    major = re.search(r'\(LLVM (\d+)\.', version).group(1)
    return pathlib.Path(f'/usr/lib/llvm-{major}/bin')


HEADER_MISTAKE = """\
    #pragma once
    #include "minimal_tasks.h"
    demo::lazy_task<> close();
    inline demo::lazy_task<> shutdown() {
      close();
      co_return;
    }
    """


class Fixes(unittest.TestCase):
    def project_with_a_header_mistake(self):
        project = Project(self)
        project.write('include/helpers.h', HEADER_MISTAKE)
        include = ['-I', str(project.root / 'include')]
        project.add('src/a.cpp', '#include "helpers.h"\n', include)
        project.add('src/b.cpp', '#include "helpers.h"\n', include)
        project.add('src/mistake.cpp', MISTAKE)
        return project

    def test_fix_applies_each_fix_once(self):
        project = self.project_with_a_header_mistake()
        result = project.lint('--fix', expect=1)
        self.assertIn('2 fix-its applied to 2 files', result.stderr)
        # The header's finding came from two units; its fix went in once.
        self.assertEqual((project.root / 'include/helpers.h').read_text(),
                         textwrap.dedent(HEADER_MISTAKE).replace(
                             '  close();', '  co_await close();'))
        self.assertIn('  co_await close();\n',
                      (project.root / 'src/mistake.cpp').read_text())
        project.lint(expect=0)

    def test_a_fix_that_overlaps_another_is_left_out_whole(self):
        project = Project(self)
        project.write('include/poll.h', """\
            #pragma once
            #include "minimal_tasks.h"
            demo::lazy_task<> ping();
            inline demo::lazy_task<> poll() {
              try {
                co_await ping();
              } catch (...) {
              }
            }
            """)
        include = ['-I', str(project.root / 'include')]
        # Each unit knows another cancellation type (b's directory names
        # its own), so each wants its own handler inserted at the same place.
        project.add('src/a.cpp', '#include "cancellation.h"\n'
                    '#include "poll.h"\n', include)
        project.write('other/.clang-tidy', """\
            CheckOptions:
              coroscope-swallowed-cancellation.CancellationExceptions: 'folly::OperationCancelled'
            """)
        project.add('other/b.cpp', '#include "library_cancellation.h"\n'
                    '#include "poll.h"\n', include)
        result = project.lint('--fix', expect=1)
        self.assertIn('warning: the fix of include/poll.h:7 '
                      '[coroscope-swallowed-cancellation] overlaps another '
                      'fix and is not applied', result.stderr)
        self.assertIn('1 fix-it applied to 1 file', result.stderr)
        header = (project.root / 'include/poll.h').read_text()
        self.assertIn('  } catch (const coroscope::cancelled&) { throw; } '
                      'catch (...) {\n', header)
        self.assertNotIn('folly', header)

    def test_export_fixes_in_clang_tidy_yaml(self):
        project = self.project_with_a_header_mistake()
        exported = project.root / 'fixes.yaml'
        project.lint(f'--export-fixes={exported}', expect=1)
        # Nothing is changed by exporting.
        self.assertNotIn('co_await close',
                         (project.root / 'src/mistake.cpp').read_text())
        text = exported.read_text()
        self.assertIn('DiagnosticName:  coroscope-unawaited-awaitable', text)
        self.assertIn("ReplacementText: 'co_await '", text)
        # clang-tidy's own tool applies them.
        (project.root / 'fixes').mkdir()
        exported.rename(project.root / 'fixes/fixes.yaml')
        subprocess.run([str(llvm_bin() / 'clang-apply-replacements'),
                        str(project.root / 'fixes')], check=True,
                       timeout=TIMEOUT)
        project.lint(expect=0)


class Baseline(unittest.TestCase):
    def setUp(self):
        self.project = Project(self)
        self.project.add('src/a.cpp', MISTAKE)
        self.project.add('src/b.cpp', CLEAN)
        self.baseline = self.project.root / 'coroscope-baseline.json'

    def test_only_new_findings_fail(self):
        p = self.project
        result = p.lint(f'--baseline={self.baseline}', '--update-baseline',
                        expect=0)
        self.assertIn('holds 1 finding', result.stderr)
        entries = json.loads(self.baseline.read_text())['findings']
        self.assertEqual(entries, [{
            'check': CHECK, 'file': 'src/a.cpp', 'source': 'close();',
            'message': entries[0]['message']}])
        p.lint(f'--baseline={self.baseline}', expect=0)

        # Lines inserted above and reindentation keep the finding known.
        p.write('src/a.cpp', '// a comment\n\n' + MISTAKE.replace(
            '  close();', '      close();'))
        report, result = p.lint_json(f'--baseline={self.baseline}', expect=0)
        self.assertEqual(report['baseline']['known'], 1)

        # A second identical mistake in the same file is new.
        p.write('src/a.cpp', MISTAKE.replace('  close();',
                                             '  close();\n  close();'))
        report, _ = p.lint_json(f'--baseline={self.baseline}', expect=1)
        self.assertEqual(len(report['findings']), 1)
        self.assertEqual(report['baseline'],
                         {'file': 'coroscope-baseline.json', 'known': 1,
                          'gone': 0})

        # So is a mistake in another file; the report lists only new ones.
        p.write('src/a.cpp', MISTAKE)
        p.write('src/b.cpp', MISTAKE)
        report, _ = p.lint_json(f'--baseline={self.baseline}',
                                '--format=sarif', expect=1)
        # Known findings stay in the SARIF, unchanged, so that code
        # scanning does not close their alerts.
        states = {r['locations'][0]['physicalLocation']['artifactLocation'][
            'uri']: r['baselineState'] for r in report['runs'][0]['results']}
        self.assertEqual(states, {'src/b.cpp': 'new', 'src/a.cpp': 'unchanged'})
        self.assertEqual(sarif_schema.validate(report), [])

    def test_fixed_findings_are_counted_as_gone(self):
        p = self.project
        p.lint(f'--baseline={self.baseline}', '--update-baseline', expect=0)
        p.write('src/a.cpp', CLEAN)
        report, result = p.lint_json(f'--baseline={self.baseline}', expect=0)
        self.assertEqual(report['baseline']['gone'], 1)

    def test_partial_update_keeps_other_files(self):
        p = self.project
        p.write('src/b.cpp', MISTAKE)
        p.lint(f'--baseline={self.baseline}', '--update-baseline', expect=0)
        p.write('src/a.cpp', CLEAN)
        p.lint(f'--baseline={self.baseline}', '--update-baseline',
               '--files=src/a.cpp', expect=0)
        files = [e['file'] for e in
                 json.loads(self.baseline.read_text())['findings']]
        self.assertEqual(files, ['src/b.cpp'])

    def test_a_partial_run_speaks_only_for_its_files(self):
        p = self.project
        p.write('src/b.cpp', MISTAKE)
        p.lint(f'--baseline={self.baseline}', '--update-baseline', expect=0)
        p.write('src/b.cpp', CLEAN)
        report, _ = p.lint_json(f'--baseline={self.baseline}',
                                '--files=src/a.cpp', expect=0)
        self.assertEqual((report['baseline']['known'],
                          report['baseline']['gone']), (1, 0))
        report, _ = p.lint_json(f'--baseline={self.baseline}', expect=0)
        self.assertEqual((report['baseline']['known'],
                          report['baseline']['gone']), (1, 1))

    def test_no_update_when_a_file_failed(self):
        p = self.project
        p.add('src/broken.cpp', 'int f() { return 1 }\n')
        result = p.lint(f'--baseline={self.baseline}', '--update-baseline',
                        expect=2)
        self.assertIn('the baseline is not updated', result.stderr)
        self.assertFalse(self.baseline.exists())

    def test_bad_baseline_files(self):
        p = self.project
        result = p.lint(f'--baseline={self.baseline}', expect=2)
        self.assertIn('cannot read the baseline', result.stderr)
        self.baseline.write_text('{"version": 1, "findings": [{"check": 3}]}')
        result = p.lint(f'--baseline={self.baseline}', expect=2)
        self.assertIn('is malformed', result.stderr)
        self.baseline.write_text('{"version": 7, "findings": []}')
        result = p.lint(f'--baseline={self.baseline}', expect=2)
        self.assertIn('has version 7', result.stderr)
        self.baseline.write_text('not json')
        result = p.lint(f'--baseline={self.baseline}', expect=2)
        self.assertIn('is not JSON', result.stderr)


def git(root, *args):
    subprocess.run(['git', '-C', str(root), '-c', 'user.name=test', '-c',
                    'user.email=test@example.com', *args], check=True,
                   capture_output=True, timeout=TIMEOUT)


class Selection(unittest.TestCase):
    def test_changed_since(self):
        project = Project(self)
        for name in ('a', 'b', 'c'):
            project.add(f'src/{name}.cpp', CLEAN)
        project.write_database()
        git(project.root, 'init', '-q', '-b', 'main')
        git(project.root, 'add', '.')
        git(project.root, 'commit', '-q', '-m', 'base')
        git(project.root, 'checkout', '-q', '-b', 'topic')
        project.write('src/b.cpp', MISTAKE)
        git(project.root, 'commit', '-q', '-am', 'b')
        project.write('src/c.cpp', MISTAKE)  # uncommitted
        project.write('README', 'not a source file\n')

        report, _ = project.lint_json('--changed-since=main', expect=1)
        self.assertEqual(report['files'], {'selected': 2, 'linted': 2})
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/b.cpp', 'src/c.cpp'])
        report, _ = project.lint_json('--changed-since=HEAD', expect=1)
        self.assertEqual([f['file'] for f in report['findings']],
                         ['src/c.cpp'])

        result = project.lint('--changed-since=no-such-ref', expect=2)
        self.assertIn('--changed-since no-such-ref', result.stderr)

    def test_changed_since_lints_the_includers_of_a_changed_header(self):
        project = Project(self)
        project.write('include/helpers.h', """\
            #pragma once
            #include "minimal_tasks.h"
            demo::lazy_task<> close();
            """)
        include = ['-I', str(project.root / 'include')]
        project.add('src/user.cpp', '#include "helpers.h"\n', include)
        project.add('src/other.cpp', CLEAN)
        project.write_database()
        git(project.root, 'init', '-q', '-b', 'main')
        git(project.root, 'add', '.')
        git(project.root, 'commit', '-q', '-m', 'base')
        project.write('include/helpers.h', """\
            #pragma once
            #include "minimal_tasks.h"
            demo::lazy_task<> close();
            inline demo::lazy_task<> shutdown() {
              close();
              co_return;
            }
            """)
        result = project.lint('--format=json', '--changed-since=HEAD',
                              expect=1)
        report = json.loads(result.stdout)
        self.assertEqual(report['files'], {'selected': 1, 'linted': 1})
        self.assertEqual([(f['file'], f['line']) for f in report['findings']],
                         [('include/helpers.h', 5)])
        self.assertIn('1 changed header: reading the includes of 2 files',
                      result.stderr)

    def test_files_named_through_a_symbolic_link(self):
        project = Project(self)
        project.add('src/mistake.cpp', MISTAKE)
        project.add('src/clean.cpp', CLEAN)
        link = project.root / 'checkout'
        link.symlink_to(project.root, target_is_directory=True)
        report, _ = project.lint_json(f'--files={link}/src/mistake.cpp',
                                      expect=1)
        self.assertEqual(report['files']['selected'], 1)

    def test_shards_are_disjoint_and_cover_everything(self):
        project = Project(self)
        names = [f'src/file{i}.cpp' for i in range(9)]
        for name in names:
            project.add(name, MISTAKE)
        seen = []
        for index in (1, 2, 3):
            report, _ = project.lint_json(f'--shard={index}/3')
            self.assertEqual(report['shard'], f'{index}/3')
            seen += [f['file'] for f in report['findings']]
            # Stable: the same shard gets the same files every time.
            again, _ = project.lint_json(f'--shard={index}/3')
            self.assertEqual(again['findings'], report['findings'])
        self.assertEqual(sorted(seen), sorted(names))

    def test_parallelism_does_not_change_the_result(self):
        project = Project(self)
        for i in range(6):
            project.add(f'src/file{i}.cpp', MISTAKE if i % 2 else CLEAN)
        serial, _ = project.lint_json('-j1', expect=1)
        parallel, _ = project.lint_json('-j4', expect=1)
        self.assertEqual(serial['findings'], parallel['findings'])
        self.assertEqual(len(serial['findings']), 3)


class ProgressOutput(unittest.TestCase):
    def test_plain_lines_when_not_a_terminal(self):
        project = Project(self)
        project.add('src/a.cpp', MISTAKE)
        project.add('src/b.cpp', CLEAN)
        result = project.lint(expect=1)
        self.assertRegex(result.stderr,
                         r'coroscope-lint: \[1/2\] src/[ab]\.cpp: ')
        self.assertIn('src/a.cpp: 1 finding (', result.stderr)
        self.assertNotIn('\r', result.stderr)

    def test_status_line_on_a_terminal(self):
        project = Project(self)
        for i in range(3):
            project.add(f'src/file{i}.cpp', MISTAKE)
        project.write_database()
        try:
            controller, terminal = pty.openpty()
        except OSError as error:  # e.g. a chroot without /dev/pts
            self.skipTest(f'no pseudo-terminal to test the status line on: {error}')
        process = subprocess.Popen([str(LINT), '-p', str(project.root), '-j1'],
                                   cwd=project.root, stdout=subprocess.PIPE,
                                   stderr=terminal, text=True)
        os.close(terminal)
        chunks = []

        def read_terminal():
            while True:
                try:
                    data = os.read(controller, 4096)
                except OSError:  # EIO: the other side is closed
                    return
                if not data:
                    return
                chunks.append(data)

        reader = threading.Thread(target=read_terminal)
        reader.start()
        stdout, _ = process.communicate(timeout=TIMEOUT)
        reader.join(TIMEOUT)
        os.close(controller)
        screen = b''.join(chunks).decode()
        self.assertEqual(process.returncode, 1)
        self.assertIn('\rcoroscope-lint: 1/3 files, 1 finding, 0 errors, '
                      'about ', screen)
        self.assertRegex(screen, r'about \d+(ms|s|m\d\ds) left')
        self.assertIn('\x1b[K', screen)
        self.assertNotIn('[1/3]', screen)
        self.assertEqual(stdout.count('[coroscope-unawaited-awaitable]'), 3)


def main():
    global LINT, INPUTS
    parser = argparse.ArgumentParser()
    parser.add_argument('--lint', required=True, type=pathlib.Path)
    parser.add_argument('--inputs', required=True, type=pathlib.Path)
    args, rest = parser.parse_known_args()
    LINT, INPUTS = args.lint.resolve(), args.inputs.resolve()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == '__main__':
    main()
