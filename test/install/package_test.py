#!/usr/bin/env python3
"""The Debian packages, installed with apt into a fresh Debian 12 and used
there, with nothing of a build tree:

  1. every package is there (the runtime, the adapters, and for each LLVM
     major the plugin, coroscope-lint and coroscope-clangd), and each names
     the Debian packages it needs (clang-tidy-NN, libclang-cpp, libpq,
     hiredis);
  2. debootstrap makes a minimal Debian 12 root; in it, action.yml's
     install step installs coroscope-lint as a workflow would, then
     `apt-get install ./*.deb` installs them all, side by side, with their
     dependencies from Debian's archive (LLVM 22 from bookworm-security);
  3. inside that root (chroot), this script again: the unversioned
     coroscope-lint and coroscope-clangd are alternatives naming the newest
     LLVM's; for each LLVM major, coroscope-clangd --check reports the
     consumer's mistake, a consumer project built with find_package(coroscope)
     runs, the installed coroscope-lint lints it, clang-tidy-NN --load
     reports the mistake and coroscope-clangd answers over LSP
     (install_test.check_installation).

  package_test.py --packages <dir>... --llvm-majors 19,22
                  --source-dir <coroscope> [--mirror <url>]

Needs root (debootstrap, chroot, mounting /proc) and Debian's archive.
"""
import argparse
import pathlib
import shutil
import sys
import tempfile

from install_test import check, check_installation, run


def fields(deb):
    output = run(['dpkg-deb', '--field', deb, 'Package', 'Depends']).stdout
    values = dict(line.split(': ', 1) for line in output.splitlines())
    return values['Package'], values.get('Depends', '')


def expected_packages(majors):
    """Each package and what its dependencies must name."""
    packages = {
        'libcoroscope-dev': [],
        'libcoroscope-postgres-dev': ['libcoroscope-dev (= ', 'libpq-dev'],
        'libcoroscope-redis-dev': ['libcoroscope-dev (= ', 'libhiredis-dev'],
    }
    for major in majors:
        llvm = [f'libclang-cpp{major}', f'libclang-common-{major}-dev']
        packages[f'coroscope-tidy-{major}'] = [f'clang-tidy-{major}']
        packages[f'coroscope-lint-{major}'] = llvm
        packages[f'coroscope-clangd-{major}'] = llvm
    return packages


def check_alternative(name, majors):
    """\p name is an alternative of each name-NN, and names the newest."""
    result = run(['update-alternatives', '--query', name])
    newest = f'/usr/bin/{name}-{max(majors, key=int)}'
    for major in majors:
        check(f'Alternative: /usr/bin/{name}-{major}\nPriority: {major}'
              in result.stdout, f'{name}-{major} is no alternative:\n'
              f'{result.stdout}')
    check(f'Value: {newest}' in result.stdout and
          pathlib.Path(f'/usr/bin/{name}').resolve() == pathlib.Path(newest),
          f'{name} does not name the newest, {newest}:\n{result.stdout}')
    return f'/usr/bin/{name}'


def check_clangd_check_mode(clangd, snippet, source_dir, workdir):
    """`coroscope-clangd --check` on the mistake, configured with the
    installed .clangd snippet: clangd's own smoke test, which prints the
    findings it sees as errors."""
    workdir.mkdir()
    (workdir / '.clangd').write_bytes(snippet.read_bytes())
    (workdir / 'mistake.cpp').write_bytes(
        (source_dir / 'test/install/consumer/mistake.cpp').read_bytes())
    (workdir / 'compile_flags.txt').write_text('-std=c++20\n')
    (workdir / '.clang-tidy').write_text(
        "Checks: '-*,coroscope-*'\nWarningsAsErrors: 'coroscope-*'\n")
    result = run([clangd, '--check=mistake.cpp'], expect=3, cwd=workdir)
    check('[coroscope-unawaited-awaitable] Line 23:' in result.stderr,
          f'{clangd} --check does not report the mistake:\n'
          f'{result.stderr[-3000:]}')


# What the consumer build and the tests need inside the root, besides the
# packages and what they depend on.
ROOT_PACKAGES = ['cmake', 'ninja-build', 'g++', 'python3']
# The sources the tests read inside the root: no build tree, no binaries.
TEST_SOURCES = ['test/install', 'test/clangd/lsp_test.py', 'test/checks/Inputs']


