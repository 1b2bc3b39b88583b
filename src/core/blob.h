// blob.h: content-addressed file contents.
//
// A file's bytes live in a BlobStore and are named by a 32-bit BlobId. Every
// layer, container and tar export that holds the same contents holds the same
// id, so the bytes are stored once. A blob need not be materialized: it is a
// short list of pieces, each either literal bytes, a run of one repeated byte
// (dd if=/dev/zero) or deterministic pseudo-random bytes (dd if=/dev/urandom,
// and the synthetic contents of package files whose real bytes we don't
// ship). So a simulated 1 GiB file costs a few dozen bytes of memory, copying
// it up shares the id in O(1), and a 1-byte write into it is a new blob of
// three pieces:
//
//     [ random seed=7, 0..512MiB ) [ bytes "x" ) [ random seed=7, 512MiB+1..1GiB )
//
// Sizes are always known without reading; SHA-256 is computed on first demand
// by streaming (never holding the whole file) and cached.
//
// Appending grows in place: when a blob's last piece ends where its byte
// buffer ends (nothing was appended to that buffer since), concat() appends
// the new bytes to the buffer itself and the new blob shares it, reading a
// longer prefix. So a file appended to line by line (`echo x >> log` in a
// loop, one `exec` each) costs its final size plus one small record per
// append, not a copy of the whole file per append (14,800 appends of a line
// once took 2 GiB).
//
// Invariants: blobs are immutable (a buffer only ever grows past the ends
// of the blobs that read it); id 0 is the empty blob; small results
// (<= k_inline_max bytes) are a single literal piece, so everything a student
// types stays plain bytes; the one exception is random(), which stays a
// description at any size (package files: see add()).
//
// Collection. The store frees what nothing references, at safe points its
// owner chooses (between two of the Lab's calls: never while a command or a
// build step runs, whose locals hold ids the store cannot see). Layers, the
// long-lived holders, register themselves (track(), from
// LayerBuilder::freeze) and are asked for their ids while they live; the
// owner marks the rest (containers' writable layers, a build's context) in
// collect()'s callback. Everything unmarked is released: its pieces drop
// their buffers (a buffer goes when the last piece reading it goes), its
// dedupe entries go, and its id is reused. stored_bytes() then counts the
// live buffers only: it is the figure the data budget and the benchmarks
// read. Whoever holds an id across a collection without marking it gets
// another blob's contents: only call collect() where every holder is known.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/sha256.h"

namespace ll {

using BlobId = uint32_t;
inline constexpr BlobId k_empty_blob = 0;

// The ids a collection keeps (BlobStore::collect).
class BlobMarks {
public:
    void mark(BlobId b) {
        if (b < m_live.size()) m_live[b] = true;
    }

private:
    friend class BlobStore;
    std::vector<bool> m_live;
};

// Something shared and long-lived that holds blob ids (a Layer): once
// registered with BlobStore::track it marks its ids at every collection for
// as long as it lives.
class BlobHolder {
public:
    virtual ~BlobHolder() = default;
    virtual void mark_blobs(BlobMarks& marks) const = 0;
};

class BlobStore {
public:
    static constexpr uint64_t k_inline_max = 256 * 1024;

    BlobStore();

    BlobId bytes(std::string data);               // deduplicated by content
    BlobId fill(uint64_t size, uint8_t byte);     // `size` copies of `byte`
    BlobId random(uint64_t size, uint64_t seed);  // deterministic noise
    // Contents of `base` with `data` written at `offset` (extending, with a
    // zero-filled gap if offset > size, as pwrite does).
    BlobId write_at(BlobId base, uint64_t offset, std::string_view data);
    // Contents of `base` cut or zero-extended to `size` (truncate(1)).
    BlobId resize(BlobId base, uint64_t size);
    BlobId concat(BlobId a, BlobId b);                         // a then b (cat a b)
    BlobId slice(BlobId base, uint64_t offset, uint64_t len);  // clamped

