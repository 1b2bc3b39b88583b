// cmd_tar.cpp: busybox tar (c x t, z, -C -f -O -v -h -o -m -k
// --strip-components --exclude) and gzip, gunzip, zcat.
//
// Archives are built as blobs: each header is a small literal, each file's
// contents is the file's own blob, so `tar cf big.tar /data` with a 1 GiB
// synthetic file costs a few pieces, not a gigabyte. Extraction slices the
// archive blob the same way. Only gzip compression needs real bytes; it is
// limited to k_text_limit (64 MiB) of input.
//
// The format is busybox's: old-GNU magic "ustar  \0", 7-digit octal modes,
// "././@LongLink" entries for names over 100 bytes, two zero blocks at the
// end and no further padding. gzip headers carry mtime 0 and OS 3, as
// busybox gzip writes them.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   gzip: gzip_bytes, gunzip_bytes, is_gzip
//   tar writing: put_octal, tar_header, TarWriter::TarWriter, TarWriter::flush,
//                TarWriter::add_blob, TarWriter::excluded, TarWriter::add, TarWriter::finish
//   tar reading: octal_field, cstr, tar_entries
//   tar: tar_args, tar_create, tar_input, tar_list_line, tar_stripped_name, tar_extract_one,
//        tar_read, p_tar
//   gzip gunzip zcat: p_gzip, tar_programs
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

const char* k_banner = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\n";

// ---------------------------------------------------------------- gzip

bool gzip_bytes(std::string_view in, std::string& out, int level = 6) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
    gz_header h{};
    h.os = 3;
    deflateSetHeader(&zs, &h);
    out.clear();
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = uInt(in.size());
    char buf[65536];
    int r;
    do {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        r = deflate(&zs, Z_FINISH);
        out.append(buf, sizeof buf - zs.avail_out);
    } while (r == Z_OK);
    deflateEnd(&zs);
    return r == Z_STREAM_END;
}

// Decompresses one or more gzip members. `err` says why on failure.
bool gunzip_bytes(std::string_view in, std::string& out, std::string& err, uint64_t limit) {
    out.clear();
    size_t pos = 0;
    bool any = false;
    while (pos < in.size()) {
        if (in.size() - pos < 2 || static_cast<unsigned char>(in[pos]) != 0x1f ||
            static_cast<unsigned char>(in[pos + 1]) != 0x8b) {
            if (any) break;  // trailing garbage after a member: ignored, as gzip warns
            err = "invalid magic";
            return false;
        }
        z_stream zs{};
        if (inflateInit2(&zs, 15 + 16) != Z_OK) {
            err = "out of memory";
            return false;
        }
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
        zs.avail_in = uInt(in.size() - pos);
        char buf[65536];
        int r;
        do {
            zs.next_out = reinterpret_cast<Bytef*>(buf);
            zs.avail_out = sizeof buf;
            r = inflate(&zs, Z_NO_FLUSH);
            if (r != Z_OK && r != Z_STREAM_END) break;
            out.append(buf, sizeof buf - zs.avail_out);
            if (out.size() > limit) {
                inflateEnd(&zs);
                err = "decompressed data is larger than " + format_bytes(limit) + " (layerlab's limit)";
                return false;
            }
        } while (r == Z_OK && zs.avail_in > 0 + 0 && true);
        if (r == Z_OK && zs.avail_in == 0) {
            inflateEnd(&zs);
            err = "unexpected end of file";
            return false;
        }
        if (r != Z_STREAM_END) {
            inflateEnd(&zs);
            err = r == Z_DATA_ERROR ? "corrupted data" : "unexpected end of file";
            return false;
        }
        pos += zs.total_in;
        inflateEnd(&zs);
        any = true;
    }
    return true;
}

bool is_gzip(const BlobStore& blobs, BlobId b) {
    char m[2];
    return blobs.read(b, 0, 2, m) == 2 && static_cast<unsigned char>(m[0]) == 0x1f &&
           static_cast<unsigned char>(m[1]) == 0x8b;
}

// ---------------------------------------------------------------- tar writing

void put_octal(char* f, size_t len, uint64_t v) {
    // len-1 digits and a NUL (busybox: "%0*lo")
    std::string s(len - 1, '0');
    for (size_t i = len - 1; i-- > 0 && v;) {
        s[i] = char('0' + (v & 7));
        v >>= 3;
    }
    std::memcpy(f, s.data(), len - 1);
    f[len - 1] = '\0';
}

