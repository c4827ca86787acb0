/// Where a request's method and path lead in a table of routes: the API's (`APIRoutes`) and
/// the pages' (`PageRoute`) are routed the same way, so a 405's `Allow` is always computed
/// from the table, never written by hand. A template's `{name}` matches one non-empty path
/// segment, decoded (`%2F`, `%25`: an encoded slash is in the segment, never between two);
/// any other segment matches itself.
enum Routing<Entry> {
  /// The first entry whose template and method match, with the path's parameters.
  case found(Entry, [String: String])
  /// Templates match the path, none with the request's method: the methods that do, in the
  /// table's order, each once, HEAD after GET (the 405's `Allow`).
  case notAllowed([String])
  /// No template matches the path.
  case notFound

  /// HEAD is routed as GET (RFC 9110: the GET's status and headers; libmicrohttpd sends no
  /// body to a HEAD, `API.Answer.forHead` drops a stream), and `Allow` lists it after GET.
  init(_ table: [Entry], method: String, path: String, by key: (Entry) -> (method: String, template: String)) {
    var allowed: [String] = []
    let wanted = method == "HEAD" ? "GET" : method
    for entry in table {
      let (entryMethod, template) = key(entry)
      guard let parameters = Self.match(template, path) else { continue }
      if entryMethod == wanted {
        self = .found(entry, parameters)
        return
      }
      for listed in entryMethod == "GET" ? ["GET", "HEAD"] : [entryMethod] where !allowed.contains(listed) {
        allowed.append(listed)
      }
    }
    self = allowed.isEmpty ? .notFound : .notAllowed(allowed)
  }

  /// The path parameters when `path` matches `template`; `nil` when it does not. Both are
  /// walked segment by segment in place (every request tries every template: splitting each
  /// into an array of substrings was most of a request's routing).
  static func match(_ template: String, _ path: String) -> [String: String]? {
    let slash = UInt8(ascii: "/")
    var (patterns, segments) = (template.utf8[...], path.utf8[...])
    var parameters: [String: String] = [:]
    // Each round but the last takes a segment and its `/` off the path: its length bounds them.
    for _ in 0...segments.count {
      let (patternEnd, segmentEnd) = (patterns.firstIndex(of: slash), segments.firstIndex(of: slash))
      let pattern = patterns[..<(patternEnd ?? patterns.endIndex)]
      let segment = segments[..<(segmentEnd ?? segments.endIndex)]
      if pattern.first == UInt8(ascii: "{") {
        guard !segment.isEmpty else { return nil }
        parameters[String(Substring(pattern.dropFirst().dropLast()))] = HTTPRequest.decodingSlashes(
          String(Substring(segment)))
      } else if !pattern.elementsEqual(segment) {
        return nil
      }
      // Both end here, or the two have different numbers of segments.
      guard let patternEnd, let segmentEnd else { return patternEnd == nil && segmentEnd == nil ? parameters : nil }
      patterns = patterns[patterns.index(after: patternEnd)...]
      segments = segments[segments.index(after: segmentEnd)...]
    }
    return nil
  }
}

/// One route of the pages: a method, a path template (`/desk/cases/{id}`) and the handler
/// that answers it in `Context` (the desk's, the supervisor's). A table of them routes a
/// request and computes a 405's `Allow` (`respond`), as `APIRoutes` does for the API.
struct PageRoute<Context>: Sendable {
  var method: String
  var template: String
  var handle: @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse

  static func get(
    _ template: String, _ handle: @escaping @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse
  ) -> PageRoute {
    PageRoute(method: "GET", template: template, handle: handle)
  }

  static func post(
    _ template: String, _ handle: @escaping @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse
  ) -> PageRoute {
    PageRoute(method: "POST", template: template, handle: handle)
  }

  /// The answer of `table`'s route for `request` in `context`: its handler's, else 405 with
  /// the methods the path has, else 404.
  static func respond(_ table: [PageRoute], _ request: HTTPRequest, in context: Context) -> HTTPResponse {
    switch Routing(table, method: request.method, path: request.path, by: { ($0.method, $0.template) }) {
    case .found(let route, let parameters): route.handle(context, request, parameters)
    case .notAllowed(let methods): Pages.notAllowed(methods.joined(separator: ", "))
    case .notFound: Pages.notFound
    }
  }
}
