import DCMCJSON

extension JSONValue.Limits {
  /// What the store's JSON may be, in records and in its other files: the size of a record's
  /// payload (16 MiB) and the default depth.
  package static let store = JSONValue.Limits(maxBytes: HistoryRecord.maximumPayloadBytes)
}