std::string tar_header(const std::string& name, char type, uint32_t mode, uint32_t uid, uint32_t gid, uint64_t size,
                       int64_t mtime, const std::string& link, const std::string& uname, const std::string& gname) {
    std::string out;
    auto block = [&](const std::string& nm, char ty, uint64_t sz, const std::string& lk) {
        char h[512];
        std::memset(h, 0, sizeof h);
        std::memcpy(h, nm.data(), std::min<size_t>(100, nm.size()));
        put_octal(h + 100, 8, mode & 07777);
        put_octal(h + 108, 8, uid);
        put_octal(h + 116, 8, gid);
        put_octal(h + 124, 12, sz);
        put_octal(h + 136, 12, uint64_t(std::max<int64_t>(0, mtime)));
        h[156] = ty;
        std::memcpy(h + 157, lk.data(), std::min<size_t>(100, lk.size()));
        std::memcpy(h + 257, "ustar  ", 8);
        std::memcpy(h + 265, uname.data(), std::min<size_t>(31, uname.size()));
        std::memcpy(h + 297, gname.data(), std::min<size_t>(31, gname.size()));
        std::memset(h + 148, ' ', 8);
        unsigned sum = 0;
        for (char ch : h) sum += static_cast<unsigned char>(ch);
        char ck[8];
        std::snprintf(ck, sizeof ck, "%06o", sum & 0777777);
        std::memcpy(h + 148, ck, 6);
        h[154] = '\0';
        h[155] = ' ';
        out.append(h, 512);
    };
    auto long_entry = [&](char ty, const std::string& value) {
        block("././@LongLink", ty, value.size() + 1, "");
        std::string data = value;
        data += '\0';
        data.resize((data.size() + 511) / 512 * 512, '\0');
        out += data;
    };
    if (link.size() > 100) long_entry('K', link);
    if (name.size() > 100) long_entry('L', name);
    block(name, type, size, link);
    return out;
}

struct TarWriter {
    TarWriter(Ctx& c, BlobStore& b) : ctx(c), blobs(b) {}
    Ctx& ctx;
    BlobStore& blobs;
    BlobId acc = k_empty_blob;
    std::string pending;
    bool verbose = false;
    bool deref = false;
    std::vector<std::string> excludes;
    std::map<uint64_t, std::string> links;  // inode -> the first name archived
    int status = 0;

    void flush() {
        if (pending.empty()) return;
        BlobId b = blobs.bytes(std::move(pending));
        pending.clear();
        acc = acc == k_empty_blob ? b : blobs.concat(acc, b);
    }
    void add_blob(BlobId b) {
        flush();
        acc = acc == k_empty_blob ? b : blobs.concat(acc, b);
    }
    bool excluded(const std::string& name) const {
        std::string base = basename_of(name);
        for (const std::string& e : excludes)
            if (glob_match(e, name) || glob_match(e, base)) return true;
        return false;
    }
    void add(const std::string& name, const std::string& abs, int depth, bool recursive) {
        if (!ctx.sh.charge() || depth > 200) return;
        if (excluded(name)) return;
        // lstat("") is ENOENT in Linux, whatever the directory (tar "" fails so);
        // an empty name must not reach name.back() below
        Result<Stat> st = name.empty() ? Result<Stat>(make_error(Errc::enoent, "empty name"))
                                       : deref ? ctx.c.stat(abs) : ctx.c.lstat(abs);
        if (!st) {
            ctx.errmsg(name + ": " + errno_text(st.error().code));
            status = 1;
            return;
        }
        std::string uname = ctx.sh.user_name(st->uid), gname = ctx.sh.group_name(st->gid);
        std::string shown = name;
        if (verbose) ctx.err("");  // (busybox prints names to stdout with -v)
        switch (st->type) {
        case EntryType::dir: {
            std::string n = name.back() == '/' ? name : name + "/";
            pending += tar_header(n, '5', st->mode, st->uid, st->gid, 0, st->mtime, "", uname, gname);
            if (verbose) ctx.out(n + "\n");
            if (!recursive) return;
            Result<std::vector<DirEntry>> kids = ctx.c.list(abs);
            if (!kids) {
                ctx.errmsg(name + ": " + errno_text(kids.error().code));
                status = 1;
                return;
            }
            for (const DirEntry& k : *kids)
                add(n + k.name, abs == "/" ? "/" + k.name : abs + "/" + k.name, depth + 1, true);
            return;
        }
        case EntryType::symlink:
            pending += tar_header(name, '2', st->mode, st->uid, st->gid, 0, st->mtime, st->target, uname, gname);
            break;
        case EntryType::file: {
            if (st->nlink > 1 && st->inode_key != 0) {
                // busybox tar -c: a second name of an inode is a hard link entry
                auto [it, first] = links.emplace(st->inode_key, name);
                if (!first) {
                    pending +=
                        tar_header(name, '1', st->mode, st->uid, st->gid, 0, st->mtime, it->second, uname, gname);
                    break;
                }
            }
            Result<BlobId> data = ctx.c.read(abs);
            if (!data) {
                ctx.errmsg(name + ": " + errno_text(data.error().code));
                status = 1;
                return;
            }
            uint64_t n = blobs.size(*data);
            pending += tar_header(name, '0', st->mode, st->uid, st->gid, n, st->mtime, "", uname, gname);
            add_blob(*data);
            uint64_t pad = (512 - n % 512) % 512;
            pending.append(size_t(pad), '\0');
            ctx.sh.charge(n >> 20);
            break;
        }
        case EntryType::chardev:
        case EntryType::blockdev:
        case EntryType::fifo: {
            char t = st->type == EntryType::chardev ? '3' : st->type == EntryType::blockdev ? '4' : '6';
            std::string h = tar_header(name, t, st->mode, st->uid, st->gid, 0, st->mtime, "", uname, gname);
            put_octal(h.data() + h.size() - 512 + 329, 8, st->dev_major);
            put_octal(h.data() + h.size() - 512 + 337, 8, st->dev_minor);
            // checksum again
            char* hb = h.data() + h.size() - 512;
            std::memset(hb + 148, ' ', 8);
            unsigned sum = 0;
            for (int i = 0; i < 512; ++i) sum += static_cast<unsigned char>(hb[i]);
            char ck[8];
            std::snprintf(ck, sizeof ck, "%06o", sum & 0777777);
            std::memcpy(hb + 148, ck, 6);
            hb[154] = '\0';
            hb[155] = ' ';
            pending += h;
            break;
        }
        default: break;
        }
        if (verbose) ctx.out(shown + "\n");
    }
    BlobId finish() {
        pending.append(1024, '\0');
        flush();
        return acc;
    }
};

