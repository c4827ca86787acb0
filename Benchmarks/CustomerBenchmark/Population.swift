import _DCMCTestSupport

/// The seeded customers of a generated store: customer `n` (1-based) is the same person in
/// every store and on every machine, so the benchmark knows each one's email and phone
/// without reading the store.
///
/// Names are a first and a last name drawn from common Belgian ones with a skewed spread (an
/// index drawn as `count·u²`: the first of a list several times as often as the last, as real
/// names are), so the name index has crowded prefixes ("Mar": Marie, Marc, Martine...) as well
/// as rare ones.
/// Emails are unique, in mixed case (`Marie.Peeters.17@example.be`); phones are unique
/// Belgian mobile numbers, given written as people write them (`+32 470 00 00 17`).
struct Population {
  struct Person: Sendable {
    var name: String
    var email: String
    var phone: String
    var fields: [String: String]
  }

  static let firstNames = [
    "Marie", "Jan", "Maria", "Peter", "Anne", "Marc", "Luc", "Martine", "Nathalie", "Patrick", "Sophie", "Dirk",
    "Isabelle", "Philippe", "Els", "Christine", "Michel", "Sarah", "Koen", "Julie", "Thomas", "Laura", "Tom", "Emma",
    "Bart", "Lucas", "Nicole", "Pieter", "Olivia", "Stefan", "Louise", "Wim", "Camille", "Kris", "Lotte", "Noah",
    "Ines", "Arthur", "Mila", "Jules", "Elise", "Victor", "Lena", "Hugo", "Nora", "Adam", "Zoe", "Liam", "Yasmine",
    "Mohamed", "Fatima", "Karim", "Amira", "Ahmed", "Lina", "Omar", "Xavier", "Quentin", "Ursula", "Yves",
  ]
  static let lastNames = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois",
    "Lambert", "Dupont", "Martin", "Simon", "Leroy", "Laurent", "Hermans", "Aerts", "Michiels", "Vermeulen",
    "Van Damme", "De Backer", "Declercq", "Lemmens", "Desmet", "Verstraete", "Renard", "Fontaine", "Mathieu", "Nguyen",
    "El Amrani", "Benali", "Kowalski", "Rossi", "Garcia", "Yilmaz", "Schmidt", "Muller", "Van den Broeck",
  ]
  static let domains = ["example.be", "example.com", "mail.example.org", "example.net"]
  static let segments = ["gold", "silver", "bronze", "bronze", "silver"]
  static let languages = ["nl", "fr", "en", "nl", "fr"]

  /// Customer `number` (1-based).
  static func person(_ number: Int) -> Person {
    var random = SeededGenerator(seed: UInt64(number))
    let first = firstNames[skewed(firstNames.count, &random)]
    let last = lastNames[skewed(lastNames.count, &random)]
    let domain = domains[random.below(domains.count)]
    let local = first + "." + last.replacing(" ", with: "") + "." + String(number)
    return Person(
      name: first + " " + last, email: local + "@" + domain, phone: "+32 " + mobile(number),
      fields: [
        "Segment": segments[random.below(segments.count)],
        "Language": languages[random.below(languages.count)],
      ])
  }

  /// Customer `number`'s phone as a Belgian writes it at home, without the calling code
  /// (`0470 00 00 17`): the formatting a lookup must see through.
  static func nationalPhone(_ number: Int) -> String { "0" + mobile(number) }

  /// Customer `number`'s mobile number without its leading 0 or calling code, in groups:
  /// `470 00 00 17` (numbers up to 9,999,999).
  private static func mobile(_ number: Int) -> String {
    let text = String(number % 10_000_000)
    let digits = Array(String(repeating: "0", count: 7 - text.count) + text)
    let groups = [
      String(digits[0..<1]), String(digits[1..<3]), String(digits[3..<5]), String(digits[5..<7]),
    ]
    return "47" + groups.joined(separator: " ")
  }

  /// An index in `0..<count`, `count·u²` for a uniform `u`: the first the most likely.
  private static func skewed(_ count: Int, _ random: inout SeededGenerator) -> Int {
    let uniform = Double(random.below(1 << 20)) / Double(1 << 20)
    return min(count - 1, Int(Double(count) * uniform * uniform))
  }
}
