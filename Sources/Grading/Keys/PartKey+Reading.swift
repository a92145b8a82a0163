import CourseModels

/// Reads the stored encoding of a `PartKey` (version 1, see `PartKey`) from a `JSONValue` (the
/// package's one JSON lexer), without `JSONDecoder`: a submit decodes the key of every part it
/// grades, and `JSONDecoder`'s generic containers cost more than the grading of a short answer
/// (their first use alone is millions of instructions of runtime type lookups). What it accepts
/// is what the `Codable` conformance accepts: members in any order, unknown members ignored,
/// `null` for an absent optional; a failure is a `DecodingError`, as before. Only JSON outside
/// RFC 8259 that `JSONDecoder` lets pass (a trailing comma) is refused; the key writer never
/// writes it.
enum PartKeyReader {
    typealias Value = JSONValue

    /// Parses `json` into a value tree.
    /// - Throws: `DecodingError.dataCorrupted` saying what breaks JSON's grammar.
    static func parse(_ json: String) throws(DecodingError) -> Value {
        do throws(JSONValue.SyntaxError) {
            return try JSONValue(parsing: json)
        } catch {
            throw corrupted("the key's stored JSON: \(error.message)")
        }
    }

    static func corrupted(_ message: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: message))
    }
}

/// The members of one JSON object, looked up by name, with errors that name the object.
struct KeyObject {
    let name: String
    let members: [(key: String, value: PartKeyReader.Value)]

    /// `value` as the object `name`.
    /// - Throws: `DecodingError` when it is not an object.
    init(_ value: PartKeyReader.Value, name: String) throws(DecodingError) {
        guard case let .object(members) = value else { throw PartKeyReader.corrupted("\(name) is not a JSON object") }
        self.name = name
        self.members = members
    }