// ---------------------------------------------------------------- tar reading

struct TarEntry {
    std::string name, link, uname, gname;
    char type = '0';
    uint32_t mode = 0, uid = 0, gid = 0, major = 0, minor = 0;
    uint64_t size = 0, offset = 0;  // data offset in the archive
    int64_t mtime = 0;
};

uint64_t octal_field(const char* f, size_t len) {
    // base-256 (GNU) for big values
    if (static_cast<unsigned char>(f[0]) & 0x80) {
        uint64_t v = static_cast<unsigned char>(f[0]) & 0x7f;
        for (size_t i = 1; i < len; ++i) v = (v << 8) | static_cast<unsigned char>(f[i]);
        return v;
    }
    uint64_t v = 0;
    size_t i = 0;
    while (i < len && (f[i] == ' ' || f[i] == '\0')) ++i;
    for (; i < len && f[i] >= '0' && f[i] <= '7'; ++i) v = (v << 3) | uint64_t(f[i] - '0');
    return v;
}

std::string cstr(const char* f, size_t len) {
    size_t n = 0;
    while (n < len && f[n]) ++n;
    return std::string(f, n);
}

// Parses the archive's entries; false with `err` on a damaged archive.
bool tar_entries(const BlobStore& blobs, BlobId ar, std::vector<TarEntry>& out, std::string& err) {
    uint64_t n = blobs.size(ar), pos = 0;
    std::string long_name, long_link;
    std::map<std::string, std::string> pax;
    int zero_blocks = 0;
    while (pos + 512 <= n) {
        char h[512];
        blobs.read(ar, pos, 512, h);
        bool zero = std::all_of(h, h + 512, [](char c) { return c == 0; });
        if (zero) {
            if (++zero_blocks == 2) return true;
            pos += 512;
            continue;
        }
        zero_blocks = 0;
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
        if (sum != octal_field(h + 148, 8)) {
            err = out.empty() && long_name.empty() ? "invalid tar magic" : "invalid tar header checksum";
            return false;
        }
        TarEntry e;
        e.type = h[156] ? h[156] : '0';
        e.size = octal_field(h + 124, 12);
        e.mode = uint32_t(octal_field(h + 100, 8) & 07777);
        e.uid = uint32_t(octal_field(h + 108, 8));
        e.gid = uint32_t(octal_field(h + 116, 8));
        e.mtime = int64_t(octal_field(h + 136, 12));
        e.link = cstr(h + 157, 100);
        e.uname = cstr(h + 265, 32);
        e.gname = cstr(h + 297, 32);
        e.major = uint32_t(octal_field(h + 329, 8));
        e.minor = uint32_t(octal_field(h + 337, 8));
        std::string prefix = std::memcmp(h + 257, "ustar\0", 6) == 0 ? cstr(h + 345, 155) : "";
        e.name = cstr(h, 100);
        if (!prefix.empty()) e.name = prefix + "/" + e.name;
        pos += 512;
        e.offset = pos;
        if (e.size > n - std::min(n, pos)) {
            err = "short read";
            return false;
        }
        uint64_t padded = (e.size + 511) / 512 * 512;
        if (e.type == 'L' || e.type == 'K' || e.type == 'x' || e.type == 'g') {
            std::string data;
            data.resize(size_t(std::min<uint64_t>(e.size, 1 << 20)));
            blobs.read(ar, pos, data.size(), data.data());
            if (e.type == 'L') long_name = cstr(data.data(), data.size());
            if (e.type == 'K') long_link = cstr(data.data(), data.size());
            if (e.type == 'x') {
                size_t i = 0;
                while (i < data.size()) {
                    size_t sp = data.find(' ', i);
                    if (sp == std::string::npos) break;
                    size_t len = size_t(parse_int(data.substr(i, sp - i)).value_or(0));
                    if (len == 0 || i + len > data.size()) break;
                    std::string rec = data.substr(sp + 1, i + len - sp - 2);
                    size_t eq = rec.find('=');
                    if (eq != std::string::npos) pax[rec.substr(0, eq)] = rec.substr(eq + 1);
                    i += len;
                }
            }
            pos += padded;
            continue;
        }
        if (!long_name.empty()) e.name = long_name;
        if (!long_link.empty()) e.link = long_link;
        if (pax.count("path")) e.name = pax["path"];
        if (pax.count("linkpath")) e.link = pax["linkpath"];
        if (pax.count("size")) e.size = uint64_t(parse_int(pax["size"]).value_or(int64_t(e.size)));
        long_name.clear();
        long_link.clear();
        pax.clear();
        out.push_back(e);
        pos += padded;
        if (out.size() > 1000000) {
            err = "too many entries";
            return false;
        }
    }
    if (out.empty() && n > 0) {
        err = "short read";
        return false;
    }
    return true;
}

