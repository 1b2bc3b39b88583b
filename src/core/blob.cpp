#include "core/blob.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "core/base.h"

namespace ll {

namespace {
uint64_t splitmix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}
uint64_t fnv1a(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (char c : s) {
        h ^= uint8_t(c);
        h *= 1099511628211ull;
    }
    return h;
}
}  // namespace

// The key fill and random blobs are deduplicated by (add()).
std::string BlobStore::desc_key(const Piece& p) {
    return p.kind == PieceKind::fill
               ? "f" + std::to_string(p.fill) + ":" + std::to_string(p.len)
               : "r" + std::to_string(p.seed) + ":" + std::to_string(p.src_off) + ":" + std::to_string(p.len);
}

BlobStore::Blob BlobStore::make_blob(uint64_t size, std::vector<Piece> pieces) {
    Blob b;
    b.size = size;
    b.pieces = std::move(pieces);
    return b;
}

BlobStore::BlobStore() {
    m_blobs.emplace_back();  // k_empty_blob
}

BlobId BlobStore::add(std::vector<Piece> pieces) {
    // Drop empty pieces and merge neighbours that continue each other.
    std::vector<Piece> out;
    out.reserve(pieces.size());
    uint64_t total = 0;
    for (Piece& p : pieces) {
        if (p.len == 0) continue;
        total += p.len;
        if (!out.empty()) {
            Piece& q = out.back();
            if (q.kind == p.kind) {
                if (p.kind == PieceKind::fill && q.fill == p.fill) {
                    q.len += p.len;
                    continue;
                }
                if (p.kind == PieceKind::random && q.seed == p.seed && q.src_off + q.len == p.src_off) {
                    q.len += p.len;
                    continue;
                }
            }
        }
        out.push_back(std::move(p));
    }
    if (total == 0) return k_empty_blob;
    // One random piece stays a description at any size: a package's files are
    // thousands of them, and materializing each small one cost a base image's
    // construction tens of MB of memset and noise (most of a FROM's time).
    bool lone_random = out.size() == 1 && out[0].kind == PieceKind::random;
    if (total <= k_inline_max && !lone_random &&
        !(out.size() == 1 && out[0].kind == PieceKind::bytes && out[0].src_off == 0 && out[0].data->size() == total)) {
        // Small: materialize into one literal piece (dedupe through bytes()).
        std::string s(size_t(total), '\0');
        uint64_t off = 0;
        for (const Piece& p : out) {
            read_piece(p, 0, size_t(p.len), s.data() + off);
            off += p.len;
        }
        return bytes(std::move(s));
    }
    if (out.size() == 1 && out[0].kind != PieceKind::bytes) {
        std::string key = desc_key(out[0]);
        auto it = m_by_desc.find(key);
        if (it != m_by_desc.end()) return it->second;
        BlobId id = put(make_blob(total, std::move(out)));
        m_by_desc.emplace(std::move(key), id);
        return id;
    }
    return put(make_blob(total, std::move(out)));
}

BlobId BlobStore::put(Blob b) {
    ++m_made;
    if (!m_free.empty()) {
        BlobId id = m_free.back();
        m_free.pop_back();
        m_blobs[id] = std::move(b);
        return id;
    }
    m_blobs.push_back(std::move(b));
    return BlobId(m_blobs.size() - 1);
}

std::shared_ptr<std::string> BlobStore::buffer(std::string data) {
    m_stored += data.size();
    return std::make_shared<std::string>(std::move(data));
}

BlobId BlobStore::bytes(std::string data) {
    if (data.empty()) return k_empty_blob;
    uint64_t h = fnv1a(data) ^ data.size();
    auto& bucket = m_by_hash[h];
    for (BlobId id : bucket) {
        const Blob& b = m_blobs[id];
        if (b.size == data.size() && b.pieces[0].data->compare(0, size_t(b.size), data) == 0) return id;
    }
    Piece p;
    p.kind = PieceKind::bytes;
    p.len = data.size();
    p.data = buffer(std::move(data));
    Blob b;
    b.deduped = true;
    b.size = p.len;
    b.pieces.push_back(std::move(p));
    BlobId id = put(std::move(b));
    bucket.push_back(id);
    return id;
}

BlobId BlobStore::fill(uint64_t size, uint8_t byte) {
    Piece p;
    p.kind = PieceKind::fill;
    p.fill = byte;
    p.len = size;
    std::vector<Piece> v;
    v.push_back(std::move(p));
    return add(std::move(v));
}

BlobId BlobStore::random(uint64_t size, uint64_t seed) {
    Piece p;
    p.kind = PieceKind::random;
    p.seed = seed;
    p.len = size;
    std::vector<Piece> v;
    v.push_back(std::move(p));
    return add(std::move(v));
}

