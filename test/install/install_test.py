#!/usr/bin/env python3
"""Installs coroscope into a temporary prefix and uses it from there:
builds test/install/consumer against find_package(coroscope), runs it, and,
when the build has the checks, runs the installed coroscope-lint, the
installed clang-tidy plugin and the installed coroscope-clangd (through the
LSP test) on it, so that the resource directory, the RPATHs and the plugin
loader are proven to work from the prefix.

  install_test.py --build-dir <tree> --source-dir <coroscope> --cxx <compiler>
                  [--cmake <cmake>]
                  [--with-tools --llvm-root <llvm> --inputs <test/checks/Inputs>]
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

TIMEOUT = 900


def run(command, expect=0, **kwargs):
    result = subprocess.run([str(c) for c in command], capture_output=True,
                            text=True, timeout=TIMEOUT, **kwargs)
    if result.returncode != expect:
        sys.exit(f'FAIL: {" ".join(map(str, command))} exited with '
                 f'{result.returncode}, expected {expect}\n'
                 f'--- stdout\n{result.stdout}--- stderr\n{result.stderr}')
    return result


def check(condition, message):
    if not condition:
        sys.exit(f'FAIL: {message}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--build-dir', required=True, type=pathlib.Path)
    parser.add_argument('--source-dir', required=True, type=pathlib.Path)
    parser.add_argument('--cxx', required=True)
    parser.add_argument('--cmake', default='cmake')
    parser.add_argument('--with-tools', action='store_true')
    parser.add_argument('--llvm-root', type=pathlib.Path)
    parser.add_argument('--inputs', type=pathlib.Path)
    args = parser.parse_args()
    for name in ('build_dir', 'source_dir', 'llvm_root', 'inputs'):
        if getattr(args, name):
            setattr(args, name, getattr(args, name).resolve())
    runtime_headers = args.source_dir / 'runtime/include/coroscope'
    uses_runtime = (runtime_headers / 'task.hpp').exists() and \
        (runtime_headers / 'run.hpp').exists()

    with tempfile.TemporaryDirectory(prefix='coroscope-install-') as tmp:
        tmp = pathlib.Path(tmp)
        prefix, build = tmp / 'prefix', tmp / 'consumer'
        print(f'installing into {prefix}')
        run([args.cmake, '--install', args.build_dir, '--prefix', prefix])
        uses_adapters = (prefix / 'include/coroscope/postgres.hpp').exists() and \
            (prefix / 'include/coroscope/redis.hpp').exists()
        expected = [prefix / 'lib/cmake/coroscope/coroscopeConfig.cmake',
                    prefix / 'lib/cmake/coroscope/coroscopeConfigVersion.cmake']
        if uses_runtime:
            expected.append(prefix / 'include/coroscope/task.hpp')
        if args.with_tools:
            expected += [prefix / 'bin/coroscope-clangd',
                         prefix / 'bin/coroscope-lint',
                         prefix / 'lib/libcoroscope-tidy.so',
                         prefix / 'share/coroscope/clangd-snippet.yaml']
        for path in expected:
            check(path.exists(), f'{path} is not installed')

        print('building the consumer project against the prefix')
        run([args.cmake, '-S', args.source_dir / 'test/install/consumer',
             '-B', build, '-G', 'Ninja', f'-DCMAKE_CXX_COMPILER={args.cxx}',
             f'-DCMAKE_PREFIX_PATH={prefix}',
             f'-DCONSUMER_USES_RUNTIME={"ON" if uses_runtime else "OFF"}',
             f'-DCONSUMER_USES_TOOLS={"ON" if args.with_tools else "OFF"}',
             f'-DCONSUMER_USES_ADAPTERS={"ON" if uses_adapters else "OFF"}'])
        run([args.cmake, '--build', build])
        run([build / 'consumer'])
        if not args.with_tools:
            print('installed runtime: ok (this build has no tools)')
            return 0

        tools = json.loads((build / 'coroscope-tools.json').read_text())
        for name in ('lint', 'clangd', 'tidy_plugin'):
            check(pathlib.Path(tools[name]).is_relative_to(prefix),
                  f'coroscope::{name} is not in the prefix: {tools[name]}')
        mistake = args.source_dir / 'test/install/consumer/mistake.cpp'

        print('the installed coroscope-lint')
        result = run([tools['lint'], '-p', build, '--quiet'], expect=1,
                     cwd=build)
        check(f'{mistake}:23:3: warning:' in result.stdout and
              '[coroscope-unawaited-awaitable]' in result.stdout,
              f'the installed lint does not report the mistake:\n'
              f'{result.stdout}')

        print('the installed clang-tidy plugin')
        clang_tidy = args.llvm_root / 'bin/clang-tidy'
        result = run([clang_tidy, f'--load={tools["tidy_plugin"]}',
                      '--checks=-*,coroscope-*', '-p', build, mistake],
                     expect=0)
        check('mistake.cpp:23:3: warning:' in result.stdout and
              '[coroscope-unawaited-awaitable]' in result.stdout,
              f'the installed plugin does not report the mistake:\n'
              f'{result.stdout}{result.stderr}')

        major = tools['llvm_major']
        other = args.llvm_root.parent / f'llvm-{"22" if major == "19" else "19"}'
        if (other / 'bin/clang-tidy').exists():
            print(f'the installed plugin refuses the clang-tidy of {other.name}')
            result = run([other / 'bin/clang-tidy',
                          f'--load={tools["tidy_plugin"]}',
                          '--checks=-*,coroscope-*', '-p', build, mistake],
                         expect=1)
            check(f'this plugin was built for LLVM {major} but was loaded '
                  'into a clang-tidy of LLVM' in result.stderr,
                  f'no clear refusal:\n{result.stderr}')

        print('the installed coroscope-clangd')
        run([sys.executable, args.source_dir / 'test/clangd/lsp_test.py',
             '--clangd', tools['clangd'],
             '--snippet', prefix / 'share/coroscope/clangd-snippet.yaml',
             '--inputs', args.inputs])
    print('installed tools: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
