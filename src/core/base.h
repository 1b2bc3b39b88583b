// base.h: the vocabulary every part of the core shares.
//
// layerlab's core is pure C++20 (standard library only; zlib for gzip). It
// never includes ImGui, SDL or emscripten headers, does no I/O of its own and
// has no globals. User errors (a bad Dockerfile, a broken tar, a failing
// container operation) are *values*: an Error with a code, a message a student
// understands, and the place it refers to. Programmer errors are asserts.
//
//     Result<Layer> r = read_layer_tar(store, bytes);
//     if (!r) show(r.error().describe());   // "app.tar: entry 3: ..."
//     else use(r.value());
#pragma once
#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace ll {

// Error codes. The errno-like ones are what container operations fail with,
// named as the kernel names them so the UI can print "EXDEV".
enum class Errc : uint8_t {
    ok = 0,
    // errno-like (container and filesystem operations)
    enoent,
    eexist,
    enotdir,
    eisdir,
    enotempty,
    exdev,
    eloop,
    einval,
    eacces,
    eperm,
    enametoolong,
    ebusy,
    efbig,
    enospc,
    erofs,
    // input formats
    bad_tar,
    bad_gzip,
    bad_json,
    bad_oci,
    unsafe_path,
    too_large,
    // Dockerfile, shell and build
    syntax,
    unknown_instruction,
    bad_flag,
    unknown_stage,
    build_failed,
    command_not_found,
    budget_exceeded,
    // anything else
    unsupported,
    internal,
};

// "ENOENT", "EXDEV", ...; for non-errno codes a short lower-case name.
const char* errc_name(Errc c);

// Where an error points: a file (Dockerfile, tar member, script) and a
// 1-based line and column. line == 0 means "no line" (e.g. a whole archive).
struct SourceLoc {
    std::string file;
    uint32_t line = 0;
    uint32_t column = 0;
    // "Dockerfile:3:5", "Dockerfile:3", "layer.tar" or "" when nothing is known.
    std::string str() const;
};

struct Error {
    Errc code = Errc::internal;
    std::string message;  // plain words, no trailing period needed
    SourceLoc where;
    // "Dockerfile:3:5: error: unknown instruction COPPY (did you mean COPY?)"
    std::string describe() const;
};

inline Error make_error(Errc code, std::string message, SourceLoc where = {}) {
    return Error{code, std::move(message), std::move(where)};
}

// Either a value or an Error. Deliberately small: no monadic chains, just
// `if (!r) return r.error();` at each step, which reads plainly.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_v));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_v);
    }
    Error& error() {
        assert(!ok());
        return std::get<1>(m_v);
    }

private:
    std::variant<T, Error> m_v;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_err(std::move(error)), m_failed(true) {}
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(m_failed);
        return m_err;
    }
    Error& error() {
        assert(m_failed);
        return m_err;
    }

private:
    Error m_err;
    bool m_failed = false;
};
using Status = Result<void>;

// Human-readable byte counts: "0 B", "512 B", "1.5 KiB", "100 MiB", "1.0 GiB".
std::string format_bytes(uint64_t n);

}  // namespace ll
