// tar_write.cpp: the layer tar writer (see tar.h).
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "core/tar.h"

namespace ll {

namespace {

struct Header {
    char b[512];
};

void put_str(char* field, size_t len, std::string_view s) {
    if (s.empty()) return;  // memcpy from an empty view's nullptr is UB (UBSan: nonnull)
    std::memcpy(field, s.data(), std::min(len, s.size()));
}

// Octal with NUL terminator; false if it does not fit.
bool put_octal(char* field, size_t len, uint64_t v) {
    // len-1 digits and a NUL
    uint64_t max = 1;
    for (size_t i = 0; i + 1 < len; ++i) max *= 8;
    if (v >= max) return false;
    field[len - 1] = '\0';
    for (size_t i = len - 1; i-- > 0;) {
        field[i] = char('0' + (v & 7));
        v >>= 3;
    }
    return true;
}

void pax_record(std::string& out, std::string_view key, std::string_view value) {
    // "%d %s=%s\n" where %d counts the whole record including itself.
    size_t body = 1 + key.size() + 1 + value.size() + 1;
    size_t n = body + 1;
    while (std::to_string(n).size() + body != n) n = std::to_string(n).size() + body;
    out += std::to_string(n);
    out += ' ';
    out += key;
    out += '=';
    out += value;
    out += '\n';
}

// Splits a long name into ustar prefix (<=155) and name (<=100) at a '/'.
bool split_ustar(std::string_view full, std::string_view& prefix, std::string_view& name) {
    if (full.size() <= 100) {
        prefix = {};
        name = full;
        return true;
    }
    if (full.size() > 256) return false;
    for (size_t i = full.size() - 1; i > 0; --i) {
        if (full[i] != '/') continue;
        if (i <= 155 && full.size() - i - 1 <= 100 && full.size() - i - 1 > 0) {
            prefix = full.substr(0, i);
            name = full.substr(i + 1);
            return true;
        }
    }
    return false;
}

void finish_checksum(Header& h) {
    std::memset(h.b + 148, ' ', 8);
    unsigned sum = 0;
    for (char c : h.b) sum += uint8_t(c);
    put_octal(h.b + 148, 7, sum);
    h.b[155] = ' ';
}

struct TarOut {
    const ByteSink& sink;
    void block(const char* p) { sink(p, 512); }
    void data(const char* p, size_t n) { sink(p, n); }
    void pad(uint64_t n) {
        static const char zeros[512] = {};
        size_t r = size_t(n % 512);
        if (r) sink(zeros, 512 - r);
    }
};

struct Item {
    std::string name;  // relative, dirs end with '/'
    char type;         // '0','1','2','3','4','5','6'
    uint32_t mode, uid, gid;
    int64_t mtime;
    uint64_t size;
    std::string link;
    uint32_t dev_major, dev_minor;
    const std::vector<Xattr>* xattrs;
};

void emit(TarOut& out, const Item& it) {
    std::string pax;
    std::string_view prefix, name;
    if (!split_ustar(it.name, prefix, name)) {
        pax_record(pax, "path", it.name);
        prefix = {};
        name = std::string_view(it.name).substr(0, 100);
    }
    if (it.link.size() > 100) pax_record(pax, "linkpath", it.link);
    Header h{};
    bool ok_size = put_octal(h.b + 124, 12, it.size);
    if (!ok_size) pax_record(pax, "size", std::to_string(it.size));
    if (!put_octal(h.b + 108, 8, it.uid)) pax_record(pax, "uid", std::to_string(it.uid));
    if (!put_octal(h.b + 116, 8, it.gid)) pax_record(pax, "gid", std::to_string(it.gid));
    if (it.mtime < 0 || !put_octal(h.b + 136, 12, uint64_t(it.mtime))) {
        pax_record(pax, "mtime", std::to_string(it.mtime));
        put_octal(h.b + 136, 12, 0);
    }
    if (it.xattrs)
        for (const Xattr& x : *it.xattrs) pax_record(pax, "SCHILY.xattr." + x.name, x.value);

    if (!pax.empty()) {
        Header ph{};
        std::string pname = "PaxHeaders.0/" + std::string(name.substr(0, 80));
        put_str(ph.b, 100, pname);
        put_octal(ph.b + 100, 8, 0644);
        put_octal(ph.b + 108, 8, 0);
        put_octal(ph.b + 116, 8, 0);
        put_octal(ph.b + 124, 12, pax.size());
        put_octal(ph.b + 136, 12, 0);
        ph.b[156] = 'x';
        put_str(ph.b + 257, 6, std::string_view("ustar\0", 6));
        put_str(ph.b + 263, 2, "00");
        finish_checksum(ph);
        out.block(ph.b);
        out.data(pax.data(), pax.size());
        out.pad(pax.size());
    }

    put_str(h.b, 100, name);
    put_octal(h.b + 100, 8, it.mode & 07777);
    if (!ok_size) put_octal(h.b + 124, 12, 0);
    h.b[156] = it.type;
    put_str(h.b + 157, 100, std::string_view(it.link).substr(0, 100));
    put_str(h.b + 257, 6, std::string_view("ustar\0", 6));
    put_str(h.b + 263, 2, "00");
    if (it.type == '3' || it.type == '4') {
        put_octal(h.b + 329, 8, it.dev_major);
        put_octal(h.b + 337, 8, it.dev_minor);
    }
    put_str(h.b + 345, 155, prefix);
    finish_checksum(h);
    out.block(h.b);
}

// Emits the header(s) of one entry; a regular file's contents are left to the
// caller (LayerTarWriter cuts them in pieces): returns their size, 0 if none.
uint64_t emit_entry(TarOut& out, const Entry& e, const PathTable& paths, const BlobStore& blobs,
                    std::unordered_map<uint32_t, std::string>& first_of_group) {
    std::string rel = paths.str(e.path).substr(1);
    if (rel.empty()) return 0;  // never "/"
    Item it{};
    it.mode = e.mode;
    it.uid = e.uid;
    it.gid = e.gid;
    it.mtime = e.mtime;
    it.xattrs = &e.xattrs;
    switch (e.type) {
    case EntryType::whiteout: {
        size_t slash = rel.rfind('/');
        std::string wh =
            slash == std::string::npos ? ".wh." + rel : rel.substr(0, slash + 1) + ".wh." + rel.substr(slash + 1);
        Item w{};
        w.name = std::move(wh);
        w.type = '0';
        w.mode = 0;
        w.mtime = e.mtime;
        emit(out, w);
        return 0;
    }
    case EntryType::dir:
        it.name = rel + "/";
        it.type = '5';
        emit(out, it);
        if (e.opaque) {
            Item o{};
            o.name = rel + "/.wh..wh..opq";
            o.type = '0';
            o.mode = 0;
            o.mtime = e.mtime;
            emit(out, o);
        }
        return 0;
    case EntryType::file: {
        if (e.link_group != 0) {
            auto [pos, fresh] = first_of_group.emplace(e.link_group, rel);
            if (!fresh) {
                it.name = rel;
                it.type = '1';
                it.link = pos->second;
                emit(out, it);
                return 0;
            }
        }
        it.name = rel;
        it.type = '0';
        it.size = blobs.size(e.blob);
        emit(out, it);
        return it.size;
    }
    case EntryType::symlink:
        it.name = rel;
        it.type = '2';
        it.link = e.target;
        emit(out, it);
        return 0;
    case EntryType::chardev:
    case EntryType::blockdev:
        it.name = rel;
        it.type = e.type == EntryType::chardev ? '3' : '4';
        it.dev_major = e.dev_major;
        it.dev_minor = e.dev_minor;
        emit(out, it);
        return 0;
    case EntryType::fifo:
        it.name = rel;
        it.type = '6';
        emit(out, it);
        return 0;
    }
    return 0;
}

}  // namespace

LayerTarWriter::LayerTarWriter(const Layer& layer, const PathTable& paths, const BlobStore& blobs)
    : m_layer(&layer), m_paths(&paths), m_blobs(&blobs) {}

bool LayerTarWriter::write_some(const ByteSink& sink, uint64_t budget) {
    if (m_done) return true;
    const uint64_t start = m_written;
    const ByteSink counted = [&](const char* p, size_t n) {
        m_written += n;
        sink(p, n);
    };
    TarOut out{counted};
    const std::vector<Entry>& entries = m_layer->entries();
    while (m_written - start < budget) {
        if (m_data_left > 0) {  // the contents of the current file, 64 KiB at a time
            char buf[64 * 1024];
            size_t got = m_blobs->read(m_blob, m_data_off, size_t(std::min<uint64_t>(sizeof buf, m_data_left)), buf);
            if (got == 0) {  // never loops: the size is known (a short read would be a bug: zeros)
                got = size_t(std::min<uint64_t>(sizeof buf, m_data_left));
                std::memset(buf, 0, got);
            }
            out.data(buf, got);
            m_data_off += got;
            m_data_left -= got;
            if (m_data_left == 0) out.pad(m_data_off);
            continue;
        }
        if (m_next == entries.size()) {
            static const char zeros[1024] = {};
            out.data(zeros, 1024);
            m_done = true;
            return true;
        }
        const Entry& e = entries[m_next++];
        if (uint64_t size = emit_entry(out, e, *m_paths, *m_blobs, m_first_of_group); size > 0) {
            m_blob = e.blob;
            m_data_off = 0;
            m_data_left = size;
        }
    }
    return false;
}

void write_layer_tar(const Layer& layer, const PathTable& paths, const BlobStore& blobs, const ByteSink& sink) {
    LayerTarWriter w(layer, paths, blobs);
    (void)w.write_some(sink, UINT64_MAX);
}

std::string layer_tar_bytes(const Layer& layer, const PathTable& paths, const BlobStore& blobs) {
    std::string s;
    write_layer_tar(layer, paths, blobs, [&](const char* p, size_t n) { s.append(p, n); });
    return s;
}

}  // namespace ll
