# lit configuration of the coroscope check tests; the build writes
# lit.site.cfg.py with the paths and loads this file from it.
import os
import lit.formats

config.name = 'coroscope-checks'
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.cpp', '.test']
config.test_source_root = os.path.dirname(__file__)
config.excludes = ['Inputs', 'check_clang_tidy.py', 'check_docs.py', 'lit.cfg.py',
                   'exception_path_memo.py', 'fixes_compile.py']

llvm_bin = os.path.join(config.llvm_root, 'bin')
runner = os.path.join(config.test_source_root, 'check_clang_tidy.py')
config.substitutions.append(
    ('%check_clang_tidy',
     f"'{config.python}' '{runner}' --clang-tidy='{llvm_bin}/clang-tidy' "
     f"--filecheck='{llvm_bin}/FileCheck' --plugin='{config.plugin}'"))
config.substitutions.append(('%clang_tidy', f"'{llvm_bin}/clang-tidy'"))
config.substitutions.append(('%clangxx', f"'{llvm_bin}/clang++'"))
config.substitutions.append(('%plugin', config.plugin))
config.substitutions.append(('%FileCheck', f"'{llvm_bin}/FileCheck'"))
config.substitutions.append(('%python', f"'{config.python}'"))
config.substitutions.append(('%coroscope_source', config.coroscope_source_dir))
config.substitutions.append(
    ('%coroscope_include',
     os.path.join(config.coroscope_source_dir, 'runtime', 'include')))
config.available_features.add(f'llvm-{config.llvm_major}')

# A clang-tidy of another major version, to show the plugin refuses it.
other_major = '22' if config.llvm_major == '19' else '19'
other_clang_tidy = f'/usr/lib/llvm-{other_major}/bin/clang-tidy'
if os.path.exists(other_clang_tidy):
    config.available_features.add('other-clang-tidy')
    config.substitutions.append(('%other_clang_tidy', other_clang_tidy))
config.environment['HOME'] = config.test_exec_root