// ---------------------------------------------------------------- tar

// tar's command line (busybox accepts "tar xzf FILE": a first argument without '-').
struct TarArgs {
    char mode = 0;  // 'c', 'x' or 't'
    bool gz = false, verbose = false, to_stdout = false, no_owner = false, no_mtime = false, keep = false,
         deref = false, no_recursion = false;
    char other = 0;  // 'j' bzip2, 'J' xz, 'Z' compress: only a layerlab archive placeholder reads with these
    std::string file, dir;
    int strip = 0;
    std::vector<std::string> names, excludes;
};

void other_compression_error(Ctx& ctx, char ch) {
    ctx.errmsg(std::string("layerlab: only gzip compression is simulated (-") + ch + " is " +
               (ch == 'j' ? "bzip2" : ch == 'J' ? "xz" : "compress") + ")");
}

constexpr const char* k_tar_usage = "Usage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n";

// false: a bad option (busybox's message printed).
bool tar_args(Ctx& ctx, TarArgs& o) {
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    if (!args.empty() && !args[0].empty() && args[0][0] != '-') args[0] = "-" + args[0];
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto val = [&](std::string& out) -> bool {
            if (i + 1 >= args.size()) {
                ctx.err(ctx.name() + ": option requires an argument\n");
                return false;
            }
            out = args[++i];
            return true;
        };
        if (a.rfind("--", 0) == 0) {
            std::string k = a, v;
            size_t eq = a.find('=');
            if (eq != std::string::npos) {
                k = a.substr(0, eq);
                v = a.substr(eq + 1);
            }
            auto lv = [&]() -> bool {
                if (eq != std::string::npos) return true;
                return val(v);
            };
            if (k == "--strip-components") {
                if (!lv()) return false;
                o.strip = int(std::clamp<int64_t>(parse_int(v).value_or(0), 0, 1000));
            } else if (k == "--exclude") {
                if (!lv()) return false;
                o.excludes.push_back(v);
            } else if (k == "--directory") {
                if (!lv()) return false;
                o.dir = v;
            } else if (k == "--file") {
                if (!lv()) return false;
                o.file = v;
            } else if (k == "--gzip" || k == "--gunzip") {
                o.gz = true;
            } else if (k == "--xz" || k == "--bzip2" || k == "--lzma" || k == "--zstd") {
                o.other = k == "--bzip2" ? 'j' : 'J';
            } else if (k == "--no-same-owner" || k == "--numeric-owner") {
                o.no_owner = k == "--no-same-owner";
            } else if (k == "--no-recursion") {
                o.no_recursion = true;
            } else if (k == "--overwrite" || k == "--no-same-permissions" || k == "--same-permissions" ||
                       k == "--preserve-permissions") {
            } else if (k == "--extract" || k == "--get") {
                o.mode = 'x';
            } else if (k == "--create") {
                o.mode = 'c';
            } else if (k == "--list") {
                o.mode = 't';
            } else if (k == "--verbose") {
                o.verbose = true;
            } else if (k == "--to-stdout") {
                o.to_stdout = true;
            } else {
                ctx.err(ctx.name() + ": unrecognized option '" + a + "'\n");
                ctx.err(std::string(k_banner) + "Usage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n");
                return false;
            }
            continue;
        }
        if (a.size() > 1 && a[0] == '-') {
            for (size_t k = 1; k < a.size(); ++k) {
                char ch = a[k];
                switch (ch) {
                case 'c':
                case 'x':
                case 't': o.mode = ch; break;
                case 'z': o.gz = true; break;
                case 'v': o.verbose = true; break;
                case 'O': o.to_stdout = true; break;
                case 'o': o.no_owner = true; break;
                case 'm': o.no_mtime = true; break;
                case 'k': o.keep = true; break;
                case 'h': o.deref = true; break;
                case 'p':
                case 'a': break;
                case 'j':
                case 'J':
                case 'Z': o.other = ch; break;
                case 'f':
                case 'C':
                case 'X': {
                    std::string v = a.substr(k + 1);
                    if (v.empty() && !val(v)) return false;
                    if (ch == 'f') o.file = v;
                    if (ch == 'C') o.dir = v;
                    k = a.size();
                    break;
                }
                default:
                    ctx.err(ctx.name() + ": invalid option -- '" + std::string(1, ch) + "'\n");
                    ctx.err(std::string(k_banner) +
                            "Usage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n");
                    return false;
                }
            }
            continue;
        }
        o.names.push_back(a);
    }
    return true;
}

