import DCMCJSON
import DCMCReports

/// The JSON of a report (`JSONRenderer`, `dcmc report NAME --format json`): a report, or the
/// dashboard's reports together, each a list of sections whose rows are keyed by column.
extension APISchemas {
  static let reports: [(String, JSONValue)] = [
    ("Report", members("generated_at:t report:s title:s", [("period", period), ("sections", array(of: "ReportSection"))])),
    ("Dashboard", members("generated_at:t title:s", [("period", period), ("reports", array(of: "Report"))])),
    (
      "ReportSection",
      object(
        [
          ("chart", chart),
          (
            "columns",
            array(
              object(
                [
                  ("clock", oneOf(DurationClock.allCases.map(\.rawValue))), ("key", type("string")),
                  ("kind", oneOf(["count", "duration", "instant", "percentage", "text"])), ("label", type("string")),
                ], required: ["key", "kind", "label"]))
          ),
          ("definition", type("string")), ("key", type("string")),
          ("rows", array(.object([("type", .string("object")), ("additionalProperties", cell)]))),
          ("title", type("string")),
        ], required: ["columns", "definition", "key", "rows", "title"])
    ),
  ]

  /// What the period covers: `[from, to)`, its days in `zone`.
  static let period = members("from:t to:t zone:s")

  /// A row's value: text, a count or a duration in seconds, an instant, a percentage, or `null`
  /// (nothing to show).
  static let cell = JSONValue.object([
    (
      "oneOf",
      .array([
        type("string"), type("number"), type("null"),
        members("denominator:i numerator:i", [("percent", type("number", "null"))]),
      ])
    )
  ])

  /// A section's chart: the columns it draws.
  static let chart = JSONValue.object([
    (
      "oneOf",
      .array([
        members(
          "label_column:s",
          [
            ("layout", oneOf(BarChart.Layout.allCases.map(\.rawValue))), ("type", oneOf(["bars"])),
            ("value_columns", array(type("string"))),
          ]),
        members(
          "count_column:s lower_column:s upper_column:s",
          [("markers", array(members("label:s seconds:i"))), ("type", oneOf(["histogram"]))]),
        members("label_column:s value_column:s", [("type", oneOf(["percent_bars"]))]),
      ])
    )
  ])
}