std::vector<BlobStore::Piece> BlobStore::cut(BlobId b, uint64_t off, uint64_t len) const {
    std::vector<Piece> out;
    const Blob& blob = m_blobs[b];
    if (off >= blob.size || len == 0) return out;
    len = std::min(len, blob.size - off);
    uint64_t pos = 0;
    for (const Piece& p : blob.pieces) {
        uint64_t end = pos + p.len;
        if (end > off && pos < off + len) {
            uint64_t from = std::max(pos, off), to = std::min(end, off + len);
            Piece q = p;
            q.src_off = p.src_off + (from - pos);
            q.len = to - from;
            out.push_back(std::move(q));
        }
        pos = end;
        if (pos >= off + len) break;
    }
    return out;
}

BlobId BlobStore::write_at(BlobId base, uint64_t offset, std::string_view data) {
    uint64_t old = size(base);
    std::vector<Piece> v = cut(base, 0, std::min(offset, old));
    if (offset > old) {
        Piece gap;
        gap.kind = PieceKind::fill;
        gap.len = offset - old;
        v.push_back(std::move(gap));
    }
    Piece lit;
    lit.kind = PieceKind::bytes;
    lit.len = data.size();
    lit.data = buffer(std::string(data));
    v.push_back(std::move(lit));
    uint64_t end = offset + data.size();
    if (end < old) {
        auto tail = cut(base, end, old - end);
        for (Piece& p : tail) v.push_back(std::move(p));
    }
    return add(std::move(v));
}

BlobId BlobStore::resize(BlobId base, uint64_t new_size) {
    uint64_t old = size(base);
    if (new_size == old) return base;
    std::vector<Piece> v = cut(base, 0, std::min(old, new_size));
    if (new_size > old) {
        Piece gap;
        gap.kind = PieceKind::fill;
        gap.len = new_size - old;
        v.push_back(std::move(gap));
    }
    return add(std::move(v));
}

BlobId BlobStore::concat(BlobId a, BlobId b) {
    if (a == k_empty_blob) return b;
    if (b == k_empty_blob) return a;
    const Blob& ab = m_blobs[a];
    const Piece& last = ab.pieces.back();
    if (last.kind == PieceKind::bytes && last.src_off + last.len == last.data->size() && is_literal(b)) {
        // Grow in place (see blob.h): a reads only the prefix it had. The
        // result is not deduplicated (hashing the whole file on every append
        // would make appending quadratic again): two ids may then hold the
        // same bytes, and same_contents() compares their digests.
        std::string tail = read_all(b);  // b may share the buffer (cat f >> f)
        std::vector<Piece> v = ab.pieces;
        uint64_t total = ab.size + tail.size();
        v.back().data->append(tail);
        v.back().len += tail.size();
        m_stored += tail.size();
        return put(make_blob(total, std::move(v)));
    }
    std::vector<Piece> v = cut(a, 0, size(a));
    auto tail = cut(b, 0, size(b));
    for (Piece& p : tail) v.push_back(std::move(p));
    return add(std::move(v));
}

BlobId BlobStore::slice(BlobId base, uint64_t offset, uint64_t len) {
    if (offset == 0 && len >= size(base)) return base;
    return add(cut(base, offset, len));
}

void BlobStore::read_piece(const Piece& p, uint64_t off, size_t n, char* out) {
    switch (p.kind) {
    case PieceKind::bytes: std::memcpy(out, p.data->data() + p.src_off + off, n); break;
    case PieceKind::fill: std::memset(out, p.fill, n); break;
    case PieceKind::random: {
        // Byte i of the stream is byte (i % 8) of splitmix64(seed ^ i / 8).
        uint64_t pos = p.src_off + off;
        for (size_t k = 0; k < n;) {
            uint64_t word = splitmix64(p.seed * 0x2545f4914f6cdd1dull + pos / 8);
            size_t in = size_t(pos % 8);
            if (in == 0 && n - k >= 8) {  // a whole word, its bytes least significant first, in one store
                uint8_t b[8];
                for (int i = 0; i < 8; ++i) b[i] = uint8_t(word >> (8 * i));
                std::memcpy(out + k, b, 8);
                k += 8;
                pos += 8;
                continue;
            }
            while (in < 8 && k < n) {
                out[k++] = char(uint8_t(word >> (8 * in)));
                ++in;
                ++pos;
            }
        }
        break;
    }
    }
}

size_t BlobStore::read(BlobId b, uint64_t offset, size_t n, char* out) const {
    const Blob& blob = m_blobs[b];
    if (offset >= blob.size) return 0;
    if (uint64_t(n) > blob.size - offset) n = size_t(blob.size - offset);
    size_t done = 0;
    uint64_t pos = 0;
    for (const Piece& p : blob.pieces) {
        uint64_t end = pos + p.len;
        uint64_t want = offset + done;
        if (end > want) {
            uint64_t in = want - pos;
            size_t take = size_t(std::min<uint64_t>(p.len - in, n - done));
            read_piece(p, in, take, out + done);
            done += take;
            if (done == n) break;
        }
        pos = end;
    }
    return done;
}