// tar c: the archive of the named files, to FILE or stdout.
int tar_create(Ctx& ctx, const TarArgs& o, const std::string& base) {
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    if (o.other) {
        other_compression_error(ctx, o.other);
        return 1;
    }
    if (o.names.empty()) {
        ctx.errmsg("empty archive");
        return 1;
    }
    TarWriter w(ctx, blobs);
    w.verbose = o.verbose;
    w.deref = o.deref;
    w.excludes = o.excludes;
    // tar writes nothing about the archive itself when it is in the tree
    for (const std::string& n : o.names) {
        std::string shown = n;
        // busybox strips a leading '/' ("Removing leading '/' from member names")
        while (shown.size() > 1 && shown[0] == '/') shown.erase(0, 1);
        std::string abs = n.empty() || n[0] == '/' ? n : (base == "/" ? "/" : base + "/") + n;
        w.add(shown, normalize_path(abs), 0, !o.no_recursion);
        if (ctx.stopped()) return 1;
    }
    BlobId ar = w.finish();
    if (o.gz) {
        uint64_t size = blobs.size(ar);
        if (size > k_text_limit) {
            ctx.errmsg("layerlab: archive too large to gzip (" + format_bytes(size) + ", limit " +
                       format_bytes(k_text_limit) + ")");
            return 1;
        }
        if (!ctx.charge_bytes(size)) return 1;
        std::string z;
        gzip_bytes(blobs.read_all(ar), z);
        ar = blobs.bytes(std::move(z));
    }
    if (o.file.empty() || o.file == "-") {
        ctx.fds.out[1]->write_blob(ar);
    } else {
        if (blobs.is_literal(ar) && !ctx.sh.charge_data(blobs.size(ar))) return 1;
        Status s = c.write(ctx.path(o.file), ar, WriteMode::truncate, 0666);
        if (!s) {
            ctx.errmsg("can't open '" + o.file + "': " + errno_text(s.error().code));
            return 1;
        }
    }
    if (w.status) ctx.errmsg("error exit delayed from previous errors");
    return w.status;
}

// tar x and t: the archive from FILE or stdin, gunzipped when it is gzip;
// nullopt when it cannot be read (the message printed).
std::optional<BlobId> tar_input(Ctx& ctx, const TarArgs& o) {
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    BlobId ar;
    if (o.file.empty() || o.file == "-") {
        std::optional<BlobId> b = ctx.stdin_blob();
        if (!b) return std::nullopt;
        ar = *b;
    } else {
        Result<BlobId> b = c.read(ctx.path(o.file));
        if (!b) {
            ctx.errmsg("can't open '" + o.file + "': " + errno_text(b.error().code));
            return std::nullopt;
        }
        ar = *b;
    }
    if (o.other) {
        // xz/bzip2 are not simulated; a placeholder for a downloaded .tar.xz is a gzip'd tar
        if (!is_gzip(blobs, ar) || !standin::is_placeholder(blobs, ar)) {
            other_compression_error(ctx, o.other);
            return std::nullopt;
        }
        ctx.sh.note(std::string("stand-in: tar -") + o.other +
                    " unpacked a layerlab archive placeholder (a gzip'd tar standing for a download)");
    }
    if (o.gz || is_gzip(blobs, ar)) {
        uint64_t size = blobs.size(ar);
        if (size > k_text_limit) {
            ctx.errmsg("layerlab: compressed archive too large (" + format_bytes(size) + ")");
            return std::nullopt;
        }
        if (!ctx.charge_bytes(size * 4)) return std::nullopt;
        std::string raw, err;
        if (!gunzip_bytes(blobs.read_all(ar), raw, err, k_text_limit)) {
            ctx.errmsg(err);
            return std::nullopt;
        }
        ar = blobs.bytes(std::move(raw));
    }
    return ar;
}

