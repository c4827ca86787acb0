import DCMCServer

/// The one line `dcmc serve` writes on standard error per request: method, path, status,
/// duration and user, and why a page could not be answered when the server is not set up for
/// it (`HTTPResponse.logNote`); never a header, a token, a body or a status link's secret. Control characters in the path are
/// escaped, so a request cannot write lines of its own into the log.
enum RequestLog {
  static func line(_ request: HTTPRequest, _ answer: API.Answer, milliseconds: Double) -> String {
    let duration = (milliseconds * 10).rounded() / 10
    return
      "\(escaped(request.method.prefix(16)))  \(escaped(Pages.loggedPath(request.path).prefix(200)))  "
      + "\(answer.response.status)  "
      + "\(duration) ms  \(answer.user.map { escaped($0.prefix(64)) } ?? "-")"
      + (answer.response.logNote.map { "  (\(escaped($0.prefix(200))))" } ?? "") + "\n"
  }

  /// `text` with its C0 controls and DEL written `\x` and hex. Most text has none, and is
  /// copied whole: a byte below 0x20 or 0x7F in UTF-8 is always that scalar.
  static func escaped(_ text: Substring) -> String {
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return String(text) }
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        result += "\\x" + String(scalar.value, radix: 16)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