std::string BlobStore::read_all(BlobId b, uint64_t max) const {
    uint64_t n = std::min(size(b), max);
    std::string s(size_t(n), '\0');
    read(b, 0, size_t(n), s.data());
    return s;
}

bool BlobStore::is_literal(BlobId b) const {
    const Blob& blob = m_blobs[b];
    return blob.pieces.empty() || (blob.pieces.size() == 1 && blob.pieces[0].kind == PieceKind::bytes);
}

const Digest& BlobStore::digest(BlobId b) const {
    const Blob& blob = m_blobs[b];
    if (!blob.has_digest) {
        Sha256 h;
        stream(b, [&](const char* p, size_t n) { h.update(p, n); });
        blob.digest = h.finish();
        blob.has_digest = true;
    }
    return blob.digest;
}

bool BlobStore::same_contents(BlobId a, BlobId b) const {
    if (a == b) return true;
    if (size(a) != size(b)) return false;
    if (m_blobs[a].deduped && m_blobs[b].deduped) return false;  // bytes() never stores one content twice
    return digest(a) == digest(b);
}

std::string BlobStore::describe(BlobId b) const {
    const Blob& blob = m_blobs[b];
    std::string sz = format_bytes(blob.size);
    if (blob.pieces.empty()) return "empty";
    if (blob.pieces.size() == 1) {
        const Piece& p = blob.pieces[0];
        if (p.kind == PieceKind::fill) return sz + (p.fill == 0 ? " of zeros" : " of one repeated byte");
        if (p.kind == PieceKind::random) return sz + " of random bytes";
        return sz;
    }
    return sz + " (" + std::to_string(blob.pieces.size()) + " pieces)";
}

// ---------------------------------------------------------------- collection

void BlobStore::track(const std::shared_ptr<const BlobHolder>& h) const {
    // Forget the holders that are gone (layers made and dropped between two
    // collections) whenever the list is full: it stays about as long as the
    // live layers, at an amortized constant cost per layer.
    if (m_holders.size() == m_holders.capacity())
        std::erase_if(m_holders, [](const std::weak_ptr<const BlobHolder>& w) { return w.expired(); });
    m_holders.push_back(h);
}

void BlobStore::release(BlobId id) {
    Blob& b = m_blobs[id];
    if (b.deduped) {
        // bytes() registered it under the hash of its contents (the prefix
        // its buffer had then: an append may have grown the buffer since)
        const Piece& p = b.pieces[0];
        std::string_view data(p.data->data() + p.src_off, size_t(b.size));
        auto it = m_by_hash.find(fnv1a(data) ^ data.size());
        if (it != m_by_hash.end()) {
            std::erase(it->second, id);
            if (it->second.empty()) m_by_hash.erase(it);
        }
    } else if (b.pieces.size() == 1 && b.pieces[0].kind != PieceKind::bytes) {
        auto it = m_by_desc.find(desc_key(b.pieces[0]));
        if (it != m_by_desc.end() && it->second == id) m_by_desc.erase(it);
    }
    b = Blob{};  // drops its pieces: a buffer goes with the last piece reading it
    m_free.push_back(id);
}

BlobStore::Collected BlobStore::collect(const std::function<void(BlobMarks&)>& mark_roots) {
    BlobMarks marks;
    marks.m_live.assign(m_blobs.size(), false);
    marks.m_live[k_empty_blob] = true;
    size_t kept = 0;
    for (size_t i = 0; i < m_holders.size(); ++i) {
        std::shared_ptr<const BlobHolder> h = m_holders[i].lock();
        if (!h) continue;  // that layer is gone: forget it
        h->mark_blobs(marks);
        m_holders[kept++] = m_holders[i];
    }
    m_holders.resize(kept);
    if (mark_roots) mark_roots(marks);
    std::vector<bool> free_already(m_blobs.size(), false);
    for (BlobId id : m_free) free_already[id] = true;
    Collected c;
    for (BlobId id = 1; id < m_blobs.size(); ++id)
        if (!marks.m_live[id] && !free_already[id]) {
            release(id);
            ++c.freed;
        }
    // What the live blobs' buffers hold, each buffer once.
    std::unordered_set<const std::string*> seen;
    uint64_t live = 0;
    for (const Blob& b : m_blobs)
        for (const Piece& p : b.pieces)
            if (p.kind == PieceKind::bytes && seen.insert(p.data.get()).second) live += p.data->size();
    c.freed_bytes = m_stored > live ? m_stored - live : 0;
    m_stored = live;
    m_made = 0;
    m_live_at_collect = live_count();
    m_stored_at_collect = live;
    return c;
}

bool BlobStore::collect_due() const {
    constexpr size_t k_min_blobs = 4096;
    constexpr uint64_t k_min_bytes = uint64_t(32) << 20;
    return m_made > std::max(k_min_blobs, m_live_at_collect) ||
           m_stored - std::min(m_stored, m_stored_at_collect) > std::max(k_min_bytes, m_stored_at_collect);
}

}  // namespace ll