// tar tv: one line as busybox lists an entry.
std::string tar_list_line(const TarEntry& e) {
    EntryType t = e.type == '5'   ? EntryType::dir
                  : e.type == '2' ? EntryType::symlink
                  : e.type == '3' ? EntryType::chardev
                  : e.type == '4' ? EntryType::blockdev
                  : e.type == '6' ? EntryType::fifo
                                  : EntryType::file;
    std::string owner =
        (e.uname.empty() ? std::to_string(e.uid) : e.uname) + "/" + (e.gname.empty() ? std::to_string(e.gid) : e.gname);
    std::string line = mode_string(t, e.mode) + " " + owner + " ";
    std::string s = std::to_string(e.type == '0' || e.type == '7' ? e.size : 0);
    size_t width = 9;
    if (s.size() < width) s.insert(0, width - s.size(), ' ');
    line += s + " " + format_time(e.mtime, "%Y-%m-%d %H:%M:%S") + " " + e.name;
    if (e.type == '2') line += " -> " + e.link;
    if (e.type == '1') line += " link to " + e.link;
    return line;
}

// The member's name with --strip-components applied and leading '/' gone;
// "" when nothing is left.
std::string tar_stripped_name(const std::string& full, int strip) {
    std::string name = full;
    int s = strip;
    while (s > 0 && !name.empty()) {
        size_t slash = name.find('/');
        if (slash == std::string::npos) {
            name.clear();
            break;
        }
        name = name.substr(slash + 1);
        --s;
    }
    while (!name.empty() && name[0] == '/') name.erase(0, 1);
    return name;
}

// Creates one member at `target` (as its owner when root and not -o).
// Returns false when the data budget stops the run; sets status on an error.
bool tar_extract_one(Ctx& ctx, const TarArgs& o, const std::string& base, BlobId ar, const TarEntry& e,
                     const std::string& name, const std::string& target, int& status) {
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    Entry proto;
    proto.mode = e.mode;
    bool root = c.cred().uid == 0;
    uint32_t uid = c.cred().uid, gid = c.cred().gid;
    if (root && !o.no_owner) {
        uid = e.uid;
        gid = e.gid;
        if (!e.uname.empty())
            if (std::optional<uint32_t> u = ctx.sh.uid_of(e.uname)) uid = *u;
        if (!e.gname.empty())
            if (std::optional<uint32_t> g = ctx.sh.gid_of(e.gname)) gid = *g;
    }
    proto.uid = uid;
    proto.gid = gid;
    proto.mtime = o.no_mtime ? c.now() : e.mtime;
    if (!root) proto.mode &= ~c.umask();
    if (o.keep && c.exists(target)) return true;
    Status st;
    switch (e.type) {
    case '5':
        proto.type = EntryType::dir;
        st = c.install(target, proto);
        break;
    case '2':
        proto.type = EntryType::symlink;
        proto.mode = 0777;
        proto.target = e.link;
        st = c.install(target, proto);
        break;
    case '1': {
        std::string src = normalize_path((base == "/" ? "" : base) + "/" + e.link);
        Result<Stat> ex = c.lstat(target);
        if (ex && ex->type != EntryType::dir) (void)c.unlink(target);
        st = c.link(src, target);
        break;
    }
    case '3':
    case '4':
    case '6': {
        if (!root && e.type != '6') {
            ctx.errmsg("can't create node " + name + ": " + errno_text(Errc::eperm));
            status = 1;
            return true;
        }
        Result<Stat> ex = c.lstat(target);
        if (ex && ex->type != EntryType::dir) (void)c.unlink(target);
        st = c.mknod(target,
                     e.type == '3'   ? EntryType::chardev
                     : e.type == '4' ? EntryType::blockdev
                                     : EntryType::fifo,
                     e.mode, e.major, e.minor);
        break;
    }
    default: {
        proto.type = EntryType::file;
        BlobId data = blobs.slice(ar, e.offset, e.size);
        // a slice of a literal archive is literal bytes: count them
        if (blobs.is_literal(data) && !ctx.sh.charge_data(blobs.size(data))) return false;
        proto.blob = data;
        st = c.install(target, proto);
        break;
    }
    }
    if (!st) {
        ctx.errmsg("can't create " + std::string(e.type == '5' ? "directory " : "") + "'" + name +
                   "': " + errno_text(st.error().code));
        status = 1;
    }
    return true;
}

