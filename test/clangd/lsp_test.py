#!/usr/bin/env python3
"""coroscope-clangd end to end, over the Language Server Protocol.

Starts the real binary in a temporary workspace configured with the shipped
.clangd snippet and speaks JSON-RPC to it over stdio, as an editor does:
  1. open a file with Mistake 1: a publishDiagnostics carries the
     coroscope-unawaited-awaitable diagnostic, at the call, with its code;
  2. ask for code actions there: the quick fix inserts `co_await `;
  3. apply that edit with didChange: the diagnostic goes away;
  4. type the file again, cut off at many points: clangd answers every
     version and a request afterwards;
  5. in a file with a finding of several checks, type an error into another
     function (an undeclared call, and a statement the parser drops), then
     take it out again: the coroscope diagnostics are the same before,
     during and after; clangd exits cleanly on shutdown.

  lsp_test.py --clangd <coroscope-clangd> --snippet <docs/clangd-snippet.yaml>
              --inputs <test/checks/Inputs>

Only the Python standard library is used. Every wait has a deadline and a
failure says what was expected, what arrived, and what clangd logged last.
"""
import argparse
import collections
import json
import os
import pathlib
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

CHECK = 'coroscope-unawaited-awaitable'
# A busy two-core machine may take a while to build a preamble.
DEADLINE = 180

MISTAKE = """\
#include "minimal_tasks.h"
demo::lazy_task<> close();
demo::lazy_task<> shutdown() {
  close();
  co_return;
}
"""
# Where the diagnostic and the fix belong: `close` on line 4, 0-based.
CALL_LINE, CALL_COLUMN = 3, 2

# One finding of each of several checks, each in a function of its own.
FINDINGS = """\
#include "coroscope_scopes_stub.h"
#include "manual_locks.h"
#include <exception>
coroscope::task<int> fetch();
coroscope::task<void> close();
void log_error();
coroscope::task<void> swallows() {
  try {
    co_await fetch();
  } catch (...) {
    log_error();
  }
  co_await close();
}
coroscope::task<void> masks() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await close();
  if (ep)
    std::rethrow_exception(ep);
}
coroscope::task<void> reuses() {
  coroscope::task<int> t = fetch();
  co_await t;
  co_await t;
}
coroscope::task<void> leaks(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  co_await fetch();
  mutex.unlock();
}
coroscope::task<void> discards() {
  close();
  co_return;
}
"""
FINDING_CHECKS = {'coroscope-swallowed-cancellation',
                  'coroscope-masking-cleanup', 'coroscope-reused-scope',
                  'coroscope-unguarded-acquire',
                  'coroscope-unawaited-awaitable'}
# Typed into the file after its functions, so the findings keep their lines.
UNRELATED_ERRORS = """\
void being_typed() {
  connect_to_database();
}
coroscope::task<void> rethrow_being_typed() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep
}
"""


class TestFailure(Exception):
    pass


class LanguageServer:
    """A JSON-RPC connection to a language server on a child's stdio."""

    def __init__(self, argv, cwd, env):
        self.process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.incoming = queue.Queue()
        self.unclaimed = []
        self.log = collections.deque(maxlen=60)
        self.last_diagnostics = {}
        self.next_id = 1
        threading.Thread(target=self._read_messages, daemon=True).start()
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_messages(self):
        stream = self.process.stdout
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode('ascii').partition(':')
                    if name.lower() == 'content-length':
                        length = int(value)
                if length is None:
                    raise ValueError('a message without Content-Length')
                self.incoming.put(json.loads(stream.read(length)))
        except Exception as error:  # reported by whoever waits next
            self.incoming.put(error)
        finally:
            self.incoming.put(None)

    def _read_log(self):
        for line in self.process.stderr:
            self.log.append(line.decode(errors='replace').rstrip())

    def fail(self, message):
        log = '\n'.join(self.log) or '(nothing)'
        raise TestFailure(f'{message}\n--- last lines of clangd\'s log:\n{log}')

    def send(self, message):
        body = json.dumps({'jsonrpc': '2.0', **message}).encode()
        try:
            self.process.stdin.write(
                b'Content-Length: %d\r\n\r\n' % len(body) + body)
            self.process.stdin.flush()
        except BrokenPipeError:
            self.fail(f'clangd is gone (exit status {self.process.wait()}) '
                      f'before {message.get("method")}')

    def notify(self, method, params):
        self.send({'method': method, 'params': params})

    def request(self, method, params, what=None):
        request_id = self.next_id
        self.next_id += 1
        self.send({'id': request_id, 'method': method, 'params': params})
        reply = self.wait_for(
            lambda m: m.get('id') == request_id and 'method' not in m,
            what or f'the reply to {method}')
        if 'error' in reply:
            self.fail(f'{method} failed: {reply["error"]}')
        return reply['result']

    def wait_for(self, wanted, what, deadline=DEADLINE):
        """The first message, earlier unclaimed ones included, that `wanted`
        accepts; server requests are answered on the way."""
        for index, message in enumerate(self.unclaimed):
            if wanted(message):
                return self.unclaimed.pop(index)
        end = time.monotonic() + deadline
        while True:
            remaining = end - time.monotonic()
            if remaining <= 0:
                self.fail(f'no {what} within {deadline}s; last diagnostics: '
                          f'{json.dumps(self.last_diagnostics, indent=1)}')
            try:
                message = self.incoming.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                self.fail(f'clangd closed its output (exit status '
                          f'{self.process.wait()}) while waiting for {what}')
            if isinstance(message, Exception):
                self.fail(f'unreadable message from clangd: {message}')
            if 'method' in message and 'id' in message:
                # e.g. window/workDoneProgress/create
                self.send({'id': message['id'], 'result': None})
                continue
            if message.get('method') == 'textDocument/publishDiagnostics':
                params = message['params']
                self.last_diagnostics[params['uri']] = params
            if wanted(message):
                return message
            self.unclaimed.append(message)

    def diagnostics(self, uri, version):
        """The diagnostics clangd publishes for `version` of `uri`."""
        message = self.wait_for(
            lambda m: m.get('method') == 'textDocument/publishDiagnostics'
            and m['params']['uri'] == uri
            and m['params'].get('version') == version,
            f'publishDiagnostics for version {version} of {uri}')
        return message['params']['diagnostics']


