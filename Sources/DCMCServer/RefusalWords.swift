import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// A refusal as the staff pages show it: `Problem(error)`'s status and detail, the words the
/// CLI and the API give, with each instant the refusal quotes (`ServiceRefusal.instants`,
/// written there in ISO UTC) written as the page writes its times, in the page's zone.
struct RefusalWords {
  let status: Int
  let detail: String
  let instants: [Instant]

  init(_ error: ServiceError) {
    let problem = Problem(error)
    (status, detail) = (problem.status, problem.detail)
    if case .refused(let refusal) = error { instants = refusal.instants } else { instants = [] }
  }

  /// `detail` cut at the instants it quotes, in order: each piece of text by `text`, each
  /// instant by `time`. An instant the detail does not quote (none is expected) is skipped.
  func pieces<T>(text: (String) -> T, time: (Instant) -> T) -> [T] {
    var out: [T] = []
    var rest = detail[...]
    for instant in instants {
      guard let found = rest.firstRange(of: instant.description) else { continue }
      if found.lowerBound > rest.startIndex { out.append(text(String(rest[..<found.lowerBound]))) }
      out.append(time(instant))
      rest = rest[found.upperBound...]
    }
    if !rest.isEmpty { out.append(text(String(rest))) }
    return out
  }
}