    uint64_t size(BlobId b) const { return m_blobs[b].size; }
    // Copies up to n bytes from offset into out; returns the count copied.
    size_t read(BlobId b, uint64_t offset, size_t n, char* out) const;
    // The whole contents, or the first `max` bytes of it.
    std::string read_all(BlobId b, uint64_t max = UINT64_MAX) const;
    // True when the bytes are held literally (cheap to read in full).
    bool is_literal(BlobId b) const;
    // Streams the contents in chunks to fn(const char*, size_t).
    template <class Fn>
    void stream(BlobId b, Fn&& fn) const {
        char buf[64 * 1024];
        uint64_t off = 0, n = size(b);
        while (off < n) {
            size_t got = read(b, off, sizeof buf, buf);
            fn(static_cast<const char*>(buf), got);
            off += got;
        }
    }
    // SHA-256 of the contents, computed once.
    const Digest& digest(BlobId b) const;
    // Same contents? Cheap for identical ids and literal blobs; otherwise
    // compares digests.
    bool same_contents(BlobId a, BlobId b) const;
    // A short description for the UI: "12 B text", "1.0 GiB of zeros", ...
    std::string describe(BlobId b) const;
    size_t count() const { return m_blobs.size(); }
    // Literal bytes the store holds (every buffer's length): the memory file
    // contents cost, for limits, benchmarks and tests. Live bytes as of the
    // last collection plus every buffer made or grown since.
    uint64_t stored_bytes() const { return m_stored; }

    // ---- collection (see the top of this file)
    // `h` marks its ids at every collection while it lives.
    void track(const std::shared_ptr<const BlobHolder>& h) const;
    struct Collected {
        size_t freed = 0;         // blobs released
        uint64_t freed_bytes = 0;  // stored_bytes() before - after
    };
    // Keeps the blobs `mark_roots` and the tracked holders mark (and the
    // empty blob), releases the others.
    Collected collect(const std::function<void(BlobMarks&)>& mark_roots);
    // Enough was made since the last collection to make one worth its cost
    // (it visits every live layer's entries): more new blobs than there were
    // live ones then, or more new bytes (both with a floor).
    bool collect_due() const;
    size_t live_count() const { return m_blobs.size() - m_free.size(); }

private:
    enum class PieceKind : uint8_t { bytes, fill, random };
    struct Piece {
        PieceKind kind = PieceKind::bytes;
        uint8_t fill = 0;
        uint64_t len = 0;
        uint64_t seed = 0;     // random: the seed
        uint64_t src_off = 0;  // offset into the literal data or random stream
        // bytes: the buffer, shared; it may be longer than what this piece
        // reads (a later append grew it), never different within it.
        std::shared_ptr<std::string> data = nullptr;
    };
    struct Blob {
        uint64_t size = 0;
        std::vector<Piece> pieces;
        bool deduped = false;  // registered by bytes(): no other literal blob has these contents
        mutable bool has_digest = false;
        mutable Digest digest;
    };
    static Blob make_blob(uint64_t size, std::vector<Piece> pieces);
    static std::string desc_key(const Piece& p);
    BlobId add(std::vector<Piece> pieces);
    std::vector<Piece> cut(BlobId b, uint64_t off, uint64_t len) const;
    static void read_piece(const Piece& p, uint64_t off, size_t n, char* out);

    std::shared_ptr<std::string> buffer(std::string data);  // a new literal buffer, counted
    BlobId put(Blob b);                                      // a free id, or a new one
    void release(BlobId id);                                 // collect(): id is garbage
    std::vector<Blob> m_blobs;
    std::vector<BlobId> m_free;  // released ids, reused by put()
    uint64_t m_stored = 0;
    // Since the last collection: blobs made, bytes stored; live at it.
    size_t m_made = 0, m_live_at_collect = 0;
    uint64_t m_stored_at_collect = 0;
    mutable std::vector<std::weak_ptr<const BlobHolder>> m_holders;
    std::unordered_map<uint64_t, std::vector<BlobId>> m_by_hash;  // literal dedupe
    std::unordered_map<std::string, BlobId> m_by_desc;            // fill/random dedupe
};

}  // namespace ll
