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
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/sha256.h"

namespace ll {

using BlobId = uint32_t;
inline constexpr BlobId k_empty_blob = 0;

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
    // contents cost, for limits, benchmarks and tests.
    uint64_t stored_bytes() const { return m_stored; }

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
    BlobId add(std::vector<Piece> pieces);
    std::vector<Piece> cut(BlobId b, uint64_t off, uint64_t len) const;
    static void read_piece(const Piece& p, uint64_t off, size_t n, char* out);

    std::shared_ptr<std::string> buffer(std::string data);  // a new literal buffer, counted
    std::vector<Blob> m_blobs;
    uint64_t m_stored = 0;
    std::unordered_map<uint64_t, std::vector<BlobId>> m_by_hash;  // literal dedupe
    std::unordered_map<std::string, BlobId> m_by_desc;            // fill/random dedupe
};

}  // namespace ll