def coroscope_diagnostics(diagnostics):
    return [d for d in diagnostics if d.get('code') == CHECK]


def apply_edits(text, edits):
    """`text` after the LSP TextEdits (ranges in UTF-16 units; ASCII here)."""
    lines = text.splitlines(keepends=True)

    def offset(position):
        return sum(len(l) for l in lines[:position['line']]) + \
            position['character']

    for edit in sorted(edits, key=lambda e: offset(e['range']['start']),
                       reverse=True):
        begin, end = offset(edit['range']['start']), offset(edit['range']['end'])
        text = text[:begin] + edit['newText'] + text[end:]
    return text


def expect(condition, server, message):
    if not condition:
        server.fail(message)


def run(args, workspace):
    shutil.copy(args.snippet, workspace / '.clangd')
    (workspace / 'compile_flags.txt').write_text(
        f'-std=c++20\n-I{args.inputs}\n')
    source = workspace / 'shutdown.cpp'
    source.write_text(MISTAKE)
    uri = source.as_uri()
    env = dict(os.environ, HOME=str(workspace),
               XDG_CONFIG_HOME=str(workspace / 'config'),
               XDG_CACHE_HOME=str(workspace / 'cache'))
    server = LanguageServer(
        [str(args.clangd), '--background-index=false', '--log=info',
         '--pch-storage=memory', '--clang-tidy'], workspace, env)
    try:
        server.request('initialize', {
            'processId': os.getpid(),
            'rootUri': workspace.as_uri(),
            'capabilities': {'textDocument': {
                'publishDiagnostics': {'relatedInformation': True},
                'codeAction': {'codeActionLiteralSupport': {
                    'codeActionKind': {'valueSet': ['quickfix']}}}}},
        })
        server.notify('initialized', {})

        print('1. open a file with a discarded lazy task')
        server.notify('textDocument/didOpen', {'textDocument': {
            'uri': uri, 'languageId': 'cpp', 'version': 1, 'text': MISTAKE}})
        found = coroscope_diagnostics(server.diagnostics(uri, 1))
        expect(len(found) == 1, server,
               f'expected one {CHECK} diagnostic, got {found}')
        diagnostic = found[0]
        expect(diagnostic['range'] == {
            'start': {'line': CALL_LINE, 'character': CALL_COLUMN},
            'end': {'line': CALL_LINE, 'character': CALL_COLUMN + 5}},
            server, f'the diagnostic is not on `close` at line '
                    f'{CALL_LINE + 1}: {diagnostic}')
        expect(diagnostic.get('source') == 'clang-tidy', server,
               f'unexpected source: {diagnostic}')
        expect(diagnostic.get('severity') == 2, server,
               f'not a warning: {diagnostic}')
        expect('lazy task' in diagnostic['message'], server,
               f'unexpected message: {diagnostic}')

        print('2. ask for the quick fix')
        actions = server.request('textDocument/codeAction', {
            'textDocument': {'uri': uri}, 'range': diagnostic['range'],
            'context': {'diagnostics': [diagnostic], 'only': ['quickfix']}})
        fixes = [a for a in actions or [] if a.get('kind') == 'quickfix'
                 and a.get('edit')]
        expect(len(fixes) == 1, server, f'expected one quick fix: {actions}')
        edits = fixes[0]['edit'].get('changes', {}).get(uri)
        point = {'line': CALL_LINE, 'character': CALL_COLUMN}
        expect(edits == [{'range': {'start': point, 'end': point},
                          'newText': 'co_await '}], server,
               f'the quick fix does not insert `co_await `: {fixes[0]}')

        print('3. apply it: the diagnostic goes away')
        fixed = apply_edits(MISTAKE, edits)
        server.notify('textDocument/didChange', {
            'textDocument': {'uri': uri, 'version': 2},
            'contentChanges': [{'text': fixed}]})
        left = coroscope_diagnostics(server.diagnostics(uri, 2))
        expect(left == [], server, f'still reported after the fix: {left}')

        print('4. half-typed code')
        version = 2
        cuts = sorted({len(MISTAKE) * k // 12 for k in range(1, 12)}
                      | {MISTAKE.index('close();') + 6,
                         MISTAKE.index('co_return') + 2})
        for cut in cuts:
            version += 1
            server.notify('textDocument/didChange', {
                'textDocument': {'uri': uri, 'version': version},
                'contentChanges': [{'text': MISTAKE[:cut]}]})
            server.diagnostics(uri, version)
            expect(server.process.poll() is None, server,
                   f'clangd exited after version {version}: '
                   f'{MISTAKE[:cut]!r}')
        symbols = server.request('textDocument/documentSymbol',
                                 {'textDocument': {'uri': uri}},
                                 'an answer after the half-typed versions')
        expect(isinstance(symbols, list), server,
               f'unexpected documentSymbol reply: {symbols}')

        print('5. an error typed into another function, and taken out')
        other = workspace / 'findings.cpp'
        other.write_text(FINDINGS)
        other_uri = other.as_uri()
        server.notify('textDocument/didOpen', {'textDocument': {
            'uri': other_uri, 'languageId': 'cpp', 'version': 1,
            'text': FINDINGS}})

        def findings(version):
            diagnostics = server.diagnostics(other_uri, version)
            return diagnostics, sorted(
                (d['code'], d['range']['start']['line'],
                 d['range']['start']['character'], d['message'])
                for d in diagnostics
                if str(d.get('code', '')).startswith('coroscope-'))

        diagnostics, before = findings(1)
        errors = [d for d in diagnostics if d.get('severity') == 1]
        expect(not errors, server, f'the file does not compile: {errors}')
        expect({f[0] for f in before} == FINDING_CHECKS, server,
               f'expected one finding of each of {sorted(FINDING_CHECKS)}, '
               f'got {before}')
        for version, text, what in ((2, FINDINGS + UNRELATED_ERRORS, 'during'),
                                    (3, FINDINGS, 'after')):
            server.notify('textDocument/didChange', {
                'textDocument': {'uri': other_uri, 'version': version},
                'contentChanges': [{'text': text}]})
            diagnostics, now = findings(version)
            if what == 'during':
                errors = [d for d in diagnostics if d.get('severity') == 1]
                expect(len(errors) >= 2, server,
                       f'the typed errors are not reported: {diagnostics}')
            expect(now == before, server,
                   f'the coroscope diagnostics {what} the error differ from '
                   f'those before it:\nbefore: {before}\n{what}: {now}')

        server.request('shutdown', None)
        server.notify('exit', None)
        try:
            status = server.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            server.fail('clangd did not exit after shutdown/exit')
        expect(status == 0, server, f'clangd exited with status {status}')
        print('coroscope-clangd: all LSP steps passed')
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--clangd', required=True, type=pathlib.Path)
    parser.add_argument('--snippet', required=True, type=pathlib.Path)
    parser.add_argument('--inputs', required=True, type=pathlib.Path)
    parser.add_argument('--ide-doc', type=pathlib.Path,
                        help='docs/ide.md, which must show the snippet')
    args = parser.parse_args()
    if args.ide_doc:
        if args.snippet.read_text() not in args.ide_doc.read_text():
            print(f'FAIL: {args.ide_doc} does not show the .clangd snippet '
                  f'{args.snippet}', file=sys.stderr)
            return 1
    args.clangd, args.snippet, args.inputs = (
        args.clangd.resolve(), args.snippet.resolve(), args.inputs.resolve())
    with tempfile.TemporaryDirectory(prefix='coroscope-clangd-test-') as tmp:
        try:
            run(args, pathlib.Path(tmp).resolve())
        except TestFailure as failure:
            print(f'FAIL: {failure}', file=sys.stderr)
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
