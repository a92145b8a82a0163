import Foundation

/// Times in bundles: RFC 3339 in UTC with exactly three fraction digits,
/// `2026-03-01T09:30:00.250Z`, the millisecond precision attempts are stored at.
///
/// Written and read by hand: Foundation's ISO 8601 formatter costs microseconds a call, and
/// a bundle holds a million timestamps.
package enum BundleTimestamp {
    /// The 24 UTF-8 bytes of `milliseconds` since 1970 in the bundle form.
    static func write(_ milliseconds: Int64, into output: inout [UInt8]) {
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let millisecond = rest % 1000
        appendDigits(year, 4, &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, 2, &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, 2, &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(hour, 2, &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(minute, 2, &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(second, 2, &output)
        output.append(UInt8(ascii: "."))
        appendDigits(millisecond, 3, &output)
        output.append(UInt8(ascii: "Z"))
    }

    /// The bundle form of `milliseconds` as a string.
    package static func string(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        write(milliseconds, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Milliseconds since 1970 for `text` in the bundle form, or nil when it is not exactly that
    /// form or names an impossible date (February 30th, hour 24).
    package static func parse<Bytes: RandomAccessCollection>(_ text: Bytes) -> Int64? where Bytes.Element == UInt8, Bytes.Index == Int {
        guard text.count == 24 else { return nil }
        let base = text.startIndex
        func digits(_ offset: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in base + offset..<base + offset + count {
                let byte = text[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        func byte(_ offset: Int, _ expected: Character) -> Bool { text[base + offset] == expected.asciiValue! }
        guard byte(4, "-"), byte(7, "-"), byte(10, "T"), byte(13, ":"), byte(16, ":"), byte(19, "."), byte(23, "Z"),
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              let millisecond = digits(20, 3),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        let days = self.days(fromCivil: year, month, day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }

    private static func appendDigits(_ value: Int64, _ width: Int, _ output: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            output.append(UInt8(48 + (remaining / divisor) % 10))
            remaining %= divisor
            divisor /= 10
        }
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
