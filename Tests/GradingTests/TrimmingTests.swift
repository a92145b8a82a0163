import CourseModels
import Foundation
import Testing

/// `trimmingSpaces` and `trimmingSpacesAndNewlines` replace Foundation's `trimmingCharacters(in:)`
/// on the submit path; answer files are read the same only if they trim exactly the same.
@Suite struct TrimmingTests {
    /// Spaces of every kind around and inside text, line breaks of every kind, and text that is
    /// nothing but them.
    static let samples: [String] = {
        let spaces = [" ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\u{202F}", "\u{1680}"]
        let breaks = ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        let bodies = ["", "x", "a) 12x^3 - 4", "e^x/(2√x)", "x \u{301}y", "\u{301}", "p-3fa9c2e81b04", "# note"]
        var out: [String] = []
        for body in bodies {
            for left in spaces + breaks + [""] {
                for right in spaces + breaks + [""] {
                    out.append(left + body + right)
                    out.append(left + left + body + " " + body + right + right)
                }
            }
        }
        return out
    }()

    @Test func spacesAreTrimmedAsFoundationTrimsWhitespaces() {
        for text in Self.samples {
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
            #expect(Substring(text).trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func spacesAndNewlinesAreTrimmedAsFoundationTrimsWhitespacesAndNewlines() {
        for text in Self.samples {
            #expect(text.trimmingSpacesAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func newlinesAreTrimmedAsFoundationTrimsNewlines() {
        for text in Self.samples {
            #expect(text.trimmingNewlines == text.trimmingCharacters(in: .newlines), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func trimmingWhereDropsOnlyTheOuterScalarsItNames() {
        let quote: (Unicode.Scalar) -> Bool = { $0 == "\"" || $0 == "'" || $0 == "`" }
        #expect("\"'minimum'\"".trimming(where: quote) == "minimum")
        #expect("`it's`".trimming(where: quote) == "it's")
        #expect("''".trimming(where: quote) == "")
        #expect("plain".trimming(where: quote) == "plain")
    }
}
