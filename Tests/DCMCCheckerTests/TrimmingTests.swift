import DCMCModel
import Testing

/// The one trimming helper (`StringProtocol.trimming(where:)` and `trimmingSpaces`) that the
/// server's headers, the language server's frames and completion, durations and the checker use.
@Suite struct TrimmingTests {
  @Test func spacesAndTabsGoFromBothEnds() {
    #expect(" \t Bearer abc \t ".trimmingSpaces == "Bearer abc")
    #expect("a b".trimmingSpaces == "a b")
    #expect("a\t b".trimmingSpaces == "a\t b")
    #expect("   ".trimmingSpaces == "")
    #expect("".trimmingSpaces == "")
    #expect(" \n x \n ".trimmingSpaces == "\n x \n")
  }

  @Test func aSliceStaysASliceOfItsText() {
    let text = "Content-Length:  42 "
    let value = text[text.index(after: text.firstIndex(of: ":")!)...]
    let trimmed = value.trimmingSpaces
    #expect(trimmed == "42")
    #expect(text[trimmed.startIndex..<trimmed.endIndex] == "42")
  }

  @Test func anyCharacterCanBeTrimmed() {
    #expect(#""quoted""#.trimming { $0 == "\"" } == "quoted")
    #expect(" mon - fri ".trimming { $0 == " " } == "mon - fri")
    #expect("\tx\t".trimming { $0 == " " } == "\tx\t")
  }

  @Test func aDurationMayHaveBlanksAround() throws {
    #expect(try DCMCModel.Duration.parse(" 2h\t").get() == DCMCModel.Duration(seconds: 7200))
  }
}
