#!/usr/bin/env python3
"""Installs coroscope into a temporary prefix and uses it from there:
builds test/install/consumer against find_package(coroscope), runs it, and,
when the build has the checks, runs the installed coroscope-lint, the
installed clang-tidy plugin and the installed coroscope-clangd (through the
LSP test) on it, so that the resource directory, the RPATHs and the plugin
loader are proven to work from the prefix.

  install_test.py --build-dir <tree> --source-dir <coroscope> --cxx <compiler>
                  [--cmake <cmake>]
                  [--with-tools --llvm-root <llvm> --llvm-major <NN>
                   --inputs <test/checks/Inputs>]
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


def check_installation(prefix, source_dir, cxx, cmake='cmake', llvm_root=None,
                       inputs=None, llvm_major=None, workdir=None):
    """Builds the consumer project against \p prefix and runs it; with
    \p llvm_root, also the installed tools of that LLVM (picked with
    COROSCOPE_LLVM_MAJOR=\p llvm_major when given) on its mistake."""
    with_tools = llvm_root is not None
    uses_runtime = (prefix / 'include/coroscope/task.hpp').exists() and \
        (prefix / 'include/coroscope/run.hpp').exists()
    uses_adapters = (prefix / 'include/coroscope/postgres.hpp').exists() and \
        (prefix / 'include/coroscope/redis.hpp').exists()
    build = pathlib.Path(workdir or tempfile.mkdtemp(prefix='coroscope-consumer-'))
    print(f'building the consumer project against {prefix}')
    configure = [cmake, '-S', source_dir / 'test/install/consumer',
                 '-B', build, '-G', 'Ninja', f'-DCMAKE_CXX_COMPILER={cxx}',
                 f'-DCMAKE_PREFIX_PATH={prefix}',
                 f'-DCONSUMER_USES_RUNTIME={"ON" if uses_runtime else "OFF"}',
                 f'-DCONSUMER_USES_TOOLS={"ON" if with_tools else "OFF"}',
                 f'-DCONSUMER_USES_ADAPTERS={"ON" if uses_adapters else "OFF"}']
    if llvm_major:
        configure.append(f'-DCOROSCOPE_LLVM_MAJOR={llvm_major}')
    run(configure)
    run([cmake, '--build', build])
    run([build / 'consumer'])
    if not with_tools:
        print('installed runtime: ok (without tools)')
        return None

    tools = json.loads((build / 'coroscope-tools.json').read_text())
    for name in ('lint', 'clangd', 'tidy_plugin'):
        check(pathlib.Path(tools[name]).is_relative_to(prefix),
              f'coroscope::{name} is not in the prefix: {tools[name]}')
    major = tools['llvm_major']
    if llvm_major:
        check(major == str(llvm_major),
              f'COROSCOPE_LLVM_MAJOR={llvm_major} gave the tools of {major}')
    mistake = source_dir / 'test/install/consumer/mistake.cpp'

    print(f'the installed coroscope-lint of LLVM {major}')
    result = run([tools['lint'], '-p', build, '--quiet'], expect=1, cwd=build)
    check(f'{mistake}:23:3: warning:' in result.stdout and
          '[coroscope-unawaited-awaitable]' in result.stdout,
          f'the installed lint does not report the mistake:\n{result.stdout}')

    print(f'the installed clang-tidy plugin of LLVM {major}')
    clang_tidy = llvm_root / 'bin/clang-tidy'
    result = run([clang_tidy, f'--load={tools["tidy_plugin"]}',
                  '--checks=-*,coroscope-*', '-p', build, mistake], expect=0)
    check('mistake.cpp:23:3: warning:' in result.stdout and
          '[coroscope-unawaited-awaitable]' in result.stdout,
          f'the installed plugin does not report the mistake:\n'
          f'{result.stdout}{result.stderr}')

    other = llvm_root.parent / f'llvm-{"22" if major == "19" else "19"}'
    if (other / 'bin/clang-tidy').exists():
        print(f'the installed plugin refuses the clang-tidy of {other.name}')
        result = run([other / 'bin/clang-tidy', f'--load={tools["tidy_plugin"]}',
                      '--checks=-*,coroscope-*', '-p', build, mistake],
                     expect=1)
        check(f'this plugin was built for LLVM {major} but was loaded '
              'into a clang-tidy of LLVM' in result.stderr,
              f'no clear refusal:\n{result.stderr}')

    print(f'the installed coroscope-clangd of LLVM {major}')
    snippet = prefix / f'share/coroscope/llvm-{major}/clangd-snippet.yaml'
    run([sys.executable, source_dir / 'test/clangd/lsp_test.py',
         '--clangd', tools['clangd'], '--snippet', snippet,
         '--inputs', inputs])
    return tools


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--build-dir', required=True, type=pathlib.Path)
    parser.add_argument('--source-dir', required=True, type=pathlib.Path)
    parser.add_argument('--cxx', required=True)
    parser.add_argument('--cmake', default='cmake')
    parser.add_argument('--with-tools', action='store_true')
    parser.add_argument('--llvm-root', type=pathlib.Path)
    parser.add_argument('--llvm-major')
    parser.add_argument('--inputs', type=pathlib.Path)
    args = parser.parse_args()
    for name in ('build_dir', 'source_dir', 'llvm_root', 'inputs'):
        if getattr(args, name):
            setattr(args, name, getattr(args, name).resolve())

    with tempfile.TemporaryDirectory(prefix='coroscope-install-') as tmp:
        tmp = pathlib.Path(tmp)
        prefix = tmp / 'prefix'
        print(f'installing into {prefix}')
        run([args.cmake, '--install', args.build_dir, '--prefix', prefix])
        expected = [prefix / 'lib/cmake/coroscope/coroscopeConfig.cmake',
                    prefix / 'lib/cmake/coroscope/coroscopeConfigVersion.cmake']
        if args.with_tools:
            major = args.llvm_major
            expected += [prefix / f'bin/coroscope-clangd-{major}',
                         prefix / f'bin/coroscope-lint-{major}',
                         prefix / f'lib/coroscope/llvm-{major}/libcoroscope-tidy.so',
                         prefix / f'share/coroscope/llvm-{major}/clangd-snippet.yaml']
        for path in expected:
            check(path.exists(), f'{path} is not installed')
        check_installation(prefix, args.source_dir, args.cxx, args.cmake,
                           args.llvm_root if args.with_tools else None,
                           args.inputs, workdir=tmp / 'consumer')
    print('installed: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