// A member the command names that a download's archive placeholder does not
// hold (`tar -xzf caddy.tar.gz caddy`): the real archive has it, so a
// labelled placeholder file takes its place and the step's note says so.
void tar_placeholder_member(Ctx& ctx, const TarArgs& o, const std::string& base, const std::string& member) {
    std::string name = tar_stripped_name(member, o.strip);
    while (name.rfind("./", 0) == 0) name.erase(0, 2);
    if (o.mode == 't') {
        ctx.out(member + "\n");
        return;
    }
    if (name.empty() || o.to_stdout || member.find_first_of("*?[") != std::string::npos) return;
    Container& c = ctx.c;
    const bool dir = name.back() == '/';
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    std::string target = normalize_path((base == "/" ? "" : base) + "/" + name);
    (void)mkdir_p(c, dir ? target : dirname_of(target), 0755);
    if (!dir) {
        Entry proto;
        proto.type = EntryType::file;
        const std::string last = basename_of(name);
        proto.mode = last.find('.') == std::string::npos ? 0755 : 0644;  // a program, else a data file
        proto.uid = c.cred().uid;
        proto.gid = c.cred().gid;
        proto.mtime = c.now();
        proto.blob = c.store().blobs.bytes(standin::archive_member_text(member));
        (void)c.install(target, proto);
    }
    ctx.sh.note("stand-in: tar: " + member + " is not in the archive placeholder (a download layerlab cannot make); " +
                "a labelled placeholder " + (dir ? "directory" : "file") + " takes its place at " + target);
}

// tar x and t over the archive's members.
int tar_read(Ctx& ctx, const TarArgs& o, const std::string& base) {
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    std::optional<BlobId> input = tar_input(ctx, o);
    if (!input) return 1;
    const BlobId ar = *input;
    std::vector<TarEntry> entries;
    std::string err;
    if (!tar_entries(blobs, ar, entries, err)) {
        ctx.errmsg(err);
        return 1;
    }
    auto selected = [&](const std::string& n) {
        for (const std::string& e : o.excludes)
            if (glob_match(e, n) || glob_match(e, basename_of(n))) return false;
        if (o.names.empty()) return true;
        std::string m = n;
        while (m.size() > 1 && m.back() == '/') m.pop_back();
        for (const std::string& want : o.names) {
            std::string w = want;
            while (w.size() > 1 && w.back() == '/') w.pop_back();
            if (m == w || (m.size() > w.size() && m.compare(0, w.size(), w) == 0 && m[w.size()] == '/') ||
                glob_match(w, m))
                return true;
        }
        return false;
    };
    std::vector<bool> found(o.names.size(), false);
    std::vector<std::pair<std::string, int64_t>> dirs;  // GNU tar: directories' mtimes, set at the end
    std::string out;
    int status = 0;
    for (const TarEntry& e : entries) {
        if (!ctx.sh.charge()) return 1;
        if (!selected(e.name)) continue;
        for (size_t k = 0; k < o.names.size(); ++k)
            if (!found[k] && selected(e.name)) found[k] = true;
        if (o.mode == 't') {
            out += (o.verbose ? tar_list_line(e) : e.name) + "\n";
            continue;
        }
        std::string name = tar_stripped_name(e.name, o.strip);
        if (name.empty() || name == "./" || name == ".") {
            if (e.type != '5') continue;
        }
        // refuse names that climb out of the target directory
        bool unsafe = false;
        for (const std::string& comp : split_char(name, '/'))
            if (comp == "..") unsafe = true;
        if (unsafe) {
            ctx.errmsg("removing leading '../' from member names");  // busybox skips such members
            continue;
        }
        if (o.verbose) out += e.name + "\n";
        if (o.to_stdout) {
            if (e.type == '0' || e.type == '7') {
                ctx.out(out);
                out.clear();
                ctx.fds.out[1]->write_blob(blobs.slice(ar, e.offset, e.size));
            }
            continue;
        }
        std::string target = normalize_path((base == "/" ? "" : base) + "/" + name);
        // parent directories as needed
        (void)mkdir_p(c, dirname_of(target), 0755);
        if (!tar_extract_one(ctx, o, base, ar, e, name, target, status)) return 1;
        if (e.type == '5' && ctx.gnu && !o.no_mtime) dirs.emplace_back(target, e.mtime);
    }
    // GNU tar sets a directory's mtime after its members are in (its
    // delayed_set_stat); busybox sets it when it makes the directory, so the
    // members made later move it to the time of extraction
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) (void)c.utime(it->first, it->second);
    bool placeholder = false;  // a download's archive placeholder (standin.h): its entries' owner says so
    for (const TarEntry& e : entries)
        if (e.uname == standin::k_archive_owner) placeholder = true;
    for (size_t k = 0; k < o.names.size(); ++k)
        if (!found[k] && placeholder) {
            ctx.out(out);
            out.clear();
            tar_placeholder_member(ctx, o, base, o.names[k]);
        } else if (!found[k]) {
            ctx.out(out);
            out.clear();
            ctx.errmsg(o.names[k] + ": not found in archive");
            status = 1;
        }
    ctx.out(out);
    return status;
}

