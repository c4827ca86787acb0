/// How phone numbers are dialled in one region (ISO 3166 alpha-2): what `PhoneNumber` needs
/// to bring a number written the local way to E.164. Not a numbering plan: the lengths and
/// ranges of each region's numbers are not known here (`docs/customers.md`).
public struct PhoneRegion: Sendable, Hashable {
  /// `BE`: ISO 3166-1 alpha-2, upper case.
  public let code: String
  /// The country calling code, digits only: `32`.
  public let callingCode: String
  /// What a caller in the region dials before a calling code: `00`, `011` (NANP), `0011`.
  public let internationalPrefixes: [String]
  /// What a caller in the region dials before a national number and E.164 drops: `0`, `1`
  /// (NANP); empty where the leading digit belongs to the number (Italy keeps its `0`).
  public let trunkPrefixes: [String]

  init(_ code: String, _ callingCode: String, international: [String] = ["00"], trunk: [String] = ["0"]) {
    self.code = code
    self.callingCode = callingCode
    self.internationalPrefixes = international
    self.trunkPrefixes = trunk
  }

  /// The region `code` names (`BE`, upper case); `nil` for a region the table lacks.
  public static func named(_ code: String) -> PhoneRegion? { byCode[code] }

  /// The codes of every region known, sorted.
  public static var codes: [String] { byCode.keys.sorted() }

  private static let byCode = Dictionary(all.map { ($0.code, $0) }) { first, _ in first }

  /// The EU and EEA countries, the United Kingdom, Switzerland, the NANP (US, CA) and a few
  /// neighbours and frequent callers. Trunk prefixes as dialled in 2026.
  static let all: [PhoneRegion] = [
    // European Union
    PhoneRegion("AT", "43"), PhoneRegion("BE", "32"), PhoneRegion("BG", "359"), PhoneRegion("HR", "385"),
    PhoneRegion("CY", "357", trunk: []), PhoneRegion("CZ", "420", trunk: []), PhoneRegion("DK", "45", trunk: []),
    PhoneRegion("EE", "372", trunk: []), PhoneRegion("FI", "358", international: ["00", "990", "994", "999"]),
    PhoneRegion("FR", "33"), PhoneRegion("DE", "49"), PhoneRegion("GR", "30", trunk: []),
    PhoneRegion("HU", "36", trunk: ["06"]), PhoneRegion("IE", "353"), PhoneRegion("IT", "39", trunk: []),
    PhoneRegion("LV", "371", trunk: []), PhoneRegion("LT", "370", trunk: ["0", "8"]),
    PhoneRegion("LU", "352", trunk: []), PhoneRegion("MT", "356", trunk: []), PhoneRegion("NL", "31"),
    PhoneRegion("PL", "48", trunk: []), PhoneRegion("PT", "351", trunk: []), PhoneRegion("RO", "40"),
    PhoneRegion("SK", "421"), PhoneRegion("SI", "386"), PhoneRegion("ES", "34", trunk: []), PhoneRegion("SE", "46"),
    // EEA outside the EU
    PhoneRegion("IS", "354", trunk: []), PhoneRegion("LI", "423", trunk: []), PhoneRegion("NO", "47", trunk: []),
    // Europe outside the EEA
    PhoneRegion("GB", "44"), PhoneRegion("CH", "41"), PhoneRegion("MC", "377", trunk: []),
    PhoneRegion("AD", "376", trunk: []), PhoneRegion("SM", "378", trunk: []), PhoneRegion("TR", "90"),
    PhoneRegion("UA", "380"),
    // North American Numbering Plan
    PhoneRegion("US", "1", international: ["011"], trunk: ["1"]),
    PhoneRegion("CA", "1", international: ["011"], trunk: ["1"]),
    // Further afield
    PhoneRegion("MA", "212"), PhoneRegion("IN", "91"), PhoneRegion("JP", "81", international: ["010"]),
    PhoneRegion("AU", "61", international: ["0011"]), PhoneRegion("NZ", "64"), PhoneRegion("ZA", "27"),
  ]
}
