/// Where a request's method and path lead in a table of routes: the API's (`APIRoutes`) and
/// the pages' (`PageRoute`) are routed the same way, so a 405's `Allow` is always computed
/// from the table, never written by hand. A template's `{name}` matches one non-empty path
/// segment, decoded (`%2F`, `%25`: an encoded slash is in the segment, never between two);
/// any other segment matches itself. Where templates of more literal segments match a path,
/// only they route it: `POST /api/v1/tasks/next` is its own resource, not task `next` of
/// `PATCH /api/v1/tasks/{id}`, and its `Allow` lists POST alone.
enum Routing<Entry> {
  /// The first entry whose template and method match, with the path's parameters.
  case found(Entry, [String: String])
  /// Templates match the path, none with the request's method: the methods that do, in the
  /// table's order, each once, HEAD after GET, OPTIONS last (the 405's `Allow`).
  case notAllowed([String])
  /// An OPTIONS request to a path templates match: the methods it takes, as `notAllowed`
  /// lists them (the 204's `Allow`, RFC 9110 section 9.3.7).
  case options([String])
  /// No template matches the path.
  case notFound

  /// HEAD is routed as GET (RFC 9110: the GET's status and headers; libmicrohttpd sends no
  /// body to a HEAD, `API.Answer.forHead` drops a stream), and `Allow` lists it after GET.
  /// OPTIONS is answered on every path a template matches, so `Allow` lists it too.
  init(_ table: [Entry], method: String, path: String, by key: (Entry) -> (method: String, template: String)) {
    var allowed: [String] = []
    let wanted = method == "HEAD" ? "GET" : method
    var matches: [(entry: Entry, parameters: [String: String], literal: Int)] = []
    for entry in table {
      let template = key(entry).template
      guard let parameters = Self.match(template, path) else { continue }
      matches.append((entry, parameters, template.split(separator: "/").filter { $0.first != "{" }.count))
    }
    let most = matches.map(\.literal).max()
    for (entry, parameters, literal) in matches where literal == most {
      let entryMethod = key(entry).method
      if entryMethod == wanted {
        self = .found(entry, parameters)
        return
      }
      for listed in entryMethod == "GET" ? ["GET", "HEAD"] : [entryMethod] where !allowed.contains(listed) {
        allowed.append(listed)
      }
    }
    if allowed.isEmpty {
      self = .notFound
    } else {
      self = method == "OPTIONS" ? .options(allowed + ["OPTIONS"]) : .notAllowed(allowed + ["OPTIONS"])
    }
  }

  /// The methods of a table's entries, each once, HEAD after GET: what `OPTIONS *` lists
  /// (with OPTIONS) for the whole server.
  static func methods(of table: [Entry], by key: (Entry) -> (method: String, template: String)) -> [String] {
    var methods: [String] = []
    for entry in table {
      let method = key(entry).method
      for listed in method == "GET" ? ["GET", "HEAD"] : [method] where !methods.contains(listed) {
        methods.append(listed)
      }
    }
    return methods
  }

  /// The path parameters when `path` matches `template`; `nil` when it does not. Both are
  /// walked segment by segment in place, over their UTF-8 bytes (every request tries every
  /// template until one matches: splitting each into an array of substrings was most of a
  /// request's routing, and walking `Substring.UTF8View` indices still cost 4.6 k instructions
  /// a template).
  static func match(_ template: String, _ path: String) -> [String: String]? {
    var (template, path) = (template, path)
    return template.withUTF8 { patterns in path.withUTF8 { segments in match(patterns, segments) } }
  }

  private static func match(_ patterns: UnsafeBufferPointer<UInt8>, _ segments: UnsafeBufferPointer<UInt8>)
    -> [String: String]?
  {
    var parameters: [String: String] = [:]
    var (patternStart, segmentStart) = (0, 0)
    // Each round but the last takes a segment and its `/` off the path: its length bounds them.
    for _ in 0...segments.count {
      let patternEnd = endOfSegment(patterns, from: patternStart)
      let segmentEnd = endOfSegment(segments, from: segmentStart)
      let pattern = UnsafeBufferPointer(rebasing: patterns[patternStart..<patternEnd])
      let segment = UnsafeBufferPointer(rebasing: segments[segmentStart..<segmentEnd])
      if pattern.first == UInt8(ascii: "{") {
        guard !segment.isEmpty else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: pattern.dropFirst().dropLast()), as: UTF8.self)
        parameters[name] = HTTPRequest.decodingSlashes(String(decoding: segment, as: UTF8.self))
      } else if !pattern.elementsEqual(segment) {
        return nil
      }
      // Both end here, or the two have different numbers of segments.
      let (patternEnds, segmentEnds) = (patternEnd == patterns.count, segmentEnd == segments.count)
      guard !patternEnds, !segmentEnds else { return patternEnds && segmentEnds ? parameters : nil }
      (patternStart, segmentStart) = (patternEnd + 1, segmentEnd + 1)
    }
    return nil
  }

  /// Where the segment of `bytes` that starts at `start` ends: at its `/`, or the end.
  private static func endOfSegment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
    return end
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
  /// the methods the path has (204 with them for OPTIONS), else 404.
  static func respond(_ table: [PageRoute], _ request: HTTPRequest, in context: Context) -> HTTPResponse {
    switch routing(table, request.method, request.path) {
    case .found(let route, let parameters): route.handle(context, request, parameters)
    case .notAllowed(let methods): Pages.notAllowed(methods.joined(separator: ", "))
    case .options(let methods): HTTPResponse.options(methods)
    case .notFound: Pages.notFound
    }
  }

  /// `table`'s routing of `method` on `path`.
  static func routing(_ table: [PageRoute], _ method: String, _ path: String) -> Routing<PageRoute> {
    Routing(table, method: method, path: path, by: { ($0.method, $0.template) })
  }

  /// The methods `table`'s routes use (`Routing.methods`).
  static func methods(of table: [PageRoute]) -> [String] {
    Routing.methods(of: table, by: { ($0.method, $0.template) })
  }
}

extension HTTPResponse {
  /// The answer to OPTIONS: 204, the methods in `Allow`, no body.
  static func options(_ methods: [String]) -> HTTPResponse {
    HTTPResponse(status: 204, headers: [("Allow", methods.joined(separator: ", "))], body: [])
  }
}