def make_root(root, debs, mirror, source_dir, major):
    print(f'debootstrap: a minimal Debian 12 in {root}')
    run(['debootstrap', '--variant=minbase', 'bookworm', root, mirror])
    security = mirror.replace('/debian', '/debian-security')
    (root / 'etc/apt/sources.list').write_text(
        f'deb {mirror} bookworm main\n'
        f'deb {mirror} bookworm-updates main\n'
        f'deb {security} bookworm-security main\n')
    inside = root / 'packages'
    inside.mkdir()
    for deb in debs:
        (inside / deb.name).write_bytes(deb.read_bytes())
    print(f'the action\'s install step in the root (LLVM {major})')
    # Read here, outside the root, which has neither PyYAML nor test/lint.
    sys.path.insert(0, str(source_dir / 'test/lint'))
    import github_action
    action = github_action.load(source_dir)
    install = github_action.step(action, 'Install coroscope-lint')
    chroot(root, ['bash', '-e', '-c', install['run']],
           github_action.environment(
               install, github_action.inputs(action, packages='/packages',
                                             llvm=major)))
    print('apt-get install ./*.deb in the root')
    chroot(root, ['apt-get', 'install', '-y', '-qq', '--no-install-recommends',
                  *[f'/packages/{deb.name}' for deb in debs], *ROOT_PACKAGES])


def copy(source, destination):
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination)
    else:
        shutil.copy(source, destination)


def chroot(root, command, env=()):
    return run(['chroot', root, *command],
               env={'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': 'C.UTF-8',
                    'DEBIAN_FRONTEND': 'noninteractive', 'HOME': '/root',
                    **dict(env)})


def outside(args):
    majors = args.llvm_majors.split(',')
    debs = sorted(deb.resolve() for directory in args.packages
                  for deb in directory.glob('*.deb'))
    found = dict(fields(deb) for deb in debs)
    for package, needs in expected_packages(majors).items():
        check(package in found, f'no package {package} among {sorted(found)} '
              f'(scripts/package.sh builds them)')
        for need in needs:
            check(need in found[package],
                  f'{package} does not depend on {need}: {found[package]}')
    with tempfile.TemporaryDirectory(prefix='coroscope-packages-') as tmp:
        root = pathlib.Path(tmp) / 'root'
        make_root(root, debs, args.mirror, args.source_dir, majors[0])
        for source in TEST_SOURCES:
            copy(args.source_dir / source, root / 'src' / source)
        run(['mount', '-t', 'proc', 'proc', root / 'proc'])
        try:
            result = chroot(root, ['python3', '/src/test/install/package_test.py',
                                   '--inside', '--llvm-majors',
                                   args.llvm_majors, '--source-dir', '/src'])
            print(result.stdout, end='')
        finally:
            run(['umount', root / 'proc'])
    print('packages: ok')


def inside(args):
    majors = args.llvm_majors.split(',')
    with tempfile.TemporaryDirectory(prefix='coroscope-') as tmp:
        tmp = pathlib.Path(tmp)
        lint = check_alternative('coroscope-lint', majors)
        clangd = check_alternative('coroscope-clangd', majors)
        run([lint, '--version'])
        run([clangd, '--version'])
        for major in majors:
            check_clangd_check_mode(
                f'coroscope-clangd-{major}',
                pathlib.Path(f'/usr/share/coroscope/llvm-{major}/clangd-snippet.yaml'),
                args.source_dir, tmp / f'clangd-check-{major}')
            check_installation(pathlib.Path('/usr'), args.source_dir, 'g++',
                               llvm_root=pathlib.Path(f'/usr/lib/llvm-{major}'),
                               inputs=args.source_dir / 'test/checks/Inputs',
                               llvm_major=major,
                               workdir=tmp / f'consumer-{major}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--packages', nargs='+', type=pathlib.Path)
    parser.add_argument('--llvm-majors', required=True)
    parser.add_argument('--source-dir', required=True, type=pathlib.Path)
    parser.add_argument('--mirror', default='http://deb.debian.org/debian')
    parser.add_argument('--inside', action='store_true',
                        help=argparse.SUPPRESS)  # run in the root by outside()
    args = parser.parse_args()
    args.source_dir = args.source_dir.resolve()
    if args.inside:
        inside(args)
    else:
        outside(args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