    /// The member `key`, nil when absent or `null` (as `decodeIfPresent` reads it).
    func optional(_ key: String) -> PartKeyReader.Value? {
        guard let value = members.last(where: { $0.key == key })?.value else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// The member `key`.
    /// - Throws: `DecodingError` when it is absent or `null`.
    func required(_ key: String) throws(DecodingError) -> PartKeyReader.Value {
        guard let value = optional(key) else { throw PartKeyReader.corrupted("\(name) has no '\(key)'") }
        return value
    }

    func string(_ key: String) throws(DecodingError) -> String { try Self.string(required(key), "\(name).\(key)") }
    func double(_ key: String) throws(DecodingError) -> Double { try Self.double(required(key), "\(name).\(key)") }
    func object(_ key: String) throws(DecodingError) -> KeyObject { try KeyObject(required(key), name: "\(name).\(key)") }

    func bool(_ key: String) throws(DecodingError) -> Bool {
        guard case let .bool(flag) = try required(key) else { throw PartKeyReader.corrupted("\(name).\(key) is not true or false") }
        return flag
    }

    func array(_ key: String) throws(DecodingError) -> [PartKeyReader.Value] {
        try Self.array(required(key), "\(name).\(key)")
    }

    func strings(_ key: String) throws(DecodingError) -> [String] {
        var result: [String] = []
        for element in try array(key) { result.append(try Self.string(element, "an element of \(name).\(key)")) }
        return result
    }

    func doubles(_ key: String) throws(DecodingError) -> [Double] {
        var result: [Double] = []
        for element in try array(key) { result.append(try Self.double(element, "an element of \(name).\(key)")) }
        return result
    }

    /// A string-keyed dictionary member, each value read by `read`.
    func dictionary<T>(_ key: String, _ read: (PartKeyReader.Value, String) throws(DecodingError) -> T) throws(DecodingError) -> [String: T] {
        let object = try self.object(key)
        var result: [String: T] = [:]
        for (name, value) in object.members { result[name] = try read(value, "\(object.name).\(name)") }
        return result
    }

    static func string(_ value: PartKeyReader.Value, _ what: String) throws(DecodingError) -> String {
        guard case let .string(text) = value else { throw PartKeyReader.corrupted("\(what) is not a string") }
        return text
    }

    static func double(_ value: PartKeyReader.Value, _ what: String) throws(DecodingError) -> Double {
        guard case let .number(text) = value, let number = Double(text), number.isFinite else {
            throw PartKeyReader.corrupted("\(what) is not a finite number")
        }
        return number
    }

    static func int(_ value: PartKeyReader.Value, _ what: String) throws(DecodingError) -> Int {
        guard case let .number(text) = value, let number = Int(text) else { throw PartKeyReader.corrupted("\(what) is not an integer") }
        return number
    }

    static func array(_ value: PartKeyReader.Value, _ what: String) throws(DecodingError) -> [PartKeyReader.Value] {
        guard case let .array(elements) = value else { throw PartKeyReader.corrupted("\(what) is not an array") }
        return elements
    }

    /// A string member naming a case of `T`.
    static func raw<T: RawRepresentable>(_ value: PartKeyReader.Value, _ what: String, as type: T.Type) throws(DecodingError) -> T
    where T.RawValue == String {
        guard let parsed = T(rawValue: try string(value, what)) else {
            throw PartKeyReader.corrupted("\(what) is not one of the names this program knows")
        }
        return parsed
    }
}

extension PartKey {
    /// Reads the stored encoding (see the type's documentation).
    init(reading value: PartKeyReader.Value) throws(DecodingError) {
        let object = try KeyObject(value, name: "the key")
        let version = try object.optional("version").map { (value) throws(DecodingError) in try KeyObject.int(value, "the key's version") } ?? 1
        guard version == Self.encodingVersion else {
            throw PartKeyReader.corrupted(
                "answer key encoding version \(version) is newer than this program reads (\(Self.encodingVersion))")
        }
        answer = try AnswerKey(reading: object.required("answer"))
        mistakes = try object.dictionary("mistakes", KeyObject.string)
        form = try object.optional("form").map { (value) throws(DecodingError) in try KeyObject.raw(value, "the key's form", as: AnswerForm.self) }
        limitVariable = try object.optional("limitVariable").map { (value) throws(DecodingError) in try KeyObject.string(value, "the key's limitVariable") }
        significantDigits = try object.optional("significantDigits").map { (value) throws(DecodingError) in
            try KeyObject.int(value, "the key's significantDigits")
        }
        numericMistakes = object.optional("numericMistakes") == nil ? [:] : try object.dictionary("numericMistakes") {
            (value, what) throws(DecodingError) in
            let mistake = try KeyObject(value, name: what)
            return NumericMistake(values: try mistake.doubles("values"), tolerances: try Tolerance.list(mistake.array("tolerances"), what))
        }
        var slots: [EstimateSlot?] = []
        if object.optional("estimates") != nil {
            for element in try object.array("estimates") {
                if case .null = element { slots.append(nil); continue }
                let slot = try KeyObject(element, name: "an estimate of the key")
                var alternatives: [EstimateAlternative] = []
                for entry in try slot.array("alternatives") {
                    let alternative = try KeyObject(entry, name: "an alternative of an estimate")
                    alternatives.append(EstimateAlternative(
                        kind: try KeyObject.raw(alternative.required("kind"), "\(alternative.name).kind", as: EstimateAlternative.Kind.self),
                        value: try alternative.double("value")))
                }
                slots.append(EstimateSlot(method: try slot.string("method"), step: try slot.double("step"), band: try slot.double("band"),
                                          spacing: try slot.double("spacing"), alternatives: alternatives))
            }
        }
        estimates = slots
    }
}

extension AnswerKey {
    init(reading value: PartKeyReader.Value) throws(DecodingError) {
        let wrapper = try KeyObject(value, name: "the key's answer")
        guard wrapper.members.count == 1, let (kind, body) = wrapper.members.first else {
            throw PartKeyReader.corrupted("an answer key names exactly one kind")
        }
        let fields = try KeyObject(body, name: "the \(kind) answer")
        switch kind {
        case "expression":
            let key = try fields.object("_0")
            self = .expression(ExpressionKey(
                key: try key.string("key"), variables: try key.strings("variables"),
                domain: try key.dictionary("domain") { (value, what) throws(DecodingError) in try Interval(reading: value, what) },
                derivativeOf: try key.optional("derivativeOf").map { (value) throws(DecodingError) in try KeyObject.string(value, "derivativeOf") },
                withRespectTo: try key.optional("withRespectTo").map { (value) throws(DecodingError) in try KeyObject.string(value, "withRespectTo") }))
        case "implicit":
            let key = try fields.object("_0")
            self = .implicit(ImplicitKey(
                equation: try key.string("equation"), key: try key.string("key"), x: try key.string("x"), y: try key.string("y"),
                xRange: try Interval(reading: key.required("xRange"), "xRange"),
                yRange: try Interval(reading: key.required("yRange"), "yRange")))
        case "number":
            self = .number(value: try fields.double("value"), tolerance: try Tolerance(reading: fields.required("tolerance"), "tolerance"))
        case "numbers":
            self = .numbers(values: try fields.doubles("values"), tolerances: try Tolerance.list(fields.array("tolerances"), "tolerances"),
                            ordered: try fields.bool("ordered"))
        case "criticalPoints":
            var points: [CriticalPointKey] = []
            for element in try fields.array("points") {
                let point = try KeyObject(element, name: "a critical point")
                points.append(CriticalPointKey(
                    x: try point.double("x"), kind: try KeyObject.raw(point.required("kind"), "a critical point's kind", as: CriticalPointKey.Kind.self)))
            }
            self = .criticalPoints(points: points, tolerance: try Tolerance(reading: fields.required("tolerance"), "tolerance"))
        case "choice":
            self = .choice(options: try fields.strings("options"), key: try fields.string("key"))
        case "manual":
            self = .manual(rubric: try fields.string("rubric"))
        default:
            throw PartKeyReader.corrupted("'\(kind)' is not an answer kind this program knows")
        }
    }
}

extension Interval {
    init(reading value: PartKeyReader.Value, _ what: String) throws(DecodingError) {
        let object = try KeyObject(value, name: what)
        self.init(try object.double("lower"), try object.double("upper"))
    }
}

extension Tolerance {
    init(reading value: PartKeyReader.Value, _ what: String) throws(DecodingError) {
        let object = try KeyObject(value, name: what)
        self.init(relative: try object.double("relative"), absolute: try object.double("absolute"))
    }

    static func list(_ values: [PartKeyReader.Value], _ what: String) throws(DecodingError) -> [Tolerance] {
        var result: [Tolerance] = []
        for value in values { result.append(try Tolerance(reading: value, "a tolerance of \(what)")) }
        return result
    }
}
