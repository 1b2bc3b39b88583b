// shared_vec.h: a vector whose copies share their common prefix.
//
// A build keeps the image after every step (Step::image), and each one is
// the image before it plus a history line (and maybe an ENV). With plain
// vectors every copy held the whole history again, so n steps cost n^2/2
// entries: 2,000 ENV lines took about 1 GB. A SharedVec is a view of the
// first `len` elements of a shared buffer; copying it copies a pointer, and
// push_back on a copy whose view ends where the buffer ends appends to the
// buffer in place (the others keep reading their shorter prefix), so n steps
// cost n entries:
//
//     buffer   [ h0 h1 h2 h3 h4 ]           one deque, shared
//     step 2   [ h0 h1 h2 )                 len 3
//     step 4   [ h0 h1 h2 h3 h4 )           len 5
//
// The same idea as BlobStore's append-in-place buffers.
//
// Invariants: an element a view can see is never changed or removed (the
// buffer only grows past the views' ends); any other change (mut, erase,
// pop_back then push_back, a push_back past a shorter view) first copies the
// view into a buffer of its own. The buffer is a deque, so a push_back by one
// copy never moves the elements another copy has handed out references to.
// Reading is through const access only; mut(i) is the one way to change an
// element in place. Not thread-safe (nothing in the core shares an Image
// across threads).
#pragma once
#include <algorithm>
#include <compare>
#include <cstddef>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace ll {

template <class T>
class SharedVec {
public:
    using value_type = T;
    using size_type = size_t;

    // Random access by index into the buffer: stays valid while another copy
    // appends to the shared buffer (a deque iterator would not).
    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;
        const_iterator() = default;
        const_iterator(const std::deque<T>* buf, size_t i) : m_buf(buf), m_i(i) {}
        reference operator*() const { return (*m_buf)[m_i]; }
        pointer operator->() const { return &(*m_buf)[m_i]; }
        reference operator[](difference_type n) const { return (*m_buf)[size_t(difference_type(m_i) + n)]; }
        const_iterator& operator++() { ++m_i; return *this; }
        const_iterator operator++(int) { const_iterator t = *this; ++m_i; return t; }
        const_iterator& operator--() { --m_i; return *this; }
        const_iterator operator--(int) { const_iterator t = *this; --m_i; return t; }
        const_iterator& operator+=(difference_type n) { m_i = size_t(difference_type(m_i) + n); return *this; }
        const_iterator& operator-=(difference_type n) { m_i = size_t(difference_type(m_i) - n); return *this; }
        friend const_iterator operator+(const_iterator a, difference_type n) { return a += n; }
        friend const_iterator operator+(difference_type n, const_iterator a) { return a += n; }
        friend const_iterator operator-(const_iterator a, difference_type n) { return a -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return difference_type(a.m_i) - difference_type(b.m_i);
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.m_i == b.m_i; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.m_i <=> b.m_i; }

    private:
        const std::deque<T>* m_buf = nullptr;
        size_t m_i = 0;
    };
    using iterator = const_iterator;

    SharedVec() = default;
    SharedVec(std::initializer_list<T> items) { assign(items.begin(), items.end()); }
    SharedVec(const std::vector<T>& items) { assign(items.begin(), items.end()); }  // NOLINT: implicit, as a vector
    template <class It>
    SharedVec(It first, It last) {
        assign(first, last);
    }
    SharedVec& operator=(std::initializer_list<T> items) {
        assign(items.begin(), items.end());
        return *this;
    }

    size_t size() const { return m_len; }
    bool empty() const { return m_len == 0; }
    const T& operator[](size_t i) const { return (*m_buf)[i]; }
    const T& front() const { return (*m_buf)[0]; }
    const T& back() const { return (*m_buf)[m_len - 1]; }
    const_iterator begin() const { return {m_buf.get(), 0}; }
    const_iterator end() const { return {m_buf.get(), m_len}; }

    void push_back(T item) {
        if (!m_buf) m_buf = std::make_shared<std::deque<T>>();
        else if (m_buf->size() != m_len) own();  // someone appended past our end
        m_buf->push_back(std::move(item));
        ++m_len;
    }
    template <class... Args>
    void emplace_back(Args&&... args) {
        push_back(T(std::forward<Args>(args)...));
    }
    // The element to change in place (copies the view first if it is shared).
    T& mut(size_t i) {
        own();
        return (*m_buf)[i];
    }
    T& mut_back() { return mut(m_len - 1); }
    void pop_back() { --m_len; }  // the buffer keeps it; the next push_back copies
    void clear() {
        m_buf.reset();
        m_len = 0;
    }
    // Removes the elements `pred` holds for; copies only when one does.
    template <class Pred>
    size_t erase_if(Pred pred) {
        size_t first = 0;
        while (first < m_len && !pred((*m_buf)[first])) ++first;
        if (first == m_len) return 0;
        own();
        auto from = m_buf->begin() + std::ptrdiff_t(first);
        size_t before = m_buf->size();
        m_buf->erase(std::remove_if(from, m_buf->end(), pred), m_buf->end());
        m_len = m_buf->size();
        return before - m_len;
    }

    // Both views read one buffer (tests check that a build's steps share it).
    bool shares_buffer(const SharedVec& o) const { return m_buf && m_buf == o.m_buf; }

    std::vector<T> vec() const { return std::vector<T>(begin(), end()); }
    operator std::vector<T>() const { return vec(); }  // NOLINT: implicit, for APIs that take a vector

    friend bool operator==(const SharedVec& a, const SharedVec& b) {
        if (a.m_len != b.m_len) return false;
        if (a.m_buf == b.m_buf) return true;
        for (size_t i = 0; i < a.m_len; ++i)
            if (!((*a.m_buf)[i] == (*b.m_buf)[i])) return false;
        return true;
    }
    friend bool operator==(const SharedVec& a, const std::vector<T>& b) {
        if (a.m_len != b.size()) return false;
        for (size_t i = 0; i < a.m_len; ++i)
            if (!((*a.m_buf)[i] == b[i])) return false;
        return true;
    }

private:
    template <class It>
    void assign(It first, It last) {
        m_buf = std::make_shared<std::deque<T>>(first, last);
        m_len = m_buf->size();
    }
    // Makes the buffer this view's alone and exactly as long as the view.
    void own() {
        if (!m_buf) {
            m_buf = std::make_shared<std::deque<T>>();
            return;
        }
        if (m_buf.use_count() == 1) {
            if (m_buf->size() != m_len) m_buf->erase(m_buf->begin() + std::ptrdiff_t(m_len), m_buf->end());
            return;
        }
        auto first = m_buf->begin();
        m_buf = std::make_shared<std::deque<T>>(first, first + std::ptrdiff_t(m_len));
    }

    std::shared_ptr<std::deque<T>> m_buf;
    size_t m_len = 0;
};

}  // namespace ll