int p_tar(Ctx& ctx) {
    TarArgs o;
    if (!tar_args(ctx, o)) return 1;
    if (!o.mode) {
        ctx.err(std::string(k_banner) + k_tar_usage);
        return 1;
    }
    Container& c = ctx.c;
    std::string base = o.dir.empty() ? ctx.cwd() : ctx.path(o.dir);
    if (!o.dir.empty()) {
        Result<Stat> ds = c.stat(base);
        if (!ds || ds->type != EntryType::dir) {
            ctx.errmsg("can't change directory to '" + o.dir +
                       "': " + errno_text(ds ? Errc::enotdir : ds.error().code));
            return 1;
        }
    }
    return o.mode == 'c' ? tar_create(ctx, o, base) : tar_read(ctx, o, base);
}

// ---------------------------------------------------------------- gzip gunzip zcat

int p_gzip(Ctx& ctx) {
    bool decompress = ctx.name() == "gunzip" || ctx.name() == "zcat";
    bool to_stdout = ctx.name() == "zcat";
    bool keep = false, force = false, test = false;
    int level = 6;
    std::vector<std::string> files;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a.size() > 1 && a[0] == '-' && a != "--") {
            for (size_t k = 1; k < a.size(); ++k) {
                char ch = a[k];
                if (ch == 'd')
                    decompress = true;
                else if (ch == 'c')
                    to_stdout = true;
                else if (ch == 'k')
                    keep = true;
                else if (ch == 'f')
                    force = true;
                else if (ch == 't')
                    test = true;
                else if (ch == 'n' || ch == 'q' || ch == 'v') {
                } else if (ch >= '1' && ch <= '9')
                    level = ch - '0';
                else {
                    ctx.err(ctx.name() + ": invalid option -- '" + std::string(1, ch) + "'\n");
                    return 1;
                }
            }
            continue;
        }
        files.push_back(a);
    }
    (void)force;
    Container& c = ctx.c;
    BlobStore& blobs = c.store().blobs;
    if (files.empty()) files.push_back("-");
    int status = 0;
    for (const std::string& f : files) {
        BlobId in;
        Result<Stat> st = Result<Stat>(Stat{});
        if (f == "-") {
            std::optional<BlobId> b = ctx.stdin_blob();
            if (!b) return 1;
            in = *b;
        } else {
            st = c.stat(ctx.path(f));
            Result<BlobId> b = c.read(ctx.path(f));
            if (!b) {
                ctx.errmsg(f + ": " + errno_text(b.error().code));
                status = 1;
                continue;
            }
            in = *b;
        }
        uint64_t size = blobs.size(in);
        if (size > k_text_limit) {
            ctx.errmsg(f + ": layerlab: too large to " + (decompress ? "decompress" : "compress") + " (" +
                       format_bytes(size) + ")");
            status = 1;
            continue;
        }
        if (!ctx.charge_bytes(size * (decompress ? 4 : 1))) return 1;
        std::string data;
        if (decompress) {
            std::string err;
            if (!gunzip_bytes(blobs.read_all(in), data, err, k_text_limit)) {
                ctx.errmsg(err);
                status = 1;
                continue;
            }
            if (test) continue;
        } else {
            gzip_bytes(blobs.read_all(in), data, level);
        }
        if (to_stdout || f == "-") {
            ctx.out(data);
            continue;
        }
        std::string out_name;
        if (decompress) {
            if (f.size() > 3 && f.compare(f.size() - 3, 3, ".gz") == 0) {
                out_name = f.substr(0, f.size() - 3);
            } else if (f.size() > 4 && f.compare(f.size() - 4, 4, ".tgz") == 0) {
                out_name = f.substr(0, f.size() - 4) + ".tar";
            } else {
                ctx.errmsg(f + ": unknown suffix - ignored");
                status = 1;
                continue;
            }
        } else {
            out_name = f + ".gz";
        }
        std::string op = ctx.path(out_name);
        if (c.exists(op) && !force) {
            ctx.errmsg("can't open '" + out_name + "': " + errno_text(Errc::eexist));
            status = 1;
            continue;
        }
        if (!ctx.sh.charge_data(data.size())) return 1;
        Status w = c.write_text(op, data, WriteMode::truncate, st ? st->mode : 0644);
        if (!w) {
            ctx.errmsg("can't open '" + out_name + "': " + errno_text(w.error().code));
            status = 1;
            continue;
        }
        if (st) {
            (void)c.chmod(op, st->mode);
            (void)c.utime(op, st->mtime);
        }
        if (!keep) (void)c.unlink(ctx.path(f));
    }
    return status;
}

}  // namespace

std::vector<ProgramDef> tar_programs() {
    return {{"gunzip", p_gzip}, {"gzip", p_gzip}, {"tar", p_tar}, {"zcat", p_gzip}};
}

}  // namespace ll::shell
