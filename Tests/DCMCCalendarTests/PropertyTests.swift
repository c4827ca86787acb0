import DCMCCalendar
import Testing
import _DCMCTestSupport

/// Laws of business time over thousands of random calendars, starts and durations, and
/// agreement with a slow minute-by-minute model that uses Foundation's time zones.
@Suite struct PropertyTests {
  @Test func dueAgreesWithTheMinuteByMinuteModel() throws {
    var random = SeededGenerator(seed: 0xDC_CA1E_2026)
    var compared = 0
    for _ in 0..<300 {
      let model = RandomCalendar.draw(using: &random)
      let start = model.drawStart(using: &random)
      let minutes = 1 + random.below(random.below(2) == 0 ? 600 : 3000)
      guard let expected = model.slowDue(from: start, minutes: minutes) else { continue }
      compared += 1
      let found = try model.calendar.due(from: Instant(secondsSinceEpoch: start), adding: minutes * 60)
      #expect(
        found.secondsSinceEpoch == expected,
        "\(model.calendar.zone.name) \(model.week) from \(Instant(secondsSinceEpoch: start)) + \(minutes)m")
      let end = start + random.below(6 * 1440) * 60
      #expect(
        try model.calendar.businessSeconds(from: Instant(secondsSinceEpoch: start), to: Instant(secondsSinceEpoch: end))
          == model.slowBetween(start, end))
    }
    #expect(compared > 200)
  }

  @Test func lawsOfDueAndBetween() throws {
    var random = SeededGenerator(seed: 0xDC_1A35)
    for _ in 0..<3000 {
      let model = RandomCalendar.draw(using: &random)
      let calendar = model.calendar
      let start = Instant(secondsSinceEpoch: model.drawStart(using: &random) + random.below(60))
      let a = random.below(40 * 3600)
      let b = random.below(40 * 3600)
      let context = "\(calendar.zone.name) \(model.week) from \(start) + \(a)s + \(b)s"
      let dueA = try calendar.due(from: start, adding: a)
      // Adding in two steps is adding at once.
      #expect(try calendar.due(from: dueA, adding: b) == calendar.due(from: start, adding: a + b), "\(context)")
      // The business time from a start to its due time is the duration.
      #expect(try calendar.businessSeconds(from: start, to: dueA) == a, "\(context)")
      // Due never decreases when the start or the duration grows.
      let later = start.adding(seconds: random.below(3 * 86_400))
      #expect(try calendar.due(from: later, adding: a) >= dueA, "\(context) later \(later)")
      #expect(try calendar.due(from: start, adding: a + b) >= dueA, "\(context)")
      // A due time is inside an open window or at its end: the second before it is open.
      if a > 0 { #expect(try calendar.isOpen(at: dueA.adding(seconds: -1)), "\(context)") }
    }
  }
}
