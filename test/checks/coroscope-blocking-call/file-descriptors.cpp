// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

// read/write/recv/send/connect/accept block only on a descriptor in
// blocking mode. Event-loop code puts descriptors in non-blocking mode and
// awaits readiness; the check stays quiet when the coroutine shows it.

struct event_loop {
  coroscope::task<> readable(int fd);
  coroscope::task<> writable(int fd);
};

// Awaits readiness of the same descriptor before reading: not reported.
coroscope::task<long> read_when_ready(event_loop &loop, int fd, char *buffer) {
  co_await loop.readable(fd);
  co_return ::read(fd, buffer, 64);
}

// The readiness wait follows a first attempt, in a retry loop: not reported.
struct connection {
  int fd;
  coroscope::task<long> send_all(event_loop &loop, const char *data, long n) {
    long sent = 0;
    while (sent < n) {
      long written = ::send(fd, data + sent, n - sent, 0);
      if (written > 0) {
        sent += written;
        continue;
      }
      co_await loop.writable(fd);
    }
    co_return sent;
  }
};

// Handles EAGAIN, or asks for non-blocking mode: not reported.
coroscope::task<long> drain(int fd, char *buffer) {
  long n = ::read(fd, buffer, 64);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    co_return 0;
  co_return n;
}

coroscope::task<long> peek(int socket, char *buffer) {
  co_return recv(socket, buffer, 64, MSG_DONTWAIT | MSG_PEEK);
}

coroscope::task<int> open_non_blocking(const char *path, char *buffer) {
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  read(fd, buffer, 16);
  co_return fd;
}

// Awaits readiness of some other descriptor: this one may still block.
coroscope::task<long> wrong_descriptor(event_loop &loop, int listening,
                                       int client, char *buffer) {
  co_await loop.readable(listening);
  int accepted = accept(listening, nullptr, nullptr);
  long n = read(client, buffer, 64);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: blocking call to 'read' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  co_return n + accepted;
}

// Mistake 2 of the lesson with a raw descriptor: no readiness wait, no
// EAGAIN, a plain blocking read.
coroscope::task<long> blocking_read(int fd, char *buffer) {
  co_return ::read(fd, buffer, 4096);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'read' in a coroutine
}

// Coroutine lambdas are judged with the function that defines them: the
// descriptors are set up there, and its other lambdas wait for them (the
// shape of an event-loop test or server; regression for the runtime's own
// tests).
struct pipe_ends {
  int reader() const;
  int writer() const;
};
void spawn(coroscope::task<> t);

void readiness_in_a_sibling(event_loop &loop, pipe_ends &pipe, char *buffer) {
  auto reader = [&]() -> coroscope::task<> {
    co_await loop.readable(pipe.reader());
    ::read(pipe.reader(), buffer, 4);
  };
  auto writer = [&]() -> coroscope::task<> {
    ::write(pipe.writer(), "ping", 4);
    co_return;
  };
  spawn(reader());
  spawn(writer());
}

void non_blocking_set_up_outside(char *buffer) {
  int ends[2];
  ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, ends);
  auto writer = [&]() -> coroscope::task<> {
    ::write(ends[1], "x", 1);
    co_return;
  };
  spawn(writer());
}

void no_evidence_anywhere(int fd, char *buffer) {
  auto reader = [&]() -> coroscope::task<> {
    ::read(fd, buffer, 4);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'read' in a coroutine
    co_return;
  };
  spawn(reader());
}
