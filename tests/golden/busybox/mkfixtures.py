# mkfixtures.py FIXTURES ROOT: creates the files of fixtures.txt under ROOT
# (modes, owners, symlinks, mtime 1700000000). Used by regen.sh and
# regen-overlay.sh; tests/core/test_shell_busybox.cpp reads the same file.
import os, sys
fixtures, root = sys.argv[1], sys.argv[2]
def unesc(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            out.append({'n': '\n', 't': '\t', '\\': '\\'}.get(s[i + 1], s[i + 1])); i += 2
        else:
            out.append(s[i]); i += 1
    return ''.join(out)
for line in open(fixtures, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'):
        continue
    parts = line.split(None, 4)
    kind, path, mode, owner = parts[:4]
    rest = line.split(None, 4)[4] if len(parts) > 4 else ''
    if kind == 'file':
        # content: everything after the 4th field's following run of spaces
        idx = line.index(owner) + len(owner)
        rest = line[idx:]
        rest = rest[1:] if rest.startswith(' ') else rest
    p = root + path
    uid, gid = (int(x) for x in owner.split(':'))
    if kind == 'dir':
        os.makedirs(p, exist_ok=True)
    elif kind == 'file':
        with open(p, 'w', encoding='utf-8', newline='') as f:
            f.write(unesc(rest))
    elif kind == 'link':
        os.symlink(rest, p)
    if kind != 'link':
        os.chmod(p, int(mode, 8))
    os.lchown(p, uid, gid)
for dp, dn, fn in os.walk(root + '/w'):
    for n in dn + fn:
        os.utime(os.path.join(dp, n), (1700000000, 1700000000), follow_symlinks=False)
os.utime(root + '/w', (1700000000, 1700000000))
