#!/usr/bin/env python3
# Writes the archives of this case (run it here; the tars are committed).
# Deterministic: fixed mtimes, owners and modes, PAX format.
import io
import tarfile

MTIME = 1700000000


def add_file(t, name, data, mode=0o644, uid=0, gid=0):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mode, ti.uid, ti.gid, ti.mtime = len(data), mode, uid, gid, MTIME
    t.addfile(ti, io.BytesIO(data))


def add_dir(t, name, mode=0o755):
    ti = tarfile.TarInfo(name)
    ti.type, ti.mode, ti.mtime = tarfile.DIRTYPE, mode, MTIME
    t.addfile(ti)


def add_symlink(t, name, target):
    ti = tarfile.TarInfo(name)
    ti.type, ti.linkname, ti.mode, ti.mtime = tarfile.SYMTYPE, target, 0o777, MTIME
    t.addfile(ti)


def archive(path, fill):
    with tarfile.open(path, 'w', format=tarfile.PAX_FORMAT) as t:
        fill(t)


# No entries for the parent directories (what `tar -cf x.tar a/b/c.txt` makes).
archive('no-parents.tar', lambda t: (
    add_file(t, 'a/b/c.txt', b'deep\n', 0o600, 1000, 1000),
    add_file(t, 'top.txt', b'top\n'),
    add_file(t, 'x/y/z/w.txt', b'w\n', 0o644, 5, 6)))
# A symlink to a directory of the archive, then a file written through it.
archive('inner-link.tar', lambda t: (
    add_dir(t, 'real', 0o750),
    add_symlink(t, 'alias', 'real'),
    add_file(t, 'alias/f.txt', b'f\n')))
# A symlink that climbs above the destination, then a file written through it:
# it lands in the destination itself, never above it.
archive('climbing-link.tar', lambda t: (
    add_symlink(t, 'up', '../../..'),
    add_file(t, 'up/evil.txt', b'evil\n')))
# An absolute symlink to a directory the archive also holds.
archive('absolute-link.tar', lambda t: (
    add_dir(t, 'etc'),
    add_symlink(t, 'etcl', '/etc'),
    add_file(t, 'etcl/inside.txt', b'inside\n')))
# Names that climb: "../x", "/x" and "d/../../x" all land in the destination.
archive('climbing-names.tar', lambda t: (
    add_file(t, '../up.txt', b'up\n'),
    add_file(t, '/abs/y.txt', b'y\n'),
    add_file(t, 'd/../../../z.txt', b'z\n')))
# The same name twice: the later entry wins.
archive('twice.tar', lambda t: (
    add_file(t, 'f', b'first\n'),
    add_file(t, 'f', b'second\n')))
