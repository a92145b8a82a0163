/// The significand digits of a `BigFloat`: 64-bit limbs, least significant first, held inline
/// up to `inlineCapacity` limbs and on the heap beyond.
///
/// Why: the checker's precise layer mostly works at 128 to 256 bits, where a heap-allocated
/// array per intermediate value cost more than the arithmetic itself (allocation, reference
/// counting and generic metadata lookups were about half of the precise layer's instructions).
/// Six inline limbs hold a 128-bit operation's working precision (about 184 bits) and the full
/// product of two such numbers, so the common case allocates nothing.
struct Limbs: Sendable, Equatable, RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    static let inlineCapacity = 6

    private var inline: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    /// Used instead of `inline` once more than `inlineCapacity` limbs are held.
    private var heap: [UInt64] = []
    private var isHeap = false
    private var inlineCount = 0

    init() {}

    init(repeating value: UInt64, count: Int) {
        if count > Self.inlineCapacity {
            heap = [UInt64](repeating: value, count: count)
            isHeap = true
        } else {
            inlineCount = count
            if value != 0 { for i in 0..<count { self[i] = value } }
        }
    }

    /// The limbs of `source`, copied in one go.
    @inline(__always)
    init(copying source: UnsafeBufferPointer<UInt64>) {
        guard let base = source.baseAddress, source.count > 0 else { return }
        if source.count > Self.inlineCapacity {
            heap = Array(source)
            isHeap = true
        } else {
            inlineCount = source.count
            withUnsafeMutableBytes(of: &inline) { raw in
                raw.baseAddress!.copyMemory(from: base, byteCount: source.count &* 8)
            }
        }
    }

    init(arrayLiteral elements: UInt64...) {
        self.init(repeating: 0, count: elements.count)
        for (i, limb) in elements.enumerated() { self[i] = limb }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { isHeap ? heap.count : inlineCount }
    var count: Int { endIndex }
    var isEmpty: Bool { endIndex == 0 }

    func index(after i: Int) -> Int { i + 1 }
    func index(before i: Int) -> Int { i - 1 }

    subscript(i: Int) -> UInt64 {
        get {
            if isHeap { return heap[i] }
            assert(i >= 0 && i < inlineCount, "limb index out of range")
            return withUnsafeBytes(of: inline) { $0.load(fromByteOffset: i &* 8, as: UInt64.self) }
        }
        set {
            if isHeap { heap[i] = newValue; return }
            assert(i >= 0 && i < inlineCount, "limb index out of range")
            withUnsafeMutableBytes(of: &inline) { $0.storeBytes(of: newValue, toByteOffset: i &* 8, as: UInt64.self) }
        }
    }

    var last: UInt64? { isEmpty ? nil : self[count - 1] }
    var first: UInt64? { isEmpty ? nil : self[0] }

    mutating func append(_ limb: UInt64) {
        if !isHeap && inlineCount == Self.inlineCapacity { moveToHeap() }
        if isHeap { heap.append(limb); return }
        inlineCount += 1
        self[inlineCount - 1] = limb
    }

    mutating func removeLast() {
        if isHeap { heap.removeLast(); return }
        precondition(inlineCount > 0, "removeLast on empty limbs")
        self[inlineCount - 1] = 0
        inlineCount -= 1
    }

    /// Drops the `k` lowest limbs.
    mutating func removeFirst(_ k: Int) {
        guard k > 0 else { return }
        if isHeap { heap.removeFirst(k); return }
        let remaining = inlineCount - k
        for i in 0..<remaining { self[i] = self[i + k] }
        for i in remaining..<inlineCount { self[i] = 0 }
        inlineCount = remaining
    }

    /// Calls `body` with the limbs as one contiguous buffer (no copy, no uniqueness checks in
    /// the loops of the big operations).
    func withUnsafeLimbs<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        if isHeap { return heap.withUnsafeBufferPointer(body) }
        let count = inlineCount
        return withUnsafeBytes(of: inline) { raw in
            body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt64.self), count: count))
        }
    }

    /// Calls `body` with the limbs as one mutable contiguous buffer.
    mutating func withUnsafeMutableLimbs<R>(_ body: (UnsafeMutableBufferPointer<UInt64>) -> R) -> R {
        if isHeap { return heap.withUnsafeMutableBufferPointer { body($0) } }
        let count = inlineCount
        return withUnsafeMutableBytes(of: &inline) { raw in
            body(UnsafeMutableBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt64.self), count: count))
        }
    }

    /// Drops zero limbs at the top.
    mutating func trimTop() {
        while let top = last, top == 0 { removeLast() }
    }

    private mutating func moveToHeap() {
        var copy = [UInt64]()
        copy.reserveCapacity(inlineCount * 2)
        for i in 0..<inlineCount { copy.append(self[i]) }
        heap = copy
        isHeap = true
        inline = (0, 0, 0, 0, 0, 0)
        inlineCount = 0
    }

    static func == (a: Limbs, b: Limbs) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }
}
