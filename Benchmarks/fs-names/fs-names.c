/*
 * The file system's CPU for each kind of name a create of the file store makes (issue 18,
 * docs/performance.md, "Where issue 18 stands"): a hard link (an index entry), a new empty file
 * (a log's or state cache's temporary file), a symlink and a directory for comparison, a lookup
 * that finds nothing and one that finds a name, and an open-append-close of an existing file
 * (what an appended record costs). Each is done COUNT times (default 3000) in a fresh directory
 * under DIR (give one on the store's file system), timed by the process's user+system CPU, and
 * the directory is removed after.
 *
 * usage: cc -O2 -o /tmp/fs-names Benchmarks/fs-names/fs-names.c && /tmp/fs-names DIR [COUNT]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static double cpu(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return r.ru_utime.tv_sec + r.ru_stime.tv_sec + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

static char dir[4096];

static void name(char *out, size_t size, const char *prefix, int i) {
  snprintf(out, size, "%s/%s-%06d", dir, prefix, i);
}

static void report(const char *what, double start, int count) {
  printf("%-22s %7.2f us of CPU each\n", what, (cpu() - start) / count * 1e6);
}

static void clean(const char *prefix, int count, int directories) {
  char path[4200];
  for (int i = 0; i < count; i++) {
    name(path, sizeof path, prefix, i);
    if (directories) rmdir(path); else unlink(path);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: fs-names DIR [COUNT]\n"); return 2; }
  int count = argc > 2 ? atoi(argv[2]) : 3000;
  if (count < 1 || count > 100000) { fprintf(stderr, "COUNT is 1 to 100000\n"); return 2; }
  snprintf(dir, sizeof dir, "%s/fs-names.%d", argv[1], (int)getpid());
  if (mkdir(dir, 0755) != 0) { perror(dir); return 2; }
  char path[4200], source[4200];
  snprintf(source, sizeof source, "%s/source", dir);
  int fd = open(source, O_CREAT | O_WRONLY, 0644);
  if (fd < 0) { perror(source); return 2; }
  close(fd);
  struct stat st;
  double start;
  start = cpu();
  for (int i = 0; i < count; i++) { name(path, sizeof path, "link", i); link(source, path); }
  report("link (an entry)", start, count);
  start = cpu();
  for (int i = 0; i < count; i++) {
    name(path, sizeof path, "file", i);
    close(open(path, O_CREAT | O_EXCL | O_WRONLY, 0644));
  }
  report("new empty file", start, count);
  start = cpu();
  for (int i = 0; i < count; i++) { name(path, sizeof path, "symlink", i); symlink("x", path); }
  report("symlink", start, count);
  start = cpu();
  for (int i = 0; i < count; i++) { name(path, sizeof path, "dir", i); mkdir(path, 0755); }
  report("mkdir", start, count);
  start = cpu();
  for (int i = 0; i < count; i++) { name(path, sizeof path, "absent", i); stat(path, &st); }
  report("stat, nothing there", start, count);
  start = cpu();
  for (int i = 0; i < count; i++) { name(path, sizeof path, "link", i); stat(path, &st); }
  report("stat, a name", start, count);
  start = cpu();
  for (int i = 0; i < count; i++) {
    name(path, sizeof path, "file", i);
    int appended = open(path, O_WRONLY | O_APPEND);
    if (appended >= 0) {
      ssize_t written = write(appended, "0123456789012345678901234567890123456789\n", 41);
      (void)written;
      close(appended);
    }
  }
  report("open+append+close", start, count);
  clean("link", count, 0);
  clean("file", count, 0);
  clean("symlink", count, 0);
  clean("dir", count, 1);
  unlink(source);
  rmdir(dir);
  return 0;
}
