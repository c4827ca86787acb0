public import DCMCApplication

/// The file store's history chain: each event's own checksum is its record's CRC-32C (of its
/// header and payload, the one its line stores), which a log's scan checks anyway, so every
/// read compares the chain for free (`History.Scan`).
extension HistoryChain {
  /// The chain over `records`, from the first.
  public init(_ records: some Sequence<HistoryRecord>) {
    self = HistoryChain.empty.extended(with: records)
  }

  /// The chain after `records`, which follow the last one this chain covers.
  public func extended(with records: some Sequence<HistoryRecord>) -> HistoryChain {
    var chain = self
    for record in records { chain.append(record.checksum, sequence: record.sequence) }
    return chain
  }
}
