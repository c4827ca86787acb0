/// Whether `dcmc` and SQLite give the same figures: each row SQLite prints (`key,figure,...`)
/// must be a row of the report's section in `dcmc`'s CSV with the same figures in the given
/// columns. Rows `dcmc` lists at zero for types or workbins without facts have no SQL row.
struct Agreement {
  /// A report section and where its figures are: `columns[i]` of `dcmc`'s row (0-based,
  /// the section name first, then the key) is figure `i + 1` of SQLite's row.
  struct Check {
    var report: String
    var section: String
    var columns: [Int]
  }

  static let checks = [
    Check(report: "cases", section: "per-type", columns: [2, 3, 4, 5]),
    Check(report: "closure", section: "per-type", columns: [2, 8, 9, 10]),
    Check(report: "sla", section: "per-type", columns: [2, 3]),
    Check(report: "advisors", section: "per-advisor", columns: [2, 3, 4]),
    Check(report: "service-level", section: "per-workbin", columns: [5, 6]),
  ]

  /// The differences between `dcmc`'s CSV and SQLite's rows for `check`; empty when they agree.
  static func differences(_ check: Check, dcmc: String, sqlite: String) -> [String] {
    var rows: [String: [String]] = [:]
    for line in dcmc.split(whereSeparator: \.isNewline) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if fields.count > 2, fields[0] == check.section { rows[fields[1]] = fields }
    }
    var differences: [String] = []
    let lines = sqlite.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    if lines.isEmpty { differences.append("\(check.report): sqlite gave no rows") }
    for fields in lines {
      let key = String(fields[0])
      guard let row = rows[key] else {
        differences.append("\(check.report): no row '\(key)' in dcmc's output")
        continue
      }
      let ours = check.columns.map { $0 < row.count ? row[$0] : "" }
      let theirs = fields.dropFirst().map(String.init)
      if ours != theirs {
        differences.append(
          "\(check.report) '\(key)': dcmc \(ours.joined(separator: ",")), sqlite \(theirs.joined(separator: ","))"
        )
      }
    }
    return differences
  }
}
