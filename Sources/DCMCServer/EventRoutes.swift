import DCMCApplication
import DCMCCalendar
import DCMCJSON

/// `GET /api/v1/events`: the token's user's events as Server-Sent Events (SPEC section 17):
/// `offer.created`, `offer.withdrawn`, `offer.expired`, `task.assigned`, `task.unassigned`,
/// `presence.changed`,
/// each with an `id:` a reconnecting client sends back as `Last-Event-ID`.
enum EventRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/events", operationID: "streamEvents",
      summary: "the token's user's offers, assigned tasks and presence changes as Server-Sent Events",
      response: APISchemas.type("string"), media: ["text/event-stream"], respond: stream)
  ]

  private static func stream(_ request: APIRequest) throws(Problem) -> HTTPResponse {
    try stream(
      request.user ?? "", cases: request.cases, hub: request.events, lastEventID: request.http.headers["last-event-id"],
      acts: request.acts)
  }

  /// `user`'s events on `cases` (at its clock's instant) from `hub`, after `lastEventID` when
  /// given: the API's stream, and the desk's (`DeskEvents`) for a session's user. The stream
  /// ends at the first poll at which `acts` (the token's, or the session's, check) is false.
  /// A user may have `hub.streamsPerUser` streams open at once; the next is 429 with
  /// `Retry-After` the heartbeat's seconds, by when a stream whose client left is seen gone.
  static func stream(
    _ user: String, cases: CaseService, hub: EventHub, lastEventID: String?, acts: @escaping @Sendable (Instant) -> Bool
  ) throws(Problem) -> HTTPResponse {
    // Who may not list their offers (`task offers`) may not watch them.
    _ = try served { () throws(ServiceError) in try cases.offers(to: user) }
    let snapshot = try served { () throws(ServiceError) in try EventSnapshot(of: user, on: cases) }
    guard hub.enter(user) else {
      throw Problem(
        429, "too_many_streams",
        "user '\(user)' has \(hub.streamsPerUser) event streams open already; close one first",
        headers: [("Retry-After", String(EventStream.heartbeat))])
    }
    let start = hub.start(user, from: snapshot, lastEventID: lastEventID)
    let now = cases.clock.now()
    return HTTPResponse(
      status: 200,
      headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store"), ("X-Accel-Buffering", "no")],
      body: [], stream: EventStream(user: user, cases: cases, hub: hub, start: start, at: now, acts: acts))
  }
}
