/// The significand digits of a `BigFloat`: 64-bit limbs, least significant first, held inline
/// up to `inlineCapacity` limbs and on the heap beyond.
///
/// Why: the checker's precise layer mostly works at 128 to 256 bits, where a heap-allocated
/// array per intermediate value cost more than the arithmetic itself (allocation, reference
/// counting and generic metadata lookups were about half of the precise layer's instructions).
/// Six inline limbs hold a 128-bit operation's working precision (about 184 bits) and the full
/// product of two such numbers, so the common case allocates nothing.
///
/// The two kinds of storage are the cases of an enum rather than side-by-side fields, so that
/// copying inline limbs (the precise layer copies a million values over the dev corpus) is a
/// plain copy of bytes, with no reference count touched.
struct Limbs: Sendable, Equatable, RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    static let inlineCapacity = 6
    private typealias Inline = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private static let noLimbs: Inline = (0, 0, 0, 0, 0, 0)

    private enum Storage: Sendable {
        /// Up to `inlineCapacity` limbs; those at and past `count` are zero.
        case inline(Inline, count: Int)
        /// Used instead once more than `inlineCapacity` limbs are held.
        case heap([UInt64])
    }

    private var storage: Storage = .inline(Limbs.noLimbs, count: 0)

    init() {}

    init(repeating value: UInt64, count: Int) {
        if count > Self.inlineCapacity {
            storage = .heap([UInt64](repeating: value, count: count))
        } else {
            var values = Self.noLimbs
            if value != 0 {
                withUnsafeMutableBytes(of: &values) { raw in
                    for i in 0..<count { raw.storeBytes(of: value, toByteOffset: i &* 8, as: UInt64.self) }
                }
            }
            storage = .inline(values, count: count)
        }
    }

    /// The limbs of `source`, copied in one go.
    @inline(__always)
    init(copying source: UnsafeBufferPointer<UInt64>) {
        guard let base = source.baseAddress, source.count > 0 else { return }
        if source.count > Self.inlineCapacity {
            storage = .heap(Array(source))
        } else {
            var values = Self.noLimbs
            withUnsafeMutableBytes(of: &values) { raw in
                raw.baseAddress!.copyMemory(from: base, byteCount: source.count &* 8)
            }
            storage = .inline(values, count: source.count)
        }
    }

    /// One limb. A literal such as `[n]` builds an array for its variadic arguments first (a
    /// heap allocation for every integer and sample coordinate the precise layer reads).
    init(single limb: UInt64) {
        storage = .inline((limb, 0, 0, 0, 0, 0), count: 1)
    }

    /// Whether these are the single limb 1 (compared without building `[1]`).
    var isSingleOne: Bool {
        switch storage {
        case let .inline(values, count): return count == 1 && values.0 == 1
        case let .heap(array): return array.count == 1 && array[0] == 1
        }
    }

    init(arrayLiteral elements: UInt64...) {
        self.init(repeating: 0, count: elements.count)
        for (i, limb) in elements.enumerated() { self[i] = limb }
    }

    var startIndex: Int { 0 }
    var endIndex: Int {
        switch storage {
        case let .inline(_, count): return count
        case let .heap(array): return array.count
        }
    }
    var count: Int { endIndex }
    var isEmpty: Bool { endIndex == 0 }

    func index(after i: Int) -> Int { i + 1 }
    func index(before i: Int) -> Int { i - 1 }

    subscript(i: Int) -> UInt64 {
        get {
            switch storage {
            case let .inline(values, count):
                assert(i >= 0 && i < count, "limb index out of range")
                return withUnsafeBytes(of: values) { $0.load(fromByteOffset: i &* 8, as: UInt64.self) }
            case let .heap(array):
                return array[i]
            }
        }
        set {
            modify(inline: { raw, count in
                assert(i >= 0 && i < count, "limb index out of range")
                raw.storeBytes(of: newValue, toByteOffset: i &* 8, as: UInt64.self)
            }, heap: { $0[i] = newValue })
        }
    }

    var last: UInt64? { isEmpty ? nil : self[count - 1] }
    var first: UInt64? { isEmpty ? nil : self[0] }

    /// Changes the limbs in place: `inline` gets the inline limbs' bytes and count, `heap` the
    /// array, which is taken out of `storage` first so that it is uniquely held (no copy).
    @inline(__always)
    private mutating func modify<R>(inline: (UnsafeMutableRawBufferPointer, inout Int) -> R,
                                    heap: (inout [UInt64]) -> R) -> R {
        switch storage {
        case .inline(var values, var count):
            let result = withUnsafeMutableBytes(of: &values) { inline($0, &count) }
            storage = .inline(values, count: count)
            return result
        case .heap(var array):
            storage = .inline(Self.noLimbs, count: 0)
            let result = heap(&array)
            storage = .heap(array)
            return result
        }
    }

    mutating func append(_ limb: UInt64) {
        if case let .inline(values, count) = storage, count == Self.inlineCapacity {
            var array = [UInt64]()
            array.reserveCapacity(count * 2)
            withUnsafeBytes(of: values) { raw in
                for i in 0..<count { array.append(raw.load(fromByteOffset: i &* 8, as: UInt64.self)) }
            }
            array.append(limb)
            storage = .heap(array)
            return
        }
        modify(inline: { raw, count in
            raw.storeBytes(of: limb, toByteOffset: count &* 8, as: UInt64.self)
            count += 1
        }, heap: { $0.append(limb) })
    }

    mutating func removeLast() {
        modify(inline: { raw, count in
            precondition(count > 0, "removeLast on empty limbs")
            count -= 1
            raw.storeBytes(of: 0, toByteOffset: count &* 8, as: UInt64.self)
        }, heap: { _ = $0.removeLast() })
    }

    /// Drops the `k` lowest limbs.
    mutating func removeFirst(_ k: Int) {
        guard k > 0 else { return }
        modify(inline: { raw, count in
            let remaining = count - k
            for i in 0..<remaining {
                raw.storeBytes(of: raw.load(fromByteOffset: (i + k) &* 8, as: UInt64.self), toByteOffset: i &* 8, as: UInt64.self)
            }
            for i in remaining..<count { raw.storeBytes(of: 0, toByteOffset: i &* 8, as: UInt64.self) }
            count = remaining
        }, heap: { $0.removeFirst(k) })
    }

    /// Calls `body` with the limbs as one contiguous buffer (no uniqueness checks in the loops
    /// of the big operations).
    func withUnsafeLimbs<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        switch storage {
        case let .inline(values, count):
            return withUnsafeBytes(of: values) { raw in
                body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt64.self), count: count))
            }
        case let .heap(array):
            return array.withUnsafeBufferPointer(body)
        }
    }

    /// Calls `body` with the limbs as one mutable contiguous buffer.
    mutating func withUnsafeMutableLimbs<R>(_ body: (UnsafeMutableBufferPointer<UInt64>) -> R) -> R {
        modify(inline: { raw, count in
            body(UnsafeMutableBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt64.self), count: count))
        }, heap: { array in array.withUnsafeMutableBufferPointer { body($0) } })
    }

    /// Drops zero limbs at the top.
    mutating func trimTop() {
        while let top = last, top == 0 { removeLast() }
    }

    static func == (a: Limbs, b: Limbs) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }
}
