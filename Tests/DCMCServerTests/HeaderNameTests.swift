import Testing

@testable import DCMCServer

/// The shell lowercases a header's name as it reads it (`HTTPRequest.lowercasedName`), as
/// `String.lowercased()` does, which `HTTPRequest`'s public initializer applies.
@Suite struct HeaderNameTests {
  @Test func aNameIsLowercasedAsStringLowercasedDoes() {
    let names = [
      "", "Host", "Authorization", "Content-Type", "CONTENT-LENGTH", "x-request-id", "X-Forwarded-For", "@[`{",
      "AZaz09-_.~!#$%&'*+^|", "Ünïcödé-Header", "ÀÉÎ", "straße", "İstanbul", "ΣΊΣΥΦΟΣ", "\u{7f}A", "a\u{80}B",
    ]
    for name in names {
      let lowered = name.withCString { HTTPRequest.lowercasedName($0) }
      #expect(lowered == name.lowercased(), "\(name)")
      #expect(Array(lowered.utf8) == Array(name.lowercased().utf8), "\(name)")
    }
  }
}
