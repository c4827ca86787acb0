import DCMCDiagnostics
import Testing

@Suite struct SuggestionTests {
  @Test("close names are suggested, transpositions count as one edit")
  func closeNames() {
    #expect(Suggestion.closest(to: "employes", in: ["experts", "employees"]) == "employees")
    #expect(Suggestion.closest(to: "Europe/Brusels", in: ["Europe/Berlin", "Europe/Brussels"]) == "Europe/Brussels")
    #expect(Suggestion.closest(to: "gloden", in: ["gold", "golden"]) == "golden")
  }

  @Test("short words allow fewer edits, so unrelated two-letter values are not suggested")
  func shortWords() {
    #expect(Suggestion.closest(to: "de", in: ["fr", "nl"]) == nil)
    #expect(Suggestion.closest(to: "gould", in: ["gold", "silver"]) == "gold")
  }
}
