#!/usr/bin/env python3
"""changes_dirs.py NEW_ROOT OLD_ROOT: `docker diff` as current Docker computes it.

moby's overlay2 driver answers Changes with the generic naiveDiff, that is
archive.ChangesDirs(container's mounted root, parent's mounted root)
(moby daemon/graphdriver/overlay2/overlay.go, daemon/graphdriver/fsdiff.go,
pkg/archive/changes.go and changes_unix.go). This applies the same rules to
two real directory trees, e.g. the merged directory of a container's
overlay mount and a read-only overlay mount of its lower layers:

  - both trees are walked with lstat (symlinks are never followed);
  - a name only in NEW is A (and all below it), only in OLD is D (nothing
    below it is listed);
  - a name in both is C when st_mode (type and all permission bits), uid,
    gid, rdev or the security.capability xattr differ, and for a
    non-directory also when the mtime (seconds equal and one side without
    nanoseconds counts as equal) or the size differ; a directory's size
    and mtime are never compared;
  - every directory holding a change is C unless already listed; "/" never.

Prints "== diff" and the lines "K /path" sorted by path (Docker prints them
in Go map order; sorting makes them comparable).
"""
import os
import stat
import sys


def capability(path):
    try:
        return os.getxattr(path, "security.capability", follow_symlinks=False)
    except OSError:
        return None


def same_fs_time(a, b):
    # moby sameFsTime: equal, or the same second and one side has no nanoseconds
    return a == b or (a // 10**9 == b // 10**9 and (a % 10**9 == 0 or b % 10**9 == 0))


def stat_different(o, n, opath, npath):
    if o.st_mode != n.st_mode or o.st_uid != n.st_uid or o.st_gid != n.st_gid or o.st_rdev != n.st_rdev:
        return True
    if not stat.S_ISDIR(o.st_mode) and (not same_fs_time(o.st_mtime_ns, n.st_mtime_ns) or o.st_size != n.st_size):
        return True
    return capability(opath) != capability(npath)


def changes_dirs(new, old):
    listed = {}
    stack = [("", True)]
    while stack:
        rel, has_old = stack.pop()
        old_names = set()
        if has_old and stat.S_ISDIR(os.lstat(old + rel if rel else old).st_mode):
            old_names = set(os.listdir(old + rel if rel else old))
        for name in os.listdir(new + rel if rel else new):
            p = rel + "/" + name
            ns = os.lstat(new + p)
            child_old = name in old_names
            if child_old:
                old_names.discard(name)
                if stat_different(os.lstat(old + p), ns, old + p, new + p):
                    listed[p] = "C"
            else:
                listed[p] = "A"
            if stat.S_ISDIR(ns.st_mode):
                stack.append((p, child_old))
        for name in old_names:
            listed[rel + "/" + name] = "D"
    for p in list(listed):
        a = os.path.dirname(p)
        while a != "/" and a not in listed:
            listed[a] = "C"
            a = os.path.dirname(a)
    return sorted(listed.items())


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: changes_dirs.py NEW_ROOT OLD_ROOT")
    new, old = (os.path.abspath(x).rstrip("/") for x in sys.argv[1:])
    print("== diff")
    for p, k in changes_dirs(new, old):
        print(k, p)


if __name__ == "__main__":
    main()
