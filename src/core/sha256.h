// sha256.h: SHA-256 (FIPS 180-4), streaming, no allocation.
//
// Used for every digest an image has: DiffID (sha256 of the uncompressed layer
// tar), the manifest's layer digests (of the gzip blob), ChainID and the image
// ID (sha256 of the config JSON). Checked against the NIST test vectors and
// against `sha256sum` in tests/core/test_sha256.cpp.
//
//     Sha256 h; h.update("abc"); Digest d = h.finish();
//     d.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ll {

struct Digest {
    std::array<uint8_t, 32> bytes{};
    std::string hex() const;                               // 64 lower-case hex digits
    std::string str() const { return "sha256:" + hex(); }  // OCI digest form
    std::string short_hex(size_t n = 12) const { return hex().substr(0, n); }
    bool operator==(const Digest&) const = default;
    bool is_zero() const;
    // Parses "sha256:<64 hex>" (or bare hex when allow_bare). false on bad input.
    static bool parse(std::string_view s, Digest& out, bool allow_bare = false);
};

class Sha256 {
public:
    Sha256() { reset(); }
    void reset();
    void update(const void* data, size_t len);
    void update(std::string_view s) { update(s.data(), s.size()); }
    Digest finish();  // the object must be reset() before reuse
private:
    void compress(const uint8_t* block);
    uint32_t m_h[8];
    uint8_t m_buf[64];
    uint64_t m_total = 0;
    size_t m_buf_len = 0;
};

inline Digest sha256(std::string_view s) {
    Sha256 h;
    h.update(s);
    return h.finish();
}

// ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln))
Digest chain_id_next(const Digest& parent_chain, const Digest& diff_id);

}  // namespace ll
